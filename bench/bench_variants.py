"""One entry per language: does every language with enough questions get its own variant?

Runs `kbgen suggest FILE --write` (the real CLI, a fresh KBGEN_HOME), reads the JSON plan and
every drafted file back, and measures per (issue, language) pair that reaches the variant
threshold (``kbgen.content.variants``: at least --min-size questions, or 20% of the issue and
at least 3):

- *coverage*: the pair got a written variant in that language, tied to the issue (same
  ``kbgen.issue`` as the issue's other variants);
- *title in language*: the variant's title is detected as that language;
- *answer in language*: a drafted answer (not a to-do) is detected as that language;
- clean titles (bench_drafts' detectors: no greeting, sign-off, mask, id, name);
- a second run on the same file changes no byte and adds no file;
- *against the labels* (the sample's ``tickets_multilingual.labels.csv``): every (true issue,
  language) pair over the same threshold, counted on the true issues, that got a variant in
  that language from a group whose tickets are mostly that issue.

    .venv/bin/python bench/bench_variants.py                       # sample and its noisy twin
    .venv/bin/python bench/bench_variants.py --sets sample --min-size 5

Markdown on stdout.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from bench_drafts import load_rows, title_problems  # noqa: E402

from kbgen.content.variants import variant_langs  # noqa: E402
from kbgen.intent.lang import detect  # noqa: E402
from kbgen.records import Issue  # noqa: E402


def run(rows: list[tuple[str, str]], work: Path, min_size: int) -> dict[str, Any]:
    tickets = work / "tickets.csv"
    with tickets.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["ticket_id", "question", "answer"])
        writer.writerows((f"r{i}", q, a) for i, (q, a) in enumerate(rows))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KBGEN_HOME": str(work / "home")}
    command = [sys.executable, "-m", "kbgen", "suggest", str(tickets), "--write", "-q",
               "--content", str(work / "content"), "--min-size", str(min_size),
               "--assignments", str(work / "assign.jsonl"), "-f", "json"]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=work)
    if done.returncode != 0:
        raise SystemExit(f"kbgen failed ({done.returncode}): {done.stderr[-2000:]}")
    plan = json.loads(done.stdout)
    lines = (work / "assign.jsonl").read_text(encoding="utf-8").splitlines()
    plan["clusters"] = [json.loads(line)["cluster"] for line in lines]
    return plan


def truth(name: str) -> list[str] | None:
    """The true issue of each row of the sample (the noisy twin keeps the order), else None."""
    if not name.startswith("sample"):
        return None
    with (ROOT / "examples/tickets_multilingual.labels.csv").open(encoding="utf-8") as f:
        label = {r["ticket_id"]: r["issue"] for r in csv.DictReader(f)}
    with (ROOT / "examples/tickets_multilingual.csv").open(encoding="utf-8") as f:
        return [label.get(r["ticket_id"], "other") for r in csv.DictReader(f)]


def against_labels(
    rows: list[tuple[str, str]],
    labels: list[str],
    plan: dict[str, Any],
    written: set[tuple[int, str]],
    min_size: int,
) -> tuple[int, int]:
    """(pairs covered, pairs): true (issue, language) pairs over the threshold."""
    langs = [detect(q) for q, _ in rows]
    pairs: dict[str, Counter[str]] = {}
    for issue, lang in zip(labels, langs):
        if issue != "other":
            pairs.setdefault(issue, Counter())[lang] += 1
    majority: dict[int, str] = {}
    for number in {c for c in plan["clusters"] if c > 0}:
        members = [labels[i] for i, c in enumerate(plan["clusters"]) if c == number]
        majority[number] = Counter(members).most_common(1)[0][0]
    covered = total = 0
    for issue, counts in pairs.items():
        size = sum(counts.values())
        rule = Issue(0, size, 0.0, "", [], langs=dict(counts.most_common()))
        for lang in variant_langs(rule, counts.most_common(1)[0][0], min_size):
            total += 1
            covered += any(majority.get(n) == issue for n, k in written if k == lang)
    return covered, total


def files(content: Path) -> dict[str, str]:
    return {str(p): p.read_text(encoding="utf-8") for p in sorted(content.rglob("*.md"))}


def measure(name: str, min_size: int) -> dict[str, Any]:
    rows = load_rows(name)
    labels = truth(name)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plan = run(rows, work, min_size)
        first = files(work / "content")
        run(rows, work, min_size)
        second = files(work / "content")
    pairs = strict = covered = strict_covered = titled = answered = todo = 0
    clean = 0
    per_lang: Counter[str] = Counter()
    multi = 0
    written: set[tuple[int, str]] = set()
    for issue in plan["issues"]:
        langs = issue["langs"]
        rule = Issue(issue["number"], issue["size"], issue["share"], "", [], langs=langs)
        dominant = next((k for k in langs if k in ("en", "zh-Hans", "zh-Hant", "th")), "en")
        wanted = variant_langs(rule, dominant, min_size)
        done: dict[str, dict[str, Any]] = {}
        for var in issue["coverage"].get("variants", []):
            text = first.get(str(var["path"]))
            if text is None:
                continue
            meta = yaml.safe_load(text.split("---\n")[1])
            if meta.get("lang") == var["lang"]:
                done[var["lang"]] = {"meta": meta, "body": text.split("---\n", 2)[2]}
        ids = {d["meta"]["kbgen"]["issue"] for d in done.values()}
        written |= {(issue["number"], lang) for lang in done}
        multi += len(done) > 1 and len(ids) == 1
        for lang in wanted:
            pairs += 1
            big = langs.get(lang, 0) >= min_size
            strict += big
            if lang not in done or len(ids) != 1:
                continue
            covered += 1
            strict_covered += big
            per_lang[lang] += 1
            meta, body = done[lang]["meta"], done[lang]["body"]
            titled += detect(meta["title"]) == lang
            clean += not title_problems(meta["title"], lang)
            if "kbgen:todo" in body.split("\n", 1)[0]:
                todo += 1
            else:
                answered += detect(body) == lang
    true_covered, true_pairs = (
        against_labels(rows, labels, plan, written, min_size) if labels else (0, 0)
    )
    return {
        "set": name,
        "true_covered": true_covered,
        "true_pairs": true_pairs,
        "issues": len(plan["issues"]),
        "pairs": pairs,
        "covered": covered,
        "strict": strict,
        "strict_covered": strict_covered,
        "titled": titled,
        "clean": clean,
        "answered": answered,
        "todo": todo,
        "per_lang": dict(per_lang.most_common()),
        "multi": multi,
        "files": len(first),
        "rerun_identical": first == second,
    }


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.0%})" if b else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", default=["sample", "sample-noisy"])
    parser.add_argument("--min-size", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"min-size {args.min_size}\n")
    print(
        "| set | issues | files | coverage (rule) | coverage (>= min-size) | issues with several "
        "variants | title in language | clean titles | answer in language | to-do | variants "
        "per language | rerun identical | against the labels |"
    )
    print("|---" * 13 + "|")
    for name in args.sets:
        r = measure(name, args.min_size)
        drafted = r["covered"] - r["todo"]
        langs = ", ".join(f"{k} {v}" for k, v in r["per_lang"].items())
        print(
            f"| {name} | {r['issues']} | {r['files']} | {pct(r['covered'], r['pairs'])} | "
            f"{pct(r['strict_covered'], r['strict'])} | {r['multi']} | "
            f"{pct(r['titled'], r['covered'])} | {pct(r['clean'], r['covered'])} | "
            f"{pct(r['answered'], drafted)} | {r['todo']} | {langs} | {r['rerun_identical']} | "
            f"{pct(r['true_covered'], r['true_pairs'])} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
