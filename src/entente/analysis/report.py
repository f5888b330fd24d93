"""Terminal faces of the analyses: rich tables, a text chart, JSON and CSV (used by the CLI).

Kept apart from the analyses themselves, which return plain data for every face (CLI, API, pages).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import msgspec
from rich.console import Console
from rich.table import Table
from rich.text import Text

QUAD_STYLE = {1: "cyan", 2: "green", 3: "yellow", 4: "red"}
QUAD_LABEL = {1: "verbal coop", 2: "material coop", 3: "verbal conflict", 4: "material conflict"}
BLOCK = "█"


def to_json(data: Any) -> str:
    """Indented JSON (dates as ISO strings), as every `--json` prints it."""
    return msgspec.json.format(msgspec.json.encode(data), indent=2).decode("utf-8")


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return buf.getvalue()


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str | None = None) -> Table:
    out = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        out.add_column(c, overflow="fold")
    for row in rows:
        out.add_row(*(_fmt(row.get(c)) for c in columns))
    return out


DYAD_COLUMNS = ("period", "events", "q1", "q2", "q3", "q4", "clusters", "goldstein_sum",
                "goldstein_mean")


def dyad_chart(result: dict[str, Any], *, width: int = 40) -> list[Text]:
    """One line per period: a bar stacked by QuadClass and the mean Goldstein value."""
    periods = result["periods"]
    peak = max((p["events"] for p in periods), default=0)
    label_width = max((len(p["period"]) for p in periods), default=0)
    lines = []
    for p in periods:
        line = Text(p["period"].ljust(label_width) + " ")
        for quad in (1, 2, 3, 4):
            n = p[f"q{quad}"]
            cells = round(n * width / peak) if peak else 0
            if n and not cells:
                cells = 1
            line.append(BLOCK * cells, style=QUAD_STYLE[quad])
        mean = p["goldstein_mean"]
        line.append(f" {p['events']}" + (f"  G {mean:+.1f}" if mean is not None else ""))
        lines.append(line)
    legend = Text()
    for quad in (1, 2, 3, 4):
        legend.append(BLOCK, style=QUAD_STYLE[quad])
        legend.append(f" {QUAD_LABEL[quad]}  ")
    return [*lines, legend]


def print_dyad(console: Console, result: dict[str, Any]) -> None:
    d = result["dyad"]
    arrow = "→" if d["directed"] else "↔"
    totals = result["totals"]
    console.print(table(result["periods"], DYAD_COLUMNS,
                        title=f"{d['a']} {arrow} {d['b']} by {result['by']} ({result['modality']})"))
    for line in dyad_chart(result):
        console.print(line)
    console.print(f"total: {totals['events']} events in {totals['clusters']} clusters; "
                  f"Goldstein sum {totals['goldstein_sum']:.1f}, mean "
                  f"{_fmt(totals['goldstein_mean'])}; undated: {result['undated']['events']}")
    if result["roots"]:
        console.print(table(result["roots"], ("root", "name", "events", "goldstein_mean"),
                            title="root codes"))
    if result["top_clusters"]:
        rows = [{**c, "evidence": c["evidence"]["text"]} for c in result["top_clusters"]]
        console.print(table(rows, ("day", "cameo", "src_key", "tgt_key", "num_articles",
                                   "num_sources", "first_url", "evidence"), title="top events"))
