"""Review workflow: what waits for a content owner, and publishing an approved draft.

Publishing only changes the `status:` line, so the rest of the file (and the git diff) stays
exactly as the owner left it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

from kbgen.content.draft import TODO_MARKER
from kbgen.content.entries import Entry, Problem, read_entry, scan, split_front_matter
from kbgen.content.taxonomy import load_taxonomy
from kbgen.errors import ContentError
from kbgen.privacy import MASK
from kbgen.writes import FileChanges

_STATUS_LINE = re.compile(
    r"^status[ \t]*:[ \t]*[\"']?draft[\"']?[ \t]*(#[^\r\n]*)?(?=\r?$)", re.MULTILINE
)


_COMMENT = re.compile(r"<!--.*?-->", re.S)


def public_text_problems(entry: Entry) -> list[Problem]:
    """What a published entry must not show customers: kbgen's to-do list (an answer never
    written) and personal-data masks left in its title or answer (`<PHONE>` where a customer's
    number was). Public phrasings with masks are never shown, so they are not listed here."""
    out: list[Problem] = []
    if TODO_MARKER in entry.body:
        out.append(
            Problem(
                entry.path,
                entry.body_line,
                f"published, but the answer is still kbgen's to-do; write it and remove the "
                f"'{TODO_MARKER}' line, or set status: draft",
            )
        )
    for where, text in (("title", entry.title), ("answer", _COMMENT.sub(" ", entry.body))):
        masks = sorted(set(MASK.findall(text)))
        if masks and not (where == "answer" and out):
            out.append(
                Problem(
                    entry.path,
                    1 if where == "title" else entry.body_line,
                    f"the {where} shows a masked value ({', '.join(masks)}) to customers; "
                    "write what it should say or remove it",
                )
            )
    return out


def pending(content_dir: Path) -> list[Entry]:
    """Drafts waiting for review: the longest-standing issues first, then the biggest."""
    entries, _ = scan(content_dir)
    drafts = [e for e in entries if e.status == "draft"]

    def key(entry: Entry) -> tuple[dt.date, int, str]:
        first = entry.evidence.first_seen if entry.evidence else None
        return (first or dt.date.max, -entry.questions, str(entry.path))

    return sorted(drafts, key=key)


def publish(
    path: Path, *, force: bool = False, note: Callable[[str], None] = lambda message: None
) -> Entry:
    """Set `status: published` on one draft after checking it is ready for customers.

    Holds the content folder's lock, like every writer there (`note` hears about a wait).
    """
    from kbgen.content.lock import content_lock

    path = Path(path)
    if not path.is_file():
        raise ContentError(f"{path}: no such file")
    with FileChanges() as changes:
        changes.hold(content_lock(Path(os.path.abspath(path)).parent.parent, note=note))
        entry = _publish(path, force, changes)
        changes.commit()
    return entry


def _publish(path: Path, force: bool, changes: FileChanges) -> Entry:
    where = Path(os.path.abspath(path))  # a symlinked entry is read where it is linked
    content_dir = where.parent.parent
    categories = [c.slug for c in load_taxonomy(content_dir.parent)]
    entry, problems = read_entry(where, content_dir, categories)
    if entry is None:
        raise ContentError("; ".join(str(p) for p in problems[:3]) or f"{path}: invalid entry")
    if entry.status == "published":
        return entry
    if entry.status != "draft":
        raise ContentError(f"{path}: status is {entry.status!r}, only drafts are published")
    if TODO_MARKER in entry.body and not force:
        raise ContentError(
            f"{path}: the answer still has a kbgen to-do; finish it and remove the "
            f"'{TODO_MARKER}' line (or use --force)"
        )
    if not entry.body.strip():
        raise ContentError(f"{path}: the answer is empty")
    masked = [p for p in public_text_problems(entry) if "masked value" in p.message]
    if masked and not force:
        raise ContentError(f"{path}: {masked[0].message} (or use --force)")
    raw = path.read_bytes()
    text = raw.decode("utf-8")  # line endings kept as they are
    parts = split_front_matter(text)
    assert parts is not None  # read_entry checked it
    yaml_text = parts[0]
    new_yaml, count = _STATUS_LINE.subn(
        lambda m: "status: published" + (f" {m.group(1)}" if m.group(1) else ""), yaml_text, 1
    )
    if count != 1:
        raise ContentError(f"{path}: could not find a 'status: draft' line to change")
    start = text.index(yaml_text)
    changes.update(path, text[:start] + new_yaml + text[start + len(yaml_text) :], raw)
    entry.status = "published"
    return entry
