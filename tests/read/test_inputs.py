from __future__ import annotations

from medannot.read import Document, InputFailure, iter_documents


def ids(arguments, **kwargs):
    return [item.id for item in iter_documents([str(a) for a in arguments], **kwargs)]


def test_directories_are_walked_in_sorted_order_skipping_hidden(tmp_path):
    for name in ["b/2.txt", "b/1.html", "a.txt", ".hidden/x.txt", "b/.y.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("头痛", encoding="utf-8")
    assert ids([tmp_path]) == ["a.txt", "b/1.html", "b/2.txt"]


def test_globs_expand_sorted_and_say_when_nothing_matches(tmp_path, monkeypatch):
    for name in ["x2.txt", "x1.txt", "sub/x3.txt", "y.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("头痛", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert ids(["x*.txt"]) == ["x1.txt", "x2.txt"]
    assert ids(["**/x*.txt"]) == ["sub/x3.txt", "x1.txt", "x2.txt"]
    (item,) = iter_documents(["nothing*.txt"])
    assert isinstance(item, InputFailure) and item.error.code == "MA108" and "no file matches" in item.error.message


def test_unknown_extension_missing_path_and_size_cap(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"PK")
    (tmp_path / "big.txt").write_bytes("头".encode() * 400)
    items = list(iter_documents([str(tmp_path / "a.docx"), str(tmp_path / "none.txt"), str(tmp_path / "big.txt")], max_bytes=1000))
    assert [item.error.code for item in items] == ["MA105", "MA108", "MA104"]


def test_compound_suffixes_pick_the_reader(tmp_path):
    (tmp_path / "a.JSONL").write_bytes(b'{"id": "j", "text": "x"}\n')
    (tmp_path / "b.ndjson").write_bytes(b'{"id": "n", "text": "y"}\n')
    (tmp_path / "c.txt.gz").write_bytes(b"\x1f\x8b")
    items = list(iter_documents([str(tmp_path)]))
    assert [item.id for item in items] == ["j", "n", "c.txt.gz"]
    assert isinstance(items[0], Document) and items[2].error.code == "MA105"


def test_a_missing_optional_reader_is_an_error_record_naming_the_extra(tmp_path, monkeypatch):
    import sys

    (tmp_path / "a.warc.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "b.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd")
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    monkeypatch.setitem(sys.modules, "zstandard", None)
    items = list(iter_documents([str(tmp_path)]))
    assert [item.error.code for item in items] == ["MA111", "MA111"]
    assert "medannot[warc]" in items[0].error.message and "medannot[zstd]" in items[1].error.message
