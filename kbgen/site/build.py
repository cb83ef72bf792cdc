"""`kbgen build` and `kbgen serve`: run MkDocs on the project's own mkdocs.yml.

The pages themselves come from the hook (plugin.py); this module only sets the run options
(drafts, embedder), gives each run a private scratch dir, builds into a staging folder that
replaces the site only when complete (sitedir.py), wires MkDocs' log to stderr and turns MkDocs
and file-system failures into one-line KbgenErrors.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kbgen.errors import ContentError, KbgenError


@dataclass(slots=True)
class BuildResult:
    site_dir: Path
    seconds: float
    pages: int  # HTML pages written
    search_index_bytes: int  # all languages' search indexes together
    stats: dict[str, int] = field(default_factory=dict)


def _config_path(project_dir: Path, config_file: Path | str | None) -> Path:
    path = Path(config_file) if config_file else project_dir / "mkdocs.yml"
    if not path.is_file():
        raise ContentError(f"site configuration not found: {path}")
    return path


def _not_the_final_error(record: logging.LogRecord) -> bool:
    """MkDocs logs a plugin's error before aborting; kbgen prints it once, as the error."""
    from kbgen.site.plugin import last_error

    return not (
        last_error and record.levelno >= logging.ERROR and record.getMessage() in last_error
    )


@contextlib.contextmanager
def _mkdocs_logging(quiet: bool) -> Iterator[None]:
    """Show MkDocs' messages on stderr the way the mkdocs CLI does, for this run only."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING if quiet else logging.INFO)
    handler.addFilter(_not_the_final_error)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if logger.level in (0, logging.NOTSET) else logger.level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


@contextlib.contextmanager
def _run_options(drafts: bool, embedder: Any, related: bool) -> Iterator[None]:
    from kbgen.site.plugin import RunOptions, set_run_options

    set_run_options(RunOptions(drafts=drafts, embedder=embedder, related=related))
    try:
        yield
    finally:
        set_run_options(None)


def build_site(
    project_dir: Path | str = ".",
    *,
    config_file: Path | str | None = None,
    site_dir: Path | str | None = None,
    strict: bool = False,
    drafts: bool = False,
    embedder: Any = None,
    related: bool = True,
    quiet: bool = False,
) -> BuildResult:
    """Build the static site (default: `site/` next to mkdocs.yml). KbgenError on failure.

    `embedder` overrides kbgen's default embedding model for related questions (tests pass
    a small fake); `related=False` skips them.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from kbgen.site import plugin, sitedir

    plugin.last_error.clear()

    project_dir = Path(project_dir)
    path = _config_path(project_dir, config_file)
    overrides: dict[str, Any] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(Path(site_dir).absolute())
    start = time.perf_counter()
    with (
        _mkdocs_logging(quiet),
        _run_options(drafts, embedder, related),
        _site_errors("site build failed"),
    ):
        config = load_config(config_file=str(path), **overrides)
        shown = Path(config["site_dir"])
        target = sitedir.check_target(shown)
        with sitedir.staging(target) as stage, plugin.scratch_session():
            config["site_dir"] = str(stage)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
            pages = sum(1 for _ in stage.rglob("*.html"))
            # one search index per language: <stage>/search/, <stage>/th/search/, ...
            index_bytes = sum(p.stat().st_size for p in stage.glob("**/search/search_index.json"))
            sitedir.swap_in(stage, target)
    return BuildResult(
        site_dir=shown,
        seconds=time.perf_counter() - start,
        pages=pages,
        search_index_bytes=index_bytes,
        stats=dict(plugin.last_stats),
    )


@contextlib.contextmanager
def _site_errors(what: str) -> Iterator[None]:
    """MkDocs and file-system failures as one KbgenError line (the content problem if any)."""
    from mkdocs.exceptions import MkDocsException

    from kbgen.site.plugin import last_error
    from kbgen.site.sitedir import describe

    try:
        yield
    except KbgenError:
        raise
    except MkDocsException as exc:
        if last_error:  # a content problem, listed as `kbgen check` lists it
            raise KbgenError(last_error[0]) from None
        raise KbgenError(f"{what}: {' '.join(str(exc).split())}") from None
    except OSError as exc:
        raise KbgenError(f"{what}: {describe(exc)}") from None
    except UnicodeError as exc:
        raise KbgenError(f"{what}: {exc}") from None


def serve_site(
    project_dir: Path | str = ".",
    *,
    config_file: Path | str | None = None,
    dev_addr: str | None = None,
    drafts: bool = False,
    embedder: Any = None,
    open_in_browser: bool = False,
) -> None:
    """Preview with live reload; rebuilds when content/, mkdocs.yml or kbgen.toml change."""
    from mkdocs.commands.serve import serve

    from kbgen.site import plugin

    plugin.last_error.clear()
    path = _config_path(Path(project_dir), config_file)
    kwargs: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
    with _mkdocs_logging(False), _run_options(drafts, embedder, True):
        with _site_errors("site preview failed"), plugin.scratch_session():
            serve(config_file=str(path), open_in_browser=open_in_browser, **kwargs)
