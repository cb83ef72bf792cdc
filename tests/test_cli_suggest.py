"""`kbgen suggest` end to end through the CLI, with the fake embedder."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbgen.cli import cli
from tests.conftest import ONE_OFFS, PASSWORD, REFUND, FakeEmbedder


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def tickets(tmp_path: Path, tickets_rows: list[dict[str, str]]) -> Path:
    return write_csv(tmp_path / "tickets.csv", tickets_rows)


def test_json_output_finds_both_issues(fake_embedder: FakeEmbedder, tickets: Path) -> None:
    code, out, _ = run("suggest", str(tickets), "--format", "json", "--min-size", "3", "-q")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == len(REFUND + PASSWORD + ONE_OFFS)
    sizes = [i["size"] for i in data["issues"]]
    assert sizes == sorted(sizes, reverse=True)
    top = data["issues"][0]
    assert top["representative"] in REFUND
    assert "refund" in [k.lower() for k in top["keywords"]]
    assert 2 <= len(top["keywords"]) <= 6
    assert not {"asap", "please", "need"} & {k.lower() for k in top["keywords"]}  # wrappers
    assert data["placed"] + data["long_tail"] == data["total"]
    assert data["long_tail"] >= len(ONE_OFFS)


def test_assignments_one_line_per_row_in_input_order(
    fake_embedder: FakeEmbedder, tickets: Path, tmp_path: Path
) -> None:
    out_path = tmp_path / "out" / "assign.jsonl"
    code, _, _ = run("suggest", str(tickets), "--min-size", "3", "--assignments", str(out_path))
    assert code == 0
    lines = [json.loads(x) for x in out_path.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == [f"T-{i:03d}" for i in range(len(lines))]
    assert len(lines) == len(REFUND + PASSWORD + ONE_OFFS)
    refund_ids = {x["cluster"] for x in lines[: len(REFUND)]}
    password_ids = {x["cluster"] for x in lines[len(REFUND) : len(REFUND) + len(PASSWORD)]}
    assert len(refund_ids) == 1 and len(password_ids) == 1 and refund_ids != password_ids
    assert -1 not in refund_ids
    assert [x["cluster"] for x in lines[-len(ONE_OFFS) :]] == [-1] * len(ONE_OFFS)
    assert not [p for p in out_path.parent.iterdir() if p.name.endswith(".tmp")]


def test_table_and_markdown(fake_embedder: FakeEmbedder, tickets: Path) -> None:
    code, out, err = run("suggest", str(tickets), "--min-size", "3", "--top", "1")
    assert code == 0
    assert "Representative question" in out and "Showing top 1" in out
    assert "Embedding" in err  # progress goes to stderr, never stdout
    code, md, _ = run("suggest", str(tickets), "--min-size", "3", "-f", "markdown", "-q")
    assert md.splitlines()[0].startswith("| # | Questions | Share |")
    assert md.count("\n| ") == 2  # one row per issue; the rule line starts with "|-"
    assert "long tail" in md


def test_quiet_prints_nothing_on_stderr(fake_embedder: FakeEmbedder, tickets: Path) -> None:
    code, _, err = run("suggest", str(tickets), "--min-size", "3", "-q")
    assert code == 0 and err == ""


def test_duplicates_embedded_once_and_counted(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    rows = [{"question": "My parcel never arrived"} for _ in range(8)]
    rows += [{"question": "my  parcel NEVER arrived"} for _ in range(2)]
    rows += [{"question": "Completely unrelated one-off about gift wrapping"}]
    path = write_csv(tmp_path / "dups.csv", rows)
    code, out, _ = run("suggest", str(path), "-f", "json", "-q", "--no-cache")
    data = json.loads(out)
    assert data["distinct"] == 2
    assert fake_embedder.texts.count("My parcel never arrived") == 1
    assert "my  parcel NEVER arrived" not in fake_embedder.texts
    assert data["issues"][0]["size"] == 10


def test_cache_means_rerun_embeds_only_new_texts(
    fake_embedder: FakeEmbedder, tickets: Path, tickets_rows: list[dict[str, str]], tmp_path: Path
) -> None:
    run("suggest", str(tickets), "-q")
    first = list(fake_embedder.texts)  # intent views: wrappers such as "ASAP" left out
    assert len(set(first)) == len(first) and "How do I get a refund for my order?" in first
    assert not any("ASAP" in text for text in first)
    new = "Brand new question about loyalty points"
    grown = write_csv(tmp_path / "grown.csv", [*tickets_rows, {"ticket_id": "new",
                      "question": new, "created_at": ""}])  # fmt: skip
    run("suggest", str(grown), "-q")
    assert fake_embedder.texts[len(first) :] == [new]  # all the others from the cache


def test_personal_data_never_printed_or_written(
    fake_embedder: FakeEmbedder, tmp_path: Path, kbgen_home: Path
) -> None:
    secrets = ["jane.doe@example.com", "+1 415 555 0132", "4111 1111 1111 1111"]
    rows = [{"question": f"Refund to my card please, contact {s}"} for s in secrets for _ in (1, 2)]
    path = write_csv(tmp_path / "pii.csv", rows)
    assign = tmp_path / "a.jsonl"
    code, out, _ = run("suggest", str(path), "-f", "json", "--assignments", str(assign), "-q")
    assert code == 0
    written = out + assign.read_text(encoding="utf-8")
    for secret in secrets:
        assert secret not in written
    assert "<EMAIL>" in written and "<PHONE>" in written and "<CARD>" in written
    cache_bytes = b"".join(p.read_bytes() for p in kbgen_home.rglob("*") if p.is_file())
    for secret in secrets:
        assert secret.encode() not in cache_bytes


def trend_rows() -> list[dict[str, str]]:
    """Refund: six questions in the last days (new). Password: five a week for eight weeks,
    then one in the last two weeks (falling)."""
    from datetime import date, timedelta

    end = date(2026, 11, 19)
    rows = [{"question": REFUND[i % len(REFUND)], "created_at": str(end)} for i in range(6)]
    for i in range(40):
        day = end - timedelta(days=70 - (i * 56) // 40)
        rows.append({"question": PASSWORD[i % len(PASSWORD)], "created_at": str(day)})
    rows.append({"question": PASSWORD[0], "created_at": str(end - timedelta(days=3))})
    return rows


def test_trend_column_with_times(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", trend_rows())
    code, out, _ = run("suggest", str(path), "-f", "json", "-q", "--min-size", "3")
    data = json.loads(out)
    trends = {i["representative"] in REFUND: i["trend"] for i in data["issues"]}
    assert trends[True]["flag"] == "new"
    falling = trends[False]
    assert falling["flag"] == "falling" and falling["recent"] == 1
    assert falling["window_days"] == 14 and falling["baseline_days"] == 56
    assert falling["baseline_rate"] == 5.0 and falling["change"] == -0.9
    assert 0 < falling["p_value"] < 0.01
    assert data["trend"]["window_days"] == 14 and data["trend"]["baseline_days"] == 56
    code, table, _ = run("suggest", str(path), "-q", "--min-size", "3")
    assert "↓ falling −90%" in table and "│ new " in table
    assert "Trend: last 14 days vs the weekly rate of the 8 weeks before" in table
    # the window and the baseline are options, and the footer says which were used
    code, md, _ = run("suggest", str(path), "-q", "--min-size", "3", "-f", "markdown",
                      "--trend-window", "7d", "--trend-baseline", "4w")  # fmt: skip
    assert code == 0
    assert "Trend: last 7 days vs the weekly rate of the 4 weeks before" in md
    code, _, err = run("suggest", str(path), "--trend-window", "0")
    assert code == 2 and "--trend-window" in err and err.count("\n") == 1


def test_sort_growth_puts_growing_issues_first(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", trend_rows())
    code, out, _ = run("suggest", str(path), "-f", "json", "-q", "--min-size", "3")
    by_volume = json.loads(out)["issues"]
    assert by_volume[0]["trend"]["flag"] == "falling"  # the bigger, falling issue first
    jsonl = tmp_path / "a.jsonl"
    code, out, _ = run("suggest", str(path), "-f", "json", "-q", "--min-size", "3",
                       "--sort", "growth", "--assignments", str(jsonl))  # fmt: skip
    assert code == 0
    by_growth = json.loads(out)["issues"]
    assert [i["trend"]["flag"] for i in by_growth] == ["new", "falling"]
    assert [i["number"] for i in by_growth] == [1, 2]
    counts = Counter(json.loads(line)["cluster"] for line in jsonl.read_text().splitlines())
    assert {i["number"]: i["size"] for i in by_growth} == {n: counts[n] for n in (1, 2)}
    code, _, err = run("suggest", str(path), "--sort", "trend")
    assert code == 2 and "--sort" in err


def test_growth_key_orders_by_weekly_excess() -> None:
    from kbgen.group.trend import growth_key
    from kbgen.records import Trend

    def trend(flag: str, recent: int, rate: float) -> Trend:
        return Trend(flag, 14, 56, recent, int(rate * 8), rate, None, 0.001)

    keys = {
        "big steady": growth_key(trend("steady", 40, 20.0), 200),
        "small steady": growth_key(trend("steady", 4, 2.0), 20),
        "rising +10/week": growth_key(trend("rising", 30, 5.0), 70),
        "new +8/week": growth_key(trend("new", 16, 0.0), 16),
        "spike +3/week": growth_key(trend("spike", 12, 3.0), 36),
        "no times": growth_key(None, 500),
    }
    assert sorted(keys, key=keys.__getitem__) == [
        "rising +10/week",
        "new +8/week",
        "spike +3/week",
        "no times",
        "big steady",
        "small steady",
    ]


def test_no_trend_without_enough_history(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    rows = [{"question": REFUND[i % len(REFUND)], "created_at": f"2026-11-{10 + i}"}
            for i in range(7)]  # fmt: skip
    path = write_csv(tmp_path / "short.csv", rows)
    code, out, err = run("suggest", str(path), "-f", "json", "--min-size", "3")
    assert code == 0
    assert "trend" not in json.loads(out)["issues"][0]
    assert "trends need a week before the 14-day window" in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "no such file"),
        ("empty.csv", b"", "empty"),
        ("blank.csv", b"id,question\n,\n", "no questions found"),
        ("nocol.csv", b"id,foo\n1,x\n", "no question column"),
        ("binary.csv", b"\x00\xff" * 100, "binary"),
        ("bad.jsonl", b'{"text": "a"}\n{oops\n', "line 2: invalid JSON"),
    ],
)
def test_errors_are_one_line_exit_1(
    fake_embedder: FakeEmbedder, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    out_path = tmp_path / "assign.jsonl"
    code, out, err = run("suggest", str(path), "--assignments", str(out_path))
    assert code == 1
    assert message in err
    assert err.startswith("Error: ") and err.count("\n") == 1
    assert "Traceback" not in err + out
    assert not out_path.exists()


def test_unknown_model_is_one_line(tmp_path: Path, tickets: Path) -> None:
    code, _, err = run("suggest", str(tickets), "--model", "no-such-model")
    assert code == 1
    assert "unknown model 'no-such-model'" in err and err.count("\n") == 1


def test_usage_errors_exit_2(tickets: Path) -> None:
    code, _, err = run("suggest", str(tickets), "--format", "xml")
    assert code == 2 and "xml" in err
    code, _, _ = run("suggest", str(tickets), "--min-size", "1")
    assert code == 2


def test_existing_assignments_survive_a_failed_run(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    out_path = tmp_path / "assign.jsonl"
    out_path.write_text("previous results\n")
    code, _, _ = run("suggest", str(tmp_path / "missing.csv"), "--assignments", str(out_path))
    assert code == 1
    assert out_path.read_text() == "previous results\n"


def test_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        assert command.help, f"kbgen {name} has no help"
        code, out, _ = run(name, "--help")
        assert code == 0 and "Usage:" in out


def test_version_and_short_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and "kbgen" in out
    code, out, _ = run("-h")
    assert code == 0 and "suggest" in out


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from kbgen.cli import cli\n"
        "r = CliRunner().invoke(cli, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "for name in ('suggest', 'report'):\n"
        "    r = CliRunner().invoke(cli, [name, '--help'])\n"
        "    assert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'faiss', 'transformers',"
        " 'jieba', 'pythainlp', 'mkdocs', 'ray', 'numpy', 'plotly', 'scipy', 'sklearn')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert proc.stdout.strip() == ""


def test_engine_choices_match_the_engines() -> None:
    from kbgen.embed.engine import ENGINES

    option = next(p for p in cli.commands["suggest"].params if p.name == "engine")
    assert set(option.type.choices) == set(ENGINES)


def test_every_stage_reports_progress_to_its_total(
    fake_embedder: FakeEmbedder, tickets: Path
) -> None:
    import contextlib
    from collections.abc import Callable, Iterator

    from kbgen.pipeline import SuggestOptions, suggest

    bars: dict[str, list[int]] = {}

    class Recorder:
        def note(self, message: str) -> None:
            pass

        @contextlib.contextmanager
        def progress(self, label: str, total: int) -> Iterator[Callable[[int], None]]:
            steps: list[int] = []
            bars[label] = steps
            yield steps.append
            steps.insert(0, total)  # first: the total announced; then the advances

    result = suggest(
        tickets, SuggestOptions(min_size=3), embedder=fake_embedder, reporter=Recorder()
    )
    assert {"Reading intent", "Embedding", "Clustering", "Keywords"} <= set(bars)
    assert bars["Reading intent"][0] == result.distinct
    for label in ("Reading intent", "Embedding", "Clustering"):
        total, *advances = bars[label]
        assert 0 < total <= result.distinct and sum(advances) == total, label
        assert all(n >= 0 for n in advances), label
    assert len([n for n in bars["Clustering"][1:] if n > 0]) > 1  # moves during the work
