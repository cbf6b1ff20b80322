"""Every date form ``find_dates`` / ``normalise_date`` reads, and the ones it must refuse."""

from __future__ import annotations

import pytest

from medannot.separate.dates import find_dates, normalise_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2021-07-09", "2021-07-09"),
        ("2021.07.09", "2021-07-09"),
        ("2021/7/9", "2021-07-09"),
        ("2021年7月9日", "2021-07-09"),
        ("2021年07月09号", "2021-07-09"),
        ("２０２１年０７月０９日", "2021-07-09"),  # full-width digits
        ("二〇二一年七月九日", "2021-07-09"),
        ("二〇二〇年十二月三十一日", "2020-12-31"),
        ("2021-07-09 10:20", "2021-07-09T10:20"),
        ("2021-07-09 10:20:33", "2021-07-09T10:20:33"),
        ("2021年7月9日 10时5分", "2021-07-09T10:05"),
        ("2021年7月9日下午3:05", "2021-07-09T15:05"),
        ("2021-07-09T10:20:00+08:00", "2021-07-09T10:20:00"),  # wall-clock part of ISO
        ("发布时间：2021-07-09 10:20", "2021-07-09T10:20"),
        ("09/07/2021", "2021-07-09"),  # day first
        ("7/25/2021", "2021-07-25"),  # second number > 12: month first
        ("9/7/2021 9:23:57 PM", "2021-07-09T21:23:57"),
        ("12/7/2021 12:10 am", "2021-07-12T00:10"),
        ("09/07/2021 - 13:48", "2021-07-09T13:48"),
        ("（2021-07-09 17:19PM）", "2021-07-09T17:19"),  # 24-hour clock with a stray PM
    ],
)
def test_date_forms(text: str, iso: str) -> None:
    assert normalise_date(text) == iso


@pytest.mark.parametrize("text", ["2021-02-30", "1969-01-01", "2021年7月", "12:30", "第2021-7期", "电话 2021 7 9"])
def test_not_dates(text: str) -> None:
    assert normalise_date(text) is None


def test_every_date_in_order_without_overlaps() -> None:
    found = find_dates("会议 2021年7月9日 至 2021-07-11 10:00 结束")
    assert [f.iso for f in found] == ["2021-07-09", "2021-07-11T10:00"]
    assert found[0].start < found[0].end <= found[1].start


def test_hour_out_of_range_keeps_the_day() -> None:
    assert normalise_date("2021-07-09 25:10") == "2021-07-09"
