"""HTML pages: parse with selectolax (lexbor, no network, no external entities), turn the DOM into
text blocks with their link density, take the title from og:title/<title>/<h1>, then separate the
blocks like a text dump."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from .meta import clean_title, normalise_date
from .model import Separated
from .text import separate_blocks

__all__ = ["separate_html"]

_DROP = "script, style, noscript, template, svg, iframe, object, embed, head > link"
_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "dd", "dt",
    "dl", "pre", "blockquote", "section", "article", "header", "footer", "nav", "aside", "br", "figure",
    "figcaption", "form", "main", "center", "hr",
}
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


def _title(tree: LexborHTMLParser) -> str | None:
    for selector, attribute in (('meta[property="og:title"]', "content"), ("title", None), ("h1", None)):
        node = tree.css_first(selector)
        if node is None:
            continue
        value = node.attributes.get(attribute) if attribute else node.text(strip=True)
        if value and value.strip():
            return clean_title(re.split(r"\s[-_|｜]\s|_", value.strip())[0])
    return None


def _published(tree: LexborHTMLParser) -> str | None:
    for selector in ('meta[property="article:published_time"]', 'meta[name="pubdate"]', 'meta[name="publishdate"]'):
        node = tree.css_first(selector)
        if node is not None and (date := normalise_date(node.attributes.get("content") or "")):
            return date
    return None


def _blocks(root) -> tuple[list[str], list[float]]:
    """Text blocks in document order with the share of their text that sits inside links."""
    blocks: list[str] = []
    densities: list[float] = []
    text_parts: list[str] = []
    link_chars = 0

    def flush() -> None:
        nonlocal link_chars
        text = _SPACE.sub(" ", "".join(text_parts)).strip()
        if text:
            for line in text.split("\n"):
                line = line.strip()
                if line:
                    blocks.append(line)
                    densities.append(min(1.0, link_chars / max(len(text), 1)))
        text_parts.clear()
        link_chars = 0

    def walk(node, in_link: bool) -> None:
        nonlocal link_chars
        child = node.child
        while child is not None:
            tag = child.tag
            if tag == "-text":
                value = child.text_content or ""
                text_parts.append(value.replace("\n", " "))
                if in_link:
                    link_chars += len(value.strip())
            elif tag in _BLOCK_TAGS:
                flush()
                walk(child, in_link)
                flush()
            elif tag == "img":
                alt = (child.attributes.get("alt") or "").strip()
                if alt:
                    flush()
                    text_parts.append(alt)
                    flush()
            elif not tag.startswith("-"):
                walk(child, in_link or tag == "a")
            child = child.next

    walk(root, False)
    flush()
    return blocks, densities


def separate_html(html: str) -> Separated:
    tree = LexborHTMLParser(html)
    title = _title(tree)
    published = _published(tree)
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.body or tree.root
    blocks, densities = _blocks(root) if root is not None else ([], [])
    separated = separate_blocks(blocks, link_density=densities, title=title)
    if published and not separated.meta.published:
        separated.meta.published = published
    return separated
