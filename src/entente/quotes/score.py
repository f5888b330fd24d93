"""Scoring quote extraction against gold cases (tests/gold/quotes_*.jsonl).

Gold case (one JSON line):
    {"id": "d001", "tags": ["direct", "after"], "text": "...", "published": "2023-05-17",
     "quotes": [{"speaker": "Maria Lopez", "speaker_alt": ["..."], "cue": "said",
                 "content": "<exact substring of text>", "direct": true,
                 "cites": [{"name": "...", "kind": "publication", "date": "2023-03"}],
                 "role": "foreign minister", "org": "..."}]}
A case with no quotes says that nothing in its text is a quote (scare quotes, titles, names).

Measures (all micro-averaged over every quote of every case):

* words: a content is the set of word positions (`\\w+` runs) of the article text lying inside
  its span; punctuation and quotation marks never count.
* matching: gold and predicted quotes of a case are paired one to one, greedily by the number
  of words they share (pairs sharing no word are never matched).
* content overlap: precision = shared words of matched pairs / words of all predicted quotes,
  recall = shared words / words of all gold quotes, F1 their harmonic mean (the "soft" overlap of
  attribution work such as PARC/PolNeAR). A predicted scare quote costs its words in precision.
* speaker: a matched pair counts when the predicted speaker's `name` or `text` equals the gold
  speaker or one of its alternatives after normalisation (case, leading article, possessive,
  punctuation), or both are null; precision over all predicted quotes, recall over all gold ones.
* cue: the same, comparing cue strings case-insensitively.
* detection: matched pairs over predicted / gold quotes.
* cites: names of the sources of matched pairs (normalised), as sets; kind and date are compared
  on the matched sources that the gold gives them for.
* role / org: exact match (normalised) on matched pairs whose gold gives them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import msgspec

WORD = re.compile(r"\w+")
PUNCT = re.compile(r"[^\w\s-]")


class GoldCite(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    kind: str | None = None
    date: str | None = None
    org: str | None = None


class GoldQuote(msgspec.Struct, frozen=True, kw_only=True):
    speaker: str | None
    cue: str | None
    content: str
    direct: bool = False
    speaker_alt: list[str] = msgspec.field(default_factory=list)
    cites: list[GoldCite] = msgspec.field(default_factory=list)
    role: str | None = None
    org: str | None = None


class GoldCase(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    text: str
    quotes: list[GoldQuote]
    tags: list[str] = msgspec.field(default_factory=list)
    published: str | None = None


class Predicted(msgspec.Struct, frozen=True, kw_only=True):
    """A predicted quote in article character offsets (what the scorer needs of a `Quote`)."""

    start: int
    end: int
    speaker_name: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    direct: bool = False
    cites: list[GoldCite] = msgspec.field(default_factory=list)
    role: str | None = None
    org: str | None = None


def load_gold(path: str | Path) -> list[GoldCase]:
    """Read a gold file (one case per line; blank lines skipped)."""
    dec = msgspec.json.Decoder(GoldCase)
    lines = Path(path).read_bytes().splitlines()
    return [dec.decode(line) for line in lines if line.strip()]


def norm(text: str | None) -> str:
    """Normalised name for comparisons (see the module docstring)."""
    if not text:
        return ""
    t = re.sub(r"(’s|'s)$", "", text.strip().casefold())
    t = " ".join(PUNCT.sub("", t).split())
    return re.sub(r"^(the|a|an) ", "", t)


def words_in(text: str, start: int, end: int) -> frozenset[int]:
    """Start positions of the words lying wholly inside [start, end)."""
    return frozenset(m.start() for m in WORD.finditer(text, start, end) if m.end() <= end)


class Counts(msgspec.Struct, kw_only=True):
    """Running totals; `report()` turns them into precision, recall and F1."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    speaker_tp: int = 0
    cue_tp: int = 0
    direct_ok: int = 0
    gold_words: int = 0
    pred_words: int = 0
    shared_words: int = 0
    cite_tp: int = 0
    cite_gold: int = 0
    cite_pred: int = 0
    cite_kind: list[int] = msgspec.field(default_factory=lambda: [0, 0])
    cite_date: list[int] = msgspec.field(default_factory=lambda: [0, 0])
    role: list[int] = msgspec.field(default_factory=lambda: [0, 0])
    org: list[int] = msgspec.field(default_factory=lambda: [0, 0])
    errors: list[str] = msgspec.field(default_factory=list)

    def report(self) -> dict[str, float]:
        def f1(tp: float, p: float, g: float) -> float:
            prec, rec = (tp / p if p else 1.0), (tp / g if g else 1.0)
            return 2 * prec * rec / (prec + rec) if prec + rec else 0.0

        def frac(pair: list[int]) -> float:
            return pair[0] / pair[1] if pair[1] else 1.0

        return {
            "cases_quotes_gold": self.gold, "quotes_pred": self.pred,
            "detection_f1": f1(self.matched, self.pred, self.gold),
            "speaker_precision": self.speaker_tp / self.pred if self.pred else 1.0,
            "speaker_recall": self.speaker_tp / self.gold if self.gold else 1.0,
            "speaker_f1": f1(self.speaker_tp, self.pred, self.gold),
            "cue_f1": f1(self.cue_tp, self.pred, self.gold),
            "content_precision": self.shared_words / self.pred_words if self.pred_words else 1.0,
            "content_recall": self.shared_words / self.gold_words if self.gold_words else 1.0,
            "content_f1": f1(self.shared_words, self.pred_words, self.gold_words),
            "direct_accuracy": self.direct_ok / self.matched if self.matched else 1.0,
            "cites_f1": f1(self.cite_tp, self.cite_pred, self.cite_gold),
            "cite_kind_accuracy": frac(self.cite_kind), "cite_date_accuracy": frac(self.cite_date),
            "role_accuracy": frac(self.role), "org_accuracy": frac(self.org),
        }


def score_case(case: GoldCase, predicted: Iterable[Predicted], counts: Counts) -> None:
    """Add one case's comparison to `counts` (and a line to `counts.errors` per mistake)."""
    text, preds = case.text, list(predicted)
    gold_words = [words_in(text, s, s + len(q.content)) for q in case.quotes
                  for s in [text.find(q.content)]]
    pred_words = [words_in(text, p.start, p.end) for p in preds]
    counts.gold += len(case.quotes)
    counts.pred += len(preds)
    counts.gold_words += sum(map(len, gold_words))
    counts.pred_words += sum(map(len, pred_words))
    pairs = _match(gold_words, pred_words)
    for gi, pi in pairs:
        shared = len(gold_words[gi] & pred_words[pi])
        _score_pair(case, case.quotes[gi], preds[pi], shared, counts)
        if shared < len(gold_words[gi]) or shared < len(pred_words[pi]):
            got = text[preds[pi].start:preds[pi].end]
            counts.errors.append(f"{case.id}: content {got[:70]!r} != {case.quotes[gi].content[:70]!r}")
    for gi in set(range(len(case.quotes))) - {g for g, _ in pairs}:
        counts.errors.append(f"{case.id}: missed {case.quotes[gi].content[:60]!r}")
    for pi in set(range(len(preds))) - {p for _, p in pairs}:
        counts.errors.append(f"{case.id}: spurious {text[preds[pi].start:preds[pi].end][:60]!r}")


def _match(gold: list[frozenset[int]], pred: list[frozenset[int]]) -> list[tuple[int, int]]:
    cand = sorted(((len(g & p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                   if g & p), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in cand:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _score_pair(case: GoldCase, g: GoldQuote, p: Predicted, shared: int, counts: Counts) -> None:
    counts.matched += 1
    counts.shared_words += shared
    accepted = {norm(g.speaker), *(norm(a) for a in g.speaker_alt)} if g.speaker else {""}
    got = {norm(p.speaker_name), norm(p.speaker_text)} if (p.speaker_name or p.speaker_text) else {""}
    if accepted & got:
        counts.speaker_tp += 1
    else:
        counts.errors.append(f"{case.id}: speaker {p.speaker_name or p.speaker_text!r} != {g.speaker!r}")
    if norm(g.cue) == norm(p.cue):
        counts.cue_tp += 1
    else:
        counts.errors.append(f"{case.id}: cue {p.cue!r} != {g.cue!r}")
    counts.direct_ok += g.direct == p.direct
    if g.direct != p.direct:
        counts.errors.append(f"{case.id}: direct {p.direct} != {g.direct}")
    _score_cites(case.id, g, p, counts)
    for field, pair in (("role", counts.role), ("org", counts.org)):
        want = getattr(g, field)
        if want:
            pair[1] += 1
            pair[0] += norm(want) == norm(getattr(p, field))
            if norm(want) != norm(getattr(p, field)):
                counts.errors.append(f"{case.id}: {field} {getattr(p, field)!r} != {want!r}")


def _score_cites(case_id: str, g: GoldQuote, p: Predicted, counts: Counts) -> None:
    gold = {norm(c.name): c for c in g.cites}
    pred = {norm(c.name): c for c in p.cites}
    counts.cite_gold += len(gold)
    counts.cite_pred += len(pred)
    if gold.keys() != pred.keys():
        counts.errors.append(f"{case_id}: cites {sorted(pred)} != {sorted(gold)}")
    for name in gold.keys() & pred.keys():
        counts.cite_tp += 1
        gc, pc = gold[name], pred[name]
        if gc.kind:
            counts.cite_kind[1] += 1
            counts.cite_kind[0] += gc.kind == pc.kind
        if gc.date:
            counts.cite_date[1] += 1
            counts.cite_date[0] += gc.date == pc.date


def predicted(doc: object, spans: Iterable[object]) -> list[Predicted]:
    """The scorer's view of extracted `QuoteSpan`s (article character offsets)."""
    out = []
    for s in spans:
        q = s.quote  # type: ignore[attr-defined]
        first, last = doc[s.content_start], doc[s.content_end - 1]  # type: ignore[index, attr-defined]
        sp = q.speaker
        out.append(Predicted(
            start=first.idx, end=last.idx + len(last), cue=q.cue, direct=q.direct,
            speaker_name=sp.name if sp else None, speaker_text=sp.text if sp else None,
            role=sp.role if sp else None, org=sp.org if sp else None,
            cites=[GoldCite(name=c.name, kind=c.kind, date=c.date, org=c.org) for c in q.cites]))
    return out


def evaluate(cases: Iterable[GoldCase], engine: object) -> Counts:
    """Run the engine's parser, actor resolver and the quote extractor on every gold case."""
    from entente.ingest import make_article
    from entente.quotes import quotes_for_article

    counts = Counts()
    for case in cases:
        article = make_article(id=case.id, text=case.text, published=case.published)
        doc, spans = quotes_for_article(engine, article)
        score_case(case, predicted(doc, spans), counts)
    return counts
