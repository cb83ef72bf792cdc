"""`kbgen report` end to end through the CLI, with the fake embedder: the HTML page, its JSON
and CSV numbers, masking, output paths; and the page in headless Chromium (no console error,
no network request, charts drawn)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbgen.cli import cli
from tests.conftest import ONE_OFFS, PASSWORD, REFUND, FakeEmbedder

END = date(2026, 11, 19)
SECRETS = ["jane.doe@example.com", "+1 415 555 0132"]
SHIPPING = [
    "Where is my parcel, it has not arrived",
    "my parcel has not arrived yet where is it",
    "Parcel not arrived, where is my parcel?",
    "where is my parcel? not arrived after a week",
    "The parcel has not arrived, where is it",
]
XSS = "</script><script>alert('x')</script> <img src=x onerror=alert(1)> refund"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def report_rows() -> list[dict[str, str]]:
    """Ten weeks of tickets (and one older): refunds flat (3 a week), passwords tripling in
    the last two weeks, parcels new in the last week, one-offs; personal data and markup."""
    rows: list[dict[str, str]] = []

    def add(text: str, day: date) -> None:
        rows.append({"ticket_id": f"T-{len(rows):03d}", "question": text, "created_at": str(day)})

    for week in range(10):
        for k in range(3):
            add(REFUND[(week * 3 + k) % len(REFUND)], END - timedelta(days=7 * week + 2 * k))
        for k in range(9 if week < 2 else 3):
            add(PASSWORD[(week + k) % len(PASSWORD)], END - timedelta(days=7 * week + k % 7))
    for k in range(8):
        add(SHIPPING[k % len(SHIPPING)], END - timedelta(days=k % 6))
    add(f"How do I get a refund for my order? Write to {SECRETS[0]}", END - timedelta(days=20))
    add(f"I forgot my password and cannot log in, call {SECRETS[1]}", END - timedelta(days=3))
    add(XSS, END - timedelta(days=70))  # the oldest: the export covers the 8-week baseline
    for k, text in enumerate(ONE_OFFS):
        add(text, END - timedelta(days=10 * k + 1))
    return rows


@pytest.fixture
def export(tmp_path: Path) -> Path:
    rows = report_rows()
    path = tmp_path / "tickets.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def issues_by_topic(issues: list[dict]) -> dict[str, dict]:
    out = {}
    for issue in issues:
        text = issue.get("label") or issue.get("representative")
        for name, group in (("refund", REFUND), ("password", PASSWORD), ("parcel", SHIPPING)):
            if text in group:
                out[name] = issue
    return out


@pytest.fixture
def report_html(fake_embedder: FakeEmbedder, export: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out" / "report.html"
    code, stdout, err = run("report", str(export), "-o", str(out), "--min-size", "3")
    assert code == 0, err
    assert stdout == ""  # the page goes to the file; progress and notes to stderr
    assert "Report" in err and f"wrote {out}" in err
    return out


def test_report_page_is_self_contained_and_masked(report_html: Path) -> None:
    page = report_html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('class="plotly-graph-div"') >= 6  # small multiples, languages, coverage, map
    assert page.count("<script src=") == 0 and "<link" not in page
    assert page.count("Plotly.newPlot") == page.count('class="plotly-graph-div"')
    # plotly.js names a few URLs as defaults (map tiles, topojson); nothing else on the page does
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S)
    bundle = [s for s in scripts if "plotly.js v" in s[:3000]]
    assert len(bundle) == 1  # plotly.js inlined once
    assert all("http" not in s for s in scripts if s is not bundle[0])
    assert "http" not in re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    assert "Trend: last 14 days vs the weekly rate of the 8 weeks before" in page
    for secret in SECRETS:
        assert secret not in page
        assert secret.replace(" ", "") not in page.replace(" ", "")
    assert "&lt;EMAIL&gt;" in page or "\\u003cEMAIL\\u003e" in page  # masks, shown escaped
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "new or growing" in page and "↑ rising" in page
    table = page[page.index('<table class="issues">') :]
    numbers = [int(n) for n in re.findall(r'<tr><td class="num">(\d+)</td>', table)]
    assert numbers == sorted(numbers) and len(numbers) >= 3  # the table: by volume
    # nothing left behind but the page
    assert [p.name for p in report_html.parent.iterdir()] == ["report.html"]


def test_report_json_carries_the_figures_and_the_suggest_trends(
    fake_embedder: FakeEmbedder, export: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    code, _, err = run("report", str(export), "-f", "json", "-o", str(out), "--min-size", "3", "-q")
    assert code == 0 and err == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["frame"]["window_days"] == 14 and data["frame"]["baseline_days"] == 56
    assert len(data["weeks"]) == 11 and data["weeks"][-1] == str(END)
    topics = issues_by_topic(data["issues"])
    assert topics["password"]["trend"]["flag"] == "rising"
    assert topics["parcel"]["trend"]["flag"] == "new"
    assert topics["refund"]["trend"]["flag"] == "steady"
    # three refunds a week, one more with an e-mail; the oldest question (the markup one, a
    # "refund" too) alone in the export's first week
    assert topics["refund"]["weekly"] == [1] + [3] * 7 + [4, 3, 3]
    assert data["growing"][0] == topics["parcel"]["number"]  # new first, then rising
    assert set(data["growing"]) == {topics["parcel"]["number"], topics["password"]["number"]}
    assert topics["password"]["coverage"] == "no article"
    for issue in data["issues"]:
        assert len(issue["weekly"]) == len(data["weeks"])
        assert sum(issue["weekly"]) == issue["size"]
    weekly = data["coverage_weekly"]
    assert sum(map(sum, weekly.values())) == data["total"] - data["no_question"]
    points = data["map"]
    assert len(points["x"]) == len(points["y"]) == len(points["issue"]) == points["distinct"]
    assert -1 in points["issue"]  # the long tail is on the map too
    assert all(-1.0 <= v <= 1.0 for v in points["x"] + points["y"])
    text = out.read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in text

    # the same trends as `kbgen suggest` gives
    code, suggested, _ = run("suggest", str(export), "-f", "json", "--min-size", "3", "-q")
    same = {i["number"]: i["trend"] for i in json.loads(suggested)["issues"]}
    assert same == {i["number"]: i["trend"] for i in data["issues"]}


def test_report_csv_tables(fake_embedder: FakeEmbedder, export: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    code, _, err = run("report", str(export), "-f", "csv", "-o", str(out), "--min-size", "3", "-q")
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert names == ["coverage_weekly.csv", "issues.csv", "languages.csv", "map.csv", "weekly.csv"]
    with (out / "issues.csv").open(encoding="utf-8", newline="") as handle:
        issues = list(csv.DictReader(handle))
    flags = {row["trend"] for row in issues}
    assert {"new", "rising", "steady"} <= flags
    assert any(row["trend_text"].startswith("↑ rising +") for row in issues)
    with (out / "weekly.csv").open(encoding="utf-8", newline="") as handle:
        weekly = list(csv.DictReader(handle))
    assert len(weekly) == 11 * len(issues)
    everything = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    for secret in SECRETS:
        assert secret not in everything


def test_report_trend_options(fake_embedder: FakeEmbedder, export: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    code, _, _ = run("report", str(export), "-f", "json", "-o", str(out), "--min-size", "3",
                     "-q", "--trend-window", "1w", "--trend-baseline", "28")  # fmt: skip
    assert code == 0
    frame = json.loads(out.read_text(encoding="utf-8"))["frame"]
    assert frame["window_days"] == 7 and frame["baseline_days"] == 28
    assert "last 7 days vs the weekly rate of the 4 weeks before" in frame["description"]


def test_report_without_times(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    lines = ["question"] + [f'"{t}"' for t in REFUND + PASSWORD + ONE_OFFS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "plain.html"
    code, _, err = run("report", str(path), "-o", str(out), "--min-size", "3", "-q")
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "no question times" in page and "<th>Trend</th>" not in page
    assert "Every recurring issue is asked in en only." in page  # no language chart for one
    assert page.count('class="plotly-graph-div"') >= 2  # coverage and the map


@pytest.mark.parametrize(
    ("target", "fmt", "message"),
    [
        ("folder", "html", "it is a folder"),
        ("file.txt/report.html", "html", "is not a folder"),
        ("file.txt", "csv", "not a folder"),
        ("-", "csv", "give -o a folder"),
    ],
)
def test_bad_output_is_one_line_before_any_work(
    fake_embedder: FakeEmbedder, export: Path, tmp_path: Path, target: str, fmt: str, message: str
) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("keep me")
    out = target if target == "-" else str(tmp_path / target)
    code, stdout, err = run("report", str(export), "-f", fmt, "-o", out)
    assert code == 1
    assert err.startswith("Error: ") and err.count("\n") == 1 and message in err
    assert "Traceback" not in err + stdout
    assert fake_embedder.texts == []  # failed before reading or embedding anything
    assert (tmp_path / "file.txt").read_text() == "keep me"


def test_failed_run_leaves_the_old_report(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("last week's report")
    code, _, err = run("report", str(tmp_path / "missing.csv"), "-o", str(out))
    assert code == 1 and "no such file" in err
    assert out.read_text() == "last week's report"


def test_report_to_stdout(fake_embedder: FakeEmbedder, export: Path) -> None:
    code, out, _ = run("report", str(export), "-f", "json", "-o", "-", "--min-size", "3", "-q")
    assert code == 0 and json.loads(out)["total"] == len(report_rows())


def test_lang_names_issues_in_that_language(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    rows = ["question"] + [f'"{t}"' for t in REFUND] + ['"退款 refund for my order 退款"'] * 3
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    code, _, _ = run("report", str(path), "-f", "json", "-o", str(out), "--lang", "zh-Hans", "-q")
    assert code == 0
    issues = json.loads(out.read_text(encoding="utf-8"))["issues"]
    assert issues and issues[0]["label"] == "退款 refund for my order 退款"


# --- in a real browser --------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.mark.browser
def test_report_in_headless_chromium(report_html: Path) -> None:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium/chromedriver not installed (run scripts/install-browser.sh)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,900"):  # fmt: skip
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        url = report_html.resolve().as_uri()
        driver.get(url)
        drawn = "return document.querySelectorAll('.js-plotly-plot .main-svg').length"
        divs = "return document.querySelectorAll('.plotly-graph-div').length"
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(driver, 20).until(lambda d: d.execute_script(drawn) > 0)
        n_divs = driver.execute_script(divs)
        plotted = "return document.querySelectorAll('.js-plotly-plot').length"
        assert n_divs >= 6 and driver.execute_script(plotted) == n_divs  # every chart drawn
        assert driver.execute_script("return typeof Plotly") == "object"
        # no console output of any level: no errors, no warnings
        assert driver.get_log("browser") == []
        requests = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                requests.append(message["params"]["request"]["url"])
        assert requests and set(requests) == {url}  # the file itself, nothing else
        # the map's hover texts carry the masks (escaped for Plotly), never the planted data
        hover = driver.execute_script(
            "return Array.from(document.querySelectorAll('.js-plotly-plot'))"
            ".flatMap(d => d.data.flatMap(t => t.text || [])).join('\\n')"
        )
        assert "&lt;EMAIL&gt;" in hover and "&lt;PHONE&gt;" in hover
        assert not any(secret in hover for secret in SECRETS)
        # the planted markup stayed text: no image element, no script ran
        assert driver.execute_script("return document.querySelectorAll('img').length") == 0
        legend = driver.execute_script(
            "return Array.from(document.querySelectorAll('.legendtext')).map(e => e.textContent)"
        )
        assert any(text.startswith("long tail") for text in legend)
    finally:
        driver.quit()


def test_report_reads_coverage_from_content(
    fake_embedder: FakeEmbedder, export: Path, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    code, _, err = run("suggest", str(export), "--min-size", "3", "--content", str(content),
                       "--write", "-q")  # fmt: skip
    assert code == 0, err
    out = tmp_path / "r.json"
    code, _, err = run("report", str(export), "-f", "json", "-o", str(out), "--min-size", "3",
                       "--content", str(content), "-q")  # fmt: skip
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {i["coverage"] for i in data["issues"]} == {"covered"}
    assert all(i["article"] and i["article"].endswith(".md") for i in data["issues"])
    assert "no article" not in data["coverage_weekly"]
    assert set(data["coverage_totals"]) == {"covered", "long tail"}
    # the report wrote nothing into content/
    before = sorted(p.read_bytes() for p in content.rglob("*.md"))
    run("report", str(export), "-o", str(tmp_path / "r.html"), "--min-size", "3",
        "--content", str(content), "-q")  # fmt: skip
    assert sorted(p.read_bytes() for p in content.rglob("*.md")) == before


def test_report_on_a_short_export_has_weeks_but_no_trends(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    path = tmp_path / "short.csv"
    rows = ["question,created_at"] + [f'"{t}",2026-11-{10 + k % 7}' for k, t in
                                      enumerate(REFUND + PASSWORD)]  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "short.html"
    code, _, err = run("report", str(path), "-o", str(out), "--min-size", "3")
    assert code == 0, err
    assert "trends need a week before the 14-day window" in err
    page = out.read_text(encoding="utf-8")
    assert "too little time for trends" in page and "<th>Trend</th>" not in page
    assert page.count('class="multiple"') == 2  # the weekly charts are still drawn
