"""Scorers that compare medannot's output with gold data, one module per task."""
