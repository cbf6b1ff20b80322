"""Bytes to text: BOMs, declared charsets, GB family as GB18030, detection, lossy flags, clear errors."""

from __future__ import annotations

import codecs

import pytest

from medannot.decode import decode_bytes, declared_charset
from medannot.errors import InputError

TEXT = "高血压患者应当低盐饮食，规律服药，定期复查血压。" * 4
RARE = "㐀"  # in GB18030, not in GBK or GB2312


def _page(charset: str | None, body: str = TEXT) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [(codecs.BOM_UTF8, "utf-8", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be")],
)
def test_bom_decides(bom: bytes, codec: str, name: str) -> None:
    decoded = decode_bytes(bom + TEXT.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.lossy) == (TEXT, name, False)


@pytest.mark.parametrize("declared", ["gb2312", "GBK", "gb18030", "x-gbk"])
def test_gb_declarations_decode_as_gb18030(declared: str) -> None:
    page = _page(declared, TEXT + RARE)
    decoded = decode_bytes(page.encode("gb18030"))
    assert decoded.encoding == "gb18030"
    assert RARE in decoded.text and not decoded.lossy


def test_http_header_charset_wins_over_meta() -> None:
    assert declared_charset(_page("utf-8").encode(), "text/html; charset=GBK") == "gb18030"
    assert declared_charset(_page("big5").encode()) == "big5hkscs"
    assert declared_charset(b"<html>no charset</html>") is None


def test_undeclared_utf8_and_gbk() -> None:
    assert decode_bytes(_page(None).encode("utf-8")).encoding == "utf-8"
    decoded = decode_bytes(_page(None).encode("gbk"))
    assert decoded.text == _page(None) and decoded.encoding in ("gb18030", "gbk", "gb2312")


def test_valid_utf8_beats_a_stale_gb_declaration() -> None:
    decoded = decode_bytes(_page("gb2312").encode("utf-8"))
    assert (decoded.encoding, decoded.text) == ("utf-8", _page("gb2312"))


def test_a_few_bad_bytes_are_replaced_and_flagged() -> None:
    data = _page("utf-8").encode("utf-8")
    data = data[:200] + b"\xff" + data[200:]
    decoded = decode_bytes(data)
    assert decoded.lossy and decoded.text.count("\ufffd") >= 1


@pytest.mark.parametrize(("data", "code"), [(b"", "MA101"), (b"  \n ", "MA101"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "MA102")])
def test_clear_errors(data: bytes, code: str) -> None:
    with pytest.raises(InputError) as error:
        decode_bytes(data, what="page.html")
    assert error.value.code == code and "page.html" in str(error.value)


def test_short_undeclared_gb_text_is_gb18030() -> None:
    decoded = decode_bytes("头痛。".encode("gb18030"))
    assert (decoded.text, decoded.encoding) == ("头痛。", "gb18030")


def test_a_byte_order_mark_over_garbage_is_not_trusted():
    data = b"\xff\xfe\xfd" * 10 + "头痛".encode("utf-8")
    try:
        decoded = decode_bytes(data)
    except InputError as error:
        assert error.code in ("MA102", "MA103")
    else:
        assert decoded.encoding != "utf-16-le" and (decoded.lossy or "\ufffd" not in decoded.text)
