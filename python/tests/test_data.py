"""Loading, errors, lenient reports and the frames round trip."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import cosignatory as cs

STATEMENTS = "id,date,title,kind\ns1,2024-11-05,One,joint_statement\ns2,2024-12-01,Two,joint_statement\n"
SIGNATURES = "statement,actor,position\ns1,USA,yes\ns1,KOR,yes\ns2,USA,yes\ns2,JPN,yes\n"


def write(folder, statements=STATEMENTS, signatures=SIGNATURES):
    folder.mkdir(exist_ok=True)
    (folder / "statements.csv").write_text(statements)
    (folder / "signatures.csv").write_text(signatures)
    return folder


def test_read_dataset_folder(tmp_path):
    ds = cs.read_dataset(write(tmp_path / "d"))
    assert ds.summary()["signatures"] == 4
    assert ds.load_report == {"skipped": [], "dropped_fields": [], "warnings": []}
    assert cs.joint_statements().load_report is None


def test_bad_rows_raise_data_error_with_located_problems(tmp_path):
    bad = STATEMENTS + "s3,2024-13-40,Three,joint_statement\n"
    folder = write(tmp_path / "bad", statements=bad, signatures=SIGNATURES + "s9,USA,yes\n")
    with pytest.raises(cs.DataError) as info:
        cs.read_dataset(folder)
    e = info.value
    assert isinstance(e, ValueError)
    by_field = {p["field"]: p for p in e.problems}
    date = by_field["date"]
    assert date["file"].endswith("statements.csv") and date["line"] == 4 and date["value"] == "2024-13-40"
    assert "not a valid date" in date["message"]
    assert by_field["statement"]["value"] == "s9"
    assert "statements.csv:4: field `date`" in str(e)


def test_missing_column_is_a_file_level_problem(tmp_path):
    folder = write(tmp_path / "nocol", signatures="statement,who\ns1,USA\n")
    with pytest.raises(cs.DataError) as info:
        cs.read_dataset(folder)
    (p,) = info.value.problems
    assert p["file"].endswith("signatures.csv") and p["field"] == "actor" and p["value"] is None


def test_lenient_load_reports_skipped_rows(tmp_path):
    folder = write(tmp_path / "len", signatures=SIGNATURES + "s9,USA,yes\ns1,FRA,maybe\n")
    ds = cs.read_dataset(folder, lenient=True)
    skipped = ds.load_report["skipped"]
    assert sorted((p["line"], p["field"]) for p in skipped) == [(6, "statement"), (7, "position")]
    assert ds.summary()["signatures"] == 4


def test_missing_path_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        cs.read_dataset(tmp_path / "nowhere")


@pytest.mark.parametrize(
    "call,option",
    [
        (lambda ds: ds.graph(weight="newmann"), "weight"),
        (lambda ds: ds.graph(backbone="disparty"), "backbone"),
        (lambda ds: ds.graph(backbone="disparity", alpha=2.0), "alpha"),
        (lambda ds: ds.graph(backbone="disparity", alpha=float("nan")), "alpha"),
        (lambda ds: ds.graph(bloc_mode="merge"), "bloc_mode"),
        (lambda ds: ds.graph(start="2020-02-30"), "start"),
        (lambda ds: ds.graph(start="2021-01-01", end="2020-01-01"), "start"),
        (lambda ds: ds.cluster(algorithm="leidn"), "algorithm"),
        (lambda ds: ds.cluster(quality="signed"), "quality"),
        (lambda ds: ds.cluster(runs=0), "runs"),
        (lambda ds: ds.cluster(seed=-1), "seed"),
        (lambda ds: ds.cluster(resolution=float("inf")), "resolution"),
        (lambda ds: ds.cluster(algorithm="hierarchical", consensus=True), "consensus"),
        (lambda ds: ds.cluster(k=3), "k"),
        (lambda ds: ds.cluster(algorithm="hierarchical", k=0), "k"),
        (lambda ds: ds.timeline(window="0y"), "window"),
        (lambda ds: ds.timeline(window="2w"), "window"),
        (lambda ds: ds.timeline(step="1y"), "step"),
        (lambda ds: ds.timeline(smoothing="smooth"), "smoothing"),
        (lambda ds: ds.summary(kind=3), "kind"),
    ],
)
def test_bad_options_raise_value_error_naming_the_option(js, call, option):
    with pytest.raises(ValueError) as info:
        call(js)
    assert f"`{option}`" in str(info.value), str(info.value)


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_no_panic_on_odd_inputs(js):
    odd = [
        lambda: js.cluster(quality="cpm", resolution=-1.0),
        lambda: js.cluster(start="1900-01-01", end="1900-12-31"),
        lambda: js.timeline(start="1900-01-01", end="1900-12-31"),
        lambda: js.timeline(coupling=float("nan"), smoothing="multislice"),
        lambda: js.graph(start="1900-01-01", end="1900-01-02"),
        lambda: js.graph(backbone="hypergeometric", alpha=0.0),
        lambda: cs.cluster_edges(pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [float("nan")]})),
        lambda: cs.cluster_edges(pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [-1.0]}), algorithm="label-propagation"),
        lambda: cs.cluster_edges(pd.DataFrame({"source": [], "target": []})),
    ]
    for call in odd:
        try:
            call()
        except (ValueError, OSError):
            pass  # refused with a message: fine; a PanicException is a BaseException and fails


def test_empty_view_is_an_error_naming_the_filter(js, cli_status):
    # As the CLI (exit 2): filters that leave no statement are refused, naming the filter.
    with pytest.raises(ValueError, match="from/to"):
        js.graph(start="1900-01-01", end="1900-12-31")
    with pytest.raises(ValueError, match="topic"):
        js.align(topic="no such topic")
    assert cli_status("graph", "--from", "1900-01-01", "--to", "1900-12-31") == 2


def test_edge_list_problems_are_located():
    frame = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "", "a"], "weight": ["1", "2", "x"]})
    with pytest.raises(cs.DataError) as info:
        cs.cluster_edges(frame)
    located = sorted((p["file"], p["line"], p["field"], p["value"]) for p in info.value.problems)
    assert located == [("<frame>", 3, "target", ""), ("<frame>", 4, "weight", "x")]


def test_frames_round_trip(js):
    frames = js.frames()
    assert frames["statements"]["date"].dtype.kind == "M"
    assert frames["memberships"]["from"].dtype.kind == "M"
    again = cs.Dataset.from_frames(**frames)
    for name, frame in again.frames().items():
        pd.testing.assert_frame_equal(frame, frames[name], check_exact=True)
    pd.testing.assert_frame_equal(again.graph(), js.graph(), check_exact=True)
    assert again.summary() == js.summary()


def test_from_frames_derives_statements_from_signature_dates():
    sig = pd.DataFrame(
        {
            "statement": ["s1", "s1", "s2", "s2"],
            "actor": ["USA", "KOR", "USA", "JPN"],
            "date": pd.to_datetime(["2024-11-05", "2024-11-05", "2024-12-01", "2024-12-01"]),
        }
    )
    ds = cs.Dataset.from_frames(sig)
    s = ds.summary()
    assert (s["statements"], s["signatures"], s["first_date"]) == (2, 4, "2024-11-05")
    edges = ds.graph(weight="count").astype({"source": str, "target": str})
    assert edges[["source", "target"]].values.tolist() == [["JPN", "USA"], ["KOR", "USA"]]


def test_from_frames_without_dates_is_refused():
    with pytest.raises(ValueError, match="`statements`"):
        cs.Dataset.from_frames(pd.DataFrame({"statement": ["s1"], "actor": ["USA"]}))


def test_frame_dtypes(js):
    edges = js.graph()
    assert isinstance(edges["source"].dtype, pd.CategoricalDtype)
    assert edges["weight"].dtype == np.float64 and edges["count"].dtype == np.int64
    m = js.cluster().membership
    assert m["community"].dtype == np.int64
    assert js.statements()["date"].dtype.kind == "M"
