"""Type stubs of the Rust module (cosignatory._native); use the `cosignatory` package."""

from typing import Any, Dict, List, Optional, Tuple

__version__: str

class Dataset:
    @staticmethod
    def read(path: str, lenient: bool) -> Dataset: ...
    @staticmethod
    def from_csv(
        statements: bytes,
        signatures: bytes,
        actors: Optional[bytes],
        memberships: Optional[bytes],
        lenient: bool,
    ) -> Dataset: ...
    @staticmethod
    def joint_statements() -> Dataset: ...
    @staticmethod
    def un_votes() -> Dataset: ...
    def load_report(self) -> Optional[Dict[str, Any]]: ...
    def summary(
        self, top: int, start: Optional[str], end: Optional[str], kind: List[str], topic: List[str], bloc_mode: str
    ) -> str: ...
    def tables(self) -> Dict[str, bytes]: ...
    def graph(
        self,
        start: Optional[str],
        end: Optional[str],
        kind: List[str],
        topic: List[str],
        bloc_mode: str,
        weight: str,
        signed: bool,
        votes: bool,
        backbone: Optional[str],
        alpha: float,
        correction: str,
        with_nodes: bool,
    ) -> Dict[str, Any]: ...
    def graph_nodes(
        self,
        start: Optional[str],
        end: Optional[str],
        kind: List[str],
        topic: List[str],
        bloc_mode: str,
        weight: str,
        signed: bool,
        votes: bool,
        backbone: Optional[str],
        alpha: float,
        correction: str,
    ) -> bytes: ...
    def cluster(
        self,
        start: Optional[str],
        end: Optional[str],
        kind: List[str],
        topic: List[str],
        bloc_mode: str,
        weight: str,
        signed: bool,
        votes: bool,
        algorithm: str,
        quality: str,
        resolution: float,
        seed: int,
        runs: Optional[int],
        consensus: bool,
        linkage: str,
        k: Optional[int],
    ) -> Dict[str, Any]: ...
    def timeline(
        self,
        start: Optional[str],
        end: Optional[str],
        kind: List[str],
        topic: List[str],
        bloc_mode: str,
        weight: str,
        signed: bool,
        votes: bool,
        window: Optional[str],
        step: Optional[str],
        smoothing: str,
        coupling: float,
        resolution: float,
        seed: int,
    ) -> Timeline: ...
    def counts(self) -> Tuple[int, int, int]: ...

class Timeline:
    def csv(self, table: str) -> str: ...
    def windows(self) -> List[Tuple[int, str, str, int, int, Optional[float], Optional[float]]]: ...
    def multislice_quality(self) -> Optional[float]: ...
    def json(self) -> str: ...
    def to_gexf(self, path: str) -> None: ...

def cluster_edges(
    name: str,
    text: Optional[bytes],
    path: Optional[str],
    algorithm: str,
    quality: str,
    resolution: float,
    seed: int,
    runs: Optional[int],
    consensus: bool,
    linkage: str,
    k: Optional[int],
) -> Dict[str, Any]: ...
