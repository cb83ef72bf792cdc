"""Issue 13, site side: injection through Markdown, private scratch folders, the output folder.

One module-scoped build holds an entry per hostile payload; the other tests build tiny sites
without related questions, so each build takes about a second.
"""

from __future__ import annotations

import errno
import hashlib
import html
import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest_site import REPO, make_project, write_entry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen.errors import KbgenError
from kbgen.site import build_site, plugin, sitedir
from kbgen.site.sanitize import (
    clean_html,
    drop_long_digits,
    escape_markdown_html,
    has_long_digits,
    safe_slug,
)

TRACKER = "tracker.example"
EVIL = "evil.example"

# Each payload is the whole answer of one entry (and one of its "also asked as" phrasings).
PAYLOADS: list[str] = [
    # the audit's bypass: a backslash-escaped backtick is no code span for Markdown
    rf"\`<img src=https://{TRACKER}/x.gif>\`",
    rf"\`<a class=md-button href=https://{EVIL}/pay>Pay</a>\`",
    r"\\`<script>alert(1)</script>`",
    r"`a\`<img src=x onerror=alert(1)>\``",
    "``<script>alert(1)</script>` ` and `<b>`",
    # code that Markdown and a naive escaper see differently
    "```\n\n<img src=x onerror=alert(1)>\n\n",
    "  ```\n<script>alert(1)</script>\n  ```\n",
    "````\n<script>alert(1)</script>\n```\n",
    "~~~\n<script>alert(1)</script>\n```\n",
    "`a\n\n<script>alert(1)</script>\n\nb`",
    "    <script>alert(1)</script>\n",
    "- item\n\n    ```\n    <script>alert(1)</script>\n    ```\n",
    "> ```\n> <script>alert(1)</script>\n> ```\n",
    # plain raw HTML
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    f"<img src=https://{TRACKER}/x.gif>",
    '<svg onload="alert(1)"><circle r=1 /></svg>',
    "<svg/onload=alert(1)>",
    f'<iframe src="https://{EVIL}/"></iframe>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<details open ontoggle="alert(1)"><summary>s</summary></details>',
    "<style>body{display:none}</style>",
    f'<base href="https://{EVIL}/">',
    f'<meta http-equiv="refresh" content="0;url=https://{EVIL}/">',
    f"<link rel=stylesheet href=https://{EVIL}/x.css>",
    f'<form action="https://{EVIL}/"><input name=p></form>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="javascript:alert(1)"></object>',
    "<!-- x --><script>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    '<p id="__search" class="md-button" style="position:fixed;inset:0">x</p>',
    '<div markdown="1">*x* <script>alert(1)</script></div>',
    # entity-encoded payloads stay text
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "`&lt;script&gt;alert(1)&lt;/script&gt;`",
    # Markdown's own constructs
    f"![pixel](https://{TRACKER}/pixel.gif)",
    f"![pixel](//{TRACKER}/pixel.gif)",
    rf"![pixel](\\\\{TRACKER}/pixel.gif)",  # `\\host`: browsers read it as `//host`
    rf"![pixel](/\\{TRACKER}/pixel.gif)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](java&#9;script:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    f'[x](https://{EVIL}/ "a\\" onmouseover=\\"alert(1)")',
    f"[Pay now](https://{EVIL}/pay){{: .md-button }}",
    "!!! md-button\n    styled like a button",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    '<img src="local.png" onerror="alert(1)">',
]

FORBIDDEN_TAGS = frozenset(
    "script iframe svg object embed style base meta link form input math frame frameset"
    " textarea button select".split()
)
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)


class LiveHtml(HTMLParser):
    """Everything in a piece of HTML a browser would act on (what must never come from text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            plain = "".join(c for c in value if c.isprintable() and not c.isspace())
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction", "data", "xlink:href"):
                if BAD_SCHEME.match(plain):
                    self.problems.append(f"{tag}[{name}={value}]")
            if tag == "img" and name == "src" and re.match(r"([a-z][\w+.-]*:|[/\\]{2})", plain):
                self.problems.append(f"external image {value}")
            if name == "class" and "md-button" in value:
                self.problems.append(f"{tag}.md-button")
            if name == "style" and not re.fullmatch(r"text-align: (left|right|center);", value):
                self.problems.append(f"{tag}[style={value}]")
            if name == "id" and not re.fullmatch(r"h[1-6]", tag):
                self.problems.append(f"{tag}[id={value}]")


def live(fragment: str) -> list[str]:
    parser = LiveHtml()
    parser.feed(fragment)
    parser.close()
    return parser.problems


class ActiveParts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.found[f"<{tag}>"] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.found[f"[{name}]"] += 1
            if tag == "img" and name == "src" and not re.match(r"[\w./-]+\Z", value or ""):
                self.found[f"img {value}"] += 1


def active_parts(page: str) -> Counter[str]:
    """Scripts, frames, forms, event handlers and non-local images, counted over a page."""
    parser = ActiveParts()
    parser.feed(page)
    parser.close()
    return parser.found


def answer_region(page: str) -> str:
    """The part of an entry page made from its Markdown (the hook wraps it in `<div lang>`)."""
    start = page.index('<div lang="')
    end = page.index("</article>", start)
    return page[start:end]


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("payloads")
    config = make_project(root)
    content = root / "content"
    for i, payload in enumerate(PAYLOADS):
        line = payload.replace("\n", " ")
        write_entry(  # in the title, a heading (so in the page's toc), the answer, also-asked
            content,
            "other",
            f"p{i}",
            f"P{i} {line}",
            f"## H{i} {payload.splitlines()[0]}\n\n{payload}\n",
            questions=1,
            also_asked=[line],
        )
    write_entry(
        content,
        "orders",
        "card",
        "Card 4111 1111 1111 1111 declined",
        "## Order 12345678 refund\n\nText.\n\n## Call 02-123-4567\n\nText.\n\n"
        "## Top 10 tips\n\nText.\n",
        questions=1,
    )
    write_entry(
        content,
        "orders",
        "entities",
        "Entities",
        "Mail jane&#64;example.com, tag &lt;b&gt;x&lt;/b&gt;, double &amp;lt;i&amp;gt;.\n",
        questions=1,
    )
    result = build_site(root, config_file=config, strict=False, related=False, quiet=True)
    return {"root": root, "site": result.site_dir}


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=lambda i: f"p{i}")
def test_payload_is_never_live(payload_site: dict[str, Any], index: int) -> None:
    page = read(payload_site["site"], f"other/p{index}/index.html")
    region = answer_region(page)
    assert live(region) == [], PAYLOADS[index]
    assert TRACKER not in " ".join(re.findall(r"<img[^>]*>", region))
    # The structured data is JSON inside <script>: it must not be able to close that element.
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert ld and "<" not in ld.group(1)
    assert live(json.loads(ld.group(1))["mainEntity"][0]["acceptedAnswer"]["text"]) == []
    # The whole page (title, header, toc, nav): the same active parts as a harmless entry page.
    baseline = read(payload_site["site"], "orders/entities/index.html")
    assert active_parts(page) == active_parts(baseline), PAYLOADS[index]


def test_listing_pages_have_no_live_payloads(payload_site: dict[str, Any]) -> None:
    """Titles (all payloads) are listed on the category page and the home page too."""
    site: Path = payload_site["site"]

    def parts(rel: str) -> Counter[str]:
        found = active_parts(read(site, rel))
        del found["<link>"]  # rel=prev/next depend on the page's place in the nav
        return found

    assert parts("other/index.html") == parts("orders/index.html")
    assert "P0 " in read(site, "index.html")  # the payload titles are among the most asked
    extra = parts("index.html") - parts("orders/index.html")
    assert set(extra) <= {"<form>", "<input>", "[onsubmit]"} and extra["[onsubmit]"] == 1


def test_search_index_has_no_live_html(payload_site: dict[str, Any]) -> None:
    data = json.loads(read(payload_site["site"], "search/search_index.json"))
    for doc in data["docs"]:
        assert live(doc["text"]) == [], doc["location"]
        assert live(doc["title"]) == [], doc["location"]


def test_bypass_payload_is_shown_as_text(payload_site: dict[str, Any]) -> None:
    region = answer_region(read(payload_site["site"], "other/p0/index.html"))
    # The reader sees what the customer wrote, as text.
    assert f"`&lt;img src=https://{TRACKER}/x.gif&gt;`" in region
    code = answer_region(read(payload_site["site"], "other/p4/index.html"))
    # an unmatched `` is text; the single-backtick spans after it are code
    assert "``&lt;script&gt;alert(1)&lt;/script&gt;" in code and "<code>&lt;b&gt;</code>" in code
    fenced = answer_region(read(payload_site["site"], "other/p7/index.html"))
    assert "&lt;script&gt;" in fenced


def test_entities_stay_as_written(payload_site: dict[str, Any]) -> None:
    """The sanitiser decodes entities once and escapes again: never a new tag, never a second
    decoding (`&amp;lt;i&amp;gt;` shows `&lt;i&gt;`, it does not become `<i>`)."""
    region = answer_region(read(payload_site["site"], "orders/entities/index.html"))
    assert "&lt;b&gt;x&lt;/b&gt;" in region and "<b>" not in region
    assert "&amp;lt;i&amp;gt;" in region and "<i>" not in region
    for fragment in [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        "<p>&amp;lt;b&amp;gt; &amp;#64; &#38;#60;</p>",
        "<p>jane&#64;example.com &#x3C;img&#x3E;</p>",
    ]:
        assert visible(clean_html(fragment)) == visible(fragment)
        assert live(clean_html(fragment)) == [] and "<img" not in clean_html(fragment)


def visible(fragment: str) -> str:
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def test_heading_anchors_have_no_long_digit_runs(payload_site: dict[str, Any]) -> None:
    site: Path = payload_site["site"]
    page = read(site, "orders/card/index.html")
    ids = re.findall(r'\sid="([^"]*)"', answer_region(page))
    anchors = re.findall(r'href="#([^"]*)"', page)
    assert ids and anchors
    for anchor in ids + anchors:
        assert not has_long_digits(anchor), anchor
    assert "top-10-tips" in ids  # short numbers stay
    assert {"card-declined", "order-refund", "call"} <= set(ids)
    data = json.loads(read(site, "search/search_index.json"))
    locations = [d["location"] for d in data["docs"] if d["location"].startswith("orders/card/")]
    assert len(locations) >= 4 and not any(has_long_digits(loc) for loc in locations)


def test_slug_and_sanitizer_units() -> None:
    assert drop_long_digits("card-4111-1111-1111-1111-declined") == "card-declined"
    assert drop_long_digits("order-123456") == "order"
    assert drop_long_digits("order-12345") == "order-12345"
    assert drop_long_digits("__search") == "search"
    assert has_long_digits("a_123_456") and not has_long_digits("step-2024-5")
    slug = safe_slug(lambda value, sep: value.lower().replace(" ", sep))
    assert slug("Card 4111 1111 1111 1111", "-") == "card"
    # escaping: code is rendered here, so what Markdown thinks is code no longer matters
    assert escape_markdown_html(r"\`<b>\`") == r"\`&lt;b>\`"
    assert escape_markdown_html("`<b>`") == "<code>&#60;b&#62;</code>"
    assert escape_markdown_html("``a`<b>`` x") == "<code>a&#96;&#60;b&#62;</code> x"
    assert "&lt;" in escape_markdown_html("```\n<b>\n")  # an unclosed fence is no fence
    assert clean_html(f'<a class="md-button" href="https://{EVIL}/">x</a>') == (
        f'<a href="https://{EVIL}/">x</a>'
    )
    assert clean_html(f'<img src="https://{TRACKER}/x.gif" alt="a">') == ""
    assert clean_html('<img src="/\\tracker.example/x.gif">') == ""
    assert clean_html(
        '<div class="admonition note kb-x"><p class="admonition-title">T</p></div>'
    ) == ('<div class="admonition note"><p class="admonition-title">T</p></div>')
    assert clean_html('<h2 id="ok">a</h2><p id="x">b</p>') == '<h2 id="ok">a</h2><p>b</p>'
    assert clean_html("<svg/><b>kept</b>") == "<b>kept</b>"  # a void svg drops nothing else


# --- private scratch folders ------------------------------------------------------------------


def small_project(root: Path, **config: Any) -> Path:
    path = make_project(root, extra_kbgen={"related": 0}, **config)
    write_entry(root / "content", "orders", "cancel", "Can I cancel?", "Until it ships.\n")
    write_entry(root / "content", "account", "reset", "Reset password?", "Use the link.\n")
    return path


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


@pytest.fixture
def scratch_log(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, int]]:
    made: list[tuple[Path, int]] = []
    real = plugin.new_scratch_dir

    def spy() -> Path:
        path = real()
        made.append((path, stat.S_IMODE(path.stat().st_mode)))
        return path

    monkeypatch.setattr(plugin, "new_scratch_dir", spy)
    return made


def test_planted_scratch_folder_is_never_used(
    tmp_path: Path, private_tmp: Path, scratch_log: list[tuple[Path, int]]
) -> None:
    project = tmp_path / "project"
    config = small_project(project)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep me")
    # What the old code used: /tmp/kbgen-site-<sha1(content)>/docs, linked by another user.
    key = hashlib.sha1(str((project / "content").resolve()).encode()).hexdigest()[:12]
    planted = private_tmp / f"kbgen-site-{key}"
    planted.mkdir()
    (planted / "docs").symlink_to(victim)
    build_site(project, config_file=config, related=False, quiet=True)
    assert (victim / "precious.txt").read_text() == "keep me"
    assert sorted(p.name for p in victim.iterdir()) == ["precious.txt"]
    [(scratch, mode)] = scratch_log
    assert mode == 0o700 and scratch.parent == private_tmp and scratch != planted
    assert not scratch.exists()  # removed after the build
    assert sorted(p.name for p in private_tmp.iterdir()) == [planted.name]
    assert plugin.scratch_dir() is None


def test_scratch_is_removed_after_failed_builds(
    tmp_path: Path,
    private_tmp: Path,
    scratch_log: list[tuple[Path, int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = small_project(tmp_path)
    write_entry(tmp_path / "content", "orders", "bad", "Q?", "A.\n", lang="fr")
    with pytest.raises(KbgenError, match="'lang' is 'fr'"):
        build_site(tmp_path, config_file=config, related=False, quiet=True)
    (tmp_path / "content" / "orders" / "bad.md").unlink()

    import mkdocs.commands.build as mk_build

    def explode(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom in the middle")

    monkeypatch.setattr(mk_build, "_build_page", explode)
    with pytest.raises(RuntimeError, match="boom"):
        build_site(tmp_path, config_file=config, related=False, quiet=True)
    assert len(scratch_log) == 2 and not any(path.exists() for path, _ in scratch_log)
    assert list(private_tmp.iterdir()) == []
    assert not (tmp_path / "site").exists()  # nothing half-built in place either


def test_plain_mkdocs_run_cleans_its_own_scratch(
    tmp_path: Path, private_tmp: Path, scratch_log: list[tuple[Path, int]]
) -> None:
    """`mkdocs build` without kbgen: the hook makes and removes its scratch dir (on_startup /
    on_shutdown), also when the build fails."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_path = small_project(tmp_path)
    for fail in (False, True):
        if fail:
            write_entry(tmp_path / "content", "orders", "bad", "Q?", "A.\n", lang="fr")
        config = load_config(config_file=str(config_path))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            if fail:
                with pytest.raises(Exception, match="BuildError"):  # `'lang' is 'fr'` logged
                    build(config)
            else:
                build(config)
                assert (tmp_path / "site" / "orders" / "cancel" / "index.html").is_file()
            assert plugin.scratch_dir() is None  # removed at the end of the build already
        finally:
            config.plugins.on_shutdown()
    assert len(scratch_log) == 2 and list(private_tmp.iterdir()) == []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_build_while_serve_runs_does_not_interfere(tmp_path: Path, private_tmp: Path) -> None:
    project = tmp_path / "project"
    config = small_project(project)
    port = free_port()
    env = dict(os.environ, TMPDIR=str(private_tmp), PYTHONPATH=str(REPO))
    serve = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/orders/cancel/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert serve.poll() is None, serve.communicate()[1][-2000:]
                assert time.monotonic() < deadline, "kbgen serve did not start"
                time.sleep(0.3)
        [serve_scratch] = list(private_tmp.glob("kbgen-site-*"))
        assert stat.S_IMODE(serve_scratch.stat().st_mode) == 0o700
        build_site(project, config_file=config, related=False, quiet=True)
        assert (serve_scratch / "en" / "orders" / "cancel.md").is_file()  # serve's untouched
        assert list(private_tmp.glob("kbgen-site-*")) == [serve_scratch]
        with urllib.request.urlopen(url, timeout=5) as response:
            assert response.status == 200
        assert (project / "site" / "orders" / "cancel" / "index.html").is_file()
    finally:
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
    assert list(private_tmp.glob("kbgen-site-*")) == []  # serve removed its scratch on exit


# --- the output folder ------------------------------------------------------------------------


def cli_build(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    from kbgen.cli import cli

    monkeypatch.chdir(project)
    return CliRunner().invoke(cli, ["build", "-q", *args])


def one_line_error(result: Any) -> str:
    """The error is one `Error:` line (MkDocs' own INFO lines on stderr may come before it)."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is not None
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [
        line
        for line in result.output.strip().splitlines()
        if not re.match(r"(INFO|DEBUG) +- ", line)
    ]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def cli_project(root: Path) -> Path:
    config = small_project(root)
    data = yaml.safe_load(config.read_text())
    data["site_dir"] = "site"
    config.write_text(yaml.safe_dump(data))
    return config


def test_build_into_a_foreign_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_project(tmp_path)
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "deploy.sh").write_text("#!/bin/sh\necho deploy\n")
    (scripts / "notes").mkdir()
    (scripts / "notes" / "a.txt").write_text("a")
    before = snapshot(scripts)
    line = one_line_error(cli_build(tmp_path, monkeypatch, "-d", "scripts"))
    assert "not empty and not a previous kbgen site" in line and "scripts" in line
    assert snapshot(scripts) == before
    assert not [p for p in tmp_path.iterdir() if ".kbgen-" in p.name]  # no staging left


@pytest.mark.parametrize("case", ["file", "proc", "fifo-parent"])
def test_unusable_output_paths_give_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    cli_project(tmp_path)
    if case == "file":
        target = tmp_path / "existing.txt"
        target.write_text("data")
        expected = "exists and is not a folder"
    elif case == "proc":
        if not Path("/proc/self").exists():
            pytest.skip("no /proc")
        target = Path("/proc/x")
        expected = "cannot write the site to /proc/x"
    else:
        (tmp_path / "afile").write_text("data")
        target = tmp_path / "afile" / "site"
        expected = "cannot write the site to"
    line = one_line_error(cli_build(tmp_path, monkeypatch, "-d", str(target)))
    assert expected in line
    if case == "file":
        assert target.read_text() == "data"


def test_read_only_project_gives_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli_project(tmp_path)
    if os.geteuid() != 0:
        tmp_path.chmod(0o555)
        monkeypatch.setattr(tempfile, "tempdir", None)
    else:  # root ignores permissions: refuse creating folders in the project as the OS would
        real = tempfile.mkdtemp

        def denied(*args: Any, dir: Any = None, **kwargs: Any) -> str:
            if dir is not None and Path(dir) == tmp_path:
                raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x"))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(sitedir.tempfile, "mkdtemp", denied)
    try:
        line = one_line_error(cli_build(tmp_path, monkeypatch))
    finally:
        tmp_path.chmod(0o755)
    assert "cannot write the site to" in line and "Permission denied" in line
    assert not (tmp_path / "site").exists()


def test_previous_site_is_replaced_and_survives_a_failed_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_project(tmp_path)
    out = cli_build(tmp_path, monkeypatch, "-d", "public")
    assert out.exit_code == 0, out.output
    site = tmp_path / "public"
    assert (site / ".kbgen-site").is_file() and (site / "orders/cancel/index.html").is_file()
    assert stat.S_IMODE(site.stat().st_mode) == 0o777 & ~_umask()  # served, not private
    (site / "stale.html").write_text("from an older build")
    site.chmod(0o750)  # set by the admin for the web server: kept
    write_entry(tmp_path / "content", "orders", "refund", "Refund?", "Five days.\n")
    out = cli_build(tmp_path, monkeypatch, "-d", "public")
    assert out.exit_code == 0, out.output
    assert not (site / "stale.html").exists() and (site / "orders/refund/index.html").is_file()
    assert stat.S_IMODE(site.stat().st_mode) == 0o750
    before = snapshot(site)

    # A full disk while the search index is written: one line, the last good site untouched.
    import mkdocs.utils

    real_write = mkdocs.utils.write_file

    def full_disk(content: bytes, output_path: str) -> None:
        if output_path.endswith("search_index.json"):
            os.makedirs(os.path.dirname(output_path), exist_ok=True)
            with open(output_path, "wb") as f:
                f.write(content[: len(content) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
        real_write(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full_disk)
    write_entry(tmp_path / "content", "orders", "late", "Late?", "Sorry.\n")
    line = one_line_error(cli_build(tmp_path, monkeypatch, "-d", "public"))
    assert "No space left on device" in line
    assert snapshot(site) == before
    json.loads((site / "search" / "search_index.json").read_text())  # whole, not cut short
    monkeypatch.setattr(mkdocs.utils, "write_file", real_write)

    # A build that dies half-way (an unexpected error, or Ctrl-C) leaves it untouched too.
    import mkdocs.commands.build as mk_build

    real_page = mk_build._build_page
    calls = {"n": 0}

    def dies(*args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real_page(*args, **kwargs)

    monkeypatch.setattr(mk_build, "_build_page", dies)
    with pytest.raises(KeyboardInterrupt):
        build_site(tmp_path, site_dir=site, related=False, quiet=True)
    assert calls["n"] == 3 and snapshot(site) == before
    assert not [p for p in tmp_path.iterdir() if ".kbgen-" in p.name]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_site_built_by_an_older_kbgen_is_replaced(tmp_path: Path) -> None:
    config = small_project(tmp_path)
    site = tmp_path / "site"
    build_site(tmp_path, config_file=config, related=False, quiet=True)
    (site / ".kbgen-site").unlink()  # as built before the marker existed
    build_site(tmp_path, config_file=config, related=False, quiet=True)
    assert (site / ".kbgen-site").is_file()


def test_site_dir_that_cannot_be_renamed_is_filled_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mounted volume (`-d /site`, parent not writable): stage elsewhere, swap the entries."""
    config = small_project(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    real = tempfile.mkdtemp

    def denied(*args: Any, dir: Any = None, **kwargs: Any) -> str:
        if dir is not None and Path(dir) == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x"))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(sitedir.tempfile, "mkdtemp", denied)
    inode = site.stat().st_ino
    build_site(tmp_path, config_file=config, related=False, quiet=True)
    assert site.stat().st_ino == inode  # the same folder, filled
    assert (site / ".kbgen-site").is_file() and (site / "orders/cancel/index.html").is_file()


def test_serve_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kbgen.cli import cli

    cli_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "-a", f"127.0.0.1:{port}"])
    line = one_line_error(result)
    assert "site preview failed" in line and "in use" in line
    result = CliRunner().invoke(cli, ["serve", "-f", "missing.yml"])
    assert "site configuration not found" in one_line_error(result)
    write_entry(tmp_path / "content", "orders", "bad", "Q?", "A.\n", lang="fr")
    result = CliRunner().invoke(cli, ["serve", "-a", f"127.0.0.1:{free_port()}"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    # the content error (a list of problems, as `kbgen check` prints it), once
    assert result.output.count("bad.md:5: 'lang' is 'fr'") == 1, result.output
    assert result.output.count("Error: 1 problem(s) in") == 1, result.output
    assert plugin.scratch_dir() is None


def test_html_escape_helper_sanity() -> None:
    """The checker itself flags what it must (so a passing payload test means something)."""
    assert live('<img src="https://tracker.example/x.gif">') == [
        "external image https://tracker.example/x.gif"
    ]
    assert live('<a href="jav&#x61;script:x">') and live("<svg>") and live('<p id="x">')
    assert live(f'<a class="md-button" href="https://{EVIL}/">') and live('<b onclick="x">')
    assert live(html.escape("<script>")) == []
    assert active_parts('<h1>x</h1><img src="https://t.example/x.gif"><b onclick="x">') == {
        "img https://t.example/x.gif": 1,
        "[onclick]": 1,
    }
    assert active_parts('<p>&lt;script&gt;</p><img src="../a.png">') == {}


FUZZ_TOKENS = [
    "<", ">", "`", "``", "```", "\\", "\n", "\n\n", " ", "    ", "~~~", "script", "img", "svg",
    "src=x", "onerror=alert(1)", "/", '"', "'", "=", "&lt;", "&#60;", "&#x3C;", "&", ";", "[",
    "]", "(", ")", "!", "javascript:", "jav&#x61;script:", "a", "iframe", "<!--", "-->", "*",
    "_", "|", "---", "#", "> ", "- ", "1. ", "!!! note\n    ", "{: .md-button}",
    'markdown="1"', "https://tracker.example/x.gif", "<div", "</code>", "<pre>",
]  # fmt: skip


@settings(
    max_examples=int(os.environ.get("KBGEN_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(FUZZ_TOKENS), max_size=40).map("".join))
def test_fuzz_escape_markdown_clean(text: str) -> None:
    """Random Markdown-ish text: layer 1 alone lets no element or handler through that
    Markdown itself would not make; after layer 2 nothing is live; cleaning is idempotent."""
    import markdown

    md = markdown.Markdown(
        extensions=["toc", "tables", "fenced_code", "md_in_html", "admonition", "def_list"]
    )
    rendered = md.convert(escape_markdown_html(text))
    assert [p for p in live(rendered) if p.startswith("<") or "[on" in p] == [], rendered
    cleaned = clean_html(rendered)
    assert live(cleaned) == [], cleaned
    assert clean_html(cleaned) == cleaned


def test_broken_site_configuration_gives_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n")
    line = one_line_error(cli_build(tmp_path, monkeypatch))
    assert "site build failed" in line and "mkdocs.yml" in line
    (tmp_path / "mkdocs.yml").write_bytes(b"\xff\xfe\x00\x01garbage")
    assert "site build failed" in one_line_error(cli_build(tmp_path, monkeypatch))


def test_killed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    """kill -9 half-way through writing pages: the last good site is untouched."""
    config = small_project(tmp_path)
    site = tmp_path / "site"
    build_site(tmp_path, config_file=config, related=False, quiet=True)
    before = snapshot(site)
    write_entry(tmp_path / "content", "orders", "refund", "Refund?", "Five days.\n")
    slow = (
        "import sys, time, mkdocs.commands.build as b\n"
        "real = b._build_page\n"
        "def slow(*a, **k):\n"
        "    real(*a, **k)\n"
        "    time.sleep(60)\n"
        "b._build_page = slow\n"
        "from kbgen.cli import cli\n"
        "cli(['build', '-q', '-f', sys.argv[1]])\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-c", slow, str(config)], cwd=tmp_path, env=env)
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".site.kbgen-new-*/**/*.html")):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        proc.kill()
        proc.wait()
    assert snapshot(site) == before
    assert not (site / "orders" / "refund").exists()
    build_site(tmp_path, config_file=config, related=False, quiet=True)  # the next build works
    assert (site / "orders" / "refund" / "index.html").is_file()


@pytest.mark.parametrize(
    "text",
    [
        "".join("`" * k + "a" for k in range(1400, 0, -1)),  # ~1 MB of unmatched runs
        "``````x\n```\n" * 80000,  # fences whose closers are all too short
        "".join("`" * k + "\n" for k in range(1400, 2, -1)),
        "`a " * 300000,
    ],
    ids=["runs", "short-closers", "shrinking-fences", "unmatched"],
)
def test_escaping_takes_bounded_time(text: str) -> None:
    start = time.perf_counter()
    out = escape_markdown_html(text)
    assert time.perf_counter() - start < 5  # was minutes: a closer search per opener
    assert "<" not in re.sub(r'</?(code|pre)( class="[\w-]+")?>', "", out)
