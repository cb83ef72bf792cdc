"""Language switch to the same page: a link per language, to the same src path when that
language's docs folder has it, else to that language's home. Links are relative to this
language's root (mkdocs' `url` filter prefixes base_url), so they work under a subpath."""

import copy
from pathlib import Path

_homes = []


def on_config(config):
    _homes[:] = copy.deepcopy(config["extra"]["alternate"])


def on_page_context(context, page, config, nav):
    root = Path(config["docs_dir"]).parent  # ../docs-seg
    alts = copy.deepcopy(_homes)
    for alt in alts:
        if (root / alt["lang"] / page.file.src_uri).exists():
            alt["link"] = f"../{alt['lang']}/{page.url}"
    config["extra"]["alternate"] = alts  # read by partials/alternate.html for this page
    return context
