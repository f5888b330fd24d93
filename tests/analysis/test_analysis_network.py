"""`network`: edges that add up, GraphML that reads back."""

from __future__ import annotations

import networkx as nx

from entente.analysis.network import network, write_graphml


def test_undirected_edges_sum_the_directed_ones(corpus):
    directed = network(corpus)
    undirected = network(corpus, directed=False)
    sums: dict[tuple[str, str], int] = {}
    for e in directed["edges"]:
        key = tuple(sorted((e["source"], e["target"])))
        sums[key] = sums.get(key, 0) + e["events"]
    assert {(e["source"], e["target"]): e["events"] for e in undirected["edges"]} == sums
    for e in directed["edges"]:
        assert e["events"] == e["q1"] + e["q2"] + e["q3"] + e["q4"]


def test_period_and_weight_filters(corpus):
    everything = network(corpus)
    june = network(corpus, start="2021-06-01", end="2021-06-30", min_events=2)
    assert 0 < sum(e["events"] for e in june["edges"]) < sum(
        e["events"] for e in everything["edges"])
    assert all(e["events"] >= 2 for e in june["edges"])


def test_graphml_round_trip(corpus, tmp_path):
    data = network(corpus, level="country")
    write_graphml(data, tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.number_of_edges() == len(data["edges"])
    first = data["edges"][0]
    assert graph.edges[first["source"], first["target"]]["events"] == first["events"]
