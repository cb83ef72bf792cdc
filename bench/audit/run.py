"""Run the audit corpus through the real CLI and count what went wrong.

    PYTHONPATH=/work/main /work/main/.venv/bin/python bench/audit/run.py [--out DIR] [--timeout S]

Every case runs ``python -m kbgen ...`` in a subprocess, in its own folder, with its own
KBGEN_HOME, the real default model and a per-step time limit. Each case ends as one of:

- ``ok``: exit 0, no traceback;
- ``clean error``: non-zero exit and exactly one stderr line starting ``Error:``;
- ``TRACEBACK``: a Python traceback on stderr, or a failure that is not one clean line
  (several lines, click's usage block, a bare ``Aborted!``);
- ``HANG``: a step ran past ``--timeout`` and was killed.

``SLOW`` marks a case whose slowest step finished but took longer than ``--slow`` (half the
timeout): pathological inputs (tag runs, digit runs) must take bounded time, and a quadratic
path shows as SLOW or HANG depending on the machine's load.

Independently of that, ``LEAK`` counts planted personal-data values found in any output (stdout,
stderr, the ``--assignments`` file, the drafts ``suggest --write`` wrote, files under
KBGEN_HOME, and the help site built from the drafts), by their raw text or a normalised form
(see leaks.py). ``LOST`` counts cases where a file that must survive was changed or removed,
``WRONG`` cases whose rerun after damaging a cache found other issues than the first run, and
``REFUSED`` clean errors on input that must work (a damaged cache, ``-`` for standard input,
a UTF-32 file with its byte order mark, the personal-data files).

The exit status is 1 when any of TRACEBACK, HANG, SLOW, LEAK, LOST, WRONG, REFUSED is
counted. The case
folders, every output and ``report.json`` stay in ``--out`` (default: a new temporary folder).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import pii  # noqa: E402
from cases import Case, Step  # noqa: E402
from damage import site_project  # noqa: E402

SEVERITY = {"ok": 0, "clean error": 1, "TRACEBACK": 2, "HANG": 3}
SKIP_HOME = {"jieba.cache", "pythainlp-data", "models"}  # copied in, not written by the case


@dataclass
class StepResult:
    rc: int | None
    stdout: str
    stderr: str
    seconds: float
    outcome: str = ""
    detail: str = ""


@dataclass
class Result:
    case: Case
    outcome: str = "ok"
    detail: str = ""
    seconds: float = 0.0
    steps: list[StepResult] = field(default_factory=list)
    leaks: list[tuple[pii.Pii, str]] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    wrong: str = ""
    refused: bool = False  # a clean error where the input is valid and must work
    slow: float = 0.0  # the slowest step, when it took longer than --slow


# `kbgen check` and `build` list each problem in an entry as `path:line: message` beside the
# error line; those lines are diagnostics, not a messy error.
DIAGNOSTIC = re.compile(r"^\S.*:\d+: \S")


def classify(res: StepResult) -> None:
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    if res.rc is None:
        res.outcome, res.detail = "HANG", f"killed after {res.seconds:.0f}s"
    elif "Traceback (most recent call last)" in res.stderr:
        last = next((line for line in reversed(lines) if line.strip()), "")
        res.outcome, res.detail = "TRACEBACK", last.strip()[:160]
    elif res.rc == 0:
        res.outcome = "ok"
    elif sum(line.startswith("Error: ") for line in lines) == 1 and all(
        line.startswith("Error: ") or DIAGNOSTIC.match(line) for line in lines
    ):
        res.outcome, res.detail = "clean error", next(x for x in lines if x.startswith("Error: "))
    else:
        usage = "click usage block: " if lines and lines[0].startswith("Usage:") else ""
        shown = " | ".join(line.strip() for line in lines[-3:])[:160] or f"exit {res.rc}, silent"
        res.outcome, res.detail = "TRACEBACK", f"not one clean line: {usage}{shown}"


class Runner:
    def __init__(
        self, out: Path, timeout: float, slow: float, template_home: Path, models: str
    ) -> None:
        self.out = out
        self.timeout = timeout
        self.slow = slow
        self.template_home = template_home
        self.models = models

    def env(self, folder: Path, step: Step) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            KBGEN_HOME=str(folder / "home"),
            KBGEN_MODELS=self.models,
            HF_HUB_OFFLINE="1",
            OMP_NUM_THREADS="1",
            PYTHONDONTWRITEBYTECODE="1",
        )
        for key in ("KBGEN_MODEL", "KBGEN_MIN_SIZE", "KBGEN_ENGINE"):
            env.pop(key, None)
        for key, value in step.env.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value.replace("{case}", str(folder))
        return env

    def run_step(self, folder: Path, step: Step) -> StepResult:
        if step.before:
            step.before(folder)
        argv = [
            sys.executable,
            "-m",
            "kbgen",
            *(a.replace("{case}", str(folder)) for a in step.args),
        ]
        if step.shell:
            argv = ["sh", "-c", step.shell, "sh", *argv]
        feeder = None
        if step.fifo:
            fifo = folder / step.fifo[0]
            os.mkfifo(fifo)
            feeder = threading.Thread(target=_feed, args=(fifo, step.fifo[1]), daemon=True)
            feeder.start()
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=folder,
            env=self.env(folder, step),
            start_new_session=True,
            stdin=subprocess.PIPE if step.stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            out, err = proc.communicate(step.stdin, timeout=self.timeout)
            rc: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            rc = None
        seconds = time.perf_counter() - start
        if feeder is not None and feeder.is_alive():  # nobody read the FIFO: let the feeder go
            try:
                fd = os.open(folder / step.fifo[0], os.O_RDONLY | os.O_NONBLOCK)
                os.close(fd)
            except OSError:
                pass
        res = StepResult(
            rc, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), seconds
        )
        classify(res)
        return res

    def run_case(self, case: Case) -> Result:
        folder = self.out / "cases" / case.id
        folder.mkdir(parents=True)
        home = folder / "home"
        home.mkdir()
        for name in ("jieba.cache", "pythainlp-data", "embeddings.sqlite"):
            src = self.template_home / name
            if src.is_dir():
                shutil.copytree(src, home / name)
            elif src.exists():
                shutil.copy(src, home / name)
        (folder / "out").mkdir()
        for rel, data in case.files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        result = Result(case)
        try:
            if case.setup:
                case.setup(folder)
            for step in case.steps:
                result.steps.append(self.run_step(folder, step))
        except Exception as exc:  # the runner's own trouble: report it, never hide it
            result.outcome, result.detail = "TRACEBACK", f"runner: {type(exc).__name__}: {exc}"
        finally:
            _restore_modes(folder)
        worst = max(result.steps, key=lambda s: SEVERITY[s.outcome], default=None)
        if worst is not None and result.outcome == "ok":
            result.outcome, result.detail = worst.outcome, worst.detail
        result.seconds = sum(s.seconds for s in result.steps)
        result.refused = case.expect == "ok" and result.outcome == "clean error"
        finished = [s.seconds for s in result.steps if s.rc is not None]
        if finished and max(finished) > self.slow:
            result.slow = max(finished)
        for rel, data in case.keep.items():
            path = folder / rel
            if not path.is_file() or path.read_bytes() != data:
                result.lost.append(rel)
        if case.same_as_first and result.steps and result.steps[-1].outcome == "ok":
            first, last = _issues(result.steps[0].stdout), _issues(result.steps[-1].stdout)
            if first != last:
                result.wrong = f"issue sizes {first} then {last}"
        if case.pii:
            result.leaks = find_leaks(case.pii, collect_outputs(folder, result))
        return result


def _feed(fifo: Path, data: bytes) -> None:
    try:
        with fifo.open("wb") as f:
            f.write(data)
    except OSError:
        pass


def _restore_modes(folder: Path) -> None:
    """Undo the chmods some cases make, so the folder can be read and removed."""
    for path in [folder, *folder.rglob("*")]:
        try:
            if not path.is_symlink() and not path.is_fifo():
                path.chmod(0o755 if path.is_dir() else 0o644)
        except OSError:
            pass


def _issues(stdout: str) -> list[int] | str:
    try:
        data = json.loads(stdout)
        return sorted((i["size"] for i in data["issues"]), reverse=True)
    except (ValueError, KeyError, TypeError):
        return "unreadable output"


def collect_outputs(folder: Path, result: Result) -> dict[str, list[str]]:
    """Every output of a case as text, by where it was found."""
    found: dict[str, list[str]] = defaultdict(list)
    for step in result.steps:
        found["stdout"].append(step.stdout)
        found["stderr"].append(step.stderr)
    for where, base in (("assignments", folder / "out"), ("drafts", folder / "content")):
        if base.is_dir():
            for path in base.rglob("*"):
                if path.is_file():
                    found[where].append(path.read_bytes().decode("utf-8", "replace"))
    home = folder / "home"
    if home.is_dir():
        for path in home.rglob("*"):
            if any(part in SKIP_HOME for part in path.relative_to(home).parts):
                continue
            if path.is_file():
                found["kbgen_home"].append(_home_text(path))
    return found


def _home_text(path: Path) -> str:
    if path.suffix == ".npz":
        try:
            import numpy as np

            with np.load(path) as data:
                return " ".join(str(data[k]) for k in data.files if data[k].dtype.kind == "U")
        except Exception:
            pass
    return path.read_bytes().decode("utf-8", "ignore")


def find_leaks(items: list[pii.Pii], outputs: dict[str, list[str]]) -> list[tuple[pii.Pii, str]]:
    leaks = []
    views = {where: [pii.OutputView.of(t) for t in texts if t] for where, texts in outputs.items()}
    for item in items:
        places = [where for where, vs in views.items() if any(v.leaks(item) for v in vs)]
        if places:
            leaks.append((item, ",".join(places)))
    return leaks


# --- the help site -------------------------------------------------------------------------------


def build_sites(runner: Runner, results: list[Result]) -> list[Result]:
    """One site per language from the drafts its personal-data cases wrote; scan its pages."""
    out = []
    for lang in pii.LANGS:
        mine = [r for r in results if r.case.site and r.case.lang == lang]
        if not mine:  # e.g. --only picked no personal-data case of this language
            continue
        case = Case(
            f"site-{corpus.LANG_CODES[lang]}",
            "site",
            "site-build",
            lang,
            [Step(["build", "--drafts", "-q"])],
            pii=[item for r in mine for item in r.case.pii],
            expect="ok",
        )
        folder = runner.out / "cases" / case.id
        site_project(folder)
        copied = 0
        for r in mine:
            for md in (runner.out / "cases" / r.case.id / "content").rglob("*.md"):
                # several cases draft the same plain questions: give each copy its own name
                # and issue id, or the build refuses the merged folder
                slug = r.case.id.replace("_", "-")
                target = folder / "content" / md.parent.name / f"{slug}-{md.name}"
                target.parent.mkdir(parents=True, exist_ok=True)
                text = md.read_bytes().decode("utf-8", "surrogateescape")
                unique = hashlib.sha1(f"{slug}/{md.name}".encode()).hexdigest()[:8]
                text = re.sub(r"(?m)^(\s*issue:\s*)i-[0-9a-f]+", rf"\g<1>i-{unique}", text)
                target.write_bytes(text.encode("utf-8", "surrogateescape"))
                copied += 1
        result = Result(case)
        if copied:
            step = runner.run_step(folder, case.steps[0])
            result.steps.append(step)
            result.outcome, result.detail, result.seconds = step.outcome, step.detail, step.seconds
            pages = [
                p.read_text("utf-8", "replace")
                for p in (folder / "site").rglob("*")
                if p.is_file() and p.suffix in (".html", ".json", ".xml")
            ]
            result.leaks = find_leaks(case.pii, {"site": pages, "stderr": [step.stderr]})
        else:
            result.outcome, result.detail = "clean error", "no drafts to build"
        out.append(result)
    return out


# --- the report ----------------------------------------------------------------------------------


def table(title: str, key_rows: dict[str, list[Result]]) -> list[str]:
    head = (
        f"{title:<34} {'cases':>5} {'ok':>4} {'clean':>5} {'TRACEBACK':>9} {'HANG':>4} "
        f"{'SLOW':>4} {'LEAK':>4} {'LOST':>4} {'WRONG':>5} {'REFUSED':>7}"
    )
    lines = [head, "-" * len(head)]
    for key, rs in key_rows.items():
        n = Counter(r.outcome for r in rs)
        leaks = len({id(item) for r in rs for item, _ in r.leaks})  # distinct values
        lines.append(
            f"{key:<34} {len(rs):>5} {n['ok']:>4} {n['clean error']:>5} {n['TRACEBACK']:>9} "
            f"{n['HANG']:>4} {sum(bool(r.slow) for r in rs):>4} {leaks:>4} "
            f"{sum(bool(r.lost) for r in rs):>4} "
            f"{sum(bool(r.wrong) for r in rs):>5} {sum(r.refused for r in rs):>7}"
        )
    return lines


def report(results: list[Result], seconds: float) -> tuple[str, dict]:
    by = lambda f: dict(sorted(_group(results, f).items()))  # noqa: E731
    lines = [
        f"kbgen audit: {len(results)} cases in {seconds:.0f}s "
        "(SLOW: a step over --slow; LEAK: planted values found in outputs; REFUSED: a clean error "
        "on valid input)",
        "",
    ]
    lines += table("TOTAL", {"all": results}) + [""]
    lines += table("by family", by(lambda r: r.case.family)) + [""]
    lines += table(
        "by language", {lang: [r for r in results if r.case.lang == lang] for lang in pii.LANGS}
    ) + [""]
    lines += table("by type", by(lambda r: f"{r.case.family}/{r.case.type}")) + [""]
    # personal data: leaked / planted, per kind and language
    planted: Counter = Counter()
    leaked_n: Counter = Counter()
    for r in results:
        if r.case.family == "site":
            continue
        for item in r.case.pii:
            planted[item.kind, item.lang] += 1
    site_leaks = {id(item) for r in results if r.case.family == "site" for item, _ in r.leaks}
    leak_items = {
        id(item): (item, where)
        for r in results
        if r.case.family != "site"
        for item, where in r.leaks
    }
    for r in results:
        if r.case.family == "site":
            for item, where in r.leaks:
                leak_items.setdefault(id(item), (item, where))
    for item, _ in leak_items.values():
        leaked_n[item.kind, item.lang] += 1
    kinds = sorted({k for k, _ in planted})
    head = f"{'personal data (leaked/planted)':<34}" + "".join(f"{lang:>10}" for lang in pii.LANGS)
    lines += [head + f"{'all':>10}", "-" * (len(head) + 10)]
    for kind in kinds:
        cells = [f"{leaked_n[kind, lang]}/{planted[kind, lang]}" for lang in pii.LANGS]
        n_leaked = sum(leaked_n[kind, x] for x in pii.LANGS)
        total = f"{n_leaked}/{sum(planted[kind, x] for x in pii.LANGS)}"
        lines.append(f"{kind:<34}" + "".join(f"{c:>10}" for c in cells) + f"{total:>10}")
    cells = [
        f"{sum(leaked_n[k, lang] for k in kinds)}/{sum(planted[k, lang] for k in kinds)}"
        for lang in pii.LANGS
    ]
    lines.append(
        f"{'all':<34}"
        + "".join(f"{c:>10}" for c in cells)
        + f"{sum(leaked_n.values())}/{sum(planted.values()):>0}".rjust(10)
    )
    lines.append(f"(of the leaked values, {len(site_leaks)} reached the built help site)")
    lines.append("")
    bad = [
        r
        for r in results
        if r.outcome in ("TRACEBACK", "HANG") or r.lost or r.wrong or r.refused or r.slow
    ]
    if bad:
        lines.append("failing cases:")
        for r in sorted(bad, key=lambda r: r.case.id):
            what = r.outcome if r.outcome in ("TRACEBACK", "HANG") else ""
            what = "REFUSED" if r.refused else what
            what = what or ("SLOW" if r.slow else "")
            extra = "; ".join(
                x
                for x in (
                    r.detail if what in ("TRACEBACK", "HANG", "REFUSED") else "",
                    f"step took {r.slow:.0f}s" if r.slow else "",
                    f"LOST {', '.join(r.lost)}" if r.lost else "",
                    f"WRONG {r.wrong}" if r.wrong else "",
                )
                if x
            )
            lines.append(f"  {r.case.id:<40} {what:<9} {extra}"[:230])
        lines.append("")
    if leak_items:
        lines.append("leaked forms (kind lang form: where):")
        forms = Counter((i.kind, i.lang, i.form, w) for i, w in leak_items.values())
        for (kind, lang, form, where), n in sorted(forms.items()):
            lines.append(f"  {kind:<9} {lang:<8} {form:<28} {where}" + (f"  x{n}" if n > 1 else ""))
        lines.append("")
    totals = {
        "cases": len(results),
        "ok": sum(r.outcome == "ok" for r in results),
        "clean_errors": sum(r.outcome == "clean error" for r in results),
        "tracebacks": sum(r.outcome == "TRACEBACK" for r in results),
        "hangs": sum(r.outcome == "HANG" for r in results),
        "leaks": len(leak_items),
        "planted": sum(planted.values()),
        "lost": sum(bool(r.lost) for r in results),
        "wrong": sum(bool(r.wrong) for r in results),
        "refused": sum(r.refused for r in results),
        "slow": sum(bool(r.slow) for r in results),
    }
    lines.append("totals: " + ", ".join(f"{k}={v}" for k, v in totals.items()))
    data = {
        "totals": totals,
        "cases": [
            {
                "id": r.case.id,
                "family": r.case.family,
                "type": r.case.type,
                "lang": r.case.lang,
                "outcome": r.outcome,
                "detail": r.detail,
                "seconds": round(r.seconds, 2),
                "lost": r.lost,
                "wrong": r.wrong,
                "refused": r.refused,
                "leaks": [
                    {"kind": i.kind, "form": i.form, "where": w, "surface": i.surface}
                    for i, w in r.leaks
                ],
                "steps": [
                    {"rc": s.rc, "outcome": s.outcome, "stderr": s.stderr[-2000:]} for s in r.steps
                ],
            }
            for r in results
        ],
    }
    return "\n".join(lines), data


def _group(results: list[Result], key) -> dict[str, list[Result]]:
    groups: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        groups[key(r)].append(r)
    return groups


# --- main --------------------------------------------------------------------------------------


def warm_home(out: Path, models: str, timeout: float) -> Path:
    """Segmenter data (jieba's dictionary cache) and the vectors of kbgen's own phrase lists,
    made once and copied into every case's home: a case then costs what a user's second run
    costs, a few seconds, instead of embedding those lists again."""
    home = out / "template-home"
    folder = out / "warm"
    folder.mkdir(parents=True)
    records = [{"question": q} for lang in pii.LANGS for q in corpus.QUESTIONS[lang][0]]
    (folder / "t.jsonl").write_text(corpus.to_jsonl(records), encoding="utf-8")
    env = dict(os.environ, KBGEN_HOME=str(home), KBGEN_MODELS=models, HF_HUB_OFFLINE="1")
    subprocess.run(
        [sys.executable, "-m", "kbgen", "suggest", "t.jsonl", "-q"],
        cwd=folder,
        env=env,
        capture_output=True,
        timeout=max(timeout, 300),
    )
    return home


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="folder for cases and report (default: temp)")
    parser.add_argument("--timeout", type=float, default=40.0, help="seconds per step (40)")
    parser.add_argument(
        "--slow", type=float, help="a step slower than this is SLOW (default: half the timeout)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once (2)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", default="", help="run only cases whose id contains this")
    parser.add_argument("--no-site", action="store_true", help="skip the help-site builds")
    args = parser.parse_args(argv)

    out = args.out or Path(tempfile.mkdtemp(prefix="kbgen-audit-"))
    if out.exists() and any(out.iterdir()):
        sys.exit(f"{out}: not empty; give a new or empty folder")
    out.mkdir(parents=True, exist_ok=True)
    out = out.resolve()
    models = os.environ.get("KBGEN_MODELS") or str(_default_models())
    cases = [c for c in corpus.build(args.seed) if args.only in c.id]
    # the slow ones first, so the run does not end waiting on one
    cases.sort(key=lambda c: (-len(c.steps), c.family not in ("paths", "hostile"), c.id))
    start = time.perf_counter()
    print(f"kbgen audit: {len(cases)} cases, {args.jobs} at a time, into {out}", file=sys.stderr)
    slow = args.slow or args.timeout / 2
    runner = Runner(out, args.timeout, slow, warm_home(out, models, args.timeout), models)
    results: list[Result] = []
    with ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(runner.run_case, c) for c in cases]
        for n, future in enumerate(as_completed(futures), 1):
            r = future.result()
            results.append(r)
            flags = "".join(
                f" {f}" for f, on in (("LEAK", r.leaks), ("LOST", r.lost), ("WRONG", r.wrong)) if on
            )
            print(
                f"[{n:>3}/{len(cases)}] {r.case.id:<40} {r.outcome:<11}{flags} {r.seconds:5.1f}s",
                file=sys.stderr,
            )
    if not args.no_site:
        results += build_sites(runner, results)
    results.sort(key=lambda r: r.case.id)
    text, data = report(results, time.perf_counter() - start)
    print(text)
    (out / "report.txt").write_text(text + "\n", encoding="utf-8")
    (out / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    print(f"\ncases, outputs and report.json: {out}")
    t = data["totals"]
    failed = ("tracebacks", "hangs", "slow", "leaks", "lost", "wrong", "refused")
    return 1 if any(t[k] for k in failed) else 0


def _default_models() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kbgen", appauthor=False)) / "models"


if __name__ == "__main__":
    sys.exit(main())
