"""Read CoNLL-U treebanks (UD English EWT, GUM) and UNER IOB2 files into plain Python records.

Only the standard library: the converter (convert.py) turns these records into spaCy Docs. Kept
apart so the evaluation script can read the same gold sentences without spaCy in the loop.

A sentence keeps its syntactic words (the parts of a multi-word token such as "do" + "n't"), since
spaCy's English tokenizer splits those the same way; the `SpaceAfter=No` of a range line goes to its
last part. Empty nodes (ids like "8.1", enhanced-graph copies) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 0-based index in the sentence, -1 for the root
    deprel: str
    space: bool
    misc: str


@dataclass
class Sentence:
    sent_id: str
    doc_id: str
    new_par: bool
    words: list[Word] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)


def _blocks(path: Path) -> Iterator[list[str]]:
    block: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line:
                block.append(line)
            elif block:
                yield block
                block = []
    if block:
        yield block


def _misc_has(misc: str, key: str) -> bool:
    return any(part == key for part in misc.split("|"))


def _parse_words(rows: list[list[str]]) -> list[Word]:
    no_space_after: set[str] = set()  # ids of the last part of a range marked SpaceAfter=No
    ids = [r[0] for r in rows if r[0].isdigit()]
    index = {wid: i for i, wid in enumerate(ids)}
    words: list[Word] = []
    for r in rows:
        wid = r[0]
        if "-" in wid:
            if _misc_has(r[9], "SpaceAfter=No"):
                no_space_after.add(wid.split("-")[1])
            continue
        if not wid.isdigit():
            continue
        head = int(r[6]) if r[6].isdigit() else 0
        words.append(Word(
            form=r[1], lemma=r[2], upos=r[3], xpos=r[4], feats=r[5],
            head=index[r[6]] if head else -1, deprel=r[7],
            space=not _misc_has(r[9], "SpaceAfter=No"), misc=r[9],
        ))
    # range lines: only the last part carries the space; the inner parts never do
    for r in rows:
        if "-" in r[0]:
            first, last = (int(x) for x in r[0].split("-"))
            for k in range(first, last):
                words[index[str(k)]].space = False
            words[index[str(last)]].space = str(last) not in no_space_after
    return words


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Every sentence of a CoNLL-U file, with its document id and whether it opens a paragraph."""
    doc_id = path.stem
    for block in _blocks(path):
        comments: dict[str, str] = {}
        new_par = False
        rows = []
        for line in block:
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key = key.strip()
                comments[key] = value.strip()
                if key == "newdoc id":
                    doc_id = value.strip()
                    new_par = True
                elif key.startswith("newpar"):
                    new_par = True
            else:
                rows.append(line.split("\t"))
        yield Sentence(
            sent_id=comments.get("sent_id", ""), doc_id=doc_id, new_par=new_par,
            words=_parse_words(rows), comments=comments,
        )


def read_iob2(path: Path) -> dict[str, list[tuple[str, str]]]:
    """UNER: sent_id -> [(form, tag)], with the retired OTH and stray B-O/I-O tags mapped to O."""
    out: dict[str, list[tuple[str, str]]] = {}
    for block in _blocks(path):
        sid = ""
        toks: list[tuple[str, str]] = []
        for line in block:
            if line.startswith("# sent_id"):
                sid = line.partition("=")[2].strip()
            elif not line.startswith("#"):
                cols = line.split("\t")
                tag = cols[2] if len(cols) > 2 else "O"
                if tag.endswith("-OTH") or tag in ("B-O", "I-O") or tag == "":
                    tag = "O"
                toks.append((cols[1], tag))
        out[sid] = toks
    return out


# -- GUM entities (CorefUD Entity= in MISC) -------------------------------------------------------
_ENTITY_PART = re.compile(r"\((\d+)-([a-z]+)-([^()]*)(\))?|(\d+)\)")


@dataclass
class Mention:
    start: int  # word index in the sentence
    end: int  # exclusive
    etype: str
    identity: str


def gum_mentions(words: list[Word]) -> list[Mention]:
    """The entity mentions of one GUM sentence (all of them: pronouns and common nouns included)."""
    open_: list[tuple[str, int, str, str]] = []  # (id, start, etype, identity)
    found: list[Mention] = []
    for i, w in enumerate(words):
        value = next((p[7:] for p in w.misc.split("|") if p.startswith("Entity=")), "")
        for m in _ENTITY_PART.finditer(value):
            if m.group(1):
                identity = _identity(m.group(3))
                if m.group(4):
                    found.append(Mention(i, i + 1, m.group(2), identity))
                else:
                    open_.append((m.group(1), i, m.group(2), identity))
            else:
                for k in range(len(open_) - 1, -1, -1):
                    if open_[k][0] == m.group(5):
                        _, start, etype, identity = open_.pop(k)
                        found.append(Mention(start, i + 1, etype, identity))
                        break
    return found


def _identity(rest: str) -> str:
    # rest = infstat-salience-centering-minspan-link[-identity]; the identity may contain "-"
    parts = rest.split("-", 5)
    return parts[5] if len(parts) > 5 else ""
