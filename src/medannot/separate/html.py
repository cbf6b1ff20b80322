"""HTML pages: bound the markup, parse it with selectolax (lexbor: no network, no external entities,
no DTD), turn the DOM into text blocks with what the markup says about each (link density, heading
or list item, class/id hints, enclosing containers), read title and dates from the head, then
separate the blocks like a text dump, with the DOM as extra evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .cues import CONTENT, load_dom_hints
from .dates import normalise_date
from .meta import clean_title
from .model import Block, Container, Separated
from .text import separate_blocks

__all__ = ["separate_html", "bound_markup"]

# Elements whose text is not page text.
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "head", "select",
     "textarea", "button", "canvas", "math", "audio", "video", "map", "-comment", "-doctype"}
)
_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "tbody", "thead",
     "tfoot", "dd", "dt", "dl", "pre", "blockquote", "section", "article", "header", "footer", "nav",
     "aside", "br", "figure", "figcaption", "form", "main", "center", "hr", "caption", "fieldset",
     "address", "details", "summary", "legend"}
)
_CELLS = frozenset({"td", "th"})  # cells of one row join into one block
_ROLES = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "li": "item", "dt": "item", "dd": "item", "tr": "row", "figcaption": "caption", "caption": "caption",
}
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u3000\u200b\ufeff]+")
_TITLE_SPLIT = re.compile(r"\s*(?:\s[-_|｜—–]\s|[_|｜]|--|——)\s*")
_DATE_META = (
    'meta[property="article:published_time"]', 'meta[itemprop="datePublished"]', 'meta[name="pubdate"]',
    'meta[name="PubDate"]', 'meta[name="publishdate"]', 'meta[name="publish_date"]', 'meta[name="citation_date"]',
    'meta[name="citation_publication_date"]', 'meta[name="dc.date"]', 'meta[name="DC.date"]', 'meta[name="date"]',
)

# Hostile-markup bounds: lexbor's tree building is quadratic in nesting depth and in the number of
# unclosed formatting elements, so opening tags beyond this many open elements are dropped before
# parsing (their text stays). Real pages nest far less.
MAX_OPEN_ELEMENTS = 512
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
     "p", "li", "dt", "dd", "td", "th", "tr", "option"}  # also the elements that close themselves
)
# Below this many "<", even the worst nesting parses in well under a tenth of a second: no scan.
_TAG_SCAN_THRESHOLD = 10_000


def bound_markup(html: str) -> str:
    """``html`` with the opening tags that would nest deeper than ``MAX_OPEN_ELEMENTS`` removed."""
    if html.count("<") <= _TAG_SCAN_THRESHOLD:
        return html
    open_count: dict[str, int] = {}
    dropped: dict[str, int] = {}
    total = 0
    drops: list[tuple[int, int]] = []
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            if dropped.get(name, 0) > 0:  # closes an element whose opening tag was dropped
                dropped[name] -= 1
                drops.append(match.span())
            elif open_count.get(name, 0) > 0:
                open_count[name] -= 1
                total -= 1
        elif total >= MAX_OPEN_ELEMENTS:
            dropped[name] = dropped.get(name, 0) + 1
            drops.append(match.span())
        else:
            open_count[name] = open_count.get(name, 0) + 1
            total += 1
    return _cut(html, drops) if drops else html


def _cut(html: str, spans: list[tuple[int, int]]) -> str:
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(html[last:start])
        last = end
    pieces.append(html[last:])
    return "".join(pieces)


def _title(tree: LexborHTMLParser) -> str | None:
    """og:title, else the <title> up to its site-name separator, else the first <h1>."""
    for selector, attribute in (('meta[property="og:title"]', "content"), ("title", None), ("h1", None)):
        node = tree.css_first(selector)
        if node is None:
            continue
        value = node.attributes.get(attribute) if attribute else node.text(strip=True)
        value = _SPACE.sub(" ", value or "").strip()
        if value:
            return clean_title(_TITLE_SPLIT.split(value)[0] or value)
    return None


def _head_dates(tree: LexborHTMLParser) -> list[str]:
    """Publish dates the markup states: head <meta> tags, then <time datetime> elements."""
    dates = []
    for selector in _DATE_META:
        for node in tree.css(selector):
            if date := normalise_date(node.attributes.get("content") or ""):
                dates.append(date)
    for node in tree.css("time[datetime]"):
        if date := normalise_date(node.attributes.get("datetime") or ""):
            dates.append(date)
    return dates


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        yield child
        child = child.next


class _Walker:
    """Depth-first, iterative (deep nesting cannot overflow the stack) collection of blocks."""

    def __init__(self) -> None:
        self.hints = load_dom_hints()
        self.hint_cache: dict[tuple[str, str], tuple[str, str] | None] = {}
        self.blocks: list[Block] = []
        self.containers: list[Container] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.links = 0  # open <a> elements
        self.pre = 0  # open <pre> elements
        self.hint_stack: list[tuple[str, str]] = []
        self.roles: list[str] = []

    def flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts.clear()
        lines = raw.split("\n") if self.pre else [raw]
        link_chars, self.link_chars = self.link_chars, 0
        hint = self.hint_stack[-1] if self.hint_stack else None
        role = self.roles[-1] if self.roles else ""
        for line in lines:
            text = _SPACE.sub(" ", line).strip()
            if not text:
                continue
            visible = len(text) - text.count(" ")
            density = min(1.0, link_chars / visible) if visible else 0.0
            in_content = hint is not None and hint[0] == CONTENT
            self.blocks.append(Block(text, density, role, None if in_content else hint, in_content))

    def _hint(self, node: LexborNode, tag: str) -> tuple[str, str] | None:
        attributes = node.attributes
        names = f"{attributes.get('id') or ''} {attributes.get('class') or ''}".strip()
        key = (tag, names)
        if key not in self.hint_cache:
            self.hint_cache[key] = self.hints.classify(tag, names)
        return self.hint_cache[key]

    def walk(self, root: LexborNode) -> None:
        # (node, None) enters a node; (node, state) leaves it with what entering pushed.
        stack: list[tuple[LexborNode, tuple[str, bool, bool, bool, int] | None]] = [(root, None)]
        depth = 0
        while stack:
            node, state = stack.pop()
            if state is not None:
                tag, is_block, pushed_hint, pushed_role, first = state
                if is_block:
                    self.flush()
                if tag == "a":
                    self.links -= 1
                elif tag == "pre":
                    self.pre -= 1
                if pushed_hint:
                    self.hint_stack.pop()
                if pushed_role:
                    self.roles.pop()
                depth -= 1
                if (is_block or tag in _CELLS) and len(self.blocks) > first:
                    self.containers.append(Container(first, len(self.blocks) - 1, depth))
                continue
            tag = node.tag
            if tag == "-text":
                text = node.text_content or ""
                if not self.pre and (not text or text.isspace()):
                    if self.parts:
                        self.parts.append(" ")  # keeps words apart; leading space is dropped
                    continue
                self.parts.append(text if self.pre else text.replace("\n", " "))
                if self.links:
                    self.link_chars += len(text) - text.count(" ") - text.count("\n") - text.count("\t")
                continue
            if tag in _SKIP or tag.startswith("-"):
                continue
            if tag == "img":
                continue  # no text; image file names in dumps are classified by cue
            is_block = tag in _BLOCK_TAGS
            if is_block:
                self.flush()
            elif tag in _CELLS:
                self.parts.append(" ")
            if tag == "a":
                self.links += 1
            elif tag == "pre":
                self.pre += 1
            hint = self._hint(node, tag) if tag not in ("html", "body") else None
            if hint is not None:
                self.hint_stack.append(hint)
            role = _ROLES.get(tag)
            if role is not None:
                self.roles.append(role)
            stack.append((node, (tag, is_block, hint is not None, role is not None, len(self.blocks))))
            depth += 1
            stack.extend((child, None) for child in reversed(list(_children(node))))
        self.flush()


def separate_html(html: str) -> Separated:
    """Separate an HTML page into content and kept boilerplate blocks, with its metadata."""
    tree = LexborHTMLParser(bound_markup(html))
    title = _title(tree)
    head_dates = _head_dates(tree)
    walker = _Walker()
    root = tree.body or tree.root
    if root is not None:
        walker.walk(root)
    return separate_blocks(walker.blocks, containers=walker.containers, title=title, head_dates=head_dates)
