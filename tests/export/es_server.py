"""A local HTTP endpoint that answers like Elasticsearch's ``_bulk`` and ``_index_template`` APIs.

No search server can be installed on the test machines; this one is enough for the official
client: it sends the product header the client checks, accepts index templates, and answers each
bulk item with the status ``policy(doc_id, attempt)`` picks, so tests can stage partial failures
and rejections (429) that succeed on a retry.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Policy = Callable[[str, int], int]  # (doc id, attempt number from 1) -> HTTP status of the item

_ERRORS = {
    400: {"type": "mapper_parsing_exception", "reason": "failed to parse field [published] of type [date]"},
    429: {"type": "es_rejected_execution_exception", "reason": "rejected execution of bulk"},
    409: {"type": "version_conflict_engine_exception", "reason": "document already exists"},
}


class FakeElasticsearch:
    def __init__(self, policy: Policy = lambda doc_id, attempt: 201) -> None:
        self.policy = policy
        self.templates: dict[str, Any] = {}
        self.documents: dict[str, dict[str, Any]] = {}  # indexed documents by id
        self.bulk_requests: list[list[tuple[dict[str, Any], dict[str, Any]]]] = []
        self.attempts: Counter[str] = Counter()
        self.status_for_template = 200

    def handle_bulk(self, body: bytes) -> dict[str, Any]:
        lines = [json.loads(line) for line in body.decode("utf-8").splitlines() if line.strip()]
        pairs = list(zip(lines[::2], lines[1::2]))
        self.bulk_requests.append(pairs)
        items = []
        for action, source in pairs:
            (op, meta), = action.items()
            doc_id = meta["_id"]
            self.attempts[doc_id] += 1
            status = self.policy(doc_id, self.attempts[doc_id])
            item = {"_index": meta.get("_index"), "_id": doc_id, "status": status}
            if status < 300:
                self.documents[doc_id] = source
                item["result"] = "created"
            else:
                item["error"] = _ERRORS.get(status, {"type": "exception", "reason": "boom"})
            items.append({op: item})
        return {"took": 1, "errors": any(i[next(iter(i))]["status"] >= 300 for i in items), "items": items}


def _handler(fake: FakeElasticsearch) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _reply(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length", 0)))

        def do_GET(self) -> None:
            self._reply(200, {"version": {"number": "9.0.0"}, "tagline": "You Know, for Search"})

        def do_PUT(self) -> None:  # the client sends _bulk as PUT; curl users POST it
            body = self._body()
            if self.path.split("?")[0].endswith("/_bulk"):
                self._reply(200, fake.handle_bulk(body))
            elif self.path.startswith("/_index_template/"):
                if fake.status_for_template >= 300:
                    self._reply(fake.status_for_template, {"error": {"type": "illegal_argument_exception", "reason": "bad template"}, "status": fake.status_for_template})
                    return
                fake.templates[self.path.rsplit("/", 1)[1]] = json.loads(body)
                self._reply(200, {"acknowledged": True})
            else:
                self._reply(404, {"error": {"type": "not_found", "reason": self.path}, "status": 404})

        def do_POST(self) -> None:
            body = self._body()
            if self.path.split("?")[0].endswith("/_bulk"):
                self._reply(200, fake.handle_bulk(body))
            else:
                self._reply(404, {"error": {"type": "not_found", "reason": self.path}, "status": 404})

    return Handler


@contextmanager
def serve(fake: FakeElasticsearch) -> Iterator[str]:
    """Run ``fake`` on a free port of 127.0.0.1; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
