"""``medannot annotate`` as a user runs it: files, directories, stdin, bad inputs, exit status."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from medannot.cli import main

from .conftest import CORPUS


def run(args: list[str], stdin: bytes | None = None):
    return CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)


def read_jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_annotates_the_bundled_corpus(tmp_path):
    out = tmp_path / "corpus.jsonl"
    result = run(["annotate", str(CORPUS / "articles"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = read_jsonl(out)
    assert len(records) == len(list((CORPUS / "expected").glob("*.yaml")))  # one per document (test_corpus.py)
    assert all("error" not in r and r["content"]["text"] for r in records)
    ids = [r["id"] for r in records]
    dumps = [i for i in ids if i.startswith("dumps/")]
    assert ids[: len(dumps)] == sorted(dumps) and "dumps/hospital-diabetes.txt" in dumps  # walked in sorted order


def test_stdin_jsonl_to_stdout():
    lines = [{"id": "q1", "text": "孩子发烧两天了。", "site": "x"}, {"id": "q2", "html": "<p>我头痛得厉害，需要做CT吗？</p>", "url": "u"}]
    payload = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    result = run(["annotate", "-", "-o", "-", "--raw"], stdin=payload)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["q1", "q2"]
    assert records[0]["source"]["extra"] == {"site": "x"}
    assert records[0]["content"]["text"] == "孩子发烧两天了。"
    assert records[1]["source"]["url"] == "u" and records[1]["source"]["format"] == "html"


@pytest.fixture()
def bad_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text("患者否认胸痛，偶有头晕。", encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "d_gbk.html").write_bytes(
        '<html><head><meta charset="gbk"><title>腹泻</title></head><body><p>小儿腹泻时要注意补液，防止脱水。</p></body></html>'.encode("gbk")
    )
    (folder / "e_latin1_noise.txt").write_bytes(b"\xff\xfe\xfd" * 10 + "头痛".encode("utf-8"))
    (folder / "f_huge.txt").write_bytes(("头痛。" * 10).encode() + b" " * (50 * 1024 * 1024))
    (folder / "g_lines.jsonl").write_bytes(
        b'{"id": "j1", "text": "\xe5\x92\xb3\xe5\x97\xbd"}\n{not json}\n[1, 2]\n{"id": "j4"}\n'
    )
    (folder / "h_doc.pdf").write_bytes(b"%PDF-1.4")
    (folder / "i_utf16.txt").write_bytes("高血压患者要限盐。".encode("utf-16"))
    with gzip.open(folder / "j_cut.jsonl.gz", "wb") as stream:
        stream.write(b'{"id": "z1", "text": "\xe5\x92\xb3\xe5\x97\xbd"}\n' * 50)
    data = (folder / "j_cut.jsonl.gz").read_bytes()
    (folder / "j_cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    return folder


def test_bad_inputs_give_error_records_and_the_batch_goes_on(bad_inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run(["annotate", str(bad_inputs), "-o", str(out)])
    assert result.exit_code == 1
    records = read_jsonl(out)
    by_id = {r["id"]: r for r in records}
    assert "error" not in by_id["a_good.txt"]
    assert by_id["b_empty.txt"]["error"]["code"] == "MA101"
    assert by_id["c_binary.txt"]["error"]["code"] == "MA102"
    gbk = by_id["d_gbk.html"]
    assert gbk["source"]["encoding"] == "gb18030" and "补液" in gbk["content"]["text"]
    assert by_id["f_huge.txt"]["error"]["code"] == "MA104"
    assert by_id["h_doc.pdf"]["error"]["code"] == "MA105"
    utf16 = by_id["i_utf16.txt"]
    assert utf16["source"]["encoding"].startswith("utf-16") and "高血压" in utf16["content"]["text"]
    noise = by_id["e_latin1_noise.txt"]
    assert "error" in noise or "\ufffd" not in noise["content"]["text"] or noise["source"]["encoding_lossy"]
    jsonl = [r for r in records if (r["source"]["path"] or "").endswith("g_lines.jsonl")]
    assert [("error" in r) for r in jsonl] == [False, True, True, True]
    assert [r["error"]["code"] for r in jsonl[1:]] == ["MA106", "MA107", "MA107"]
    cut = [r for r in records if (r["source"]["path"] or "").endswith("j_cut.jsonl.gz")]
    assert cut and cut[-1]["error"]["code"] == "MA109" and all("error" not in r for r in cut[:-1])
    assert "errors" in result.stderr


def test_a_bad_lexicon_stops_the_run_with_file_and_line(tmp_path):
    lexicon = tmp_path / "bad.yaml"
    lexicon.write_text("format: medannot-concepts/1\ncategory: drug\nconcepts:\n  - {id: X1}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("头痛。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run(["annotate", str(tmp_path / "a.txt"), "-o", str(out), "--lexicon", str(lexicon)])
    assert result.exit_code == 2
    assert f"{lexicon}:4" in result.stderr and "canonical" in result.stderr
    assert not out.exists()


def test_unknown_segmenter_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["annotate", "x.txt", "--segmenter", "nope"])
    assert result.exit_code == 2
