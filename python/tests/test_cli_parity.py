"""Every method's frame equals the CLI's CSV (or JSON) output for the same options."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import cosignatory as cs

from conftest import assert_same, read_cli_csv

GRAPH_CASES = [
    ({}, []),
    ({"weight": "count"}, ["--weight", "count"]),
    ({"weight": "jaccard", "start": "2019-01-01", "end": "2023-12-31"}, ["--weight", "jaccard", "--from", "2019-01-01", "--to", "2023-12-31"]),
    ({"signed": True}, ["--signed"]),
    ({"backbone": "disparity", "alpha": 0.1}, ["--backbone", "disparity", "--alpha", "0.1"]),
    ({"backbone": "hypergeometric", "correction": "holm"}, ["--backbone", "hypergeometric", "--correction", "holm"]),
    ({"bloc_mode": "expand", "kind": ["joint_statement"]}, ["--bloc-mode", "expand", "--kind", "joint_statement"]),
    ({"backbone": "sdsm"}, ["--backbone", "sdsm"]),
    ({"backbone": "sdsm", "tail": "both", "correction": "bh"}, ["--backbone", "sdsm", "--tail", "both", "--correction", "bh"]),
    ({"backbone": "fdsm", "samples": 60, "seed": 2}, ["--backbone", "fdsm", "--samples", "60", "--seed", "2"]),
]


def test_summary_equals_cli_json(js, cli):
    assert js.summary() == json.loads(cli("summary", "--format", "json"))
    got = js.summary(top=5, start="2019-01-01", bloc_mode="expand")
    assert got == json.loads(cli("summary", "--format", "json", "--top", "5", "--from", "2019-01-01", "--bloc-mode", "expand"))


@pytest.mark.parametrize("options,flags", GRAPH_CASES)
def test_graph_equals_cli_csv(js, cli, options, flags):
    expected = read_cli_csv(cli("graph", "--format", "csv", *flags), text_columns=["source", "target"])
    frame = js.graph(**options)
    assert frame["weight"].dtype == np.float64 and frame["count"].dtype == np.int64
    assert_same(frame, expected)


@pytest.mark.parametrize("options,flags", GRAPH_CASES[:4])
def test_graph_nodes_equal_cli_csv(js, cli, options, flags):
    expected = read_cli_csv(cli("graph", "--format", "csv-nodes", *flags), text_columns=["id", "name", "kind"])
    assert_same(js.graph_nodes(**options), expected)


def test_un_votes_graph_equals_cli(un, cli):
    flags = ["--un-votes", "--votes", "--weight", "count", "--from", "2010-01-01", "--to", "2012-12-31"]
    expected = read_cli_csv(cli("graph", "--format", "csv", *flags), text_columns=["source", "target"])
    assert_same(un.graph(votes=True, weight="count", start="2010-01-01", end="2012-12-31"), expected)
    # Signed: yes against no, with the together/against columns.
    flags = ["--un-votes", "--votes", "--signed", "--from", "2012-01-01", "--to", "2012-12-31"]
    expected = read_cli_csv(cli("graph", "--format", "csv", *flags), text_columns=["source", "target"])
    frame = un.graph(votes=True, signed=True, start="2012-01-01", end="2012-12-31")
    assert list(frame.columns[-3:]) == ["together", "against", "against_count"]
    assert_same(frame, expected)


CLUSTER_CASES = [
    ({}, []),
    ({"seed": 3, "runs": 10}, ["--seed", "3", "--runs", "10"]),
    ({"algorithm": "louvain", "seed": 1}, ["--algorithm", "louvain", "--seed", "1"]),
    ({"quality": "cpm", "resolution": 0.05}, ["--quality", "cpm", "--resolution", "0.05"]),
    ({"algorithm": "hierarchical", "k": 4}, ["--algorithm", "hierarchical", "--k", "4"]),
    ({"consensus": True, "runs": 10, "seed": 2}, ["--consensus", "--runs", "10", "--seed", "2"]),
    ({"signed": True, "start": "2020-01-01"}, ["--signed", "--from", "2020-01-01"]),
]


@pytest.mark.parametrize("options,flags", CLUSTER_CASES)
def test_cluster_equals_cli(js, cli, options, flags):
    c = js.cluster(**options)
    assert c.to_dict() == json.loads(cli("cluster", "--format", "json", *flags))
    expected = read_cli_csv(cli("cluster", "--format", "csv", *flags), text_columns=["actor"])
    assert_same(c.membership, expected)


def test_cluster_edges_frame_and_path_equal_cli(js, cli, tmp_path):
    edges = js.graph(weight="count").astype({"source": str, "target": str})
    path = tmp_path / "edges.csv"
    edges[["source", "target", "weight"]].to_csv(path, index=False)
    expected = json.loads(cli("cluster", "--edges", str(path), "--format", "json", "--seed", "4"))
    from_path = cs.cluster_edges(path, seed=4)
    renamed = edges.rename(columns={"source": "a", "target": "b", "weight": "w"})
    from_frame = cs.cluster_edges(renamed, source="a", target="b", weight="w", seed=4)
    assert from_path.to_dict() == expected
    assert from_frame.to_dict() == expected
    membership = read_cli_csv(cli("cluster", "--edges", str(path), "--format", "csv", "--seed", "4"), text_columns=["actor"])
    assert_same(from_frame.membership, membership)


TEXT = ["actor", "coalition", "members", "event", "others", "from_coalition", "to_coalition"]


@pytest.mark.parametrize(
    "options,flags",
    [
        ({}, []),
        ({"window": "2y", "step": "1y", "seed": 5}, ["--window", "2y", "--step", "1y", "--seed", "5"]),
        ({"window": "1y", "smoothing": "multislice", "coupling": 0.5}, ["--window", "1y", "--smoothing", "multislice", "--coupling", "0.5"]),
    ],
)
def test_timeline_tables_equal_cli(js, cli, options, flags):
    t = js.timeline(**options)
    for table in ("coalitions", "memberships", "events", "flows", "stability"):
        text = cli("timeline", "--format", "csv", "--table", table, *flags)
        header = text.splitlines()[0].split(",")
        dates = [c for c in ("start", "end") if c in header]
        expected = read_cli_csv(text, text_columns=[c for c in TEXT if c in header], date_columns=dates)
        # Counts empty on some rows (an event's missing side) are nullable integers.
        for c in {"from_size", "to_size", "gap", "last_window"}.intersection(header):
            expected[c] = expected[c].astype("Int64")
        assert_same(getattr(t, table), expected)
    assert t.to_dict() == json.loads(cli("timeline", "--format", "json", *flags))


def test_timeline_windows_and_gexf_equal_cli(js, cli, tmp_path):
    t = js.timeline(window="2y")
    doc = json.loads(cli("timeline", "--format", "json", "--window", "2y"))
    w = t.windows
    assert len(w) == len(doc["windows"])
    assert w["statements"].tolist() == [x["statements"] for x in doc["windows"]]
    assert w["start"].dt.strftime("%Y-%m-%d").tolist() == [x["window"]["start"] for x in doc["windows"]]
    ours, theirs = tmp_path / "py.gexf", tmp_path / "cli.gexf"
    t.to_gexf(ours)
    cli("timeline", "--window", "2y", "--gexf", str(theirs), "--format", "csv")
    assert ours.read_bytes() == theirs.read_bytes()
