"""Quote extraction for one article: rules → `Found` → resolved `QuoteSpan`s.

Order of work (each step in its own module):

1. entities and coreference over the resolver's mentions (`entities`, `coref`);
2. quoted segments from the quotation marks (`marks`), framed as direct or mixed quotes
   (`direct`);
3. reporting verbs with a clause, and "according to" phrases (`indirect`);
4. segments with no frame: absorbed into the quote that contains them, continued from the quote
   before, kept as speakerless speech, or dropped (`direct.continuation`);
5. "according to Y" next to another quote becomes a source of that quote, not a quote of its own;
6. speakers resolved and profiled, outlets noted ("wrote for Forbes"), sources chained (`cites`).

Offsets: `Quote.sentence` is the sentence where the content starts; `start`/`end` are character
offsets into that sentence's text, and `end` may run past the sentence for a quote spanning
several sentences or paragraphs (`content` is always `text[start:end]` of the article text
shifted by the sentence start).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import msgspec

from entente.quotes import cites, direct, indirect, marks, profiles, speakers
from entente.quotes import lexicon as lexicon_mod
from entente.quotes.coref import Coref
from entente.quotes.entities import Entity, EntityTable, clean_name
from entente.quotes.found import Found, QuoteMap, SegTokens, seg_tokens
from entente.quotes.lexicon import Lexicon
from entente.quotes.view import DocView
from entente.records import Cited, Mention, Quote, QuoteSpan, Speaker

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def extract(doc: Doc, mentions: list[Mention], article_id: str, *,
            published: date | None = None, lexicon: Lexicon | None = None) -> list[QuoteSpan]:
    """Every quote of a parsed article, in text order (see the module docstring)."""
    lex = lexicon or lexicon_mod.default()
    view = DocView(doc, lex)
    table = EntityTable(doc, mentions, lex)
    Coref(view, table).run()
    found = find(view)
    return build(view, table, found, article_id, published)


def find(view: DocView) -> list[Found]:
    """Steps 2 to 5: every quote the rules find, before speakers are resolved."""
    segs = [st for s in marks.segments(view.text) if (st := seg_tokens(view, s)) is not None]
    qmap = QuoteMap(view, segs)
    framed: dict[int, Found] = {}
    for n, st in enumerate(segs):
        f = direct.frame_after(view, qmap, st) or direct.frame_before(view, qmap, st)
        if f is not None:
            framed[n] = f
    found = list(framed.values())
    found += indirect.verb_quotes(view, qmap, found)
    found = _place_sources(view, qmap, found, indirect.source_phrases(view, qmap))
    found += _unframed(view, segs, framed, found)
    return _dedupe(found)


def _unframed(view: DocView, segs: list[SegTokens], framed: dict[int, Found],
              found: list[Found]) -> list[Found]:
    out: list[Found] = []
    previous: Found | None = None
    for n, st in enumerate(segs):
        if n in framed:
            previous = framed[n]
            continue
        if any(f.start <= st.open and st.end <= f.end and f.segment is not st.seg for f in found):
            continue  # part of a quote that contains it
        f = direct.continuation(view, st, previous)
        if f is not None:
            out.append(f)
            previous = f
    return out


def _place_sources(view: DocView, qmap: QuoteMap, found: list[Found],
                   phrases: list[Found]) -> list[Found]:
    """An "according to" phrase inside another quote, or in the clause of a reporting verb, is a
    source of that quote; otherwise it is a quote of its own."""
    found = list(found)
    for a in phrases:
        host = None
        for n, f in enumerate(found):
            if f.cue is None or f.source is not None:
                continue
            inside = f.start <= a.cue < f.end  # type: ignore[operator]
            same_clause = qmap.start_of_clause(f.cue) == qmap.start_of_clause(a.cue)  # type: ignore[arg-type]
            narrower = host is None or found[host].end - found[host].start > f.end - f.start
            if (inside or same_clause) and narrower:
                host = n
        if host is None:
            found.append(a)
        else:
            h = found[host]
            found[host] = msgspec.structs.replace(h, extra_cites=(*h.extra_cites, a.source))
    return found


def _dedupe(found: list[Found]) -> list[Found]:
    """One quote per content span and per cue (direct readings win over indirect ones)."""
    best: dict[tuple[int, int], Found] = {}
    for f in found:
        key = (f.start, f.end)
        if key not in best or (f.direct and not best[key].direct):
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.start, f.end))


# -- building records ---------------------------------------------------------------------


def build(view: DocView, table: EntityTable, found: list[Found], article_id: str,
          published: date | None) -> list[QuoteSpan]:
    """Resolve speakers and sources and assemble the `QuoteSpan`s (steps 6)."""
    who = [_speaker_entity(view, table, f) for f in found]
    for f, (_, entity) in zip(found, who, strict=True):
        if entity is not None and f.cue is not None and f.frame is not None:
            profiles.note_outlet(view, entity, f.cue, *f.frame)
    out: list[QuoteSpan] = []
    for index, (f, (subject, _)) in enumerate(zip(found, who, strict=True)):
        resolved = speakers.resolve(view, table, subject) if subject is not None else None
        speaker = _named(view, subject, resolved.speaker) if resolved and subject else None
        outer = _first_person_outer(view, f, out)
        mention = resolved.mention if resolved else None
        if outer is not None and outer.quote.speaker is not None and speaker is not None:
            # "we told him" inside her quote is her
            speaker = msgspec.structs.replace(outer.quote.speaker, text=speaker.text)
            mention = outer.speaker
        quote = _quote(view, f, f"{article_id}:q{index}", speaker,
                       _cites(view, table, f, published))
        out.append(QuoteSpan(index=index, quote=quote, content_start=f.start, content_end=f.end,
                             speaker=mention, cue_token=f.cue))
    return out


def _first_person_outer(view: DocView, f: Found, done: list[QuoteSpan]) -> QuoteSpan | None:
    """For a quote whose speaker is "I"/"we" inside a direct quote: that direct quote."""
    if f.subject is None or f.cue is None:
        return None
    p = view.lex.pronouns.get(view.doc[f.subject.head].lower_)
    if p is None or p.person != 1:
        return None
    for s in reversed(done):
        if s.quote.direct and s.quote.speaker is not None and \
                s.content_start <= f.cue < s.content_end:
            return s
    return None


def _speaker_entity(view: DocView, table: EntityTable,
                    f: Found) -> tuple[speakers.Subject | None, Entity | None]:
    subject = f.subject
    if f.source is not None:  # according to a report by Y: Y speaks
        _, author = cites.source(view, table, f.source, view.clause_end(f.source[0]), None)
        if author is not None:
            subject = speakers.Subject(start=author[0], end=author[1],
                                       head=speakers.head_of(view, *author))
    if subject is None:
        return None, None
    return subject, speakers.find_entity(view, table, subject)[1]


def _named(view: DocView, subject: speakers.Subject, speaker: Speaker) -> Speaker:
    """An unresolved speaker written as a proper name still gets that name."""
    if speaker.name is None and view.is_name(view.doc[subject.head]):
        name = clean_name(speaker.text, view.lex)
        return msgspec.structs.replace(speaker, name=name or None)
    return speaker


def _cites(view: DocView, table: EntityTable, f: Found, published: date | None) -> list[Cited]:
    out: list[Cited] = []
    if f.frame is not None:
        lo, hi = f.frame
        lo = min(lo, view.clause_start(f.cue if f.cue is not None else lo))
        for start in cites.citing_starts(view, lo, hi, (f.start, f.end)):
            out += cites.chain(view, table, start, view.clause_end(start), published)
    for np in f.extra_cites:
        cited, _ = cites.source(view, table, np, view.clause_end(np[0]), published)
        if cited is not None:
            out.append(cited)
    return out


def _quote(view: DocView, f: Found, qid: str, speaker: Speaker | None,
           cited: list[Cited]) -> Quote:
    doc = view.doc
    sent = view.sent_index(f.start)
    base = view.sents[sent].start_char
    char_start = doc[f.start].idx
    char_end = doc[f.end - 1].idx + len(doc[f.end - 1])
    cue = None
    if f.cue is not None:
        cue = view.text_of(f.cue, f.cue_end if f.cue_end is not None else f.cue + 1)
    return Quote(id=qid, sentence=sent, speaker=speaker, cites=cited, cue=cue,
                 content=view.text[char_start:char_end], direct=f.direct,
                 start=char_start - base, end=char_end - base)
