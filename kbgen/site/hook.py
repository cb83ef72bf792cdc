"""MkDocs hook entry point (listed under `hooks:` in mkdocs.yml); the logic is in plugin.py.

MkDocs loads this file afresh for every configuration load, so each build gets a new
`KbgenSite` and no state leaks between live-reload rebuilds.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from kbgen.site.plugin import KbgenSite

_site = KbgenSite()


def on_startup(command: str, dirty: bool) -> None:
    _site.on_startup(command, dirty)


@event_priority(100)  # generate pages before other plugins look at docs_dir
def on_config(config: Any) -> Any:
    return _site.on_config(config)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    return _site.on_serve(server, config, builder)


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    return _site.on_page_context(context, page, config, nav)


@event_priority(-100)  # sanitise after every other plugin changed the page
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return _site.on_page_content(html, page, config, files)


@event_priority(-100)  # after the search plugin has written search_index.json
def on_post_build(config: Any) -> None:
    _site.on_post_build(config)


def on_build_error(error: Exception) -> None:
    _site.on_build_error(error)


def on_shutdown() -> None:
    _site.on_shutdown()
