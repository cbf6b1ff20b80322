"""``medannot index build|push`` and ``medannot search``: flags to the index and push modules.

Exit status: 0 when every input line was used, 1 when some lines were unusable or some documents
failed to reach the server, 2 when the run could not start (bad option, index, lexicon or server).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ..export.records import Tally
from ..lexicon.model import CATEGORIES
from . import fail

if TYPE_CHECKING:
    from ..index import SearchResult

__all__ = ["index", "search"]

_SHOWN_PROBLEMS = 20



def _report_bad_lines(tally: Tally) -> None:
    for item in tally.bad_lines[:_SHOWN_PROBLEMS]:
        click.echo(f"  {item.reason}", err=True)
    if len(tally.bad_lines) > _SHOWN_PROBLEMS:
        click.echo(f"  … and {len(tally.bad_lines) - _SHOWN_PROBLEMS} more", err=True)


def _lexicon_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option("--no-builtin-lexicon", is_flag=True, help="Use the --lexicon files only.")(command)
    return click.option(
        "--lexicon",
        "lexicons",
        multiple=True,
        metavar="DIR_OR_FILE",
        help="User lexicon layered over the built-in one (repeatable); use the one you annotated with.",
    )(command)


@click.group()
def index() -> None:
    """Build the embedded search index, or push records to Elasticsearch."""


@index.command()
@click.argument("records", nargs=-1, required=True, metavar="RECORDS.jsonl...")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Index file (SQLite); created if missing.")
@_lexicon_options
@click.option("--batch-size", type=click.IntRange(1), default=1000, show_default=True, help="Records per transaction.")
def build(records: tuple[str, ...], db: str, lexicons: tuple[str, ...], no_builtin_lexicon: bool, batch_size: int) -> None:
    """Add or update (by record id) annotated RECORDS in the index at --db.

    The lexicon is stored in the index: queries are segmented with its terms and a term that names
    a concept also finds the concept's other names.
    """
    from ..errors import MedannotError
    from ..index import build_index
    from ..lexicon import load_lexicon

    try:
        lexicon = load_lexicon(lexicons, builtin=not no_builtin_lexicon)
        stats = build_index(records, db, lexicon, batch_size=batch_size)
    except MedannotError as error:
        fail(error)
    click.echo(stats.describe(), err=True)
    _report_bad_lines(stats.tally)
    sys.exit(1 if stats.tally.bad_lines else 0)


def _category_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for label in reversed(CATEGORIES):
        command = click.option(
            f"--{label.replace('_', '-')}",
            label,
            multiple=True,
            metavar="TERM",
            help=f"Only documents that mention this {label.replace('_', ' ')} (name or concept id; repeatable).",
        )(command)
    return command


@click.command()
@click.argument("query", required=False, default="")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Index built by medannot index build.")
@_category_options
@click.option("--concept", "concepts", multiple=True, metavar="TERM", help="Only documents that mention this concept (any category).")
@click.option("--include-negated", is_flag=True, help="Let negated mentions count in facets and concept filters.")
@click.option("--since", metavar="DATE", help="Published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Published on or before DATE.")
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Source name (来源) or site domain (repeatable: any).")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("-n", "--limit", type=click.IntRange(0), default=10, show_default=True, help="Hits to show.")
@click.option("--offset", type=click.IntRange(0), default=0, help="Hits to skip (paging).")
@click.option("--facets", "facet_size", type=click.IntRange(0), default=10, show_default=True, help="Concepts per category facet (0: none).")
@click.option("--snippet-chars", type=click.IntRange(10), default=120, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def search(query: str, db: str, concepts: tuple[str, ...], include_negated: bool, since: str | None, until: str | None,
           sources: tuple[str, ...], sort: str, limit: int, offset: int, facet_size: int, snippet_chars: int,
           as_json: bool, **by_label: tuple[str, ...]) -> None:
    """Search the index at --db for QUERY, ranked by BM25, with snippets and concept facets.

    \b
    QUERY:  words         all must occur (Chinese is segmented like the documents)
            "a phrase"    words adjacent and in order (punctuation in it must match too)
            a OR b        either
            -word         not this word
            DRG0001       a concept id: every mention of it
    A word that names a concept also finds its synonyms: 甲氨蝶呤 finds 氨甲喋呤.
    With no QUERY, lists the documents that pass the filters, newest first.
    """
    from ..errors import MedannotError
    from ..index import Filters, Searcher

    wanted = tuple((label, name) for label, names in by_label.items() for name in names)
    filters = Filters(
        since=since,
        until=until,
        sources=sources,
        concepts=wanted + tuple((None, name) for name in concepts),
        include_negated=include_negated,
    )
    try:
        with Searcher(db) as searcher:
            result = searcher.search(
                query,
                filters,
                limit=limit,
                offset=offset,
                sort="date" if not query.strip() else sort,
                facet_size=facet_size,
                snippet_chars=snippet_chars,
            )
    except MedannotError as error:
        fail(error)
    if as_json:
        import orjson

        sys.stdout.buffer.write(orjson.dumps(result.to_dict()) + b"\n")
        return
    _print_result(result, color=sys.stdout.isatty())


def _print_result(result: SearchResult, *, color: bool) -> None:
    def mark(text: str) -> str:
        return click.style(text, fg="red", bold=True) if color else text

    shown = f", showing {len(result.hits)}" if result.total > len(result.hits) else ""
    click.echo(f"{result.total} documents{shown}  ({result.took_ms:.1f} ms)")
    before, after = ("\x00", "\x01") if color else ("«", "»")
    for rank, hit in enumerate(result.hits, 1):
        details = " · ".join(str(v) for v in (hit.published, hit.source_name, hit.url or hit.path) if v)
        click.echo(f"\n{rank}. {mark(hit.title or hit.id)}  [{hit.id}]  {details}")
        line = hit.snippet.marked(before, after)
        if color:
            line = line.replace("\x00", "\x1b[1;31m").replace("\x01", "\x1b[0m")
        click.echo(f"   {line}", color=color)
    if result.facets:
        click.echo("\nfacets (documents per concept):")
        for label, values in result.facets.items():
            click.echo(f"  {label}: " + ", ".join(f"{v.canonical} ({v.count})" for v in values))


@index.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option("--url", required=True, envvar="MEDANNOT_ES_URL", help="Elasticsearch URL, e.g. http://localhost:9200 [env MEDANNOT_ES_URL].")
@click.option("--index", "index_name", default="medannot", show_default=True, help="Target index (records' _bulk files keep their own).")
@click.option("--template/--no-template", default=True, show_default=True, help="PUT the index template first.")
@click.option("--text-analyzer", default="standard", show_default=True, help="Analyzer of the raw text in the template (ik_max_word, smartcn…).")
@click.option("--batch-size", type=click.IntRange(1), default=500, show_default=True, help="Documents per _bulk request.")
@click.option("--max-retries", type=click.IntRange(0), default=3, show_default=True, help="Retries of rejected (429) documents and failed requests.")
@click.option("--backoff", type=click.FloatRange(0), default=2.0, show_default=True, help="First retry delay in seconds (doubles each time).")
@click.option("--failures", default="medannot-push-failures.ndjson", show_default=True, type=click.Path(dir_okay=False),
              help="Where documents that could not be indexed go, as _bulk NDJSON (push it again later).")
@click.option("--api-key", envvar="MEDANNOT_ES_API_KEY", help="API key [env MEDANNOT_ES_API_KEY].")
@click.option("--user", envvar="MEDANNOT_ES_USER", metavar="USER:PASSWORD", help="Basic auth [env MEDANNOT_ES_USER].")
@click.option("--ca-certs", type=click.Path(exists=True, dir_okay=False), help="CA bundle for https.")
@click.option("--timeout", type=click.FloatRange(0), default=30.0, show_default=True, help="Seconds per request.")
def push(inputs: tuple[str, ...], url: str, index_name: str, template: bool, text_analyzer: str, batch_size: int,
         max_retries: int, backoff: float, failures: str, api_key: str | None, user: str | None,
         ca_certs: str | None, timeout: float) -> None:
    """Send annotated records (or `medannot export es` files) to Elasticsearch in batches.

    Each document that the server rejects, or that could not be sent, is printed with its reason
    and written to --failures, so nothing is lost. Needs: pip install 'medannot[es]' (with the
    client's major version matching the server's). For OpenSearch, curl the `export es` files.
    """
    from ..errors import MedannotError

    try:
        from ..export.push import push as push_documents
    except ImportError:
        fail(ImportError("pushing needs the Elasticsearch client: pip install 'medannot[es]'"))

    options: dict[str, Any] = {"request_timeout": timeout}
    if api_key:
        options["api_key"] = api_key
    if user:
        name, _, password = user.partition(":")
        options["basic_auth"] = (name, password)
    if ca_certs:
        options["ca_certs"] = ca_certs

    failure_file = None
    shown = 0

    def on_failure(failure: Any) -> None:
        nonlocal failure_file, shown
        if failure_file is None:
            failure_file = open(failures, "wb")  # noqa: SIM115 - closed below
        failure_file.write(failure.bulk_lines())
        if shown < _SHOWN_PROBLEMS:
            click.echo(f"  {failure.id}: {failure.status or '-'} {failure.error}", err=True)
        shown += 1

    try:
        stats = push_documents(
            inputs,
            url,
            index_name,
            on_failure=on_failure,
            template=template,
            text_analyzer=text_analyzer,
            batch_size=batch_size,
            max_retries=max_retries,
            backoff=backoff,
            client_options=options,
        )
    except MedannotError as error:
        fail(error)
    finally:
        if failure_file is not None:
            failure_file.close()
    if shown > _SHOWN_PROBLEMS:
        click.echo(f"  … and {shown - _SHOWN_PROBLEMS} more", err=True)
    if stats.unreachable:
        click.echo(f"medannot: {stats.unreachable}", err=True)
    click.echo(stats.describe() + (f"; failed documents written to {failures}" if stats.failed else ""), err=True)
    _report_bad_lines(stats.tally)
    sys.exit(1 if stats.failed or stats.tally.bad_lines else 0)
