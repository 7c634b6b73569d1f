"""The exceptions of cosignatory (raised by the Rust module as well)."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List


class DataError(ValueError):
    """Bad input data: the library's located message, and every problem found.

    ``problems`` is a list of dicts ``{file, line, field, value, message}`` (``None`` where
    a key does not apply, e.g. ``field`` for an empty file).
    """

    problems: List[Dict[str, Any]]

    def __init__(self, message: str, problems: Iterable[Dict[str, Any]] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)
