"""Bytes to text: BOM, then declared charset (HTTP header or <meta>), then UTF-8, then detection.

Bytes that are valid UTF-8 (and not plain ASCII) are read as UTF-8 whatever the page declares.

Chinese pages often declare GB2312 or GBK while using characters only GB18030 has, so those
declarations are decoded as GB18030 (a strict superset). A decode that had to replace bytes is
flagged ``lossy`` instead of passing garbage on silently.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import InputError

__all__ = ["Decoded", "decode_bytes", "declared_charset"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Declared names that mean "some GB encoding": all decoded as the superset.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312", "gb_2312-80", "csgb2312"}
_BIG5_FAMILY = {"big5", "big5-hkscs", "x-x-big5", "cp950"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.IGNORECASE)
# Share of replacement characters above which a "decoded" text is rejected as garbage.
_MAX_LOSSY_SHARE = 0.02


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    lossy: bool = False  # undecodable bytes were replaced by U+FFFD


def _normalise(name: str) -> str | None:
    name = name.strip().lower()
    if name in _GB_FAMILY:
        return "gb18030"
    if name in _BIG5_FAMILY:
        return "big5hkscs"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset a page declares: HTTP ``Content-Type`` first, then the first <meta> in 4 KB."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and (name := _normalise(match.group(1))):
            return name
    match = _META_CHARSET.search(data[:4096])
    if match:
        return _normalise(match.group(1).decode("ascii", "replace"))
    return None


def _looks_utf16(data: bytes) -> str | None:
    """BOM-less UTF-16: NUL in every other byte of mostly-ASCII or in a regular CJK pattern."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if not sample:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    for codec, nul_share, other in (("utf-16-be", even_nuls, odd_nuls), ("utf-16-le", odd_nuls, even_nuls)):
        if nul_share > 0.3 and other < 0.05:
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    return None


def _is_binary(data: bytes) -> str | None:
    """A reason when the bytes are clearly not text (NULs or many control bytes)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return "contains NUL bytes"
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if sample and controls / len(sample) > 0.05:
        return f"{controls} control bytes in the first {len(sample)}"
    return None


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_CJK_SHARE = 0.8  # of the non-ASCII characters


def _mostly_cjk(text: str) -> bool:
    non_ascii = sum(1 for c in text if ord(c) > 127)
    return non_ascii > 0 and len(_CJK.findall(text)) >= _CJK_SHARE * non_ascii


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported here: only pages that need detection pay

    best = from_bytes(data[:200_000], cp_isolation=None).best()
    if best is None:
        return None
    return _normalise(best.encoding) or best.encoding


# Characters no real page is made of: replacement characters already in the "text", private use,
# noncharacters and stray byte-order marks. Bytes that decode into many of them were not in that codec.
_IMPLAUSIBLE = re.compile("[\ufffd\ufeff\ufdd0-\ufdef\ufffe\uffff\ue000-\uf8ff]")


def _strict(data: bytes, encoding: str) -> str | None:
    """The text if ``data`` decodes cleanly in ``encoding`` and the result is plausible text."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if len(_IMPLAUSIBLE.findall(text)) > max(2, len(text) // 100):
        return None
    return text


def decode_bytes(data: bytes, *, what: str = "input", content_type: str | None = None) -> Decoded:
    """Decode a document's bytes, or raise ``InputError`` (MA101 empty, MA102 binary, MA103 undecodable)."""
    if not data.strip():
        raise InputError("MA101", what=what)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is not None:
                return Decoded(text, codec)
    if (codec := _looks_utf16(data)) is not None:
        return Decoded(data.decode(codec), codec)
    if (reason := _is_binary(data)) is not None:
        raise InputError("MA102", what=what, detail=reason)

    declared = declared_charset(data, content_type)
    if declared not in (None, "utf-8") and not data.isascii() and (text := _strict(data, "utf-8")) is not None:
        # Valid multi-byte UTF-8 is next to impossible by accident in GBK or Latin text: the page was
        # re-encoded without fixing its <meta charset> (common with scrapers), so the bytes win.
        return Decoded(text, "utf-8")
    candidates = [c for c in (declared, "utf-8") if c]
    for codec in candidates:
        text = _strict(data, codec)
        if text is not None:
            return Decoded(text, codec)
    # This is a tool for Chinese pages: bytes that read strictly as GB18030 and give Chinese text
    # are GB18030. Detection is unreliable on short inputs (a few CJK characters can pass as Johab).
    text = _strict(data, "gb18030")
    if text is not None and _mostly_cjk(text):
        return Decoded(text, "gb18030")
    detected = _detect(data)
    for codec in [c for c in (detected, "gb18030", "big5hkscs") if c and c not in candidates]:
        text = _strict(data, codec)
        if text is not None:
            return Decoded(text, codec)
    # Nothing decodes cleanly: take the best guess with replacements, and say so.
    codec = declared or detected or "utf-8"
    text = data.decode(codec, errors="replace")
    if text.count("\ufffd") > _MAX_LOSSY_SHARE * max(len(text), 1):
        raise InputError("MA103", what=what, detail=f"no encoding fits; best guess {codec} replaces too much")
    return Decoded(text, codec, lossy=True)
