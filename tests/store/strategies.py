"""Hypothesis strategies for arbitrary contract records (any optional field absent or present)."""

from __future__ import annotations

from hypothesis import strategies as st

from entente.records import (
    Actor,
    ActorMention,
    ArticleRecord,
    Attribution,
    Cited,
    Event,
    Evidence,
    Location,
    Plover,
    Quote,
    Speaker,
)

text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)
maybe = lambda s: st.none() | s  # noqa: E731
small = st.integers(min_value=0, max_value=100_000)
real = st.floats(allow_nan=False, allow_infinity=False, width=64)
codes = st.sampled_from(["010", "042", "043", "057", "0831", "111", "138", "173", "190", "19"])
keys = st.sampled_from(["TUR", "AZE", "ARM", "RUS", "NATO", None])


@st.composite
def actors(draw) -> Actor:
    key = draw(keys)
    return Actor(text=draw(text), name=draw(maybe(text)), code=draw(maybe(text)),
                 country=key if key and len(key) == 3 else draw(maybe(text)),
                 org=key if key == "NATO" else draw(maybe(text)), role=draw(maybe(text)),
                 id=draw(maybe(text)))


dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()),
                  st.dates().map(lambda d: d.isoformat()[:7]), text)


@st.composite
def events(draw, article_id: str, sentence: int, n: int) -> Event:
    cameo = draw(codes)
    return Event(
        id=f"{article_id}:{sentence}:{n}", sentence=sentence, text=draw(text),
        source=draw(maybe(actors())), target=draw(maybe(actors())), cameo=cameo,
        root=cameo[:2], quad_class=draw(st.integers(1, 4)), goldstein=draw(real),
        plover=Plover(type=draw(maybe(text)), mode=draw(maybe(text))),
        modality=draw(st.sampled_from(["asserted", "negated", "hypothetical"])),
        date=draw(dates), date_from=draw(st.sampled_from([None, "text", "published"])),
        location=draw(maybe(st.builds(Location, name=text, country=maybe(text),
                                      lat=maybe(real), lon=maybe(real)))),
        attribution=draw(maybe(st.builds(Attribution, speaker=maybe(text),
                                         cites=st.lists(text, max_size=3),
                                         quote=maybe(small)))),
        evidence=Evidence(trigger=draw(text), start=draw(small), end=draw(small),
                          rule=draw(text)),
        confidence=draw(real), reciprocal=draw(st.booleans()))


@st.composite
def records(draw, article_id: str | None = None) -> ArticleRecord:
    aid = article_id or draw(st.text(alphabet="abcdefgh0123456789-/", min_size=1, max_size=12))
    body = draw(st.lists(text, min_size=0, max_size=4))
    full, spans = "", []
    for i, s in enumerate(body):
        full += "\n\n" if i == 1 else (" " if i else "")
        spans.append((len(full), len(full) + len(s)))
        full += s
    n_sent = max(1, len(body))
    evs = [draw(events(aid, draw(st.integers(0, n_sent)), n)) for n in range(draw(
        st.integers(0, 4)))]
    quotes = [Quote(id=f"{aid}:q{i}", sentence=draw(small),
                    speaker=draw(maybe(st.builds(Speaker, text=text, name=maybe(text),
                                                 role=maybe(text), org=maybe(text)))),
                    cites=draw(st.lists(st.builds(Cited, name=text, role=maybe(text),
                                                  org=maybe(text), kind=maybe(text),
                                                  date=maybe(text)), max_size=2)),
                    cue=draw(maybe(text)), content=draw(text), direct=draw(st.booleans()),
                    start=draw(small), end=draw(small)) for i in range(draw(st.integers(0, 2)))]
    mentions = draw(st.lists(st.builds(ActorMention, text=text, name=maybe(text),
                                       country=maybe(text), sentence=small, start=small,
                                       end=small), max_size=3))
    return ArticleRecord(
        article_id=aid, title=draw(maybe(text)), url=draw(maybe(text)),
        source=draw(maybe(text)), published=draw(dates), language=draw(maybe(text)),
        removed_boilerplate=draw(st.lists(text, max_size=2)), events=evs, quotes=quotes,
        actors=mentions, text=full, sentences=spans, author=draw(maybe(text)),
        content_hash=draw(maybe(text)), entente_version=draw(maybe(text)),
        kb_version=draw(maybe(text)), lexicon_version=draw(maybe(text)),
        model_version=draw(maybe(text)))


def record_batches(max_size: int = 6):
    """Lists of records with distinct article ids."""
    return st.lists(records(), max_size=max_size, unique_by=lambda r: r.article_id)
