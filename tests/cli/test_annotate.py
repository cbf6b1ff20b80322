"""``medannot annotate``'s batch flags: workers, shards, stats, resume, engines, exit status."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from medannot.cli import main

from ..batch.conftest import LEXICON, read_jsonl, write_corpus


@pytest.fixture(scope="module")
def lexicon_args(tmp_path_factory) -> list[str]:
    path = tmp_path_factory.mktemp("lexicon") / "tiny.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return ["--no-builtin-lexicon", "--lexicon", str(path)]


def run(args: list[str], stdin: bytes | None = None):
    return CliRunner().invoke(main, ["annotate", *args], input=stdin, catch_exceptions=False)


def test_shards_stats_and_a_clean_exit(tmp_path, lexicon_args):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 45)
    stats = tmp_path / "stats.json"
    result = run([str(corpus), "-o", str(tmp_path / "out.jsonl"), "-j", "2", "--shard-size", "20", "--stats", str(stats), *lexicon_args])
    assert result.exit_code == 0, result.output
    shards = [tmp_path / f"out-0000{i}.jsonl" for i in range(3)]
    assert [len(read_jsonl(path)) for path in shards] == [20, 20, 5]
    summary = json.loads(stats.read_text())
    assert summary["documents"] == summary["ok"] == 45 and summary["errors"] == 0 and summary["workers"] == 2
    assert summary["outputs"] == [str(path) for path in shards]
    assert "45 documents, 0 errors" in result.stderr and "2 workers" in result.stderr


def test_error_records_exit_1_and_are_counted(tmp_path, lexicon_args):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("多发性硬化患者常见肢体无力和复视，应及时到医院就诊。", encoding="utf-8")
    stats = tmp_path / "stats.json"
    result = run([str(tmp_path / "empty.txt"), str(tmp_path / "ok.txt"), "-o", str(tmp_path / "out.jsonl"), "--stats", str(stats), *lexicon_args])
    assert result.exit_code == 1
    assert json.loads(stats.read_text())["errors_by_code"] == {"MA101": 1}


def test_resume_of_a_finished_run_adds_nothing_and_keeps_the_exit_status(tmp_path, lexicon_args):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    assert run([str(tmp_path / "empty.txt"), "-o", str(out), *lexicon_args]).exit_code == 1
    again = run([str(tmp_path / "empty.txt"), "-o", str(out), "--resume", *lexicon_args])
    assert again.exit_code == 1 and "0 documents" in again.stderr and "resumed after 1 records" in again.stderr
    assert len(read_jsonl(out)) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "-", "--shard-size", "5"],
        ["-o", "-", "--resume"],
        ["--scheduler", "tcp://127.0.0.1:8786"],
        ["--workers", "0"],
    ],
)
def test_unusable_flag_combinations_exit_2(tmp_path, lexicon_args, args):
    (tmp_path / "a.txt").write_text("头痛", encoding="utf-8")
    assert run([str(tmp_path / "a.txt"), *args, *lexicon_args]).exit_code == 2


def test_stdin_to_stdout_with_workers(lexicon_args):
    payload = "".join(json.dumps({"id": f"q{i}", "text": "部分患者没有出现头痛。"}, ensure_ascii=False) + "\n" for i in range(40))
    result = run(["-", "-o", "-", "-j", "2", "--raw", *lexicon_args], stdin=payload.encode())
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [f"q{i}" for i in range(40)]
    assert all(r["entities"][0]["negated"] for r in records)
