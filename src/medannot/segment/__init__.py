"""Word segmentation backends behind one interface; chosen by name through the registry."""

from .base import Segmenter, Tokens
from .registry import DEFAULT_SEGMENTER, available_segmenters, create_segmenter

__all__ = ["Segmenter", "Tokens", "DEFAULT_SEGMENTER", "available_segmenters", "create_segmenter"]
