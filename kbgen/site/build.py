"""`kbgen build` and `kbgen serve`: run MkDocs on the project's own mkdocs.yml.

The pages themselves come from the hook (plugin.py); this module only sets the run options
(drafts, embedder), wires MkDocs' log to stderr and turns MkDocs failures into KbgenError.
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
    search_index_bytes: int
    stats: dict[str, int] = field(default_factory=dict)


def _config_path(project_dir: Path, config_file: Path | str | None) -> Path:
    path = Path(config_file) if config_file else project_dir / "mkdocs.yml"
    if not path.is_file():
        raise ContentError(f"site configuration not found: {path}")
    return path


@contextlib.contextmanager
def _mkdocs_logging(quiet: bool) -> Iterator[None]:
    """Show MkDocs' messages on stderr the way the mkdocs CLI does, for this run only."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING if quiet else logging.INFO)
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
    from mkdocs.exceptions import MkDocsException

    from kbgen.site import plugin

    plugin.last_error.clear()

    project_dir = Path(project_dir)
    path = _config_path(project_dir, config_file)
    overrides: dict[str, Any] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(Path(site_dir).resolve())
    start = time.perf_counter()
    with _mkdocs_logging(quiet), _run_options(drafts, embedder, related):
        try:
            config = load_config(config_file=str(path), **overrides)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            from kbgen.site.plugin import last_error

            raise KbgenError(last_error[0] if last_error else f"site build failed: {exc}") from None
    out = Path(config["site_dir"])
    index = out / "search" / "search_index.json"
    from kbgen.site.plugin import last_stats

    stats = dict(last_stats)
    return BuildResult(
        site_dir=out,
        seconds=time.perf_counter() - start,
        pages=sum(1 for _ in out.rglob("*.html")),
        search_index_bytes=index.stat().st_size if index.is_file() else 0,
        stats=stats,
    )


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
    from mkdocs.exceptions import MkDocsException

    path = _config_path(Path(project_dir), config_file)
    kwargs: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
    with _mkdocs_logging(False), _run_options(drafts, embedder, True):
        try:
            serve(config_file=str(path), open_in_browser=open_in_browser, **kwargs)
        except MkDocsException as exc:
            raise KbgenError(f"site preview failed: {exc}") from None
