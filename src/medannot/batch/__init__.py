"""Running the pipeline over many documents: ordered output, atomic files, a run summary."""

from .run import Summary, run_batch
from .writer import AtomicWriter

__all__ = ["Summary", "run_batch", "AtomicWriter"]
