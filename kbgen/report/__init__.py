"""Report stage: a suggest result as a page for the support lead, or its numbers.

- ``figures.py``: every number a chart shows (trends, weekly volumes, languages, coverage, the
  map), computed once; ``-f json`` and ``-f csv`` write these.
- ``projection.py``: the 2-D map of the questions.
- ``html.py``: the self-contained HTML page (Plotly, inlined).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

from kbgen.errors import KbgenError
from kbgen.report.figures import ReportData, build_report

__all__ = ["DEFAULT_OUTPUT", "ReportData", "build_report", "check_output", "write_report"]

DEFAULT_OUTPUT = {"html": "report.html", "json": "report.json", "csv": "report-csv"}


def check_output(path: Path, fmt: str) -> None:
    """Fail before the run, not after it, on an output path that cannot be written: a folder
    where a file is wanted (or a file where the CSV folder goes), or a parent that is not a
    writable folder."""
    if str(path) == "-":
        if fmt == "csv":
            raise KbgenError("-f csv writes a folder of files: give -o a folder, not '-'")
        return
    if fmt == "csv":
        if path.exists() and not path.is_dir():
            raise KbgenError(f"cannot write the CSV files into {path}: it is not a folder")
    elif path.is_dir():
        raise KbgenError(f"cannot write {path}: it is a folder (give a file name)")
    parent = path if fmt == "csv" else path.parent
    existing = Path(os.path.abspath(parent))
    while not existing.exists():
        if existing.is_symlink() or existing == existing.parent:
            break
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise KbgenError(f"cannot write {path}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise KbgenError(f"cannot write {path}: {existing} is not writable")


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def csv_files(data: ReportData) -> dict[str, str]:
    """The charts' numbers as tables (file name -> CSV text)."""
    issues = []
    weekly = []
    langs = []
    for i in data.issues:
        t = i.trend
        issues.append(
            {
                "issue": i.number,
                "questions": i.size,
                "share": i.share,
                "trend": t.flag if t else "",
                "trend_text": i.trend_text,
                "recent": t.recent if t else "",
                "baseline_rate": t.baseline_rate if t else "",
                "change": "" if t is None or t.change is None else t.change,
                "p_value": t.p_value if t else "",
                "coverage": i.coverage,
                "article": i.article or "",
                "missing_langs": " ".join(i.missing_langs),
                "label": i.label,
                "keywords": ", ".join(i.keywords),
            }
        )
        weekly += [{"issue": i.number, "week_end": w, "questions": n}
                   for w, n in zip(data.weeks, i.weekly)]  # fmt: skip
        langs += [{"issue": i.number, "lang": k, "questions": n} for k, n in i.langs.items()]
    files = {
        "issues.csv": _csv(issues, list(issues[0]) if issues else ["issue"]),
        "weekly.csv": _csv(weekly, ["issue", "week_end", "questions"]),
        "languages.csv": _csv(langs, ["issue", "lang", "questions"]),
        "coverage_weekly.csv": _csv(
            [
                {"coverage": k, "week_end": w, "questions": n}
                for k, counts in data.coverage_weekly.items()
                for w, n in zip(data.weeks, counts)
            ],
            ["coverage", "week_end", "questions"],
        ),  # fmt: skip
        "map.csv": _csv(
            [
                {"x": x, "y": y, "issue": n, "questions": q, "lang": lang, "text": text}
                for x, y, n, q, lang, text in zip(
                    data.map.x,
                    data.map.y,
                    data.map.issue,
                    data.map.questions,
                    data.map.lang,
                    data.map.text,
                )
            ],
            ["x", "y", "issue", "questions", "lang", "text"],
        ),
    }
    return files


def write_report(data: ReportData, path: Path, fmt: str, progress: Any = None) -> None:
    """Write the page (html), the numbers (json) or a folder of tables (csv), atomically:
    each file whole or not at all, the CSV files all or none."""
    from kbgen.writes import FileChanges, atomic_write

    if fmt == "csv":
        with FileChanges() as changes:
            for name, text in csv_files(data).items():
                changes.put(path / name, text)
            changes.commit()
        return
    if fmt == "json":
        text = json.dumps(data.to_dict(), ensure_ascii=False, indent=1) + "\n"
    else:
        from kbgen.report.html import render_html

        text = render_html(data, progress)
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write(path, text)
