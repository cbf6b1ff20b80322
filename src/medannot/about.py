"""Package version and the record schema version, importable without side effects."""

__version__ = "0.1.0"
SCHEMA_VERSION = 1
