"""Pushing to a local endpoint that answers like Elasticsearch: batches, retries, partial failures."""

from __future__ import annotations

import socket

import orjson
import pytest
from click.testing import CliRunner

from medannot.cli import main
from medannot.errors import ExportError
from medannot.export.es import es_document, write_bulk

from .es_server import FakeElasticsearch, serve

pytest.importorskip("elasticsearch")

from medannot.export.push import push  # noqa: E402 - needs the optional client


def run(inputs, url, **options):
    failures = []
    stats = push(inputs, url, "medannot", on_failure=failures.append, backoff=0.0, **options)
    return stats, failures


def test_every_document_arrives_in_batches_after_the_template(records, records_file):
    fake = FakeElasticsearch()
    with serve(fake) as url:
        stats, failures = run([records_file], url, batch_size=3)
    assert (stats.indexed, stats.failed, failures) == (len(records), 0, [])
    assert [len(batch) for batch in fake.bulk_requests] == [3, 3, 1]
    assert fake.templates["medannot"]["index_patterns"] == ["medannot", "medannot-*"]
    assert fake.documents == {r["id"]: orjson.loads(orjson.dumps(es_document(r))) for r in records}


def test_partial_failures_are_reported_per_document_and_rejections_retried(records, records_file):
    def policy(doc_id: str, attempt: int) -> int:
        if doc_id == "ra-old":
            return 400  # a mapping error: not worth retrying
        if doc_id == "flu":
            return 429 if attempt == 1 else 201  # busy once
        if doc_id == "tricky/1":
            return 429  # busy for good
        return 201

    fake = FakeElasticsearch(policy)
    with serve(fake) as url:
        stats, failures = run([records_file], url, batch_size=4, max_retries=2)
    assert stats.indexed == len(records) - 2 and stats.failed == 2
    assert fake.attempts["flu"] == 2 and fake.attempts["ra-old"] == 1 and fake.attempts["tricky/1"] == 3
    by_id = {f.id: f for f in failures}
    assert set(by_id) == {"ra-old", "tricky/1"}
    assert by_id["ra-old"].status == 400 and by_id["ra-old"].error.startswith("mapper_parsing_exception")
    assert by_id["tricky/1"].status == 429
    ra_old = next(r for r in records if r["id"] == "ra-old")
    action, source = (orjson.loads(line) for line in by_id["ra-old"].bulk_lines().splitlines())
    assert action == {"index": {"_index": "medannot", "_id": "ra-old"}}
    assert source == orjson.loads(orjson.dumps(es_document(ra_old)))
    assert "flu" in fake.documents and "ra-old" not in fake.documents


def test_bulk_files_from_export_es_are_pushed_as_they_are(records_file, tmp_path):
    bulk = tmp_path / "bulk.ndjson"
    with open(bulk, "wb") as out:
        write_bulk([records_file], out, "articles-2024")
    fake = FakeElasticsearch()
    with serve(fake) as url:
        stats, failures = run([bulk], url)
    assert stats.indexed == stats.tally.records == len(fake.documents) and not failures
    assert {action["index"]["_index"] for batch in fake.bulk_requests for action, _ in batch} == {"articles-2024"}


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_unreachable_server_loses_nothing(records, records_file):
    url = _closed_port_url()
    with pytest.raises(ExportError, match="MA404"):
        run([records_file], url, max_retries=0)
    stats, failures = run([records_file], url, template=False, max_retries=0, batch_size=2)
    assert stats.indexed == 0 and stats.unreachable and "MA404" in stats.unreachable
    assert [f.id for f in failures] == [r["id"] for r in records]
    assert all(f.status is None and f.error.startswith("not sent") for f in failures)


def test_refused_template_stops_before_any_document(records_file):
    fake = FakeElasticsearch()
    fake.status_for_template = 400
    with serve(fake) as url, pytest.raises(ExportError, match="MA405.*bad template"):
        run([records_file], url)
    assert fake.bulk_requests == []


def test_cli_writes_failures_that_can_be_pushed_again(records, records_file, tmp_path):
    fake = FakeElasticsearch(lambda doc_id, attempt: 400 if doc_id.startswith("ms-") else 201)
    failed = tmp_path / "failed.ndjson"
    runner = CliRunner()
    with serve(fake) as url:
        args = ["index", "push", str(records_file), "--url", url, "--backoff", "0", "--failures", str(failed)]
        result = runner.invoke(main, args)
        assert result.exit_code == 1, result.output
        assert "ms-stem: 400 mapper_parsing_exception" in result.output
        assert f"{len(records) - 2} indexed, 2 failed" in result.output
        lines = failed.read_bytes().splitlines()
        assert [orjson.loads(line)["index"]["_id"] for line in lines[::2]] == ["ms-stem", "ms-negated"]

        fake.policy = lambda doc_id, attempt: 201
        again = runner.invoke(main, ["index", "push", str(failed), "--url", url, "--no-template", "--failures", str(tmp_path / "f2")])
        assert again.exit_code == 0, again.output
    assert set(fake.documents) == {r["id"] for r in records}


def test_documents_the_answer_does_not_mention_are_failures(records, records_file):
    fake = FakeElasticsearch()
    original = fake.handle_bulk

    def forgetful(body: bytes):
        answer = original(body)
        answer["items"] = [item for item in answer["items"] if item["index"]["_id"] != "flu"]
        answer["items"].append({"index": {"_id": "stranger", "status": 201}})
        return answer

    fake.handle_bulk = forgetful
    with serve(fake) as url:
        stats, failures = run([records_file], url, batch_size=100)
    assert [f.id for f in failures] == ["flu"] and "did not mention" in failures[0].error
    assert stats.indexed == len(records) - 1
