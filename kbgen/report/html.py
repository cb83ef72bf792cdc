"""The report as one self-contained HTML page, its charts drawn by Plotly.

Plotly, because its Python package carries plotly.js (one 4.7 MB script, inlined once at the
top of the page), renders offline with no server, and gives the support lead zoom, hover and a
PNG download on every chart. Figures are written as plain dicts (no validation pass: the
report's own data is known-good), so building them costs milliseconds. Nothing on the page
loads anything: no CDN, no web fonts, no MathJax, no map tiles.

Every text on the page is the pipeline's masked text, HTML-escaped: in the page itself and in
the charts (Plotly reads a few HTML tags in labels, so a question cannot add any).
"""

from __future__ import annotations

import html
from typing import Any

from kbgen.report.figures import (
    COVERED,
    NO_ARTICLE,
    TAIL,
    TO_UPDATE,
    IssueFigure,
    ReportData,
    language_counts,
)

FLAG_COLOURS = {"new": "#7b3fe4", "rising": "#d62728", "spike": "#ff7f0e",
                "falling": "#1f77b4", "steady": "#4c78a8"}  # fmt: skip
BASELINE_COLOUR = "#c3ccd6"
COVERAGE_COLOURS = {NO_ARTICLE: "#e45756", TO_UPDATE: "#f2a541", COVERED: "#54a24b",
                    TAIL: "#bab0ac"}  # fmt: skip
LANG_COLOURS = {"en": "#4c78a8", "zh-Hans": "#e45756", "zh-Hant": "#f58518", "th": "#54a24b",
                "und": "#bab0ac"}  # fmt: skip
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173",
           "#5254a3", "#b5cf6b", "#e7ba52", "#ad494a", "#a55194", "#6b6ecf"]  # fmt: skip
MAP_LEGEND = 20  # issues named in the map's legend; the others share one colour
FONT = (
    'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", '
    '"Noto Sans Thai", Loma, "Tlwg Typist", sans-serif'
)
CONFIG = {"displaylogo": False, "responsive": True, "showTips": False}
SMALL_CONFIG = {**CONFIG, "displayModeBar": False, "staticPlot": False}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


class _Page:
    """Collects the figures; the first one carries plotly.js."""

    def __init__(self) -> None:
        self.count = 0

    def figure(self, fig: dict[str, Any], config: dict[str, Any] | None = None) -> str:
        import plotly.io as pio

        self.count += 1
        layout = {
            "font": {"family": FONT, "size": 12, "color": "#333"},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            **fig.get("layout", {}),
        }
        return pio.to_html(
            {"data": fig["data"], "layout": layout},
            config=config or CONFIG,
            include_plotlyjs=self.count == 1,
            include_mathjax=False,
            full_html=False,
            validate=False,
            div_id=f"fig-{self.count}",
            default_height=f"{layout.get('height', 420)}px",
        )


def _axis(**extra: Any) -> dict[str, Any]:
    return {"gridcolor": "#eee", "zeroline": False, "linecolor": "#ccc", **extra}


def _small_multiple(issue: IssueFigure, data: ReportData) -> dict[str, Any]:
    """One issue's weekly volume: the trend window's weeks in the trend's colour, a dashed
    line at the baseline's weekly rate."""
    t = issue.trend
    recent_weeks = len(t.weeks) if t else 0
    n = len(data.weeks)
    colour = FLAG_COLOURS.get(t.flag if t else "steady", FLAG_COLOURS["steady"])
    colours = [BASELINE_COLOUR] * (n - recent_weeks) + [colour] * recent_weeks
    fig: dict[str, Any] = {
        "data": [
            {
                "type": "bar",
                "x": data.weeks,
                "y": issue.weekly,
                "marker": {"color": colours},
                "hovertemplate": "week to %{x|%b %d}: %{y}<extra></extra>",
            }
        ],
        "layout": {
            "height": 150,
            "margin": {"l": 30, "r": 8, "t": 6, "b": 24},
            "showlegend": False,
            "bargap": 0.15,
            "xaxis": _axis(type="date", tickformat="%b %d", nticks=4, fixedrange=True),
            "yaxis": _axis(rangemode="tozero", nticks=4, fixedrange=True),
        },
    }
    if t is not None and t.baseline_rate and n:
        start = max(0, n - recent_weeks - round(t.baseline_days / 7))
        fig["layout"]["shapes"] = [
            {
                "type": "line",
                "xref": "x",
                "yref": "y",
                "x0": data.weeks[start],
                "x1": data.weeks[-1],
                "y0": t.baseline_rate,
                "y1": t.baseline_rate,
                "line": {"color": "#555", "width": 1, "dash": "dot"},
            }
        ]
    return fig


def _issue_name(issue: IssueFigure, limit: int = 48) -> str:
    label = issue.label if len(issue.label) <= limit else issue.label[: limit - 1] + "…"
    return f"#{issue.number} {label}"


def _language_mix(issues: list[IssueFigure]) -> dict[str, Any]:
    langs = language_counts(issues)
    names = [esc(_issue_name(i, 40)) for i in issues][::-1]
    data = []
    for k, lang in enumerate(langs):
        shares = [100.0 * i.langs.get(lang, 0) / max(i.size, 1) for i in issues][::-1]
        counts = [i.langs.get(lang, 0) for i in issues][::-1]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": esc(lang),
                "y": names,
                "x": shares,
                "customdata": counts,
                "marker": {"color": LANG_COLOURS.get(lang, PALETTE[(k + 5) % len(PALETTE)])},
                "hovertemplate": f"{esc(lang)}: %{{customdata}} (%{{x:.0f}}%)<extra></extra>",
            }
        )
    return {
        "data": data,
        "layout": {
            "barmode": "stack",
            "height": 90 + 26 * len(issues),
            "margin": {"l": 300, "r": 20, "t": 10, "b": 40},
            "xaxis": _axis(title={"text": "% of the issue's questions"}, range=[0, 100]),
            "yaxis": _axis(automargin=True),
            "legend": {"orientation": "h", "y": -0.12 if len(issues) > 6 else -0.3},
        },
    }


def _coverage_weekly(data: ReportData) -> dict[str, Any]:
    traces = []
    for kind, counts in data.coverage_weekly.items():
        traces.append(
            {
                "type": "bar",
                "name": esc(kind),
                "x": data.weeks,
                "y": counts,
                "marker": {"color": COVERAGE_COLOURS[kind]},
                "hovertemplate": f"{esc(kind)}, week to %{{x|%b %d}}: %{{y}}<extra></extra>",
            }
        )
    return {
        "data": traces,
        "layout": {
            "barmode": "stack",
            "height": 340,
            "margin": {"l": 50, "r": 20, "t": 10, "b": 40},
            "xaxis": _axis(type="date", tickformat="%b %d"),
            "yaxis": _axis(title={"text": "questions per week"}),
            "legend": {"orientation": "h", "y": 1.12},
        },
    }


def _coverage_totals(data: ReportData) -> dict[str, Any]:
    kinds = [k for k in (NO_ARTICLE, TO_UPDATE, COVERED, TAIL) if k in data.coverage_totals]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": [esc(k) for k in kinds],
                "x": [data.coverage_totals[k]["questions"] for k in kinds],
                "marker": {"color": [COVERAGE_COLOURS[k] for k in kinds]},
                "hovertemplate": "%{y}: %{x} questions<extra></extra>",
            }
        ],
        "layout": {
            "height": 60 + 40 * len(kinds),
            "margin": {"l": 120, "r": 20, "t": 10, "b": 30},
            "xaxis": _axis(title={"text": "questions"}),
            "yaxis": _axis(autorange="reversed"),
            "showlegend": False,
        },
    }


def _map(data: ReportData) -> dict[str, Any]:
    """Questions as points coloured by issue; the long tail grey, drawn first (beneath)."""
    m = data.map
    named = {i.number: i for i in data.issues[:MAP_LEGEND]}
    groups: dict[int, list[int]] = {}
    for k, number in enumerate(m.issue):
        key = number if number in named or number < 0 else 0  # 0: the other issues
        groups.setdefault(key, []).append(k)
    order = sorted(groups, key=lambda g: (g != -1, g == 0, g))  # tail, named, others
    traces = []
    for g in order:
        rows = groups[g]
        if g == -1:
            name, colour, size, opacity = f"long tail ({data.long_tail})", "#bdbdbd", 4, 0.45
        elif g == 0:
            name, colour, size, opacity = "other issues", "#8c8c8c", 5, 0.6
        else:
            name = _issue_name(named[g], 36)
            colour = PALETTE[(g - 1) % len(PALETTE)]
            size, opacity = 6, 0.8
        texts = [
            f"{'#' + str(m.issue[k]) if m.issue[k] >= 0 else 'long tail'} · {esc(m.lang[k])}"
            f"{' · asked ' + str(m.questions[k]) + ' times' if m.questions[k] > 1 else ''}"
            f"<br>{esc(m.text[k])}"
            for k in rows
        ]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": esc(name),
                "x": [m.x[k] for k in rows],
                "y": [m.y[k] for k in rows],
                "text": texts,
                "hovertemplate": "%{text}<extra></extra>",
                "marker": {"color": colour, "size": size, "opacity": opacity},
            }
        )
    return {
        "data": traces,
        "layout": {
            "height": 620,
            "margin": {"l": 20, "r": 20, "t": 10, "b": 20},
            "xaxis": _axis(showticklabels=False, showgrid=False),
            "yaxis": _axis(showticklabels=False, showgrid=False, scaleanchor="x"),
            "legend": {"itemsizing": "constant", "font": {"size": 11}, "y": 0.94},
            "hovermode": "closest",
        },
    }


def _card(value: str, label: str, detail: str = "") -> str:
    detail = f'<div class="detail">{esc(detail)}</div>' if detail else ""
    value = f'<div class="value">{esc(value)}</div>'
    return f'<div class="card">{value}<div>{esc(label)}</div>{detail}</div>'


def _per_week_without_article(data: ReportData) -> tuple[str, str]:
    counts = data.coverage_weekly.get(NO_ARTICLE)
    if counts:
        weeks = max(1, -(-data.frame.window_days // 7)) if data.frame else 2
        recent = counts[-weeks:]
        per_week = sum(recent) / max(len(recent), 1)
        return (
            f"{per_week:.0f}",
            f"questions a week go to issues without an article (last {len(recent)} weeks)",
        )
    total = data.coverage_totals.get(NO_ARTICLE, {}).get("questions", 0)
    return f"{total}", "questions go to issues without an article"


def _issue_table(issues: list[IssueFigure]) -> str:
    has_trend = any(i.trend for i in issues)
    rows = []
    for i in issues:
        langs = " · ".join(f"{esc(k)} {100 * v / max(i.size, 1):.0f}%" for k, v in i.langs.items())
        coverage = esc(i.coverage or "")
        if i.article:
            coverage += f'<div class="detail">{esc(i.article)}</div>'
        if i.missing_langs and i.coverage != NO_ARTICLE:
            missing = esc(", ".join(i.missing_langs))
            coverage += f'<div class="detail">no article in: {missing}</div>'
        flag = i.trend.flag if i.trend else ""
        trend = f'<td class="trend {esc(flag)}">{esc(i.trend_text)}</td>' if has_trend else ""
        keywords = esc(", ".join(i.keywords))
        kind = esc(i.coverage.replace(" ", "-"))
        rows.append(
            f'<tr><td class="num">{i.number}</td><td class="num">{i.size}</td>'
            f'<td class="num">{100 * i.share:.1f}%</td>{trend}'
            f'<td>{esc(i.label)}<div class="detail">{keywords}</div></td>'
            f'<td class="langs">{langs}</td><td class="cov {kind}">{coverage}</td></tr>'
        )
    head = (
        "<tr><th>#</th><th>Questions</th><th>Share</th>"
        + ("<th>Trend</th>" if has_trend else "")
        + "<th>Issue (keywords)</th><th>Languages</th><th>Content</th></tr>"
    )
    return f'<table class="issues"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def render_html(data: ReportData, progress: Any = None) -> str:
    """The whole page. `progress(n)` is called as figures are drawn."""
    step = progress or (lambda n: None)
    page = _Page()
    top = data.issues[: data.top]
    charted = data.charted()
    sections: list[str] = []

    # 1. New and growing, then the top issues by volume: one small chart each.
    if data.weeks:
        cards = []
        for issue in charted:
            flag = issue.trend.flag if issue.trend else ""
            recent = (
                f"{issue.trend.recent} in {issue.trend.window_days} days, "
                f"{issue.trend.baseline_rate:g}/week before"
                if issue.trend
                else ""
            )
            cards.append(
                f'<div class="multiple"><div class="head"><span class="trend {esc(flag)}">'
                f"{esc(issue.trend_text)}</span> <b>#{issue.number}</b> · {issue.size} questions"
                f'</div><div class="label" title="{esc(issue.label)}">{esc(issue.label)}</div>'
                f'<div class="detail">{esc(recent)}</div>'
                f"{page.figure(_small_multiple(issue, data), SMALL_CONFIG)}</div>"
            )
            step(1)
        growing = len(data.growing)
        intro = (
            f"{growing} new or growing issue{'s' if growing != 1 else ''} first, then the top "
            f"issues by volume. Bars: questions per week; coloured weeks are the trend window, "
            f"the dotted line the baseline's weekly rate."
            if growing
            else "No issue is new or growing beyond week-to-week noise. The top issues by "
            "volume; coloured weeks are the trend window, the dotted line the baseline's rate."
        )
        sections.append(
            f'<section><h2>New, growing and top issues</h2><p class="note">{esc(intro)}</p>'
            f'<div class="grid">{"".join(cards)}</div></section>'
        )

    # 2. The table of the top issues, and of the growing ones beyond them.
    extra = len(charted) - len(top)
    more = f" (and {extra} new or growing beyond them)" if extra > 0 else ""
    sections.append(
        f"<section><h2>Top {len(top)} issues by volume{esc(more)}</h2>"
        f"{_issue_table(sorted(charted, key=lambda i: i.number))}</section>"
    )

    # 3. Language mix.
    langs = language_counts(data.issues)
    if len(langs) > 1 and top:
        sections.append(
            f"<section><h2>Languages per issue</h2>{page.figure(_language_mix(top))}</section>"
        )
    elif langs:
        sections.append(
            f'<section><h2>Languages</h2><p class="note">Every recurring issue is asked in '
            f"{esc(langs[0])} only.</p></section>"
        )
    step(1)

    # 4. Coverage.
    coverage = page.figure(_coverage_totals(data))
    if data.coverage_weekly:
        coverage += page.figure(_coverage_weekly(data))
    step(1)
    sections.append(
        "<section><h2>Which questions have an article</h2>"
        '<p class="note">Issues checked against the articles in content/: covered, an article '
        "to update (customers now ask it in new ways or far more often), or no article yet "
        f"(draft them with kbgen suggest --write).</p>{coverage}</section>"
    )

    # 5. The map.
    if data.map.x:
        shown = len(data.map.x)
        sample = (
            f" A sample of {shown:,} of the {data.map.distinct:,} distinct questions."
            if shown < data.map.distinct
            else ""
        )
        sections.append(
            "<section><h2>Map of the questions</h2>"
            f'<p class="note">Each dot is a question, coloured by its issue; the long tail '
            f"(questions in no recurring issue) is grey. Close dots ask similar things, in any "
            f"language. Click a legend entry to hide it, double-click to show it alone."
            f"{esc(sample)}</p>{page.figure(_map(data))}</section>"
        )
        step(1)

    return _document(data, "".join(sections))


def _document(data: ReportData, body: str) -> str:
    placed = data.placed / data.total if data.total else 0.0
    span = f"{data.first} to {data.last}" if data.first else "no question times"
    cards = "".join(
        [
            _card(f"{data.total:,}", "questions", f"{data.distinct:,} distinct · {span}"),
            _card(
                f"{len(data.issues)}", "recurring issues", f"cover {placed:.0%} of the questions"
            ),
            _card(
                f"{len(data.growing)}",
                "new or growing",
                "flagged only when unlikely to be noise" if data.frame else "needs question times",
            ),
            _card(*_per_week_without_article(data)),
            _card(f"{data.long_tail:,}", "in the long tail", "questions in no recurring issue"),
        ]
    )
    notes = [data.frame.describe()] if data.frame else []
    notes += data.notes
    notes_html = "".join(f'<p class="note">{esc(n)}</p>' for n in notes)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kbgen report">
<title>Support questions report: {esc(data.source)}</title>
<style>{_CSS}</style>
</head>
<body>
<header><h1>Support questions: {esc(data.source)}</h1>
<p class="note">{esc(span)} · model {esc(data.model)} · personal data masked</p></header>
<div class="cards">{cards}</div>
{notes_html}
{body}
<footer class="note">Made by kbgen report. Every chart's numbers: kbgen report -f json or -f csv.
</footer>
</body>
</html>
"""


_CSS = f"""
body {{ font-family: {FONT}; color: #222; margin: 0 auto; max-width: 1280px; padding: 16px 24px;
  background: #fafafa; }}
h1 {{ font-size: 1.5rem; margin: 8px 0 0; }}
h2 {{ font-size: 1.15rem; margin: 0 0 8px; }}
section {{ background: white; border: 1px solid #e5e5e5; border-radius: 8px; padding: 16px;
  margin: 16px 0; }}
.note {{ color: #666; font-size: 0.9rem; margin: 4px 0; }}
.detail {{ color: #777; font-size: 0.8rem; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 8px; }}
.card {{ background: white; border: 1px solid #e5e5e5; border-radius: 8px; padding: 10px 14px;
  flex: 1 1 160px; }}
.card .value {{ font-size: 1.6rem; font-weight: 600; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: 12px; }}
.multiple {{ border: 1px solid #eee; border-radius: 6px; padding: 8px; min-width: 0; }}
.multiple .label {{ font-size: 0.9rem; margin: 4px 0 0; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }}
.trend {{ font-weight: 600; white-space: nowrap; }}
.trend.new {{ color: {FLAG_COLOURS["new"]}; }} .trend.rising {{ color: {FLAG_COLOURS["rising"]}; }}
.trend.spike {{ color: {FLAG_COLOURS["spike"]}; }}
.trend.falling {{ color: {FLAG_COLOURS["falling"]}; }}
.trend.steady {{ color: #777; font-weight: normal; }}
table.issues {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
table.issues th, table.issues td {{ border-bottom: 1px solid #eee; padding: 6px 8px;
  text-align: left; vertical-align: top; }}
table.issues td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.langs {{ white-space: nowrap; font-size: 0.8rem; }}
td.cov {{ min-width: 7em; }} td.cov.no-article {{ color: {COVERAGE_COLOURS[NO_ARTICLE]}; }}
td.cov.article-to-update {{ color: #b7791f; }} td.cov.covered {{ color: #2f7d32; }}
footer {{ margin: 24px 0; }}
"""
