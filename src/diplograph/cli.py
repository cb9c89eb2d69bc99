"""The `diplograph` command: each subcommand is a thin wrapper over one library call."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys

import click
from rich.console import Console
from rich.table import Table

from . import __version__
from .errors import DiplographError
from .messages import clean, plain, say

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)



def friendly(fn):
    """Expected problems (a `DiplographError`) become one line on stderr and exit status 2; anything else is a
    bug and keeps its traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DiplographError as exc:
            say(err, plain("error: ", "bold red") + plain(exc))
            for line in exc.details:
                say(err, "  " + line)
            sys.exit(2)
        except PermissionError as exc:  # a file or folder the user named that this user may not read or write
            say(err, plain("error: ", "bold red") + plain(f"{exc.filename or ''}: permission denied"))
            sys.exit(2)
        except KeyboardInterrupt:
            say(err, "interrupted; files already written are intact")
            sys.exit(130)
        except OSError as exc:  # a full disk, for one: say so in one line; what was stored before is intact
            if exc.errno != errno.ENOSPC and "No space left" not in str(exc):
                raise
            say(err, f"error: no space left on the device ({exc.filename or str(exc).splitlines()[0][:120]}); "
                     f"nothing written in this run is half-done: the store and files keep what they had")
            sys.exit(2)

    return wrapper


data_option = click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False),
                           help="Read graph file(s) instead of the store (.ttl .trig .nq .nt .jsonld).")
store_option = click.option("--store", "store_dir", default="graphs/store", show_default=True,
                            envvar="DIPLOGRAPH_STORE", type=click.Path(file_okay=False),
                            help="The graph store (a folder) built by `build` [env: DIPLOGRAPH_STORE].")
endpoint_option = click.option("--endpoint", help="Query a SPARQL 1.1 endpoint instead of files.")
backend_option = click.option("--backend", type=click.Choice(["oxigraph", "memory"]), default="oxigraph",
                              show_default=True, help="Embedded store: Oxigraph (fast) or rdflib's memory store.")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="diplograph")
def main() -> None:
    """Turn news articles about international politics into an RDF knowledge graph."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@store_option
@click.option("--out", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help="Also export the graph to this file; the format follows the extension (.ttl .trig .nt .nq "
                   ".jsonld). Repeatable.")
@click.option("--rebuild", is_flag=True, help="Start the store over instead of updating it.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes used for extraction.")
@click.option("--strict", is_flag=True, help="Any skipped file or line is an error: write nothing, exit 1.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@friendly
def build(paths, store_dir, outputs, rebuild, jobs, strict, quiet):
    """Add the articles in PATHS (files or folders; default articles/; - reads one article's text, or JSON
    Lines, from standard input) to the graph store.

    Unchanged articles are skipped, changed ones replaced, new ones added.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .build import build as run_build
    from .corpus import article_files

    paths = paths or ("articles",)
    if "-" in paths:  # standard input: an article's text, or JSON Lines
        from .outputs import OutputSet

        # a hidden folder in the temporary folder, removed at exit (or by the next run if this one is killed)
        stdin_dir = click.get_current_context().with_resource(OutputSet())
        paths = tuple(_stdin_articles(str(stdin_dir.scratch)) if p == "-" else p for p in paths)
    total = sum(_articles_in(f) for f in article_files(paths))
    show = not quiet and total > 20 and err.is_terminal  # a bar on a terminal only: logs and pipes stay clean
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, disable=not show, transient=True) as bar:
        task = bar.add_task("reading", total=total)

        def stage(name: str, n: int) -> None:
            bar.reset(task, description=name, total=n or None)

        def tick(source: str) -> None:
            bar.advance(task)

        report = run_build(paths, outputs, jobs=jobs, progress=tick, strict=strict, store=store_dir,
                           rebuild=rebuild, stage=stage)
    for p in report.problems:
        say(err, ("skipped " if p.skipped else "warning ") + str(p))
    if not quiet:
        from .build import GRAPH_COUNTS

        facts = ", ".join(f"{report.graph[k]} {k}" for k in GRAPH_COUNTS if report.graph[k])
        rate = report.articles / report.seconds if report.seconds else 0
        say(err, f"{report.articles} articles read, {len(report.skipped)} skipped, {len(report.warnings)} warnings "
                 f"in {report.seconds:.2f} s ({rate:.0f} articles/s)")
        if facts:
            say(err, f"the graph holds {facts} (distinct; a fact told by several articles counts once)")
        st = report.store
        if st is not None and not (strict and report.skipped):
            say(err, f"{store_dir}: {len(st.added)} added, {len(st.changed)} changed, {st.unchanged} unchanged, "
                     f"{len(st.remapped)} mapped again (names), {st.articles} articles in the store")
        if report.outputs:
            say(err, f"{report.triples} triples -> " + ", ".join(str(o) for o in report.outputs))
    if report.articles == 0:
        say(err, "error: no article could be read; nothing written")
        sys.exit(1)
    if report.skipped and strict:
        say(err, f"error: {len(report.skipped)} skipped with --strict; nothing written")
        sys.exit(1)
    if report.skipped:
        sys.exit(3)


@contextlib.contextmanager
def _to_stdout(suffix: str):
    """A temporary file to write to, copied to standard output when the writing succeeded."""
    import shutil

    from .outputs import OutputSet

    with OutputSet() as scratch:  # removed by the next run if this one is killed
        tmp = scratch.scratch / f"out{suffix}"
        yield tmp
        with open(tmp, "rb") as fh:
            shutil.copyfileobj(fh, sys.stdout.buffer)
        sys.stdout.buffer.flush()


def _stdin_articles(tmpdir: str) -> str:
    """Standard input saved as one file to read: JSON Lines when it starts with {, else one article's text."""
    from pathlib import Path

    data = sys.stdin.buffer.read()
    name = "stdin.jsonl" if data.lstrip().startswith(b"{") else "stdin.txt"
    (Path(tmpdir) / name).write_bytes(data)
    return str(Path(tmpdir) / name)


def _articles_in(path) -> int:
    """How many articles a file holds, for the progress bar: a line each in JSON Lines, else one."""
    if path.suffix.lower() != ".jsonl":
        return 1
    try:
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


@main.command()
@click.argument("articles", nargs=-1, required=True)
@store_option
@click.option("--out", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help="Also export the graph to this file afterwards. Repeatable.")
@friendly
def remove(articles, store_dir, outputs):
    """Take ARTICLES (ids like ots-diaspora-en, or their file names) out of the store, with every fact only they
    supported."""
    from .build import remove as run_remove

    st = run_remove(articles, store_dir, outputs)
    say(err, f"{store_dir}: {len(st.removed)} removed, {len(st.remapped)} mapped again (names), "
             f"{st.articles} articles in the store")


@main.command()
@click.argument("query")
@store_option
@data_option
@endpoint_option
@backend_option
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Give a parameter of the question (see `diplograph queries`): -p state=Hungary finds the state "
                   "by its name in any language. For ad-hoc SPARQL, bind ?NAME to VALUE (IRI <...>, \"text\"@lang, "
                   "number, date or string). Repeatable.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "ttl", "md"]),
              help="table (the default; tab-separated when not on a terminal), csv, tsv, json, md for SELECT; "
                   "ttl (the default) or json (JSON-LD) for CONSTRUCT and DESCRIBE.")
@click.option("--limit", type=click.IntRange(0),
              help="Show at most this many rows (0: all; a table on a terminal shows 100 unless told).")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds to wait for an endpoint.")
@click.option("--infer", is_flag=True, help="Add RDFS entailments of the ontology first (embedded store only).")
@friendly
def query(query, store_dir, data, endpoint, backend, params, fmt, limit, timeout, infer):
    """Answer QUERY: a saved question (see `diplograph queries`), a .rq file, SPARQL text, or - to read the
    SPARQL from standard input. The usual prefixes (dg, skos, rdf, rdfs, owl, xsd, org, state, person ...)
    need no declaration."""
    from . import query as Q
    from .store import StoreError, open_store

    if query == "-":
        query = sys.stdin.read()
    name, text = Q.load(query)  # a query that does not exist, or is not SPARQL, is said before any store opens
    Q.check_syntax(text, name or "query")
    fmt = Q.check_format(text, fmt)
    values = Q.parse_params(params)
    store = open_store(list(data), endpoint, backend, timeout=timeout,
                       **_auth()) if endpoint else open_store(list(data), None, backend, store_dir)
    if infer:
        if endpoint:
            raise StoreError("--infer works on graph files; an endpoint reasons (or not) by itself")
        store = store.infer()
    # a table on a terminal shows a page (rich takes a millisecond a row); --limit 0, a pipe or a format: all
    page = fmt == "table" and limit is None and out.is_terminal
    limit = None if limit == 0 else Q.PAGE if page else limit
    res = Q.run_stream(store, query, values, None if limit is None else limit + page)
    if res.kind == "ask":
        click.echo(Q.render(res, fmt), nl=False)
        sys.exit(0 if res.boolean else 1)
    if res.kind == "graph":
        click.echo(Q.render(res, fmt), nl=False)
        return
    if fmt == "table":
        rows = list(res.rows)
        more = page and len(rows) > limit
        rows = rows[:limit] if more else rows
        labels = Q.labels_for(store, res, rows)
        _table(res.vars, list(Q._cells(Q.Stream(res.vars, rows), labels)) if isinstance(res, Q.Stream)
               else [[Q.cell(t, labels) for t in row] for row in rows])
        if out.is_terminal:
            say(err, f"first {len(rows)} rows; all of them with --limit 0 or --format csv" if more
                else f"{len(rows)} rows")
        return
    Q.write(res, fmt, sys.stdout)


def _table(header: list[str], rows: list[list[str]], title: str | None = None) -> None:
    """A table: drawn with rich on a terminal, tab-separated lines otherwise (one row a line, for grep and cut;
    control characters inside a cell are shown escaped, as in every message)."""
    if out.is_terminal:
        table = Table(*[plain(h) for h in header], title=plain(title) if title else None, header_style="bold")
        for row in rows:
            table.add_row(*[plain(c) for c in row])
        out.print(table)
        return
    if title:
        click.echo(clean(title))
    for row in [header, *rows]:
        click.echo("\t".join(clean(c) for c in row))  # a tab or line break in a cell is shown as \t, \n


def _auth() -> dict:
    """Credentials for an endpoint come from the environment, never from the command line."""
    user = os.environ.get("DIPLOGRAPH_USER")
    return {"user": user, "password": os.environ.get("DIPLOGRAPH_PASSWORD")} if user else {}


@main.command()
@click.argument("name", required=False)
@friendly
def queries(name):
    """List the saved questions and the parameters each takes; with NAME, the question itself."""
    from .params import declared
    from .query import describe, load, saved_queries
    from .store import StoreError

    if name:
        name, text = load(name)
        if name is None:
            raise StoreError(f"{text[:40]!r} is not a saved question")
        click.echo(text, nl=False)
        return
    rows = []
    for qname, path in saved_queries().items():
        params = declared(path.read_text(encoding="utf-8"))
        rows.append([qname, describe(path), ", ".join(f"{p.name} ({p.type}): {p.description}" for p in params)])
    _table(["name", "answers", "parameters"], rows)


@main.command(name="eval")
@click.argument("folders", nargs=-1, required=True, type=click.Path(file_okay=False))
@click.option("--articles", "articles_dir", type=click.Path(file_okay=False),
              help="Where the articles are, for a folder of gold files only (default: FOLDER/articles).")
@click.option("--explain", is_flag=True, help="Each missed and each spurious fact, with the sentence that names it.")
@click.option("--per-article", is_flag=True, help="One line per article: matched/found/gold per category.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "md"]), default="table", show_default=True)
@friendly
def eval_(folders, articles_dir, explain, per_article, fmt):
    """Score the extraction against gold files: P/R/F1 per category and language, micro-F1.

    Each FOLDER is a corpus (articles/ and gold/, as tests/corpus/dev) or a folder of gold files. Articles
    are built one at a time and scored as shared/eval/score.py scores them.
    """
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from .evaluate import CATEGORIES, evaluate, micro, sentence_for, show

    # a count of the articles scored, on a terminal only (each is built and asked on its own)
    with Progress(SpinnerColumn(), TextColumn("scoring"), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=err, disable=not err.is_terminal, transient=True) as bar:
        task = bar.add_task("", total=None)
        result = evaluate(folders, articles_dir, progress=lambda name: bar.update(task, advance=1,
                                                                                 description=clean(name)))
    langs = result.languages
    header = ["category", "gold", "found", "matched", "P", "R", "F1", *[f"F1 {lang}" for lang in langs]]
    by_lang = {lang: result.total(lang) for lang in langs}
    total = result.total()
    lines = []
    for c in [*CATEGORIES, "micro"]:
        t = micro(total) if c == "micro" else total[c]
        per = [micro(by_lang[lang]) if c == "micro" else by_lang[lang][c] for lang in langs]
        lines.append([c, str(t.gold), str(t.predicted), str(t.tp), f"{t.precision:.2f}", f"{t.recall:.2f}",
                      f"{t.f1:.2f}", *[f"{x.f1:.2f}" if x.gold or x.predicted else "-" for x in per]])
    counts = ", ".join(f"{sum(a.language == lg for a in result.articles)} {lg}" for lg in langs)
    title = f"{', '.join(folders)}: {len(result.articles)} articles ({counts})"
    if fmt == "md":
        click.echo(f"{clean(title)}\n")
        click.echo("| " + " | ".join(header) + " |")
        click.echo("|" + "---|" * len(header))
        for row in lines:
            click.echo("| " + " | ".join(row) + " |")
    else:
        _table(header, lines, title)
    m = micro(total)
    click.echo(f"micro-F1 {m.f1:.3f} over {m.gold} facts (P={m.precision:.2f} R={m.recall:.2f})")
    if per_article:
        for a in result.articles:
            cells = " ".join(f"{c}={a.tallies[c].tp}/{a.tallies[c].predicted}/{a.tallies[c].gold}" for c in CATEGORIES)
            click.echo(clean(f"{a.name} [{a.language}] F1 {micro(a.tallies).f1:.2f}: {cells}"))
    if explain:
        for a in result.articles:
            for c in CATEGORIES:
                t = a.tallies[c]
                for kind, items in (("missed", t.missed), ("spurious", t.spurious)):
                    for item in items:
                        click.echo(clean(f"{a.name} {kind} {c}: {show(item)}"))
                        sent = sentence_for(a.text, item)
                        if sent:
                            click.echo(clean(f"    “{sent[:300]}”"))


@main.command()
@store_option
@data_option
@click.option("--out", "out_path", default="graphs/diplograph.html", show_default=True, type=click.Path(dir_okay=False),
              help="The page to write; - for standard output.")
@click.option("--focus", help="Draw this entity's neighbourhood (a name in any language, an acronym or an IRI; "
                                "an ambiguous name fails with the candidates).")
@click.option("--entity", help="An entity's page: its facts as tables, its events, its neighbourhood and sources.")
@click.option("--radius", default=1, show_default=True, type=click.IntRange(1, 6), help="Hops around --focus.")
@click.option("--query", "query_file", help="Draw the result of a CONSTRUCT query (.rq file or text).")
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="Keep only entities of this type (state, person, organisation ...; repeatable).")
@click.option("--top", default=150, show_default=True, type=click.IntRange(1, 300),
              help="Entities drawn at first, the most named; as many more are kept in the page, shown on a click.")
@click.option("--since", metavar="YYYY-MM-DD", help="Count only articles published on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Count only articles published on or before this day.")
@friendly
def viz(store_dir, data, out_path, focus, entity, radius, query_file, types, top, since, until):
    """Draw the graph as an interactive HTML page that works offline: the most named entities, weighted links,
    their sources, search and a timeline of events."""
    from .viz import draw

    options = {"store": store_dir, "top": top, "since": since, "until": until, "entity": entity}
    if out_path == "-":
        with _to_stdout(".html") as tmp:
            _, n, e, secs = draw(list(data), tmp, focus, radius, query_file, list(types) or None, **options)
        say(err, f"{n} entities, {e} links -> standard output ({secs:.2f} s)")
        return
    path, n, e, secs = draw(list(data), out_path, focus, radius, query_file, list(types) or None, **options)
    say(err, f"{n} entities, {e} links -> {path} ({secs:.2f} s)")


@main.command()
@store_option
@data_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--writable", is_flag=True, help="Accept SPARQL updates and Graph Store writes (read-only otherwise).")
@click.option("--timeout", "timeout_s", default=30, show_default=True, type=click.IntRange(1),
              help="Longest a query may run, in seconds.")
@click.option("--cors", metavar="ORIGINS", help="Let web pages from these origins query the server (comma-separated, "
                                                "or * for any).")
@click.option("--allow-service", is_flag=True, help="Let queries call other endpoints (SPARQL SERVICE); off by "
                                                    "default, as the server would call any address a client names.")
@friendly
def serve(store_dir, data, host, port, writable, timeout_s, cors, allow_service):
    """Start a SPARQL server (Oxigraph) on the graph; Ctrl-C stops it."""
    import signal

    from .server import OxigraphServer

    def stop(*_):  # a service manager's TERM stops the server as cleanly as Ctrl-C
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    srv = OxigraphServer(list(data), host, port, writable, timeout_s, store=None if data else store_dir,
                         cors=cors, allow_service=allow_service).start()
    say(err, f"SPARQL endpoint: {srv.query_endpoint}  ({'read-write' if writable else 'read-only'}; "
             f"Graph Store: {srv.store_endpoint})")
    if not data:
        say(err, f"Pages: {srv.base}/explore (?focus=NAME, ?entity=NAME, ?top=N, ?since=, ?until=, ?type=)")
    try:
        srv.wait()
    except KeyboardInterrupt:
        pass
    finally:
        srv.stop()


@main.command()
@store_option
@data_option
@click.option("--endpoint", required=True, help="Graph Store Protocol endpoint (e.g. http://host:7878/store).")
@click.option("--graph", help="Named graph for triples files (.ttl, .nt); TriG keeps its own graphs.")
@click.option("--replace", is_flag=True, help="Replace each graph (PUT) instead of adding to it (POST).")
@click.option("--timeout", default=60.0, show_default=True)
@click.option("--verify", is_flag=True, help="Read each graph back and count its triples.")
@friendly
def push(store_dir, data, endpoint, graph, replace, timeout, verify):
    """Load the graph into a store over the SPARQL 1.1 Graph Store Protocol (auth: DIPLOGRAPH_USER/PASSWORD)."""
    from .server import push as run_push

    run_push(list(data), endpoint, graph, replace, timeout, verify=verify, store=None if data else store_dir,
             on_loaded=lambda name, status: say(err, f"{name}: HTTP {status}"))


@main.command()
@store_option
@data_option
@click.option("--infer", is_flag=True, help="Add RDFS/OWL-RL entailments before checking.")
@friendly
def validate(store_dir, data, infer):
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); exit status 1 on violations."""
    from .validate import validate as run_validate

    report = run_validate(list(data), infer=infer, store=None if data else store_dir)
    click.echo(report.text())
    sys.exit(0 if report.conforms else 1)


@main.command()
@store_option
@data_option
@click.option("--format", "-f", "fmt", required=True,
              type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "graphml", "gexf", "csv"]))
@click.option("--out", "out_path", required=True, type=click.Path(),
              help="Output file (a folder for csv); - for standard output.")
@friendly
def export(store_dir, data, fmt, out_path):
    """Write the graph in another format (RDF, or GraphML/GEXF/CSV for other tools)."""
    from .export import FORMAT_NAMES, ExportError
    from .export import export as run_export

    if out_path == "-":
        if fmt == "csv":
            raise ExportError("--format csv writes a folder of tables; give --out a folder, not -")
        with _to_stdout(FORMAT_NAMES.get(fmt, f".{fmt}")) as tmp:
            run_export(list(data), fmt, tmp, store=None if data else store_dir)
        return
    written = run_export(list(data), fmt, out_path, store=None if data else store_dir)
    for p in written:
        say(err, f"wrote {p}")


if __name__ == "__main__":  # pragma: no cover
    main()
