"""Authors without their titles and departments; lines that only name a person with their title."""

from __future__ import annotations

from pathlib import Path

import pytest

from medannot.separate.cues import load_person_file
from medannot.separate.people import author_name, is_person_line


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("心内科 张明", "张明"),
        ("张明 心内科主任医师", "张明"),
        ("张明 副主任医师", "张明"),
        ("吴芳（药剂科）", "吴芳"),
        ("黃志明醫生（內科專科）", "黃志明"),
        ("张明教授", "张明"),
        ("本报记者 张明", "张明"),
        ("李 强", "李强"),
        ("李 强：某某大学医学院", "李强"),
        ("张明 王丽", "张明 王丽"),  # two authors
        ("李主任", "李主任"),  # too little left without the title
        ("王科", "王科"),  # a name may end with 科
        ("健康教育科", "健康教育科"),  # only qualifiers: kept as written
        ("xiaoyu2008", "xiaoyu2008"),
    ],
)
def test_author_is_the_name(value: str, name: str) -> None:
    assert author_name(value) == name


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("张明 主任医师", True),
        ("吴芳 主管药师　市第三医院 药剂科", True),
        ("张明主任医师 心内科", True),
        ("张明", False),  # a name alone could be a heading
        ("心内科 神经内科", False),  # no person
        ("张明 王丽 主任医师", False),  # more than one name: a list, not a card
        ("主持人：某某学院院长 张明教授", False),  # a label and punctuation: not a name card
        ("什么是高血压 主任医师", False),  # five characters are no name
        ("糖尿病 饮食", False),
    ],
)
def test_person_lines(line: str, person: bool) -> None:
    assert is_person_line(line) is person


def test_longer_titles_are_cut_whole(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("format: medannot-person-qualifiers/1\nqualifiers:\n  - kind: title\n    suffixes: [医师, 主治医师]\n", encoding="utf-8")
    assert load_person_file(path).strip_title("张明主治医师") == ("张明", True)
