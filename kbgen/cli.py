"""The command line: parse options, call the library, print. No pipeline logic lives here.

Heavy libraries (torch, sentence_transformers, faiss) are imported inside the library
functions that need them, so `kbgen --help` stays instant.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kbgen import __version__, config
from kbgen.cli_options import input_options
from kbgen.errors import KbgenError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one clear line and exit 1; never show a traceback to users."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KbgenError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except MemoryError:
            raise click.ClickException("out of memory; try a smaller input file") from None

    return wrapper


def quiet_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-q", "--quiet", is_flag=True, help="No progress bars or notes on stderr.")(
        func
    )


class UsageLine(click.ClickException):
    """A usage error as one line (exit 2): a path that is a file where a folder is needed, an
    unknown option. click's own form is three lines (usage, hint, error)."""

    exit_code = 2


def _one_line(exc: click.UsageError) -> UsageLine:
    command = exc.ctx.command_path if exc.ctx is not None else "kbgen"
    return UsageLine(f"{exc.format_message()} (see '{command} --help')")


def _help_shown(exc: click.UsageError) -> bool:
    """`kbgen` alone shows the help (click 8.2+ raises a UsageError subclass for that)."""
    return isinstance(exc, getattr(click.exceptions, "NoArgsIsHelpError", ()))


class KbgenGroup(click.Group):
    """kbgen's command group: usage errors of the group and of every command are one line."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            if _help_shown(exc):
                raise
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            if _help_shown(exc):
                raise
            raise _one_line(exc) from None


@click.group(cls=KbgenGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="kbgen")
def cli() -> None:
    """kbgen: turn recurring support questions into a searchable FAQ help site.

    \b
    Typical loop:
      kbgen suggest tickets.csv          find the recurring issues, ranked
      kbgen suggest tickets.csv --write  draft the missing articles into content/
      kbgen publish content/x/y.md       publish a reviewed draft
      kbgen build                        build the help site from content/
      kbgen report tickets.csv           one page for the support lead
    """
    try:
        os.getcwd()
    except FileNotFoundError:  # every relative path (content/, the segmenters) would fail
        raise click.ClickException(
            "the current folder no longer exists; cd to an existing folder and run kbgen again"
        ) from None


# --- suggest and report ------------------------------------------------------------------------


class ClickReporter:
    """Progress bars and notes on stderr, so stdout carries only results."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet

    def note(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"kbgen: {message}", err=True)

    def progress(self, label: str, total: int):  # type: ignore[no-untyped-def]
        import contextlib

        @contextlib.contextmanager
        def bar():  # type: ignore[no-untyped-def]
            if self.quiet or total <= 0:
                yield lambda n: None
                return
            with click.progressbar(
                length=total, label=label.ljust(10), file=sys.stderr, show_pos=True, width=30
            ) as progress:
                yield progress.update

        return bar()


def _run_pipeline(
    params: dict[str, Any], reporter: ClickReporter, write: bool = False, changes: Any = None
) -> Any:
    """Run the suggest pipeline with the shared input options (see `input_options`)."""
    from kbgen.embed import default_cache, load_embedder
    from kbgen.pipeline import SuggestOptions
    from kbgen.pipeline import suggest as run_suggest

    options = SuggestOptions(
        text_field=params["text_field"],
        id_field=params["id_field"],
        time_field=params["time_field"],
        answer_field=params["answer_field"],
        input_format=params["input_format"],
        skip_bad_rows=params["skip_bad_rows"],
        min_size=params["min_size"],
        content_dir=params["content_dir"],
        write=write,
        recluster=params["recluster"],
        engine=params["engine"],
        english_model=params["english_model"],
        trend_window=params["trend_window"],
        trend_baseline=params["trend_baseline"],
        sort=params.get("sort", "volume"),
    )
    config.cache_dir()  # KBGEN_HOME set to a file or an unwritable folder: one clear line
    embedder = load_embedder(params["model"])
    cache = None if params["no_cache"] else default_cache()
    return run_suggest(
        params["tickets"],
        options,
        embedder=embedder,
        cache=cache,
        reporter=reporter,
        changes=changes,
    )


@cli.command()
@input_options
@click.option(
    "-n", "--top", type=click.IntRange(1), default=20, show_default=True, help="Issues to show."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--assignments",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Write JSONL: one line per question, in input order, with its issue number "
    "(-1: long tail, -2: the message asks nothing). '-' writes it to stdout.",
)
@click.option(
    "--sort",
    type=click.Choice(["volume", "growth"]),
    default="volume",
    show_default=True,
    help="Issue order: most questions first, or growth: new, rising and spiking issues first "
    "(by how many more questions a week they bring), then the rest by volume.",
)
@click.option(
    "--write",
    is_flag=True,
    help="Draft new issues into --content and refresh the "
    "evidence of covered ones (default: only show the plan).",
)
@quiet_option
@handle_errors
def suggest(
    top: int,
    fmt: str,
    assignments: Path | None,
    write: bool,
    quiet: bool,
    **params: Any,
) -> None:
    """Find the recurring questions in TICKETS, ranked by volume (--sort growth: growing first).

    TICKETS is a CSV, TSV, JSONL or JSON export, a Zendesk, Freshdesk or Intercom export,
    an mbox, or a folder of .eml files; the format is detected (--input-format overrides).
    "-" reads standard input; pipes and FIFOs work too.

    Each issue is checked against the articles in --content: covered by an article, an
    article to update, or new. With --write, new issues are drafted there as Markdown for
    review and the evidence of covered articles is refreshed; a file a person edited keeps
    its title and answer.

    With question times, each issue's trend compares its last --trend-window with the weekly
    rate of the --trend-baseline before it: new, rising, spike (one week), falling or steady,
    flagged only when unlikely to be noise.

    Personal data (e-mails, phone numbers, card numbers, ids, order numbers) is masked
    before anything is embedded, cached, printed or written. Greetings, sign-offs and
    messages that ask nothing ("ok", "thanks") do not make issues.
    """
    from kbgen.output import assignments_jsonl, render
    from kbgen.writes import FileChanges, is_special, open_fd, write_direct

    reporter = ClickReporter(quiet)
    direct = assignments is not None and is_special(assignments)  # -, /dev/stdout, a FIFO
    # Drafts, evidence refreshes and the assignments file: all committed at the end, or none.
    with FileChanges() as changes:
        result = _run_pipeline(params, reporter, write=write, changes=changes)
        if assignments is not None and not direct:
            changes.put(assignments, assignments_jsonl(result))
        changes.commit()
    if assignments is not None:
        fd = None if str(assignments) == "-" else open_fd(assignments)
        if str(assignments) == "-" or fd in (1, 2):  # in order with the rest of the output
            click.echo(assignments_jsonl(result), nl=False, err=fd == 2)
        elif direct:
            write_direct(assignments, assignments_jsonl(result))
        reporter.note(f"wrote {result.total} assignments to {assignments}")
    click.echo(render(result, fmt, top))


@cli.command()
@input_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    help="Where to write it: a file for html and json ('-': standard output), a folder for "
    "csv [default: report.html, report.json, report-csv].",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["html", "json", "csv"]),
    default="html",
    show_default=True,
    help="html: one self-contained page with charts; json or csv: the charts' numbers.",
)
@click.option(
    "-n",
    "--top",
    type=click.IntRange(1),
    default=12,
    show_default=True,
    help="Issues to chart one by one (the map shows every issue).",
)
@click.option(
    "--lang",
    metavar="CODE",
    help="Name each issue by its question in this language where it has one "
    "(en, zh-Hans, zh-Hant, th); default: its most central question.",
)
@quiet_option
@handle_errors
def report(
    output: Path | None, fmt: str, top: int, lang: str | None, quiet: bool, **params: Any
) -> None:
    """Write a report on TICKETS for the support lead: one HTML file with charts.

    What is new and growing, the top issues with their weekly volume, the language mix of
    each, which issues have no article yet (checked against --content) and how many
    questions a week go to them, and a map of all questions coloured by issue. The page
    opens from disk with no network (the chart library is inside it). Takes the same input
    options as `kbgen suggest`; text is masked exactly as there. -f json or csv writes the
    charts' numbers instead.
    """
    from kbgen.report import DEFAULT_OUTPUT, build_report, check_output, write_report

    target = output or Path(DEFAULT_OUTPUT[fmt])
    check_output(target, fmt)  # a bad -o fails before the run, not after it
    reporter = ClickReporter(quiet)
    result = _run_pipeline(params, reporter)
    with reporter.progress("Map", 1) as advance:
        data = build_report(result, source=params["tickets"], top=top, lang=lang)
        advance(1)
    charts = len(data.charted()) + 4 if fmt == "html" else 1
    with reporter.progress("Report", charts) as advance:
        write_report(data, target, fmt, progress=advance)
    if str(target) != "-":
        reporter.note(f"wrote {target}")


# --- review ------------------------------------------------------------------------------------


@cli.command()
@click.argument("content_dir", default="content", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@handle_errors
def status(content_dir: Path, fmt: str) -> None:
    """List the drafts in CONTENT_DIR waiting for review, longest-standing and biggest first."""
    import json

    from kbgen.content.review import pending

    drafts = pending(content_dir)
    if fmt == "json":
        rows = [
            {
                "path": str(e.path),
                "title": e.title,
                "questions": e.questions,
                "first_seen": str(e.evidence.first_seen)
                if e.evidence and e.evidence.first_seen
                else None,
                "todo": "kbgen:todo" in e.body,
            }
            for e in drafts
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not drafts:
        click.echo(f"No drafts waiting for review in {content_dir}.")
        return
    for e in drafts:
        first = e.evidence.first_seen if e.evidence and e.evidence.first_seen else "-"
        todo = "  [answer to write]" if "kbgen:todo" in e.body else ""
        click.echo(f"{e.questions:>6}  {first!s:>10}  {e.path}  {e.title}{todo}")
    click.echo(f"{len(drafts)} drafts waiting for review. Publish one with: kbgen publish PATH")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Publish even if the answer still has a to-do.")
@handle_errors
def publish(paths: tuple[Path, ...], force: bool) -> None:
    """Mark reviewed drafts as published (sets `status: published`)."""
    from kbgen.content.review import publish as do_publish

    note = ClickReporter(quiet=False).note
    for path in paths:
        entry = do_publish(path, force=force, note=note)
        click.echo(f"published {path}: {entry.title}")


# --- site commands ---
@cli.command("check")
@click.argument("content_dir", required=False, default="content", type=click.Path(path_type=Path))
@handle_errors
def check_command(content_dir: Path) -> None:
    """Check every FAQ entry in CONTENT_DIR (default: content/) and report problems.

    Prints `path:line: message` for each problem and exits 1 if there are any.
    """
    from kbgen.content.entries import assumptions, scan, summarize
    from kbgen.content.review import public_text_problems
    from kbgen.content.taxonomy import load_taxonomy

    categories = load_taxonomy(Path(content_dir).resolve().parent)
    entries, problems = scan(content_dir, categories)
    for entry in entries:
        if entry.status == "published":
            problems.extend(public_text_problems(entry))
    for problem in problems:
        click.echo(str(problem))
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {content_dir}")
    for line in assumptions(entries, categories):
        click.echo(line, err=True)
    click.echo(summarize(entries))


@cli.command("build")
@click.option("--strict", is_flag=True, help="Fail on any MkDocs warning (as CI does).")
@click.option("--drafts", is_flag=True, help="Include draft entries (marked as drafts).")
@click.option(
    "-f",
    "--config-file",
    type=click.Path(path_type=Path),
    default=None,
    help="MkDocs configuration [default: ./mkdocs.yml].",
)
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder [default: site_dir in mkdocs.yml, i.e. site/].",
)
@quiet_option
@handle_errors
def build_command(
    strict: bool, drafts: bool, config_file: Path | None, site_dir: Path | None, quiet: bool
) -> None:
    """Build the static help site from content/ (published entries only, unless --drafts).

    Each language with entries gets its own pages, interface and search: the default language
    at the site root, the others under zh-hans/, zh-hant/ and th/ (extra.kbgen in mkdocs.yml).
    After the build, the site's public text is checked for masks and long numbers (warnings;
    --strict fails on them).
    """
    from kbgen.site import build_site

    result = build_site(
        ".", config_file=config_file, site_dir=site_dir, strict=strict, drafts=drafts, quiet=quiet
    )
    langs = result.stats.get("languages", 1)
    in_langs = f" in {langs} languages" if langs > 1 else ""
    click.echo(
        f"Built {result.pages} pages{in_langs} in {result.site_dir} in {result.seconds:.1f}s "
        f"(search index {result.search_index_bytes / 1024:.0f} KiB)"
    )


@cli.command("serve")
@click.option("--drafts", is_flag=True, help="Include draft entries.")
@click.option("-a", "--dev-addr", default=None, metavar="IP:PORT", help="[default: 127.0.0.1:8000]")
@click.option("-f", "--config-file", type=click.Path(path_type=Path), default=None)
@handle_errors
def serve_command(drafts: bool, dev_addr: str | None, config_file: Path | None) -> None:
    """Preview the help site with live reload while you edit content/."""
    from kbgen.site import serve_site

    serve_site(".", config_file=config_file, dev_addr=dev_addr, drafts=drafts)
