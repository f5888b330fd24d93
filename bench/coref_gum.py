"""Measurement: third-person pronoun resolution (entente.quotes.coref) against GUM's coreference.

    .venv/bin/python bench/coref_gum.py --shared ../shared [--genres news,interview]

Reads the GUM news and interview documents (Wikinews, CC BY 2.5) from SHARED/corpora/GUM at run
time, rebuilds each document's text (paragraphs joined by blank lines), runs the bundled parser,
the actor resolver and `coref` on it, and compares every pronoun it resolves with GUM's
coreference clusters:

  precision  resolved pronouns whose antecedent (any earlier mention of the entity it was
             resolved to) lies in the pronoun's gold cluster / resolved pronouns
  recall     the same count / gold third-person pronouns whose gold cluster has an earlier
             mention that is not a pronoun

A predicted mention lies in a gold cluster when its last token is inside a mention of that
cluster. Results are printed as JSON and written to bench/results/coref_gum.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRONOUNS = {"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs"}
OPEN = re.compile(r"\((\d+)-")
CLOSE = re.compile(r"(\d+)\)")


def read_doc(path: Path) -> tuple[str, list[tuple[int, int]], dict[int, int]]:
    """Text, token character spans, and gold cluster id by token index (innermost mention)."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    cluster_at: dict[int, int] = {}
    mentions: list[tuple[int, int, int]] = []  # (cluster, first token, last token)
    stack: list[tuple[int, int]] = []
    pos, newpar, space = 0, False, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar"):
            newpar = True
            continue
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        sep = ("\n\n" if newpar else " ") if parts else ""
        if parts and not newpar and not space:
            sep = ""
        newpar = False
        parts.append(sep + cols[1])
        pos += len(sep)
        spans.append((pos, pos + len(cols[1])))
        pos += len(cols[1])
        misc = cols[9]
        space = "SpaceAfter=No" not in misc
        _entities(misc, len(spans) - 1, stack, mentions)
    for cid, first, last in sorted(mentions, key=lambda m: m[1] - m[2]):  # widest first
        for k in range(first, last + 1):
            cluster_at[k] = cid
    return "".join(parts), spans, cluster_at


def _entities(misc: str, tok: int, stack: list[tuple[int, int]],
              mentions: list[tuple[int, int, int]]) -> None:
    field = next((f[7:] for f in misc.split("|") if f.startswith("Entity=")), "")
    i = 0
    while i < len(field):
        m = OPEN.match(field, i)
        if m:
            end = field.find(")", i)
            nxt = field.find("(", i + 1)
            cid = int(m.group(1))
            if end != -1 and (nxt == -1 or end < nxt):
                mentions.append((cid, tok, tok))
                i = end + 1
            else:
                stack.append((cid, tok))
                i = nxt if nxt != -1 else len(field)
            continue
        m = CLOSE.match(field, i)
        if m:
            cid = int(m.group(1))
            for n in range(len(stack) - 1, -1, -1):
                if stack[n][0] == cid:
                    mentions.append((cid, stack[n][1], tok))
                    del stack[n]
                    break
            i = m.end()
            continue
        i += 1


def score_doc(engine, path: Path) -> tuple[int, int, int]:
    from entente.quotes import lexicon
    from entente.quotes.coref import Coref
    from entente.quotes.entities import EntityTable
    from entente.quotes.view import DocView

    text, spans, cluster_at = read_doc(path)
    starts = {s: k for k, (s, _) in enumerate(spans)}
    ends = {e: k for k, (_, e) in enumerate(spans)}

    def gold_cluster(char_start: int, char_end: int) -> int | None:
        k = ends.get(char_end, starts.get(char_start))
        return cluster_at.get(k) if k is not None else None

    doc = engine.nlp(text)
    lex = lexicon.default()
    table = EntityTable(doc, engine.resolver.mentions(doc, None), lex)
    resolved = Coref(DocView(doc, lex), table).run()
    correct = predicted = 0
    for m in resolved:
        if m.kind != "pronoun" or doc[m.start].lower_ not in PRONOUNS:
            continue
        predicted += 1
        want = gold_cluster(m.char_start, m.char_end)
        ante = [a for a in table.entity(m).mentions if a.end <= m.start and a.kind != "pronoun"]
        correct += want is not None and any(gold_cluster(doc[a.end - 1].idx,
                                                         doc[a.end - 1].idx + len(doc[a.end - 1]))
                                            == want for a in ante)
    return correct, predicted, _gold_pronouns(text, spans, cluster_at)


def _gold_pronouns(text: str, spans: list[tuple[int, int]], cluster_at: dict[int, int]) -> int:
    seen_named: set[int] = set()
    count = 0
    for k, (s, e) in enumerate(spans):
        cid = cluster_at.get(k)
        if cid is None:
            continue
        if text[s:e].lower() in PRONOUNS:
            count += cid in seen_named
        else:
            seen_named.add(cid)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--genres", default="news,interview")
    args = parser.parse_args(argv)

    from entente.pipeline import Engine

    engine = Engine()
    folder = args.shared / "corpora" / "GUM" / "dep"
    paths = [p for g in args.genres.split(",") for p in sorted(folder.glob(f"GUM_{g}_*.conllu"))]
    correct = predicted = gold = 0
    for path in paths:
        c, p, g = score_doc(engine, path)
        correct, predicted, gold = correct + c, predicted + p, gold + g
    prec = correct / predicted if predicted else 0.0
    rec = correct / gold if gold else 0.0
    result = {"documents": len(paths), "gold_pronouns": gold, "resolved": predicted,
              "correct": correct, "precision": round(prec, 3), "recall": round(rec, 3),
              "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0}
    out = json.dumps(result, indent=2)
    print(out)
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "results" / "coref_gum.json").write_text(out + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
