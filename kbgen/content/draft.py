"""Draft stage: turn recurring issues into FAQ entries in content/, never losing a person's edit.

kbgen creates new files only. An existing file (drafted earlier, edited, or written by hand)
is never rewritten: kbgen splices a fresh `kbgen:` evidence block into it, so every other
byte stays as it was. A drafted file also records a fingerprint of the title and body kbgen
wrote, so an untouched draft can be told from an edited one.
A run's writes are staged and committed together at the end, under the content folder's lock
(kbgen.writes, kbgen.content.lock): a failed run writes nothing, a killed one leaves old or new
files, never half-written ones, and two runs never draft the same issue twice.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from kbgen.content import curation
from kbgen.content.entries import Entry, split_front_matter
from kbgen.content.splice import splice_evidence
from kbgen.content.taxonomy import LANGS, Category
from kbgen.errors import ContentError
from kbgen.records import Issue, Question
from kbgen.writes import FileChanges, atomic_write

TODO_MARKER = "<!-- kbgen:todo -->"
OTHER = "other"
_MASK = re.compile(r"<[A-Z][A-Z_]*>")
_PLACEHOLDER = re.compile(r"\{\{[^{}]{1,60}\}\}")


@dataclass(slots=True)
class Draft:
    """A new FAQ entry for one issue, ready to render."""

    issue_id: str
    title: str
    category: str
    lang: str
    body: str
    evidence: dict[str, Any]
    tags: list[str] = field(default_factory=list)


def issue_id(issue: Issue) -> str:
    """Stable across runs on the same input: derived from the representative question."""
    key = " ".join(unicodedata.normalize("NFKC", issue.representative).casefold().split())
    return "i-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def fingerprint(title: str, body: str) -> str:
    text = title.strip() + "\n" + body.strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def evidence_for(
    issue: Issue, questions: Sequence[Question], ident: str, title: str
) -> dict[str, Any]:
    """What this run measured for the issue (see kbgen.content.curation for who owns what)."""
    return curation.measure(issue, questions, ident, title)


def choose_title(
    issue: Issue, lang: str, questions: Sequence[Question] = (), view_of: Any = None
) -> str:
    """The clearest central phrasing in the entry's language, tidied (kbgen.content.titles)."""
    from kbgen.content import titles

    return titles.choose_title(issue, questions, lang, view_of)


def choose_answer(
    issue: Issue, questions: Sequence[Question], embed: Any, lang: str | None = None
) -> str | None:
    """The agent reply that generalises (kbgen.content.answers), in the entry's language first,
    so title and answer match; None when no reply fits every customer."""
    from kbgen.content.answers import choose

    return choose(issue, questions, embed, lang).answer


def todo_body(issue: Issue, candidates: Sequence[str] = ()) -> str:
    lines = [
        TODO_MARKER,
        "**To do:** write the answer. Customers asked, for example:",
        "",
    ]
    lines += [f"- {' '.join(x.split())}" for x in issue.examples[:5]]
    if candidates:
        from kbgen.content.answers import candidates_markdown

        lines += ["", candidates_markdown(candidates)]
    return "\n".join(lines) + "\n"


def answer_body(answer: str) -> str:
    from kbgen.content.answers import to_markdown

    body = to_markdown(answer.strip()) + "\n"
    if _PLACEHOLDER.search(body):
        body += "\n" + TODO_MARKER + "\n**To do:** fill in the `{{...}}` placeholders.\n"
    return body


def slugify(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def romanize(word: str) -> str:
    """Latin letters for a Chinese (pinyin) or Thai (RTGS) word, for readable URLs."""
    if re.search(r"[\u3400-\u9fff\uf900-\ufaff]", word):
        from pypinyin import lazy_pinyin

        return "".join(lazy_pinyin(word))
    if re.search(r"[\u0e00-\u0e7f]", word):
        from kbgen.config import prepare_segmenters

        prepare_segmenters()
        from pythainlp.transliterate import romanize as thai_romanize

        return thai_romanize(word, engine="royin")
    return word


def slug_for(issue: Issue, questions: Sequence[Question], draft: Draft) -> str:
    """A short readable URL slug that follows the title: its content words, romanised (pinyin,
    RTGS); the issue id when nothing usable remains."""
    from kbgen.group.keywords import words_of

    words = [romanize(w) for w in words_of(draft.title)][:6]
    return slugify(" ".join(words)) or draft.issue_id


# --- rendering and writing -----------------------------------------------------------------------


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000
    )


def render(draft: Draft) -> str:
    evidence, public = curation.split_public(draft.evidence)  # public phrasings: the owner's
    meta: dict[str, Any] = {
        "title": draft.title,
        "status": "draft",
        "category": draft.category,
        "tags": draft.tags,
        "lang": draft.lang,
    }
    if public:
        meta["also_asked"] = public
    meta["kbgen"] = {**evidence, "fingerprint": fingerprint(draft.title, draft.body)}
    return f"---\n{_dump(meta)}---\n{draft.body}"


def refresh_evidence(
    entry: Entry, evidence: dict[str, Any], changes: FileChanges | None = None
) -> str | None:
    """Rewrite only the evidence block of an existing entry (staged in `changes` when given).

    Returns why the file was left alone, or None.
    """
    try:
        raw = entry.path.read_bytes()
        text = raw.decode("utf-8")  # line endings and a byte-order mark kept as they are
        parts = split_front_matter(text)
        meta = yaml.safe_load(parts[0]) if parts else None
        old = meta.get("kbgen") if isinstance(meta, dict) else None
        public = meta.get("also_asked") if isinstance(meta, dict) else None
        merged = curation.merge(old, evidence, public if isinstance(public, list) else None)
        if isinstance(old, dict) and old == merged:
            return None
        new_text = splice_evidence(text, merged)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ContentError) as exc:
        return f"left {entry.path} alone: {exc}"
    if new_text != text:
        if changes is None:
            atomic_write(entry.path, new_text)
        else:
            changes.update(entry.path, new_text, raw)
    return None


def write_new(path: Path, draft: Draft, changes: FileChanges | None = None) -> None:
    if path.exists() or path.is_symlink():
        raise ContentError(f"{path} already exists")
    if changes is None:
        atomic_write(path, render(draft))
    else:
        changes.create(path, render(draft))


def dominant_lang(issue: Issue) -> str:
    langs = [lang for lang in issue.langs if lang in LANGS]
    return langs[0] if langs else "en"


def sync(
    issues: Sequence[Issue],
    views: Sequence[Any],
    questions: Sequence[Question],
    content_dir: Path,
    embed: Any,
    categories: Sequence[Category],
    *,
    write: bool,
    note: Any = lambda message: None,
    changes: FileChanges | None = None,
    progress: Any = None,
    view_of: Any = None,
    min_size: int | None = None,
) -> None:
    """Check every issue against content/ and (with write) draft or refresh the articles.

    Sets `issue.coverage` on every issue. Files with problems are never touched. Writing
    holds the content folder's lock from reading it to committing, and stages every change:
    into `changes` (the caller commits them, with its own files, and the lock is held until
    then), else into a set committed here. Either way a failure writes nothing.
    An issue gets a variant per language with enough questions (`min_size`, the grouping's;
    see kbgen.content.variants).
    """
    from kbgen.content.lock import content_lock

    if min_size is None:
        from kbgen.group.cluster import DEFAULT_MIN_SIZE

        min_size = DEFAULT_MIN_SIZE
    args = (issues, views, questions, content_dir, embed, categories, note, view_of, min_size)
    if not write:
        _sync(*args, None, progress=progress)
    elif changes is not None:
        changes.hold(content_lock(content_dir, note=note))
        _sync(*args, changes, progress=progress)
    else:
        with FileChanges() as own:
            own.hold(content_lock(content_dir, note=note))
            _sync(*args, own, progress=progress)
            own.commit()


def _sync(
    issues: Sequence[Issue],
    views: Sequence[Any],
    questions: Sequence[Question],
    content_dir: Path,
    embed: Any,
    categories: Sequence[Category],
    note: Any,
    view_of: Any,
    min_size: int,
    changes: FileChanges | None,
    progress: Any = None,
) -> None:
    from kbgen.content import answers
    from kbgen.content import coverage as gaps
    from kbgen.content.entries import scan
    from kbgen.content.tags import choose_tags
    from kbgen.content.titles import curated_view

    entries: list[Entry] = []
    if content_dir.is_dir():
        entries, problems = scan(content_dir, list(categories))
        if problems:
            note(
                f"{len(problems)} problem(s) in {content_dir}; those files are left alone "
                "(run `kbgen check`)"
            )
    from kbgen.content import variants

    view_of = view_of or curated_view()  # the export's learned views, else our lists
    vectors = {str(e.path): embed(gaps.entry_phrasings(e)) for e in entries}
    fams = variants.families(entries)  # the variants of one issue are matched as one
    found = gaps.check(
        issues,
        views,
        [variants.as_one(f) for f in fams],
        [variants.family_vectors(f, vectors) for f in fams],
    )
    placer = None  # kbgen.content.categories.Categorizer, built on first use
    by_path = {str(e.path): e for e in entries}
    taken = {e.path for e in entries}
    langs = [variants.variant_langs(i, dominant_lang(i), min_size) for i in issues]
    # The plan the table shows, per language; writing follows it.
    curation.plan_actions(found, by_path, langs, variants.entry_lookup(entries))
    spread = answers.reply_spread(issues, questions) if changes is not None else None
    topics = np.stack([v.centroid for v in views]) if changes is not None and views else None
    for n, (issue, view, cov) in enumerate(zip(issues, views, found)):
        if progress is not None:
            progress(1)
        issue.coverage = cov
        if cov.status == "new":
            if placer is None:
                from kbgen.content.categories import Categorizer

                placer = Categorizer(categories, embed)
            cov.category = placer.place(view.centroid)
        if changes is None:
            continue
        part = variants.parts(issue, questions, [v.lang for v in cov.variants])
        ident = issue_id(issue)
        folder = None
        for k, var in enumerate(cov.variants):
            sub, lang = part[var.lang], var.lang
            ident = var.ident or ident
            if var.action == curation.CREATE:
                title = choose_title(sub, lang, questions, view_of)
                choice = answers.choose(
                    sub, questions, embed, lang, topics=topics, own=n, spread=spread
                )
                category = cov.category or OTHER
                if folder is None and var.ident and cov.path:  # next to the issue's article
                    folder = Path(str(cov.path)).parent
                draft = Draft(
                    issue_id=ident,
                    title=title,
                    category=category,
                    lang=lang,
                    body=(
                        answer_body(choice.answer)
                        if choice.answer
                        else todo_body(sub, choice.candidates)
                    ),
                    evidence=evidence_for(sub, questions, ident, title),
                    tags=choose_tags(sub, questions, lang, view_of),
                )
                path = _free_path(
                    folder or content_dir / draft.category, slug_for(sub, questions, draft), taken
                )
                folder = folder or path.parent
                taken.add(path)
                write_new(path, draft, changes)
                var.path, var.action = str(path), "created draft"
            elif var.action == curation.REFRESH:
                entry = by_path[str(var.path)]
                folder = folder or entry.path.parent
                evidence = evidence_for(sub, questions, ident, entry.title)
                problem = refresh_evidence(entry, evidence, changes)
                var.action = problem or "evidence refreshed"
                if problem:
                    note(problem)
            if k == 0:
                cov.path, cov.action = var.path or cov.path, var.action


def _free_path(folder: Path, slug: str, taken: set[Path]) -> Path:
    path, n = folder / f"{slug}.md", 2
    while path in taken or path.exists() or path.is_symlink():
        path, n = folder / f"{slug}-{n}.md", n + 1
    return path
