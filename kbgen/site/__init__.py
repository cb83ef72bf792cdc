"""The help site: content/ -> static site with mkdocs-material (`kbgen build`, `kbgen serve`).

Heavy imports (mkdocs, jieba, pythainlp, numpy) happen inside the functions that use them.
"""

from __future__ import annotations

from kbgen.site.build import BuildResult, build_site, serve_site

__all__ = ["BuildResult", "build_site", "serve_site"]
