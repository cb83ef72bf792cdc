"""Tiny stand-in for kbgen's hook: on_config (priority 100) writes the pages into a fresh temp dir
and points docs_dir at it; on_post_build (-100) records what search_index.json holds at that moment."""

import json
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import gen

LOG = Path(__file__).with_name("hook-calls.log")


@event_priority(100)
def on_config(config):
    tmp = tempfile.mkdtemp(prefix="i18n-hook-")
    gen.write(tmp, segment_thai=True)
    with LOG.open("a") as f:
        f.write(
            f"{time.time():.3f} on_config docs_dir {config['docs_dir']} -> {tmp} theme.language={config['theme']['language']} i18n.current_language={getattr(config.plugins.get('i18n'), 'current_language', None)}\n"
        )
    config["docs_dir"] = tmp
    return config


@event_priority(-100)
def on_post_build(config):
    p = Path(config["site_dir"]) / "search" / "search_index.json"
    langs = {}
    if p.exists():
        for d in json.loads(p.read_text())["docs"]:
            k = (
                d["location"].split("/")[0]
                if d["location"].split("/")[0] in ("zh-Hans", "zh-Hant", "th")
                else "en"
            )
            langs[k] = langs.get(k, 0) + 1
    with LOG.open("a") as f:
        f.write(f"{time.time():.3f} on_post_build index entries by lang {langs}\n")
