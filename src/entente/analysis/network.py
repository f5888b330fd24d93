"""The actor network of a period: `entente network`.

Nodes are actors (by key: state, organisation or code; or by full CAMEO actor code), edges are
source → target with event counts per QuadClass and summed and mean Goldstein (undirected when
asked: one edge per pair). `to_graph` gives a networkx graph for GraphML or further analysis.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from entente.analysis import query as q
from entente.store.core import Store

LEVELS = {"key": ("e.src_key", "e.tgt_key"), "code": ("e.src_code", "e.tgt_code"),
          "country": ("e.src_country", "e.tgt_country")}

_SQL = """
    SELECT {s} AS source, {t} AS target, count(*) AS events,
           count(*) FILTER (WHERE e.quad_class = 1) AS q1,
           count(*) FILTER (WHERE e.quad_class = 2) AS q2,
           count(*) FILTER (WHERE e.quad_class = 3) AS q3,
           count(*) FILTER (WHERE e.quad_class = 4) AS q4,
           sum(e.goldstein) AS goldstein_sum, count(DISTINCT l.cluster_id) AS clusters
    FROM events e LEFT JOIN event_clusters l USING (event_id)
    WHERE e.modality = ? AND {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t} AND {span}
    GROUP BY ALL HAVING count(*) >= ?
    ORDER BY events DESC, source, target"""


def network(store: Store, *, start: str | date | None = None, end: str | date | None = None,
            level: str = "key", directed: bool = True, modality: str = "asserted",
            min_events: int = 1) -> dict[str, Any]:
    """Nodes and weighted edges of the actor graph (plain dicts, stable order)."""
    q.choice(level, LEVELS, "--level")
    lo, hi = q.date_span(start, end)
    mod = q.modality(modality) or "asserted"
    s, t = LEVELS[level]
    if not directed:
        s, t = f"least({s}, {t})", f"greatest({s}, {t})"
    span, params = q.range_condition(lo, hi)
    edges = store.query(_SQL.format(s=s, t=t, span=span), [mod, *params, max(1, min_events)])
    weight: dict[str, int] = {}
    for e in edges:
        e["goldstein_sum"] = round(e["goldstein_sum"], 4)
        e["goldstein_mean"] = round(e["goldstein_sum"] / e["events"], 4)
        for node in (e["source"], e["target"]):
            weight[node] = weight.get(node, 0) + e["events"]
    nodes = [{"id": n, "events": w} for n, w in sorted(weight.items(), key=lambda kv: kv[0])]
    return {"level": level, "directed": directed, "modality": mod,
            "from": lo.isoformat() if lo else None, "to": hi.isoformat() if hi else None,
            "nodes": nodes, "edges": edges}


def to_graph(data: dict[str, Any]) -> Any:
    """A networkx (Di)Graph of `network(...)`'s result."""
    import networkx as nx

    graph = nx.DiGraph() if data["directed"] else nx.Graph()
    for n in data["nodes"]:
        graph.add_node(n["id"], events=n["events"])
    for e in data["edges"]:
        attrs = {k: v for k, v in e.items() if k not in ("source", "target")}
        graph.add_edge(e["source"], e["target"], **attrs)
    return graph


def write_graphml(data: dict[str, Any], path: str | Path) -> None:
    import networkx as nx

    nx.write_graphml(to_graph(data), str(path))
