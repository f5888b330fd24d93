"""Invariants of quote extraction on random token soup (hypothesis): it never raises, quote
offsets point into the text, ids follow text order, and spans stay inside the Doc."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from entente.quotes import coref, extract

TOKENS = ["“/``", "”/''", '"/``', "‘/``", "’/''", ",/,", "./.", ":/:", "¶", "said/VBD/say",
          "told/VBD/tell", "according/VBG/accord", "to/IN", "citing/VBG/cite", "that/IN",
          "she/PRP", "he/PRP", "it/PRP", "they/PRP", "their/PRP$", "the/DT", "two/CD",
          "countries/NNS/country", "minister/NN", "Maria/NNP", "Lopez/NNP", "Iddon/NNP",
          "Turkey/NNP", "army/NN", "report/NN", "published/VBN/publish", "in/IN", "June/NNP",
          "will/MD", "win/VB", "was/VBD/be", "fair/JJ", "and/CC", "added/VBD/add", "itself/PRP"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40))
def test_extraction_invariants(tagged: Callable[[str], Doc], words: list[str]) -> None:
    if words[0] == "¶":
        words = words[1:] or ["said/VBD/say"]
    doc = tagged(" ".join(words))
    spans = extract(doc, [], "p")
    sents = list(doc.sents)
    assert [s.quote.id for s in spans] == [f"p:q{n}" for n in range(len(spans))]
    for s in spans:
        q = s.quote
        assert 0 <= s.content_start < s.content_end <= len(doc)
        assert 0 <= q.start <= q.end
        base = sents[q.sentence].start_char
        assert doc.text[base + q.start:base + q.end] == q.content
        assert s.cue_token is None or 0 <= s.cue_token < len(doc)
        assert q.speaker is None or q.speaker.text
    for m in coref.resolve(doc, []):
        assert 0 <= m.start < m.end <= len(doc) and doc.text[m.char_start:m.char_end] == m.actor.text
