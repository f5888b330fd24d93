"""Headlines: a normalised copy of the headline paragraph, re-parsed, for a parser trained on
full sentences.

Headline grammar trips small parsers: a bare present-tense verb reads as a plural noun
("Congo *expels* Rwanda's ambassador"), comma coordination reads as apposition or vocative
("*Armenia, Azerbaijan* hold talks"), Title Case makes every word a proper noun. The coder
therefore also codes normalised copies of the headline paragraph (`variants`), each parsed with
the same pipeline, and keeps the reading that gives the best-supported events (`score`):

* `plain`: comma-listed actors become a coordination ("Armenia and Azerbaijan hold"), Title Case
  words outside names are lower-cased, and a full stop ends the headline;
* `did`: the same, with the headline verb made unambiguous by do-support ("Congo did expel
  Rwanda's ambassador", "Armenia and Azerbaijan did hold talks"): a bare or -s form of a lexicon
  verb right after a noun phrase.

Every variant keeps a character map to the original text, so events coded on it carry evidence
offsets into the original headline (`Variant.original`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import msgspec

from entente.events import syntax as sx
from entente.records import Event, Mention

__all__ = ["Variant", "headline_sentences", "map_event", "renumber", "support", "variants"]

MAX_TOKENS = 30
FINAL = (".", "?", "!", "…")
QUOTES = "\"'”’»"
SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for",
                         "by", "with", "from", "as", "over", "after", "amid", "into", "against"})


class Edit(NamedTuple):
    start: int  # character offsets in the original text
    end: int
    text: str


class Variant(NamedTuple):
    name: str
    text: str            # the normalised headline paragraph
    offsets: list[int]   # offsets[i]: original character of the variant's character i
    base: int            # where the paragraph starts in the original doc

    def original(self, start: int, end: int) -> tuple[int, int]:
        """A variant character span as a span of the original doc (absolute offsets)."""
        if not self.offsets:
            return self.base, self.base
        a = self.offsets[min(max(start, 0), len(self.offsets) - 1)]
        b = self.offsets[min(max(end - 1, 0), len(self.offsets) - 1)] + 1
        return self.base + a, self.base + max(a, b)


def headline_sentences(doc: Any) -> int:
    """How many sentences the headline paragraph spans (0 when the text starts with no
    headline). A headline is a first paragraph of at most MAX_TOKENS tokens that does not end
    like a sentence (no full stop, question or exclamation mark)."""
    text = doc.text
    brk = text.find("\n\n")
    end = len(text.rstrip()) if brk < 0 else brk
    first = text[:end].rstrip()
    if not first or first.rstrip(QUOTES).endswith(FINAL):
        return 0
    n = 0
    count = 0
    for sent in doc.sents:
        if sent.start_char >= end:
            break
        n += 1
        count += len(sent)
    return n if 0 < count <= MAX_TOKENS + 2 else 0


def variants(doc: Any, n_sents: int, mentions: Sequence[Mention],
             verbs: frozenset[str], past: dict[str, str] | None = None) -> list[Variant]:
    """The normalised copies of the headline paragraph (the first `n_sents` sentences)."""
    sents = list(doc.sents)[:n_sents]
    if not sents:
        return []
    tokens = [t for s in sents for t in s if not t.is_space]
    if not tokens:
        return []
    base = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    text = doc.text[base:end]
    named = {i for m in mentions for i in range(m.start, m.end)}
    common = _coordinations(tokens, mentions) + _title_case(tokens, named)
    final = [] if text.rstrip(QUOTES).endswith(FINAL) else [Edit(end, end, ".")]
    out = []
    plain = _apply(text, base, common + final)
    out.append(Variant("plain", *plain, base))
    verb = _headline_verb(tokens, named, verbs)
    if verb is not None:  # listed first: it wins over a Title Case edit of the same word
        t, lemma = verb
        did = Edit(t.idx, t.idx + len(t.text), f"did {lemma}")
        out.append(Variant("did", *_apply(text, base, [did, *common, *final]), base))
        ed = Edit(t.idx, t.idx + len(t.text), past_tense(lemma, past or {}))
        out.append(Variant("past", *_apply(text, base, [ed, *common, *final]), base))
    return out


def _coordinations(tokens: list[Any], mentions: Sequence[Mention]) -> list[Edit]:
    """ "X, Y verb" → "X and Y verb": in a run of comma-listed actors that ends with no "and",
    the last comma becomes one ("X, Y, Z" → "X, Y and Z")."""
    by_start = {m.start: m for m in mentions}
    ends = {m.end for m in mentions}
    doc = tokens[0].doc
    limit = tokens[-1].i + 1

    def listing(i: int) -> bool:
        return i < limit and doc[i].text == "," and i in ends and i + 1 in by_start

    edits: list[Edit] = []
    done: set[int] = set()
    for t in tokens:
        if t.i in done or not listing(t.i):
            continue
        last = t
        while True:
            done.add(last.i)
            after = by_start[last.i + 1].end
            if not listing(after):
                break
            last = doc[after]
        after = by_start[last.i + 1].end
        if after >= limit or doc[after].lower_ not in ("and", "&", "or"):
            edits.append(Edit(last.idx, last.idx + 1, " and"))
    return edits


def _inside(i: int, mentions: Sequence[Mention]) -> bool:
    return any(m.start <= i < m.end for m in mentions)


def _title_case(tokens: list[Any], named: set[int]) -> list[Edit]:
    """Title Case ("Congo Expels Rwanda's Ambassador"): lower-case the capitalised words that
    are not part of an actor or a named entity."""
    words = [t for t in tokens[1:] if t.is_alpha and len(t.text) > 3]
    if len(words) < 3 or sum(t.text[:1].isupper() for t in words) < 0.6 * len(words):
        return []
    ents = {i for e in getattr(tokens[0].doc, "ents", ()) for i in range(e.start, e.end)}
    out = []
    for t in tokens[1:]:
        proper = t.i in named or t.i in ents
        small = t.lower_ in SMALL_WORDS
        if t.is_alpha and t.text[:1].isupper() and not t.text.isupper() and (small or not proper):
            out.append(Edit(t.idx, t.idx + len(t.text), t.text.lower()))
    return out


def _headline_verb(tokens: list[Any], named: set[int],
                   verbs: frozenset[str]) -> tuple[Any, str] | None:
    """The headline's verb and its lemma: the first bare or -s form of a lexicon verb right
    after a noun phrase that agrees with it in number ("Congo *expels*", "Armenia, Azerbaijan
    *hold*", "generals *sign*"; not "Israel *strike* kills"), unless it is an -s form followed
    by a bare one ("US *strikes* kill 10": the first is a noun)."""
    cands = []
    for k, t in enumerate(tokens):
        if k == 0 or not t.is_alpha or t.i in named:
            continue
        lemma = _verb_base(t.lower_, verbs)
        if lemma is None:
            continue
        prev = tokens[k - 1]
        if not (prev.i in named or prev.pos_ in ("NOUN", "PROPN") or prev.tag_.startswith("NN")):
            continue
        bare = t.lower_ == lemma
        if bare != _plural_subject(tokens, k - 1, named):
            continue
        cands.append((k, t, lemma, bare))
    for n, (k, t, lemma, bare) in enumerate(cands):
        if not bare and n + 1 < len(cands) and cands[n + 1][0] == k + 1 and cands[n + 1][3]:
            continue
        return t, lemma  # the first clause's verb; later clauses parse as they are
    return None


def _plural_subject(tokens: list[Any], k: int, named: set[int]) -> bool:
    """Is the noun phrase ending at tokens[k] plural: a plural noun, or names coordinated by
    "and" or a comma ("Armenia, Azerbaijan")? A name is singular ("Philippines", "US")."""
    last = tokens[k]
    j = k
    while j > 0 and (tokens[j - 1].i in named or tokens[j - 1].pos_ in ("PROPN", "ADJ")
                     or tokens[j - 1].tag_.startswith("NN")
                     or tokens[j - 1].lower_ in (",", "and", "&")):
        j -= 1
        if tokens[j].lower_ in (",", "and", "&") and j > 0:
            return True
    return last.i not in named and last.tag_ in ("NNS", "NNPS")


def past_tense(lemma: str, irregular: dict[str, str]) -> str:
    """The simple past of a verb: `irregular` (lemma → past) first, then the spelling rules
    (agree → agreed, deny → denied, ban → banned, expel → expelled)."""
    if lemma in irregular:
        return irregular[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    vowels = "aeiou"
    cvc = (len(lemma) >= 3 and lemma[-1] not in vowels + "wxy" and lemma[-2] in vowels
           and lemma[-3] not in vowels)
    if cvc and (len(lemma) <= 4 or lemma.endswith("el")):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _verb_base(word: str, verbs: frozenset[str]) -> str | None:
    """The lexicon verb that `word` is the bare or third-person -s form of."""
    if word in verbs and not word.endswith("ed"):
        return word
    if word.endswith("s") and not word.endswith("ss"):
        for b in sx.base_forms(word):
            if b in verbs:
                return b
    return None


def _apply(text: str, base: int, edits: list[Edit]) -> tuple[str, list[int]]:
    """The text with `edits` applied (original offsets), and the variant → original map."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        s, t = e.start - base, e.end - base
        if s < pos:
            continue  # overlapping edits: the first one wins
        out.append(text[pos:s])
        offsets.extend(range(pos, s))
        out.append(e.text)
        if t - s == len(e.text):  # same length (case change): one to one
            offsets.extend(range(s, t))
        elif t == s:  # an insertion stands at the character before it
            offsets.extend([max(s - 1, 0)] * len(e.text))
        else:  # a replacement spans the original words: first char to start, last to end
            offsets.extend([s] * (len(e.text) - 1) + [t - 1])
        pos = t
    out.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    return "".join(out), offsets


# -- coding a re-parsed headline ---------------------------------------------------------------
def support(events: Sequence[Event]) -> float:
    """How well a reading of a headline is supported: political sides found, then confidence."""
    return sum(_political(e.source) + _political(e.target) + e.confidence / 10 for e in events)


def _political(a: Any) -> int:
    return int(a is not None and bool(a.country or a.org))


def map_event(ev: Event, vdoc: Any, v: Variant, sents: list[Any]) -> Event | None:
    """An event coded on a normalised headline, with its sentence and evidence offsets moved
    into the original text."""
    vsent = list(vdoc.sents)[ev.sentence]
    start, end = v.original(vsent.start_char + ev.evidence.start, vsent.start_char + ev.evidence.end)
    for n, sent in enumerate(sents):
        if sent.start_char <= start < sent.end_char:
            a, b = start - sent.start_char, min(end, sent.end_char) - sent.start_char
            evidence = msgspec.structs.replace(ev.evidence, start=a, end=b, trigger=sent.text[a:b])
            return msgspec.structs.replace(ev, sentence=n, text=sent.text, evidence=evidence)
    return None


def renumber(events: list[Event], article_id: str) -> list[Event]:
    """Event ids in the article's scheme (`article:sentence:n`) after the headline reading."""
    count: dict[int, int] = {}
    out = []
    for ev in events:
        k = count.get(ev.sentence, 0)
        count[ev.sentence] = k + 1
        out.append(msgspec.structs.replace(ev, id=f"{article_id}:{ev.sentence}:{k}"))
    return out
