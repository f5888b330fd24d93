"""Score the event coder on the public gold sets in ../shared/datasets and print a table.

    .venv/bin/python bench/eval_public.py --shared ../shared [--limit N] [--json]

The data is read in place (CC BY-SA and GPL: never copied into the repository):

* PLOVER gold standard records (plover_gsr_cameo, 322 records): PLOVER event type accuracy of
  the coder's most confident event (0.5b1 names mapped to the current manual: DEMAND→REQUEST,
  DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT), and source / target country F1
  (micro, over records; CAMEO country codes mapped to ISO3, IGOs compared as "IGO"; a reciprocal
  event puts both actors on the source side, as the records' SRC/TAR markup does).
* ConfliBERT / Multi-CoPED test split (conflibert_cameo_multicoped, 451 sentences): pentaclass
  accuracy and macro F1 of the most confident event (no event = class 0), and source / target
  span F1 with partial matching (any shared word; R spans count on both sides).
* CAMEO intercoder rounds (cameo_conflibert_intercoder, 10 rounds, 4–5 coders each): root-code
  agreement of the coder with each human coder versus the humans' agreement with each other
  (first action of each coder; "none" when a coder coded no action).

Results are printed as a table and written to bench/results/eval_public.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def code_texts(texts: Sequence[str], published: Sequence[str | None]) -> list[list[Any]]:
    """The coder's events for each text (full pipeline)."""
    from entente.ingest import make_article
    from entente.pipeline import Engine
    from entente.records import ArticleRecord

    engine = Engine()
    arts = [make_article(id=f"p{n}", text=t, published=p)
            for n, (t, p) in enumerate(zip(texts, published, strict=True))]
    out = []
    for rec in engine.code_many(arts):
        out.append(rec.events if isinstance(rec, ArticleRecord) else [])
    return out


def best(events: list[Any]) -> Any:
    return max(events, key=lambda e: e.confidence) if events else None


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


# -- PLOVER gold standard records -------------------------------------------------------------
def _gsr_codes(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {CAMEO_TO_ISO.get(a.get("code", ""), a.get("code", "")) for a in value if a.get("code")}


def _key(actor: Any) -> str | None:
    if actor is None:
        return None
    if actor.org and not actor.country:
        return "IGO"
    return actor.country


def plover(shared: Path, limit: int) -> dict[str, Any]:
    records = json.loads((shared / "datasets/plover_gsr_cameo/PLOVER_GSR_CAMEO.txt").read_text())
    records = [r for r in records if r.get("event") != "DOCUMENT"][: limit or None]
    coded = code_texts([r["text"] for r in records], [r.get("date") for r in records])
    right = any_right = 0
    counts = {"source": [0, 0, 0], "target": [0, 0, 0]}
    for r, events in zip(records, coded, strict=True):
        gold_type = OLD_TYPES.get(r["event"], r["event"])
        ev = best(events)
        right += ev is not None and ev.plover.type == gold_type
        any_right += any(e.plover.type == gold_type for e in events)
        src, tgt = set(), set()
        if ev is not None:
            pair = {_key(ev.source), _key(ev.target)} - {None}
            if ev.reciprocal:
                src = pair
            else:
                src, tgt = {_key(ev.source)} - {None}, {_key(ev.target)} - {None}
        for side, pred, gold in (("source", src, _gsr_codes(r.get("source"))),
                                 ("target", tgt, _gsr_codes(r.get("target")))):
            counts[side][0] += len(pred & gold)
            counts[side][1] += len(pred - gold)
            counts[side][2] += len(gold - pred)
    n = len(records)
    return {"records": n, "event_type_accuracy": round(right / n, 3),
            "any_event_type_accuracy": round(any_right / n, 3),
            "coded_any": sum(bool(e) for e in coded),
            "source_country": prf(*counts["source"]), "target_country": prf(*counts["target"])}


# -- ConfliBERT / Multi-CoPED ------------------------------------------------------------------
def _spans(path: Path) -> list[dict[str, list[set[str]]]]:
    out: list[dict[str, list[set[str]]]] = []
    cur: dict[str, list[set[str]]] = {"S": [], "T": [], "R": []}
    last = None
    for line in [*path.read_text("utf-8").splitlines(), ""]:
        if not line.strip():
            out.append(cur)
            cur, last = {"S": [], "T": [], "R": []}, None
            continue
        word, tag = line.rsplit(" ", 1)
        if tag == "O":
            last = None
            continue
        bio, kind = tag.split("-", 1)
        if bio == "B" or last != kind:
            cur[kind].append(set())
        cur[kind][-1].add(word.lower())
        last = kind
    while out and not any(out[-1].values()):
        out.pop()  # the trailing blank line(s)
    return out


def _words(text: str | None) -> set[str]:
    return {w.strip(".,'’\"").lower() for w in (text or "").split()} - {"", "the", "a", "an"}


def _span_counts(pred: list[set[str]], gold: list[set[str]]) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for p in pred:
        hit = next((n for n, g in enumerate(gold) if n not in used and p & g), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp, len(pred) - tp, len(gold) - tp


def conflibert(shared: Path, limit: int) -> dict[str, Any]:
    base = shared / "datasets/conflibert_cameo_multicoped"
    with (base / "cameo_class/test.tsv").open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n").rsplit("\t", 1) for line in fh if line.strip()]
    spans = _spans(base / "cameo_ner/test.txt")
    rows, spans = rows[: limit or None], spans[: limit or None]
    coded = code_texts([t for t, _ in rows], [None] * len(rows))
    from entente.events import codebook

    book = codebook.load()
    gold_cls, pred_cls = [], []
    counts = {"source": [0, 0, 0], "target": [0, 0, 0]}
    for (_, label), events, gold in zip(rows, coded, spans, strict=True):
        ev = best(events)
        gold_cls.append(int(label))
        pred_cls.append(book[ev.cameo].pentaclass if ev is not None else 0)
        src, tgt = [], []
        if ev is not None:
            s, t = _words(ev.source.text if ev.source else None), _words(ev.target.text if ev.target else None)
            src = [x for x in (s, t if ev.reciprocal else set()) if x]
            tgt = [x for x in (t, s if ev.reciprocal else set()) if x]
        for side, pred, g in (("source", src, gold["S"] + gold["R"]), ("target", tgt, gold["T"] + gold["R"])):
            for n, v in enumerate(_span_counts(pred, g)):
                counts[side][n] += v
    acc = sum(g == p for g, p in zip(gold_cls, pred_cls, strict=True)) / len(gold_cls)
    f1s = []
    for c in range(5):
        tp = sum(g == p == c for g, p in zip(gold_cls, pred_cls, strict=True))
        fp = sum(p == c != g for g, p in zip(gold_cls, pred_cls, strict=True))
        fn = sum(g == c != p for g, p in zip(gold_cls, pred_cls, strict=True))
        f1s.append(prf(tp, fp, fn)["f1"])
    return {"sentences": len(rows), "pentaclass_accuracy": round(acc, 3),
            "pentaclass_macro_f1": round(sum(f1s) / 5, 3),
            "predicted_classes": dict(sorted(Counter(pred_cls).items())),
            "source_span_partial": prf(*counts["source"]),
            "target_span_partial": prf(*counts["target"])}


# -- intercoder rounds -------------------------------------------------------------------------
def _root(value: str) -> str | None:
    value = (value or "").strip()
    if not value or "-" not in value:
        return None
    code = value.split("-", 1)[1].split(" ", 1)[0]
    return code.zfill(2) if code.isdigit() else None


def _coders(row: dict[str, str]) -> list[str]:
    out = []
    for k in range(1, 6):
        if row.get(f"anncomplete_{k}") != "True":
            continue
        out.append(_root(row.get(f"Action1_CAMEO_{k}", "")) or "none")
    return out


def intercoder(shared: Path, limit: int) -> dict[str, Any]:
    base = shared / "datasets/cameo_conflibert_intercoder"
    rounds = []
    for path in sorted(base.glob("round_*_summary.csv")):
        with path.open(encoding="utf-8") as fh:
            rounds.append((path.stem, list(csv.DictReader(fh))[: limit or None]))
    texts = sorted({r["sentences"] for _, rows in rounds for r in rows})
    coded = dict(zip(texts, code_texts(texts, [None] * len(texts)), strict=True))
    hh = hh_n = sh = sh_n = maj = maj_n = 0
    for _, rows in rounds:
        for r in rows:
            codes = _coders(r)
            if len(codes) < 2:
                continue
            ev = best(coded[r["sentences"]])
            system = ev.root if ev is not None else "none"
            for a, b in combinations(codes, 2):
                hh += a == b
                hh_n += 1
            sh += sum(system == c for c in codes)
            sh_n += len(codes)
            top, votes = Counter(codes).most_common(1)[0]
            if votes > len(codes) / 2:
                maj += system == top
                maj_n += 1
    return {"rounds": len(rounds), "sentences": len(texts),
            "human_human_agreement": round(hh / hh_n, 3),
            "system_human_agreement": round(sh / sh_n, 3),
            "system_vs_majority_accuracy": round(maj / maj_n, 3), "majority_items": maj_n}


def table(result: dict[str, Any]) -> str:
    p, c, i = result["plover"], result["conflibert"], result["intercoder"]
    lines = [
        "| set | metric | value |", "|---|---|---|",
        f"| PLOVER GSR ({p['records']}) | event type accuracy (top event) | {p['event_type_accuracy']} |",
        f"| | event type accuracy (any event) | {p['any_event_type_accuracy']} |",
        f"| | source country P / R / F1 | {p['source_country']['precision']} / {p['source_country']['recall']} / {p['source_country']['f1']} |",
        f"| | target country P / R / F1 | {p['target_country']['precision']} / {p['target_country']['recall']} / {p['target_country']['f1']} |",
        f"| ConfliBERT test ({c['sentences']}) | pentaclass accuracy / macro F1 | {c['pentaclass_accuracy']} / {c['pentaclass_macro_f1']} |",
        f"| | source span F1 (partial) | {c['source_span_partial']['f1']} |",
        f"| | target span F1 (partial) | {c['target_span_partial']['f1']} |",
        f"| Intercoder ({i['sentences']} sentences, {i['rounds']} rounds) | human-human root agreement | {i['human_human_agreement']} |",
        f"| | system-human root agreement | {i['system_human_agreement']} |",
        f"| | system vs majority ({i['majority_items']} items) | {i['system_vs_majority_accuracy']} |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=0, help="items per set (0: all)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    result = {"plover": plover(args.shared, args.limit),
              "conflibert": conflibert(args.shared, args.limit),
              "intercoder": intercoder(args.shared, args.limit)}
    print(json.dumps(result, indent=2) if args.json else table(result))
    out = ROOT / "bench" / "results" / "eval_public.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
