"""Shared fixtures: the CLI binary is the reference every frame is compared with."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path
from typing import List

import pandas as pd
import pytest

import cosignatory as cs

REPO = Path(__file__).resolve().parents[2]


def _binary() -> Path:
    """`COSIGNATORY_BIN`, else a build of the CLI in the cargo target dir (release first)."""
    if os.environ.get("COSIGNATORY_BIN"):
        return Path(os.environ["COSIGNATORY_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("release", "debug"):
        candidate = target / profile / "cosignatory"
        if candidate.exists():
            return candidate
    raise RuntimeError(
        "no cosignatory binary: build it with `cargo build --release --features un-votes` "
        "or set COSIGNATORY_BIN"
    )


@pytest.fixture(scope="session")
def cli():
    """Runs the CLI and returns its stdout; a failing command fails the test."""
    binary = _binary()

    def run(*args: str) -> str:
        done = subprocess.run([str(binary), *args], capture_output=True, text=True)
        assert done.returncode == 0, f"cosignatory {' '.join(args)} failed: {done.stderr}"
        return done.stdout

    return run


@pytest.fixture(scope="session")
def cli_status():
    """Runs the CLI and returns its exit code."""
    binary = _binary()

    def run(*args: str) -> int:
        return subprocess.run([str(binary), *args], capture_output=True, text=True).returncode

    return run


@pytest.fixture(scope="session")
def js() -> cs.Dataset:
    return cs.joint_statements()


@pytest.fixture(scope="session")
def un() -> cs.Dataset:
    return cs.un_votes()


def read_cli_csv(text: str, text_columns: List[str] = (), date_columns: List[str] = ()) -> pd.DataFrame:
    """The CLI's CSV as pandas reads it on its own (ids as strings, dates parsed)."""
    frame = pd.read_csv(
        io.StringIO(text),
        dtype={c: str for c in text_columns},
        keep_default_na=False,
        na_values={c: [""] for c in pd.read_csv(io.StringIO(text), nrows=0).columns if c not in text_columns},
    )
    for c in date_columns:
        frame[c] = pd.to_datetime(frame[c].replace("", None), format="%Y-%m-%d")
    return frame


def assert_same(frame: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal columns, values (exactly) and dtypes, ids compared as strings."""
    frame = frame.copy()
    for c in frame.columns:
        if isinstance(frame[c].dtype, pd.CategoricalDtype):
            frame[c] = frame[c].astype(str)
    for c in expected.columns:
        # The CLI writes a whole float as `2`, which pandas reads as an integer.
        if frame[c].dtype == "float64" and pd.api.types.is_integer_dtype(expected[c]):
            expected[c] = expected[c].astype("float64")
        if pd.api.types.is_datetime64_any_dtype(expected[c]):
            expected[c] = expected[c].astype("datetime64[ns]")
            frame[c] = frame[c].astype("datetime64[ns]")
    assert list(frame.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(frame.reset_index(drop=True), expected, check_exact=True, check_dtype=True)
