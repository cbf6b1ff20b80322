"""Bibliography entries in the two styles health articles use."""

from __future__ import annotations

from medannot.separate.references import is_reference_heading, looks_like_entry, parse_reference


def test_headings_and_entries() -> None:
    assert is_reference_heading("参考文献") and is_reference_heading("References:")
    assert not is_reference_heading("参考文献很多，这里只列出一部分。")
    assert looks_like_entry("[1] 某某. 标题[J]. 刊名, 2020, 1(2): 3-4.")
    assert not looks_like_entry("相关文章")


def test_gb_t_7714_entry_takes_the_publication_year_not_one_in_the_title() -> None:
    entry = parse_reference("[2] 某学会. 某病防治指南(2020年版)[J]. 中华某某杂志, 2021, 13(4): 315-409. DOI: 10.1234/abc.2021.01.")
    assert (entry.number, entry.authors, entry.title) == (2, ["某学会"], "某病防治指南(2020年版)")
    assert (entry.journal, entry.year, entry.volume, entry.issue, entry.pages) == ("中华某某杂志", 2021, "13", "4", "315-409")
    assert entry.doi == "10.1234/abc.2021.01"


def test_vancouver_entry_with_url() -> None:
    entry = parse_reference("3. Smith J, Lee K. Trial of a therapy in 2010 patients. Lancet Neurol. 2012;11(2):150-6. https://example.org/x")
    assert entry.number == 3 and entry.authors == ["Smith J", "Lee K"]
    assert entry.title == "Trial of a therapy in 2010 patients" and entry.journal == "Lancet Neurol"
    assert entry.year == 2012 and entry.url == "https://example.org/x"
