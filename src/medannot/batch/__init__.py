"""Running the pipeline over many documents: parallel engines, ordered atomic and resumable
output, a run summary. ``bag.py`` maps the pipeline over a ``dask.bag`` (imported on use)."""

from .run import Interrupted, default_workers, run_batch
from .summary import Summary
from .writer import AtomicWriter, JsonlOutput

__all__ = ["Summary", "run_batch", "default_workers", "Interrupted", "AtomicWriter", "JsonlOutput"]
