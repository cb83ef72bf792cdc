"""The site's 404 page, wherever the site is served from.

A static host serves one `404.html` for every missing path, at any depth. MkDocs writes its
links from the domain root (`/assets/...`) unless `site_url` is set, so a site published under
a subpath (`https://org.github.io/help/`) gets an unstyled 404 page. With `site_url` set MkDocs
already writes the right links. Without it, this rewrites the page's root links as relative
ones and puts a tiny script first in `<head>` that finds the site root (the nearest folder
above the missing path that has our 404.html) and sets `<base href>` to it, before any
stylesheet loads.
"""

from __future__ import annotations

import re
from pathlib import Path

_ROOT_LINK = re.compile(r'(\s(?:href|src|action)=")/(?!/)')
_BASE_SCRIPT = (
    "<script>(function(){var p=location.pathname.split('/');p.pop();"
    "for(var i=p.length;i>0;i--){var r=p.slice(0,i).join('/')+'/';"
    "try{var x=new XMLHttpRequest();x.open('HEAD',r+'404.html',false);x.send();"
    "if(x.status===200){document.write('<base href=\"'+r+'\">');return}}catch(e){}}"
    "document.write('<base href=\"/\">')})()</script>"
)


def relocatable_404(path: Path) -> bool:
    """Make the built 404 page load its assets under any subpath; False when absent."""
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    if _BASE_SCRIPT in text:
        return True
    text = _ROOT_LINK.sub(r"\1", text)
    text = re.sub(r"<head>", "<head>" + _BASE_SCRIPT, text, count=1)
    path.write_text(text, encoding="utf-8")
    return True
