"""Phone numbers: mainland formats by their shape, local eight-digit numbers only where a cue says so."""

from __future__ import annotations

import pytest

from medannot.separate.phones import find_phones, load_phone_file


def test_mainland_phones_are_normalised_and_distinct() -> None:
    text = "热线400 123 4567，手机13812345678，电话010-12345678，（0755）1234567，再拨400-123-4567"
    assert find_phones(text) == ["400-123-4567", "13812345678", "010-12345678", "0755-1234567"]


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("如有疑問，歡迎致電 2345 6789 或 WhatsApp 9876 5432 預約。", ["2345-6789", "9876-5432"]),
        ("電話：3456-7890", ["3456-7890"]),
        ("查詢熱線\n2345 6789", ["2345-6789"]),  # the label on the line above
        ("診所地址：旺角某街1號 +852 2345 6789", ["2345-6789"]),  # a country code needs no cue
        ("门诊电话：8765 4321，急诊电话：0755-12345678", ["8765-4321", "0755-12345678"]),
        ("联系电话：+86 138 1234 5678", ["13812345678"]),
    ],
)
def test_local_numbers_after_a_cue(text: str, phones: list[str]) -> None:
    assert find_phones(text) == phones


@pytest.mark.parametrize(
    "text",
    [
        "今年门诊量 3200 5100 人次的统计还在进行。",  # eight digits without a cue
        "每次 2500 毫克，每日 3 次，共 14 天。",
        "2023-10-20 16:42 发布",
        "请在 2023 年 10 月 20 日前预约",
        "预约人数 2023 1020 年",  # a cue, but the digits run into a date
        "咨询电话：02-2345-6789",  # part of a longer number (not a local eight-digit one)
        "来电请注意：编号 23456789012",
    ],
)
def test_prose_numbers_are_no_phones(text: str) -> None:
    assert find_phones(text) == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("format: medannot-phones/1\ncues: [电话]\nformats:\n  - name: x\n    pattern: '('\n    form: '{a}'\n", 4, "bad pattern"),
        ("format: medannot-phones/1\ncues: [电话]\nformats:\n  - name: x\n    pattern: '(?P<a>\\d{8})'\n    form: '{b}'\n", 4, "named groups"),
        ("format: medannot-phones/1\ncues: [电话]\nformats:\n  - name: x\n    pattern: '(?P<a>\\d{8})'\n    form: '{a}'\n    needs_cue: 1\n", 4, "needs_cue"),
        ("format: medannot-phones/1\ncues: []\nformats:\n  - name: x\n    pattern: '(?P<a>\\d{8})'\n    form: '{a}'\n", 1, "cues"),
        ("format: medannot-phones/1\ncues: [电话]\nrules: []\nformats: []\n", 1, "unknown header"),
    ],
)
def test_invalid_file_names_file_and_line(refused, text: str, line: int, message: str) -> None:
    refused(load_phone_file, text, line, message)
