"""Type stubs of the Rust module (cosignatory._native); use the `cosignatory` package."""

from typing import Any, Dict, List, Optional, Tuple

__version__: str

# (start, end, kind, topic, bloc_mode)
DataArgs = Tuple[Optional[str], Optional[str], List[str], List[str], str]
# (weight, signed, votes)
ProjectionArgs = Tuple[str, bool, bool]
# (backbone, alpha, correction, tail, tail_method, samples, seed)
BackboneArgs = Tuple[Optional[str], float, str, str, str, int, int]
# (algorithm, quality, resolution, seed, runs, consensus, linkage, k)
ClusteringArgs = Tuple[str, str, float, int, Optional[int], bool, str, Optional[int]]

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
    def summary(self, data: DataArgs, top: int) -> str: ...
    def tables(self) -> Dict[str, bytes]: ...
    def graph(
        self, data: DataArgs, projection: ProjectionArgs, backbone: BackboneArgs, with_nodes: bool
    ) -> Dict[str, Any]: ...
    def graph_nodes(self, data: DataArgs, projection: ProjectionArgs, backbone: BackboneArgs) -> bytes: ...
    def cluster(
        self, data: DataArgs, projection: ProjectionArgs, clustering: ClusteringArgs, significance: Optional[int]
    ) -> Dict[str, Any]: ...
    def align(
        self,
        data: DataArgs,
        measure: Optional[str],
        pairs: List[Tuple[str, str]],
        actor: Optional[str],
        universe: Optional[str],
        coding: Optional[str],
        window: Optional[str],
        step: Optional[str],
        ci: Optional[float],
        bootstrap: Optional[int],
        seed: int,
        min_n: int,
        resample: str,
    ) -> Dict[str, Any]: ...
    def align_compare(
        self,
        data: DataArgs,
        measure: Optional[str],
        pairs: List[Tuple[str, str]],
        actor: Optional[str],
        universe: Optional[str],
        coding: Optional[str],
        compare: str,
        permutations: int,
        seed: int,
        resample: str,
    ) -> Dict[str, Any]: ...
    def ideal(
        self,
        data: DataArgs,
        model: str,
        window: Optional[str],
        step: Optional[str],
        anchor: Optional[str],
        omega: float,
        max_iterations: int,
        universe: Optional[str],
        coding: Optional[str],
        bootstrap: Optional[int],
        ci: float,
        seed: int,
        acceleration: str,
    ) -> Dict[str, Any]: ...
    def cohesion(
        self, data: DataArgs, bloc: str, measure: Optional[str], window: Optional[str], step: Optional[str]
    ) -> Dict[str, Any]: ...
    def timeline(
        self,
        data: DataArgs,
        projection: ProjectionArgs,
        window: Optional[str],
        step: Optional[str],
        smoothing: str,
        coupling: float,
        resolution: float,
        seed: int,
        measure: Optional[str],
    ) -> Timeline: ...
    def _bench_library(
        self, what: str, data: DataArgs, projection: ProjectionArgs, window: Optional[str], runs: int
    ) -> float: ...
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
    clustering: ClusteringArgs,
) -> Dict[str, Any]: ...
