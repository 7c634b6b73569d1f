"""A few figures recomputed by networkx from the same frames."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from networkx.algorithms import bipartite, community


def test_count_projection_equals_weighted_projected_graph(js):
    # Co-signature links actors who signed (position yes); Qatar withdrew from one letter.
    sig = js.signatures().query("position == 'yes'")
    b = nx.Graph()
    actors = set(sig["actor"])
    b.add_nodes_from(actors, bipartite=0)
    b.add_nodes_from(("s", s) for s in sig["statement"])
    b.add_edges_from((a, ("s", s)) for a, s in zip(sig["actor"], sig["statement"]))
    expected = bipartite.weighted_projected_graph(b, actors)
    edges = js.graph(weight="count").astype({"source": str, "target": str})
    ours = {(s, t): w for s, t, w in zip(edges["source"], edges["target"], edges["weight"])}
    theirs = {tuple(sorted((u, v))): d["weight"] for u, v, d in expected.edges(data=True)}
    assert ours == theirs


def test_cluster_modularity_equals_networkx(js):
    g = js.to_networkx()
    c = js.cluster(seed=1, runs=5)
    q = community.modularity(g, [set(m) for m in c.communities], weight="weight")
    assert math.isclose(q, c.modularity, rel_tol=1e-12, abs_tol=1e-12)


def test_to_networkx_has_the_graphml_attributes(js):
    g = js.to_networkx(signed=True)
    assert g.graph == {"weighting": "newman", "signed": True, "statements": js.summary()["statements"]}
    node = g.nodes["USA"]
    assert set(node) == {"name", "kind", "statements"} and node["kind"] == "country"
    _, _, data = next(iter(g.edges(data=True)))
    assert set(data) == {"weight", "count", "together", "against", "against_count"}
    assert g.number_of_edges() == len(js.graph(signed=True))
