from __future__ import annotations

import orjson
import pytest

from medannot.batch.writer import JsonlOutput, shard_path
from medannot.errors import MedannotError


def line(doc_id: str, error: str | None = None) -> bytes:
    record = {"id": doc_id, "error": {"code": error}} if error else {"id": doc_id, "content": {"text": "x"}}
    return orjson.dumps(record) + b"\n"


def write_all(out: JsonlOutput, ids) -> list[str]:
    out.start()
    for doc_id in ids:
        out.write(line(doc_id))
    return out.finish()


def test_the_target_appears_only_when_finished(tmp_path):
    target = tmp_path / "out.jsonl"
    out = JsonlOutput(target)
    out.prepare()
    out.start()
    out.write(line("a"))
    out.flush()
    assert not target.exists() and (tmp_path / "out.jsonl.part").read_bytes() == line("a")
    assert out.finish() == [str(target)]
    assert target.read_bytes() == line("a") and not (tmp_path / "out.jsonl.part").exists()


def test_abort_keeps_the_part_and_resume_repairs_a_torn_line(tmp_path):
    target = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    part.write_bytes(line("a") + line("b", "MA101") + line("a") + b'{"id": "c", "con')
    out = JsonlOutput(target)
    written = out.prepare(resume=True)
    assert written.records == 3 and written.ids == {"a": 2, "b": 1} and written.errors_by_code == {"MA101": 1}
    assert part.read_bytes().endswith(line("a"))  # the torn line is gone
    out.start()
    out.write(line("c"))
    out.finish()
    assert target.read_bytes() == line("a") + line("b", "MA101") + line("a") + line("c")


def test_a_complete_but_unparseable_last_line_is_cut_an_earlier_one_is_an_error(tmp_path):
    part = tmp_path / "out.jsonl.part"
    part.write_bytes(line("a") + b"{garbage\n")
    assert JsonlOutput(tmp_path / "out.jsonl").prepare(resume=True).records == 1
    assert part.read_bytes() == line("a")
    part.write_bytes(b"{garbage\n" + line("a"))
    with pytest.raises(MedannotError, match="MA112"):
        JsonlOutput(tmp_path / "out.jsonl").prepare(resume=True)


def test_resume_onto_a_finished_output_appends(tmp_path):
    target = tmp_path / "out.jsonl"
    write_all(JsonlOutput(target), ["a", "b"])
    out = JsonlOutput(target)
    assert out.prepare(resume=True).records == 2
    write_all(out, ["c"])
    assert [orjson.loads(x)["id"] for x in target.read_bytes().splitlines()] == ["a", "b", "c"]


def test_a_fresh_run_starts_over(tmp_path):
    target = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.part").write_bytes(line("old"))
    out = JsonlOutput(target)
    assert out.prepare().records == 0
    write_all(out, ["new"])
    assert target.read_bytes() == line("new")


def test_shards_are_renamed_as_they_fill(tmp_path):
    target = tmp_path / "out.jsonl"
    out = JsonlOutput(target, shard_size=2)
    out.prepare()
    out.start()
    for doc_id in "abc":
        out.write(line(doc_id))
    assert shard_path(target, 0).exists() and (tmp_path / "out-00001.jsonl.part").exists()
    assert out.finish() == [str(shard_path(target, 0)), str(shard_path(target, 1))]
    assert shard_path(target, 1).read_bytes() == line("c")


def test_sharded_resume_continues_the_partial_shard_and_a_fresh_run_clears_old_shards(tmp_path):
    target = tmp_path / "out.jsonl"
    shard_path(target, 0).write_bytes(line("a") + line("b"))
    (tmp_path / "out-00001.jsonl.part").write_bytes(line("c") + b'{"id"')
    out = JsonlOutput(target, shard_size=2)
    assert out.prepare(resume=True).ids == {"a": 1, "b": 1, "c": 1}
    assert write_all(out, ["d", "e"]) == [str(shard_path(target, i)) for i in range(3)]
    assert shard_path(target, 1).read_bytes() == line("c") + line("d")
    assert shard_path(target, 2).read_bytes() == line("e")
    fresh = JsonlOutput(target, shard_size=2)
    fresh.prepare()
    assert write_all(fresh, ["z"]) == [str(shard_path(target, 0))]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out-00000.jsonl"]


def test_a_run_ending_on_a_shard_boundary_adds_no_empty_shard(tmp_path):
    target = tmp_path / "out.jsonl"
    out = JsonlOutput(target, shard_size=2)
    out.prepare()
    assert len(write_all(out, ["a", "b"])) == 1
    again = JsonlOutput(target, shard_size=2)
    again.prepare(resume=True)
    assert len(write_all(again, [])) == 1 and not shard_path(target, 1).exists()


def test_an_empty_run_still_produces_its_output(tmp_path):
    out = JsonlOutput(tmp_path / "out.jsonl", shard_size=5)
    out.prepare()
    assert write_all(out, []) == [str(shard_path(tmp_path / "out.jsonl", 0))]


def test_two_runs_cannot_write_one_output(tmp_path):
    first = JsonlOutput(tmp_path / "out.jsonl")
    first.prepare()
    first.start()
    second = JsonlOutput(tmp_path / "out.jsonl")
    with pytest.raises(MedannotError, match="MA113"):
        second.prepare(resume=True)
    first.finish()


def test_stdout_cannot_be_sharded_or_resumed():
    with pytest.raises(MedannotError, match="MA112"):
        JsonlOutput("-", shard_size=3)
    with pytest.raises(MedannotError, match="MA112"):
        JsonlOutput("-").prepare(resume=True)


def test_a_finished_output_stays_in_place_until_the_resumed_run_starts(tmp_path):
    target = tmp_path / "out.jsonl"
    write_all(JsonlOutput(target), ["a"])
    out = JsonlOutput(target)
    out.prepare(resume=True)
    assert target.exists() and not (tmp_path / "out.jsonl.part").exists()  # e.g. the engine fails now
    out.start()
    assert not target.exists() and (tmp_path / "out.jsonl.part").exists()
    out.finish()
    assert target.read_bytes() == line("a")
