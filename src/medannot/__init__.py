"""medannot: scraped Chinese health articles in, clean annotated JSON records out.

    >>> import medannot
    >>> record = medannot.annotate("患者没有发热，偶有头痛。", raw=True)
    >>> [(e.text, e.label, e.negated) for e in record.entities]
    [('发热', 'symptom', True), ('头痛', 'symptom', False)]
"""

from .about import SCHEMA_VERSION, __version__
from .config import Options
from .errors import InputError, LexiconError, MedannotError, SegmenterError
from .lexicon import load_lexicon
from .pipeline import Pipeline, annotate
from .record import ErrorRecord, Record

__all__ = [
    "__version__",
    "SCHEMA_VERSION",
    "annotate",
    "Pipeline",
    "Options",
    "Record",
    "ErrorRecord",
    "load_lexicon",
    "MedannotError",
    "InputError",
    "LexiconError",
    "SegmenterError",
]
