"""`entente dyad --plot out.png|out.svg`: the QuadClass series as stacked bars and the mean
Goldstein value as a line, drawn with matplotlib's object API (no pyplot state, no display)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from entente.errors import UsageError

COLORS = {1: "#4c9fd6", 2: "#2ca25f", 3: "#f0a202", 4: "#d7301f"}
NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}
FORMATS = (".png", ".svg")


def plot_dyad(result: dict[str, Any], path: str | Path) -> Path:
    """Draw `dyads.dyad(...)`'s result to a PNG or SVG file."""
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise UsageError(f"--plot must end in .png or .svg, got {target.name!r}")
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "entente"  # stable ids: the same data, the same file
    from matplotlib.figure import Figure

    periods = result["periods"]
    labels = [p["period"] for p in periods]
    xs = list(range(len(periods)))
    fig = Figure(figsize=(max(7.0, 0.35 * len(periods)), 4.5), layout="constrained")
    ax = fig.subplots()
    bottom = [0] * len(periods)
    for quad in (1, 2, 3, 4):
        values = [p[f"q{quad}"] for p in periods]
        ax.bar(xs, values, bottom=bottom, color=COLORS[quad], label=NAMES[quad])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("events")
    d = result["dyad"]
    ax.set_title(f"{d['a']} {'→' if d['directed'] else '–'} {d['b']} by {result['by']}")
    step = max(1, len(xs) // 12)
    ax.set_xticks(xs[::step], labels[::step], rotation=45, ha="right")
    line = ax.twinx()
    means = [p["goldstein_mean"] if p["goldstein_mean"] is not None else float("nan")
             for p in periods]
    line.plot(xs, means, color="black", marker="o",
              markersize=3, label="mean Goldstein")
    line.axhline(0, color="grey", linewidth=0.5, linestyle=":")
    line.set_ylim(-10, 10)
    line.set_ylabel("mean Goldstein")
    handles = ax.get_legend_handles_labels()[0] + line.get_legend_handles_labels()[0]
    fig.legend(handles=handles, loc="outside lower center", ncols=5, fontsize="small")
    metadata = {"Date": None} if target.suffix.lower() == ".svg" else {"Software": None}
    fig.savefig(target, metadata=metadata)
    return target
