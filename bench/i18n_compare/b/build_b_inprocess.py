"""Approach B in one Python process: load_config per language file, build() each (jieba loads once)."""

import logging
import shutil
import time

from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.WARNING)
t0 = time.time()
shutil.rmtree("site", ignore_errors=True)
for lang in ["en", "zh-Hans", "zh-Hant", "th"]:
    t = time.time()
    cfg = load_config(f"mkdocs.{lang}.yml", strict=True)
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    cfg.plugins.on_shutdown()
    print(f"{lang}: {time.time() - t:.2f} s", flush=True)
print(f"total in-process: {time.time() - t0:.2f} s")
