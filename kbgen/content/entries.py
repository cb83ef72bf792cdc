"""The content model shared by `kbgen suggest` (writes drafts) and `kbgen build` (publishes).

One FAQ entry is `content/<category-slug>/<entry-slug>.md`: YAML front matter, then the answer
in Markdown. Problems are reported with file and line so an editor can jump straight to them;
nothing here trusts the file (YAML is read with the safe loader, types are checked).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kbgen.content.taxonomy import LANGS, SLUG_RE, Category, load_taxonomy
from kbgen.errors import ContentError

STATUSES: tuple[str, ...] = ("draft", "published", "archived")
_FENCE = re.compile(r"^---[ \t]*$")
# libyaml's safe loader when available (several times faster); same safety as yaml.safe_load.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class Evidence:
    """Why an entry exists: the recurring issue `kbgen suggest` found behind it."""

    issue: str
    questions: int
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    also_asked: list[str] = field(default_factory=list)  # older entries' public phrasings
    sources: list[str] = field(default_factory=list)  # ticket ids
    proposed: list[str] = field(default_factory=list)  # new phrasings for the owner to pick
    seen: list[str] = field(default_factory=list)  # hashes of phrasings already shown


@dataclass(slots=True)
class Entry:
    path: Path
    slug: str  # file name without .md; unique within its category
    category: str
    title: str  # the question, as customers would search for it
    status: str
    lang: str
    body: str  # the answer, Markdown
    tags: list[str] = field(default_factory=list)
    evidence: Evidence | None = None
    body_line: int = 1  # 1-based line of the body's first line in the file
    public: list[str] | None = None  # the owner's top-level `also_asked`; None when absent
    assumed: list[str] = field(default_factory=list)  # defaults used for missing fields

    @property
    def questions(self) -> int:
        """How often customers asked; 0 for hand-written entries without evidence."""
        return self.evidence.questions if self.evidence else 0

    @property
    def also_asked(self) -> list[str]:
        """The public phrasings ("Also asked as"): the owner's top-level list; an older entry's
        list inside the evidence block until the owner moves it out."""
        if self.public is not None:
            return list(self.public)
        return list(self.evidence.also_asked) if self.evidence else []

    @property
    def proposed(self) -> list[str]:
        """Phrasings kbgen proposes and the owner has not yet taken or deleted (not public)."""
        return list(self.evidence.proposed) if self.evidence else []


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# --- parsing -------------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(yaml, body, body_line) or None when the file does not start with a `---` block."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n").lstrip("\ufeff")):
        return None
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i].rstrip("\r\n")):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return None


def _key_lines(yaml_text: str) -> dict[str, int]:
    """Top-level key -> 1-based file line (the front matter starts on file line 2)."""
    try:
        node = yaml.compose(yaml_text, Loader=_SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[str(key.value)] = key.start_mark.line + 2
                if isinstance(value, yaml.MappingNode):
                    for k2, _ in value.value:
                        if isinstance(k2, yaml.ScalarNode):
                            lines[f"{key.value}.{k2.value}"] = k2.start_mark.line + 2
    return lines


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _parse_evidence(raw: Any, report: Any, line_of: Any) -> Evidence | None:
    if not isinstance(raw, dict):
        report(line_of("kbgen"), "'kbgen' must be a mapping (the evidence block)")
        return None
    ok = True
    issue, questions = raw.get("issue"), raw.get("questions")
    if not isinstance(issue, str) or not issue.strip():
        report(line_of("kbgen.issue"), "'kbgen.issue' must be a non-empty string (the issue id)")
        ok = False
    if isinstance(questions, bool) or not isinstance(questions, int) or questions < 0:
        report(line_of("kbgen.questions"), "'kbgen.questions' must be a whole number >= 0")
        ok = False
    dates: dict[str, dt.date | None] = {}
    for key in ("first_seen", "last_seen"):
        value = raw.get(key)
        dates[key] = as_date(value)
        if value is not None and dates[key] is None:
            report(line_of(f"kbgen.{key}"), f"'kbgen.{key}' must be a date (YYYY-MM-DD)")
            ok = False
    for key in ("also_asked", "sources", "proposed", "seen"):
        if key in raw and not _is_str_list(raw[key]):
            report(line_of(f"kbgen.{key}"), f"'kbgen.{key}' must be a list of strings")
            ok = False
    if not ok:
        return None
    return Evidence(
        issue=issue.strip(),
        questions=questions,
        first_seen=dates["first_seen"],
        last_seen=dates["last_seen"],
        also_asked=[s.strip() for s in raw.get("also_asked", []) if s.strip()],
        sources=list(raw.get("sources", [])),
        proposed=[s.strip() for s in raw.get("proposed", []) if s.strip()],
        seen=list(raw.get("seen", [])),
    )


_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$")


def _default_title(body: str, body_line: int, slug: str) -> tuple[str, str, int, str]:
    """(title, body, body_line, where from) for a file without a title: its first heading,
    taken out of the body so the page does not show it twice; else the file name."""
    lines = body.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        match = _HEADING.match(line.strip())
        if match and match.group(1).strip():
            rest = "".join(lines[i + 1 :]).lstrip("\r\n")
            skipped = len(lines[: i + 1]) + (len(lines[i + 1 :]) - len(rest.splitlines()))
            return match.group(1).strip(), rest, body_line + skipped, "first heading"
        break
    words = slug.replace("_", "-").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) or slug, body, body_line, "file name"


def read_entry(
    path: Path, content_dir: Path, categories: Iterable[str]
) -> tuple[Entry | None, list[Problem]]:
    """Parse and check one file; the entry is None whenever a problem was found."""
    problems: list[Problem] = []

    def report(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    rel = path.relative_to(content_dir)
    if len(rel.parts) != 2:
        report(1, "entries must live in content/<category>/<entry>.md")
        return None, problems
    folder, slug = rel.parts[0], path.stem
    if not SLUG_RE.match(slug):
        report(1, f"file name {path.name!r} must be lowercase words joined by '-' (.md)")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report(1, f"cannot read file: {exc}")
        return None, problems
    parts = split_front_matter(text)
    if parts is None and _FENCE.match(text.split("\n", 1)[0].rstrip("\r").lstrip("\ufeff")):
        report(1, "front matter is not closed: add a '---' line after it")
        return None, problems
    yaml_text, body, body_line = parts if parts is not None else ("", text.lstrip("\ufeff"), 1)
    try:
        meta = yaml.load(yaml_text, Loader=_SafeLoader) if parts else {}  # noqa: S506 - safe
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        report(line, f"malformed front matter: {getattr(exc, 'problem', None) or exc}")
        return None, problems
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        report(2, "front matter must be a mapping of 'key: value' lines")
        return None, problems

    key_lines: dict[str, int] | None = None  # parsed again only when a problem needs a line

    def line_of(key: str) -> int:
        nonlocal key_lines
        if key_lines is None:
            key_lines = _key_lines(yaml_text)
        return key_lines.get(key) or key_lines.get(key.split(".")[0]) or 1

    assumed: list[str] = []
    if "title" not in meta:
        meta["title"], body, body_line, where = _default_title(body, body_line, slug)
        assumed.append(f"title {meta['title']!r} ({where})")
    if "status" not in meta:
        meta["status"] = "draft" if meta.get("kbgen") is not None else "published"
        why = "kbgen evidence" if meta["status"] == "draft" else "hand-written"
        assumed.append(f"status {meta['status']} ({why})")
    if "category" not in meta:
        meta["category"] = folder
        assumed.append(f"category {folder!r} (its folder)")
    if "lang" not in meta:
        from kbgen.intent.lang import detect

        meta["lang"] = detect(f"{meta['title']}\n{body}")
        assumed.append(f"lang {meta['lang']} (detected)")
    title, status, category = meta.get("title"), meta.get("status"), meta.get("category")
    lang, tags = meta.get("lang"), meta.get("tags", [])
    if not isinstance(title, str) or not title.strip():
        report(line_of("title"), "'title' is required and must be a non-empty string")
    if status not in STATUSES:
        report(line_of("status"), f"'status' is {status!r}; use one of: {', '.join(STATUSES)}")
    if not isinstance(category, str):
        report(line_of("category"), "'category' must be a category slug")
    elif category != folder:
        report(line_of("category"), f"category {category!r} does not match folder {folder!r}")
    if folder not in set(categories) and not SLUG_RE.match(folder):
        report(1, f"category folder {folder!r} must be lowercase words joined by '-'")
    if lang not in LANGS:
        report(line_of("lang"), f"'lang' is {lang!r}; use one of: {', '.join(LANGS)}")
    if tags is None:
        tags = []
    if not _is_str_list(tags):
        report(line_of("tags"), "'tags' must be a list of strings")
    public = meta.get("also_asked")
    if public is not None and not _is_str_list(public):
        report(line_of("also_asked"), "'also_asked' must be a list of strings")
    evidence = None
    if meta.get("kbgen") is not None:
        evidence = _parse_evidence(meta["kbgen"], report, line_of)
    if status == "published" and not body.strip():
        report(body_line - 1, "published entry has no answer after the closing '---'")
    if problems:
        return None, problems
    entry = Entry(
        path=path,
        slug=slug,
        category=folder,
        title=title.strip(),
        status=status,
        lang=lang,
        body=body,
        tags=list(tags),
        evidence=evidence,
        body_line=body_line,
        public=None if public is None else [p.strip() for p in public if p.strip()],
        assumed=assumed,
    )
    return entry, problems


def scan(
    content_dir: Path, categories: list[Category] | None = None
) -> tuple[list[Entry], list[Problem]]:
    """(valid entries, problems) for the whole folder; `kbgen check` prints both."""
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ContentError(f"content folder not found: {content_dir}")
    if categories is None:
        categories = load_taxonomy(content_dir.resolve().parent)
    slugs = [c.slug for c in categories]
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in sorted(content_dir.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(content_dir).parts):
            continue
        entry, found = read_entry(path, content_dir, slugs)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    seen: dict[tuple[str, str], Path] = {}  # an issue has one entry per language (its variants)
    for entry in entries:
        if entry.evidence is None:
            continue
        first = seen.setdefault((entry.evidence.issue, entry.lang), entry.path)
        if first != entry.path:
            problems.append(
                Problem(
                    entry.path,
                    1,
                    f"issue id {entry.evidence.issue!r} in {entry.lang} is also used by {first}",
                )
            )
    return entries, problems


def validate(content_dir: Path | str, categories: list[Category] | None = None) -> list[Problem]:
    """Every problem in the content folder, in file order; empty when all entries are valid."""
    return scan(Path(content_dir), categories)[1]


def load_entries(
    content_dir: Path | str,
    categories: list[Category] | None = None,
    statuses: Iterable[str] | None = None,
) -> list[Entry]:
    """All valid entries (optionally only the given statuses); ContentError if any is invalid."""
    entries, problems = scan(Path(content_dir), categories)
    if problems:
        shown = "\n".join(str(p) for p in problems[:10])
        more = f"\n... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise ContentError(
            f"{len(problems)} problem(s) in {content_dir} (run `kbgen check`):\n{shown}{more}"
        )
    if statuses is not None:
        wanted = set(statuses)
        entries = [e for e in entries if e.status in wanted]
    return entries


def assumptions(entries: list[Entry], categories: list[Category] | None = None) -> list[str]:
    """What `kbgen check` assumed for files without (full) front matter, one line each: the
    defaults used, and folders that became categories. Those files are never rewritten."""
    lines = [f"{e.path}: note: assumed {', '.join(e.assumed)}" for e in entries if e.assumed]
    if categories is not None:
        from kbgen.content.curation import folder_name

        known = {c.slug for c in categories}
        for folder in sorted({e.category for e in entries} - known):
            lines.append(
                f"{folder}/: note: not a category in kbgen.toml yet; shown as category "
                f"{folder_name(folder)!r}"
            )
    return lines


def summarize(entries: list[Entry]) -> str:
    """One line for `kbgen check`: how many entries, by status."""
    counts = Counter(e.status for e in entries)
    parts = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
    return f"{len(entries)} entries OK" + (f" ({parts})" if parts else "")
