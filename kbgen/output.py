"""Show a suggest result: a table for people, JSON and Markdown for tools and docs."""

from __future__ import annotations

import json
import os
from typing import Any

from kbgen.records import Issue, SuggestResult, Trend
from kbgen.writes import atomic_write

__all__ = ["FORMATS", "assignments_jsonl", "atomic_write", "render"]

FORMATS = ("table", "json", "markdown")


def _percent(change: float) -> str:
    return f"{change:+.0%}".replace("-", "\u2212")  # a real minus sign, as "+" is a real plus


def trend_text(trend: Trend | None) -> str:
    """One format for every flag: "new", "↑ rising +180%", "↑ spike +250%" (the peak week),
    "↓ falling −60%", "steady"."""
    if trend is None:
        return ""
    if trend.flag == "rising":
        return "↑ rising" + (f" {_percent(trend.change)}" if trend.change is not None else "")
    if trend.flag == "spike":
        peak = trend.peak_change
        return "↑ spike" + (f" {_percent(peak)}" if peak is not None else "")
    if trend.flag == "falling" and trend.change is not None:
        return f"↓ falling {_percent(trend.change)}"
    return trend.flag


def _trend_text(issue: Issue) -> str:
    return trend_text(issue.trend)


def _coverage_text(issue: Issue) -> str:
    cov = issue.coverage
    if cov is None:
        return ""
    from kbgen.content.variants import summary

    per_lang = summary(cov.variants)  # several languages: what happens to each
    per_lang = f" ({per_lang})" if per_lang else ""
    if cov.status == "new":
        where = cov.path or (f"{cov.category}/" if cov.category else "")
        return (f"new -> {where}" if where else "new") + per_lang
    return f"{cov.status}: {cov.path}{per_lang}"


def summary_line(result: SuggestResult, shown: int) -> str:
    placed = result.placed / result.total if result.total else 0.0
    n = result.no_question
    verb = "message asks" if n == 1 else "messages ask"
    asked_nothing = f'; {n} {verb} nothing (greetings, thanks, "ok")' if n else ""
    line = (
        f"{result.total} questions ({result.distinct} distinct): {len(result.issues)} recurring "
        f"issues cover {placed:.0%}; long tail {result.long_tail} questions{asked_nothing}. "
        f"Showing top {shown}."
    )
    if result.trend_frame is not None:
        line += "\n" + result.trend_frame.describe()
    return line


def to_json(result: SuggestResult, top: int | None) -> str:
    data: dict[str, Any] = {
        "model": result.model,
        "total": result.total,
        "distinct": result.distinct,
        "placed": result.placed,
        "long_tail": result.long_tail,
        "no_question": result.no_question,
        "redactions": result.redactions,
    }
    if result.trend_frame is not None:
        data["trend"] = result.trend_frame.to_dict()
    data["issues"] = [i.to_dict() for i in result.issues[:top]]
    return json.dumps(data, ensure_ascii=False, indent=2)


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def to_markdown(result: SuggestResult, top: int | None) -> str:
    has_trend = any(i.trend for i in result.issues)
    head = "| # | Questions | Share |" + (" Trend |" if has_trend else "")
    has_coverage = any(i.coverage for i in result.issues)
    head += " Representative question | Keywords |" + (" Content |" if has_coverage else "")
    rule = "|---:|---:|---:|" + ("---|" if has_trend else "") + "---|---|"
    rule += "---|" if has_coverage else ""
    lines = [head, rule]
    for issue in result.issues[:top]:
        trend = f" {_trend_text(issue)} |" if has_trend else ""
        lines.append(
            f"| {issue.number} | {issue.size} | {issue.share:.1%} |{trend} "
            f"{_md_cell(issue.representative)} | {_md_cell(', '.join(issue.keywords))} |"
            + (f" {_md_cell(_coverage_text(issue))} |" if has_coverage else "")
        )
    shown = len(result.issues[:top])
    return "\n".join(lines) + "\n\n" + summary_line(result, shown)


def to_table(result: SuggestResult, top: int | None, width: int | None = None) -> str:
    """A terminal table; rich measures CJK and Thai widths correctly."""
    from rich.console import Console
    from rich.table import Table

    has_trend = any(i.trend for i in result.issues)
    table = Table(show_lines=False, pad_edge=False, expand=False)
    table.add_column("#", justify="right")
    table.add_column("Questions", justify="right")
    table.add_column("Share", justify="right")
    if has_trend:
        table.add_column("Trend")
    table.add_column("Representative question", overflow="fold", ratio=3)
    table.add_column("Keywords", overflow="fold", ratio=2)
    has_coverage = any(i.coverage for i in result.issues)
    if has_coverage:
        table.add_column("Content", overflow="fold", ratio=2)
    for issue in result.issues[:top]:
        cells = [str(issue.number), str(issue.size), f"{issue.share:.1%}"]
        if has_trend:
            cells.append(_trend_text(issue))
        rep = " ".join(issue.representative.split())
        cells += [rep if len(rep) <= 160 else rep[:157] + "...", ", ".join(issue.keywords)]
        if has_coverage:
            cells.append(_coverage_text(issue))
        table.add_row(*cells)
    console = Console(
        width=width or int(os.environ.get("COLUMNS", 0) or 120),
        force_terminal=False,
        no_color=True,
        highlight=False,
        markup=False,
        emoji=False,
    )
    with console.capture() as captured:
        console.print(table)
    shown = len(result.issues[:top])
    return captured.get().rstrip("\n") + "\n" + summary_line(result, shown)


def render(result: SuggestResult, fmt: str, top: int | None) -> str:
    if fmt == "json":
        return to_json(result, top)
    if fmt == "markdown":
        return to_markdown(result, top)
    return to_table(result, top)


def assignments_jsonl(result: SuggestResult) -> str:
    """One line per question in input order: id, redacted text, issue number, -1 (long tail)
    or -2 (the message asks nothing)."""
    lines = []
    for q, label in zip(result.questions, result.labels):
        row = {"id": q.id if q.id is not None else q.row, "text": q.text, "cluster": label}
        lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")
