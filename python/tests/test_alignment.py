"""`ds.align()`, `ds.cohesion()` and the timeline's alignment table equal the CLI's CSV."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cosignatory as cs

from conftest import assert_same, read_cli_csv

ALIGN_TEXT = ["a", "b", "measure", "flag"]
ALIGN_DATES = ["window_start", "window_end"]

ALIGN_CASES = [
    ({"measure": "jaccard"}, ["--measure", "jaccard"]),
    (
        {"measure": "s-absolute", "pairs": [("USA", "GBR"), ("FRA", "DEU")], "window": "2y"},
        ["--measure", "s-absolute", "--pairs", "USA:GBR,FRA:DEU", "--window", "2y"],
    ),
    (
        {"measure": "kappa-nominal", "actor": "CHN", "window": "1y", "start": "2019-01-01"},
        ["--measure", "kappa-nominal", "--actor", "CHN", "--window", "1y", "--from", "2019-01-01"],
    ),
    (
        {"measure": "jaccard", "pairs": [("USA", "GBR")], "ci": 0.9, "bootstrap": 200, "seed": 3},
        ["--measure", "jaccard", "--pairs", "USA:GBR", "--ci", "0.9", "--bootstrap", "200", "--seed", "3"],
    ),
    (
        {"measure": "pi-nominal", "universe": "recorded", "coding": "cosignature", "kind": "joint_statement"},
        ["--measure", "pi-nominal", "--universe", "recorded", "--coding", "cosignature", "--kind", "joint_statement"],
    ),
]


@pytest.mark.parametrize("options,flags", ALIGN_CASES)
def test_align_equals_cli_csv(js, cli, options, flags):
    expected = read_cli_csv(cli("align", "--format", "csv", *flags), text_columns=ALIGN_TEXT, date_columns=ALIGN_DATES)
    frame = js.align(**options)
    assert frame["score"].dtype == np.float64 and frame["n"].dtype == np.int64
    assert pd.api.types.is_datetime64_any_dtype(frame["window_start"])
    assert_same(frame, expected)


def test_un_votes_align_equals_cli_csv(un, cli):
    flags = ["--un-votes", "--measure", "kappa-quadratic", "--window", "2y", "--from", "2000-01-01", "--to", "2003-12-31"]
    expected = read_cli_csv(cli("align", "--format", "csv", *flags), text_columns=ALIGN_TEXT, date_columns=ALIGN_DATES)
    frame = un.align(measure="kappa-quadratic", window="2y", start="2000-01-01", end="2003-12-31")
    assert len(frame) == 2 * 193 * 192 // 2 or len(frame) == len(expected)
    assert_same(frame, expected)
    # Roll calls default to the Voeten coding over recorded votes and quadratic kappa.
    default = un.align(pairs=[("IND", "RUS")], start="2000-01-01", end="2003-12-31")
    assert default["measure"].astype(str).tolist() == ["kappa-quadratic"]
    assert default.attrs == {"coding": "voeten", "universe": "recorded"}


def test_undefined_score_is_nan_not_an_error(js):
    # One window per year: some pairs share no statement in some years.
    frame = js.align(measure="kappa-nominal", pairs=[("USA", "GBR")], window="1y")
    assert frame["score"].isna().any()
    assert (frame.loc[frame["score"].isna(), "n"] >= 0).all()


@pytest.mark.parametrize(
    "call,option",
    [
        (lambda ds: ds.align(measure="kappa"), "measure"),
        (lambda ds: ds.align(universe="nowhere"), "universe"),
        (lambda ds: ds.align(coding="maybe"), "coding"),
        (lambda ds: ds.align(window="2w"), "window"),
        (lambda ds: ds.align(ci=1.5), "ci"),
        (lambda ds: ds.align(bootstrap=0), "bootstrap"),
        (lambda ds: ds.align(pairs=[("USA", "GBR")], actor="USA"), "actor"),
        (lambda ds: ds.align(pairs="USA:GBR"), "pairs"),
        (lambda ds: ds.cohesion("EU", measure="unity"), "measure"),
    ],
)
def test_bad_alignment_options_name_the_option(js, call, option):
    with pytest.raises(ValueError, match=option):
        call(js)


def test_unknown_actor_and_bloc_are_value_errors(js):
    with pytest.raises(ValueError, match="ZZZ"):
        js.align(pairs=[("USA", "ZZZ")])
    with pytest.raises(ValueError, match="USA"):
        js.cohesion("USA")


@pytest.mark.parametrize(
    "options,flags",
    [
        ({}, []),
        ({"window": "2y", "start": "2016-01-01"}, ["--window", "2y", "--from", "2016-01-01"]),
    ],
)
def test_cohesion_equals_cli_csv(js, cli, options, flags):
    expected = read_cli_csv(cli("cohesion", "--bloc", "EU", "--format", "csv", *flags), text_columns=["bloc", "measure"], date_columns=ALIGN_DATES)
    assert_same(js.cohesion("EU", **options), expected)


def test_un_cohesion_equals_cli_csv(un, cli):
    flags = ["--un-votes", "--bloc", "UN", "--window", "10y", "--measure", "rice"]
    expected = read_cli_csv(cli("cohesion", "--format", "csv", *flags), text_columns=["bloc", "measure"], date_columns=ALIGN_DATES)
    assert_same(un.cohesion("UN", window="10y", measure="rice"), expected)


def test_timeline_alignment_table_equals_cli(js, cli):
    t = js.timeline(measure="jaccard", window="2y")
    text = cli("timeline", "--format", "csv", "--table", "alignment", "--measure", "jaccard", "--window", "2y")
    expected = read_cli_csv(text, text_columns=["measure", "coalition"], date_columns=["start", "end"])
    assert_same(t.alignment, expected)
    events = t.events
    for c in ("from_size", "to_size", "gap", "last_window"):
        assert str(events[c].dtype) == "Int64"


IDEAL_DATES = ["window_start", "window_end"]


@pytest.mark.parametrize(
    "options,flags",
    [
        ({"model": "binary", "window": "2y", "start": "2010-01-01", "end": "2013-12-31"}, ["--model", "binary", "--window", "2y", "--from", "2010-01-01", "--to", "2013-12-31"]),
        ({"window": "1y", "start": "2012-01-01", "end": "2014-12-31", "bootstrap": 20, "seed": 3}, ["--window", "1y", "--from", "2012-01-01", "--to", "2014-12-31", "--bootstrap", "20", "--seed", "3"]),
    ],
)
def test_un_ideal_points_equal_cli_csv(un, cli, options, flags):
    expected = read_cli_csv(cli("ideal", "--un-votes", "--format", "csv", *flags), text_columns=["actor"], date_columns=IDEAL_DATES)
    frame = un.ideal(**options)
    assert_same(frame, expected)
    assert frame.attrs["model"] == options.get("model", "dynamic")
    usa = frame[frame["actor"] == "USA"]
    assert (usa["ideal"] > 0).all()


def test_ideal_bad_options_are_value_errors(un):
    with pytest.raises(ValueError, match="model"):
        un.ideal(model="tobit", start="2010-01-01", end="2010-12-31")
    with pytest.raises(ValueError, match="bootstrap"):
        un.ideal(bootstrap=1, start="2010-01-01", end="2010-12-31")
    with pytest.raises(ValueError, match="omega"):
        un.ideal(omega=0.0, start="2010-01-01", end="2010-12-31")


def test_cluster_significance_equals_cli(js, cli):
    import json

    c = js.cluster(significance=25, seed=2, runs=3)
    flags = ["--significance", "25", "--seed", "2", "--runs", "3"]
    assert c.to_dict() == json.loads(cli("cluster", "--format", "json", *flags))
    assert c.significance["beats_chance"] in (True, False)
    expected = read_cli_csv(cli("cluster", "--format", "csv", *flags), text_columns=["actor"])
    assert_same(c.membership, expected)


def test_window_dates_beyond_pandas_nanoseconds_are_not_wrapped():
    # datetime64[ns] ends in 2262; a later window used to wrap to a date in the 1700s-1900s.
    sig = pd.DataFrame(
        {
            "statement": ["s1", "s1", "s2", "s2"],
            "actor": ["USA", "GBR", "USA", "GBR"],
            "date": ["2020-06-01", "2020-06-01", "2300-06-01", "2300-06-01"],
        }
    )
    frame = cs.Dataset.from_frames(sig).align(pairs=[("USA", "GBR")], window="1y")
    assert frame["window_start"].is_monotonic_increasing
    assert frame["window_start"].iloc[0] == pd.Timestamp("2020-01-01")
    assert frame["window_start"].iloc[-1] == pd.Timestamp("2300-01-01")
    recent = cs.Dataset.from_frames(sig.iloc[:2]).align(pairs=[("USA", "GBR")], window="1y")
    assert str(recent["window_start"].dtype) == "datetime64[ns]"


COMPARE_DATES = ["first_start", "first_end", "second_start", "second_end"]


@pytest.mark.parametrize("resample", ["statement", "resolution"])
def test_un_votes_resample_and_sessions_equal_cli_csv(un, cli, resample):
    # Issue 18 items 9-10: resampling by resolution and windows by General Assembly session.
    flags = ["--un-votes", "--pairs", "IND:RUS,USA:ISR", "--ci", "0.95", "--bootstrap", "300", "--seed", "2",
             "--resample", resample, "--window", "session", "--from", "2015-01-01"]
    expected = read_cli_csv(cli("align", "--format", "csv", *flags), text_columns=ALIGN_TEXT, date_columns=ALIGN_DATES)
    frame = un.align(pairs=[("IND", "RUS"), ("USA", "ISR")], ci=0.95, bootstrap=300, seed=2, resample=resample,
                     window="session", start="2015-01-01")
    assert len(frame) == 2 * 6  # sessions 69 (its last roll calls) to 74
    assert_same(frame, expected)


def test_un_votes_compare_equals_cli_csv(un, cli):
    flags = ["--un-votes", "--pairs", "IND:RUS,USA:ISR", "--compare", "1990-1999:2010-01-01..2019-12-31",
             "--permutations", "199", "--seed", "4", "--resample", "resolution"]
    expected = read_cli_csv(cli("align", "--format", "csv", *flags), text_columns=["a", "b", "measure", "resample"],
                            date_columns=COMPARE_DATES)
    frame = un.align(pairs=[("IND", "RUS"), ("USA", "ISR")], compare=("1990-1999", "2010-01-01..2019-12-31"),
                     permutations=199, seed=4, resample="resolution")
    assert_same(frame, expected)
    assert (frame["units_first"] <= frame["n_first"]).all()


@pytest.mark.parametrize(
    "call,option",
    [
        (lambda ds: ds.align(resample="paragraph"), "resample"),
        (lambda ds: ds.align(pairs=[("USA", "GBR")], compare="2019-2018:2020"), "compare"),
        (lambda ds: ds.align(pairs=[("USA", "GBR")], compare="2018-2020:2019"), "compare"),
        (lambda ds: ds.align(compare="2018:2020"), "compare"),
        (lambda ds: ds.align(window="session"), "window"),
        (lambda ds: ds.align(window="session", step="1y"), "step"),
    ],
)
def test_bad_resample_compare_and_session_options_name_the_option(js, call, option):
    with pytest.raises(ValueError, match=option):
        call(js)
