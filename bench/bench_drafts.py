"""Are the drafts' titles and tags publishable? Runs `kbgen suggest --write` and inspects them.

Each set is written as a CSV (question, answer), run through the real CLI (`python -m kbgen
suggest FILE --write --content TMP`) and every drafted Markdown file is read back. Titles and
tags are checked with detectors that do not use kbgen's own lists: the phrase inventory of
the noise generator (``noise_phrases.py``: greetings, address forms, sign-offs, channel
chatter, particles, the made-up names) and plain regexes for masks, ids and amounts.

A title is *clean* when it has no greeting (at its start), no sign-off or thanks, no mask, no
id (5+ digits), no name and no channel chatter. A tag is clean when it is none of those, no
particle or honorific, and no number.

    .venv/bin/python bench/bench_drafts.py                       # sample, bitext, noisy twins
    .venv/bin/python bench/bench_drafts.py --sets sample sample-noisy
    .venv/bin/python bench/bench_drafts.py --kbgen /tmp/kbgen-before   # another checkout
    .venv/bin/python bench/bench_drafts.py --show 20             # list titles and tags too

Sets: ``sample`` (examples/tickets_multilingual.csv), ``bitext`` (examples/
bitext_customer_support_en.csv: instruction, response), and ``sample-noisy`` /
``bitext-noisy``: their questions wrapped by ``noise.py`` (seed 0) in each row's language.
KBGEN_HOME is a fresh folder per run (nothing reused). Markdown on stdout.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from noise import NoiseMaker, normalise_lang  # noqa: E402
from noise_phrases import PHRASES  # noqa: E402

SETS = ("sample", "bitext", "sample-noisy", "bitext-noisy")
_MASK = re.compile(r"<[A-Z][A-Z_]*>|\{\{[^{}]+\}\}")
_ID = re.compile(r"\d{5,}|#\s?\d{3,}|\b[A-Z]{1,3}\d{6,}")
_AMOUNT = re.compile(r"[$€£¥฿]\s?\d|\d\s?(?:元|บาท|dollars?)\b")
_THANKS = re.compile(r"\bthank(?:s| you)\b|\bthx\b|谢谢|謝謝|感谢|感謝|ขอบคุณ", re.IGNORECASE)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+[A-Z]")
_PUNCT = " \t\n,.!?;:~～…，。！？、；：-—()（）\"'"


def load_rows(name: str) -> list[tuple[str, str]]:
    """(question, answer) rows of a set, noisy twins for the *-noisy sets."""
    base = name.removesuffix("-noisy")
    if base == "sample":
        with (ROOT / "examples/tickets_multilingual.csv").open(encoding="utf-8") as f:
            rows = [(r["question"], r["answer"]) for r in csv.DictReader(f)]
    else:
        with (ROOT / "examples/bitext_customer_support_en.csv").open(encoding="utf-8") as f:
            rows = [(r["instruction"], r["response"]) for r in csv.DictReader(f)]
    if name.endswith("-noisy"):
        maker = NoiseMaker(seed=0)
        rows = [(maker.twin(q, None, i).text, a) for i, (q, a) in enumerate(rows)]
    return rows


def run_drafts(rows: list[tuple[str, str]], kbgen: Path, work: Path) -> tuple[list[dict], float]:
    """Write the rows, run suggest --write into work/content, read back every draft."""
    tickets = work / "tickets.csv"
    with tickets.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["question", "answer"])
        writer.writerows(rows)
    env = {**os.environ, "PYTHONPATH": str(kbgen), "KBGEN_HOME": str(work / "home")}
    command = [sys.executable, "-m", "kbgen", "suggest", str(tickets), "--write", "-q",
               "--content", str(work / "content"), "--text-field", "question",
               "--answer-field", "answer", "-f", "json"]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=work)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"kbgen failed ({done.returncode}): {done.stderr[-2000:]}")
    drafts = []
    for path in sorted((work / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        title = str(meta.get("title", ""))
        drafts.append({"path": path, "title": title,
                       "tags": [str(t) for t in meta.get("tags") or []],
                       "lang": meta.get("lang") or normalise_lang(None, title)})  # fmt: skip
    return drafts, seconds


def _phrases(kinds: tuple[str, ...]) -> dict[str, list[str]]:
    """Noise phrases of these kinds per language, longest first, placeholders dropped."""
    out: dict[str, list[str]] = {}
    for lang, table in PHRASES.items():
        found = {p.strip(_PUNCT) for k in kinds for p in table.get(k, ()) if "{" not in p}
        out[lang] = sorted((p for p in found if p), key=len, reverse=True)
    return out


GREETINGS = _phrases(("greet", "greet_alone", "address"))
SIGNOFFS = _phrases(("signoff",))
CHANNEL = _phrases(("channel",))
PARTICLES = _phrases(("particle",))
OPENERS = _phrases(("apology", "urgency"))


def _names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for lang, table in PHRASES.items():
        if "surname" in table:  # Chinese: every made-up full name
            names[lang] = {s + g for s in table["surname"] for g in table["given"]}
        else:
            names[lang] = {*table.get("first", ()), *table.get("last", ())}
    return names


NAMES = _names()


def _has_phrase(text: str, phrase: str, where: str) -> bool:
    """Phrase at the start / end / anywhere; whole words for Latin script."""
    latin = phrase.isascii()
    t, p = (text.casefold(), phrase.casefold()) if latin else (text, phrase)
    t = t.strip(_PUNCT)
    edge_ok = (lambda s: not s or not s[0].isalnum()) if latin else (lambda s: True)
    if where == "start":
        return t.startswith(p) and edge_ok(t[len(p) :])
    if where == "end":
        return t.endswith(p) and edge_ok(t[: len(t) - len(p)][::-1])
    if not latin:
        return p in t
    return re.search(rf"(?<![\w']){re.escape(p)}(?![\w'])", t) is not None


def title_problems(title: str, lang: str) -> list[str]:
    langs = {lang, "en"}
    problems = []
    if any(_has_phrase(title, p, "start") for g in langs for p in GREETINGS.get(g, [])):
        problems.append("greeting")
    if _THANKS.search(title) or any(
        _has_phrase(title, p, "end") for g in langs for p in SIGNOFFS.get(g, []) if len(p) > 2
    ):
        problems.append("sign-off")
    if any(_has_phrase(title, p, "any") for g in langs for p in CHANNEL.get(g, []) if len(p) > 4):
        problems.append("channel")
    if _MASK.search(title):
        problems.append("mask")
    if _ID.search(title):
        problems.append("id")
    if _HONORIFIC.search(title) or any(
        _has_phrase(title, n, "any") for g in langs for n in NAMES.get(g, []) if len(n) > 2
    ):
        problems.append("name")
    return problems


def title_style(title: str, lang: str) -> list[str]:
    """Not counted against cleanliness: particles, amounts, shouting, length."""
    out = []
    chunks = title.split() if lang == "th" else [title]
    if lang == "th" and any(_has_phrase(c, p, "end") for c in chunks for p in PARTICLES["th"]):
        out.append("particle")
    if any(_has_phrase(title, p, "any") for g in {lang, "en"} for p in OPENERS.get(g, [])
           if len(p) > 4):  # fmt: skip
        out.append("apology/urgency")
    if _AMOUNT.search(title):
        out.append("amount")
    letters = [c for c in title if c.isalpha() and c.isascii()]
    if len(letters) > 8 and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        out.append("caps")
    if len(title) > (80 if lang == "en" else 40):
        out.append("long")
    if lang == "en" and title[:1].islower():
        out.append("lower-start")
    return out


def tag_problems(tag: str, lang: str) -> list[str]:
    bad = []
    low = tag.casefold()
    for kind, table in (("greeting", GREETINGS), ("sign-off", SIGNOFFS), ("particle", PARTICLES)):
        if any(low == p.casefold() for g in (lang, "en") for p in table.get(g, [])):
            bad.append(kind)
    words = {w for g in PHRASES for k in ("greet", "address", "signoff") for p in PHRASES[g][k]
             for w in p.casefold().split() if "{" not in w}  # fmt: skip
    if low in words and "greeting" not in bad:
        bad.append("wrapper word")
    if _MASK.search(tag) or re.search(r"\d", tag):
        bad.append("mask/number")
    if low in {"mr", "mrs", "ms", "dr", "miss"} or any(
        low == n.casefold() for g in NAMES for n in NAMES[g]
    ):
        bad.append("name")
    return bad


def measure(name: str, kbgen: Path, show: int) -> dict[str, Any]:
    rows = load_rows(name)
    with tempfile.TemporaryDirectory(prefix="kbgen-drafts-") as tmp:
        drafts, seconds = run_drafts(rows, kbgen, Path(tmp))
        kinds: Counter[str] = Counter()
        style: Counter[str] = Counter()
        bad_tags: Counter[str] = Counter()
        clean = 0
        listing = []
        tags_total = tags_clean = 0
        for d in drafts:
            problems = title_problems(d["title"], d["lang"])
            kinds.update(problems)
            style.update(title_style(d["title"], d["lang"]))
            clean += not problems
            for tag in d["tags"]:
                tags_total += 1
                found = tag_problems(tag, d["lang"])
                tags_clean += not found
                if found:
                    bad_tags[f"{tag} ({', '.join(found)})"] += 1
            listing.append(f"| {d['lang']} | {d['title']} | {', '.join(d['tags'])} | "
                           f"{d['path'].name} | {', '.join(problems) or 'clean'} |")  # fmt: skip
    n = len(drafts) or 1
    return {
        "set": name, "rows": len(rows), "drafts": len(drafts), "seconds": seconds,
        "clean": clean / n, "kinds": dict(kinds), "style": dict(style),
        "tags_clean": tags_clean / max(1, tags_total), "bad_tags": dict(bad_tags),
        "listing": listing[:show],
    }  # fmt: skip


def report(results: list[dict[str, Any]], label: str) -> str:
    lines = [
        f"### Drafts: titles and tags ({label})",
        "",
        "| set | rows | drafts | clean titles | title problems | style notes | clean tags | s |",
        "|---|---:|---:|---:|---|---|---:|---:|",
    ]
    for r in results:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(r["kinds"].items())) or "-"
        style = ", ".join(f"{k} {v}" for k, v in sorted(r["style"].items())) or "-"
        lines.append(
            f"| {r['set']} | {r['rows']} | {r['drafts']} | {100 * r['clean']:.0f}% | {kinds} | "
            f"{style} | {100 * r['tags_clean']:.0f}% | {r['seconds']:.0f} |"
        )
    for r in results:
        if r["bad_tags"]:
            bad = ", ".join(f"{k} x{v}" for k, v in Counter(r["bad_tags"]).most_common(12))
            lines += ["", f"{r['set']}: unclean tags: {bad}"]
        if r["listing"]:
            lines += ["", f"{r['set']}:", "", "| lang | title | tags | file | verdict |",
                      "|---|---|---|---|---|", *r["listing"]]  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    parser.add_argument("--kbgen", type=Path, default=ROOT, help="checkout to run (PYTHONPATH)")
    parser.add_argument("--show", type=int, default=0, help="list this many drafts per set")
    args = parser.parse_args(argv)
    results = []
    for name in args.sets:
        print(f"{name} ...", file=sys.stderr)
        results.append(measure(name, args.kbgen.resolve(), args.show))
    print(report(results, str(args.kbgen)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
