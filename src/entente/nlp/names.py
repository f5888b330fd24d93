"""Find gazetteer names in a Doc by their characters, without building spaCy lexemes.

spaCy's PhraseMatcher needs every name tokenized into a Doc first, which creates a lexeme for each
new word: for the knowledge base's ~7,000 names that alone takes one to two seconds, too slow for
`entente.nlp.load()`. This matcher indexes the names by their first few characters and checks, at
each token start, which names the text continues with; a match counts only when it starts and
ends on token boundaries and is not followed by a letter or digit. Case-sensitive, like ORTH.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from entente.nlp.gazetteer import Name

KEY = 4  # names are indexed by their first KEY characters (shorter names by all of theirs)


class NameMatcher:
    def __init__(self, names: Iterable[Name]) -> None:
        self.index: dict[str, list[Name]] = {}
        for n in names:
            self.index.setdefault(n.text[:KEY], []).append(n)
        for bucket in self.index.values():
            bucket.sort(key=lambda n: -len(n.text))  # longest first
        self.key_lengths = sorted({len(k) for k in self.index})
        self.first_chars = frozenset(k[0] for k in self.index if k)

    def __len__(self) -> int:
        return sum(len(b) for b in self.index.values())

    def __call__(self, doc: Doc) -> Iterator[tuple[int, int, Name]]:
        """(start token, end token, name) for every match, longest first at each start."""
        text = doc.text
        # token offsets from one array call: no Token objects for the ~99% of tokens that start
        # no name
        offsets = doc.to_array(["IDX", "LENGTH"]).tolist()
        ends = {idx + n: i + 1 for i, (idx, n) in enumerate(offsets)}
        first = self.first_chars
        for i, (start, _) in enumerate(offsets):
            if text[start] not in first:
                continue
            for length in self.key_lengths:
                for name in self.index.get(text[start:start + length], ()):
                    end = start + len(name.text)
                    if end in ends and text.startswith(name.text, start) and not (
                            end < len(text) and text[end].isalnum()):
                        yield i, ends[end], name
