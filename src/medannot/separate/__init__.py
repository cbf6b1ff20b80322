"""Separate editorial content from boilerplate, lift metadata out, parse the references.

``separate_text`` handles plain-text dumps (one block per line), ``separate_html`` real pages; both
return a ``Separated`` whose every input block is either content or a kept boilerplate block.
``as_content`` is the ``--raw`` path: the text is content as it is.
"""

from .model import Separated
from .text import separate_text, as_content
from .html import separate_html

__all__ = ["Separated", "separate_text", "separate_html", "as_content"]
