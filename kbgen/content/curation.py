"""Who owns what in an entry: the owner curates, kbgen measures.

The owner's fields are the title, the answer, tags, status, category and the public phrasings
(a top-level ``also_asked`` list, shown on the site as "Also asked as"). kbgen writes them once,
when it creates a draft, and never again. Everything kbgen learns later goes into its own
``kbgen:`` evidence block:

- ``questions``, ``first_seen``, ``last_seen``: totals over every export kbgen has seen, from
  ``exports`` (one record per export, keyed by a hash of the export's content). Exports whose
  date ranges overlap are assumed to hold the same tickets, so the larger count stands for
  them; exports of separate periods add up. A count therefore never shrinks: a rerun on a
  smaller or older export, or a hand-set ``questions``, keeps the larger figure.
- ``proposed``: new phrasings customers used, for the owner to copy into ``also_asked`` or to
  delete. ``seen`` keeps a short hash of every phrasing kbgen has shown (seeded or proposed) and
  of every public one: a phrasing the owner deleted, from either list, is never proposed again.
- ``sources``: sample ticket ids.

Older entries kept their public phrasings in ``kbgen.also_asked``. Such a list is the owner's
now: it is carried over as it stands (never refilled from the tickets) until the owner moves it
to a top-level ``also_asked``, after which the block stops carrying it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from kbgen.records import Issue, Question

MAX_PUBLIC = 10  # phrasings seeded into a new draft's public list
MAX_PROPOSED = 5  # proposals waiting in the evidence block at any time
MAX_SOURCES = 20
MAX_EXPORTS = 12  # older export records are folded together beyond this
MAX_SEEN = 400
_MASK = re.compile(r"<[A-Z][A-Z_]*>|\{\{[^{}]{0,60}\}\}")
_LONG_NUMBER = re.compile(r"\d[\d\- ]{4,}\d")  # order numbers, phone numbers, ids
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_EDGE_PUNCT = " \t.,;:!?。，！？、…"


# --- phrasings ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _intent_model() -> Any:
    from kbgen.intent.view import IntentModel

    return IntentModel()


def clean_phrasing(text: str) -> str:
    """A customer's phrasing fit to show publicly, or "" when none is.

    Greetings and sign-offs at the edges go (the intent view's curated wrappers); a phrasing
    that still holds a mask, a template placeholder or a long number is dropped, not patched.
    """
    plain = " ".join(unicodedata.normalize("NFC", text).split())
    if not plain:
        return ""
    try:
        view = _intent_model().view(plain).text
    except Exception:  # the view is a nicety here; a failure must not stop drafting
        view = plain
    view = " ".join(view.split())
    if view and view.rstrip(_EDGE_PUNCT).casefold() in plain.casefold():
        plain = view  # only edges were cut: the customer's own words remain
    if _MASK.search(plain) or _LONG_NUMBER.search(plain) or not 3 <= len(plain) <= 200:
        return ""
    return plain[:1].upper() + plain[1:] if plain[:1].isascii() else plain


def phrase_key(text: str) -> str:
    """Phrasings that differ only in width, case, spacing, end punctuation or Chinese script
    (Traditional vs Simplified) are the same phrasing."""
    key = " ".join(unicodedata.normalize("NFKC", text).casefold().split()).strip(_EDGE_PUNCT)
    if _HAN.search(key):
        from kbgen.intent.lang import to_simplified

        key = to_simplified(key)
    return key


def match_key(text: str) -> str:
    """The key a raw customer message and its cleaned public form share."""
    return phrase_key(clean_phrasing(text) or text)


def phrase_hash(text: str) -> str:
    return hashlib.sha256(match_key(text).encode("utf-8")).hexdigest()[:10]


def candidates(examples: Iterable[str], title: str) -> list[str]:
    """The issue's phrasings, cleaned, without duplicates or the title itself."""
    seen = {match_key(title)}
    out = []
    for example in examples:
        clean = clean_phrasing(example)
        key = phrase_key(clean)
        if clean and key not in seen:
            seen.add(key)
            out.append(clean)
    return out


# --- counts ------------------------------------------------------------------------------------


_last_export: list[Any] = [None, ""]  # (questions, id): one sync measures many issues


def export_id(questions: Sequence[Question]) -> str:
    """Names an export by its content: the same file read twice gets the same id."""
    if _last_export[0] is questions:
        return str(_last_export[1])
    digest = hashlib.sha256()
    for q in questions:
        stamp = q.time.isoformat() if q.time is not None else ""
        digest.update(f"{q.id or ''}\x1f{stamp}\x1f{q.text}\x1e".encode())
    _last_export[:] = [questions, "e-" + digest.hexdigest()[:10]]
    return str(_last_export[1])


def _date(value: Any) -> dt.date | None:
    """A fresh date object (a shared one would be written as a YAML anchor and alias)."""
    from kbgen.content.entries import as_date  # entries imports this module lazily

    day = as_date(value)
    return None if day is None else dt.date(day.year, day.month, day.day)


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def combined_count(records: Sequence[dict[str, Any]]) -> int:
    """Exports of overlapping periods count once (the largest); separate periods add up.

    A record without dates could cover any period, so it overlaps everything.
    """
    dated = [r for r in records if _date(r.get("first_seen")) and _date(r.get("last_seen"))]
    undated = max((_count(r.get("questions")) for r in records if r not in dated), default=0)
    dated.sort(key=lambda r: _date(r["first_seen"]))  # type: ignore[arg-type, return-value]
    total, run_max, run_end = 0, 0, None
    for r in dated:
        start, end = _date(r["first_seen"]), _date(r["last_seen"])
        if run_end is not None and start > run_end:  # type: ignore[operator]
            total, run_max, run_end = total + run_max, 0, None
        run_max = max(run_max, _count(r.get("questions")))
        run_end = end if run_end is None else max(run_end, end)  # type: ignore[type-var]
    return max(total + run_max, undated)


def _fold(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most MAX_EXPORTS records: the oldest are folded into one `earlier` record."""
    while len(records) > MAX_EXPORTS:
        records.sort(key=lambda r: str(r.get("last_seen") or ""))
        a, b = records[0], records[1]
        firsts = [d for d in (_date(a.get("first_seen")), _date(b.get("first_seen"))) if d]
        lasts = [d for d in (_date(a.get("last_seen")), _date(b.get("last_seen"))) if d]
        folded: dict[str, Any] = {"id": "earlier", "questions": combined_count([a, b])}
        if firsts and lasts:
            folded["first_seen"], folded["last_seen"] = min(firsts), max(lasts)
        records[:2] = [folded]
    return records


# --- the evidence block -------------------------------------------------------------------------


def measure(
    issue: Issue, questions: Sequence[Question], ident: str, title: str, export: str | None = None
) -> dict[str, Any]:
    """What this run measured for one issue: its count and dates in this export, sample
    sources, and its phrasings (under `candidates`, which the block never stores)."""
    members = [questions[i] for i in issue.members]
    times = sorted(q.time for q in members if q.time is not None)
    record: dict[str, Any] = {"id": export or export_id(questions), "questions": issue.size}
    if times:
        record["first_seen"], record["last_seen"] = _date(times[0]), _date(times[-1])
    return {
        "issue": ident,
        "export": record,
        "sources": [q.id for q in members if q.id][:MAX_SOURCES],
        "candidates": candidates(issue.examples, title),
    }


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _block(
    ident: str,
    records: list[dict[str, Any]],
    floor: int,
    proposed: list[str],
    seen: list[str],
    sources: list[str],
    legacy: list[str] | None = None,
) -> dict[str, Any]:
    firsts = [d for r in records if (d := _date(r.get("first_seen")))]
    lasts = [d for r in records if (d := _date(r.get("last_seen")))]
    block: dict[str, Any] = {"issue": ident, "questions": max(combined_count(records), floor)}
    if firsts and lasts:
        block["first_seen"], block["last_seen"] = min(firsts), max(lasts)
    if legacy is not None:
        block["also_asked"] = legacy
    block["exports"] = records
    if proposed:
        block["proposed"] = proposed
    block["seen"] = sorted(seen)[-MAX_SEEN:] if len(seen) > MAX_SEEN else sorted(seen)
    if sources:
        block["sources"] = sources
    return block


def first_evidence(measured: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(evidence block, public phrasings) for a new draft: the cleaned phrasings seed the
    owner's list, the next few wait as proposals."""
    found = measured["candidates"]
    public, proposed = found[:MAX_PUBLIC], found[MAX_PUBLIC : MAX_PUBLIC + MAX_PROPOSED]
    seen = _unique(phrase_hash(p) for p in public + proposed)
    block = _block(measured["issue"], [measured["export"]], 0, proposed, seen, measured["sources"])
    return block, public


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def merge(
    old: dict[str, Any] | None, measured: dict[str, Any], public: list[str] | None
) -> dict[str, Any]:
    """The refreshed evidence block of an existing entry.

    `old` is the block as the file holds it (the owner may have edited it); `public` is the
    owner's top-level `also_asked`, None when the file has none. Nothing the owner removed comes
    back, and no count goes down.
    """
    old = old if isinstance(old, dict) else {}
    ident = old.get("issue") if isinstance(old.get("issue"), str) else measured["issue"]
    legacy = None
    if public is None and "also_asked" in old:  # an older entry: its list is the owner's
        legacy = _strings(old.get("also_asked"))
    shown = public if public is not None else (legacy or [])
    records = [r for r in old.get("exports") or [] if isinstance(r, dict)]
    floor = _count(old.get("questions"))
    if not records and floor:  # an older block, or one the owner wrote: it stands as a record
        base: dict[str, Any] = {"id": "earlier", "questions": floor}
        first, last = _date(old.get("first_seen")), _date(old.get("last_seen"))
        if first and last:
            base["first_seen"], base["last_seen"] = first, last
        records = [base]
    new = measured["export"]
    same = next((r for r in records if r.get("id") == new["id"]), None)
    if same is None:
        records = _fold([*records, new])
    elif _count(new.get("questions")) > _count(same.get("questions")):
        same.update(new)
    seen = set(_strings(old.get("seen")))
    kept = _strings(old.get("proposed"))
    seen.update(phrase_hash(p) for p in [*shown, *kept])
    public_keys = {match_key(p) for p in shown}
    proposed = [p for p in kept if match_key(p) not in public_keys]  # accepted ones leave
    for phrasing in measured["candidates"]:
        if len(proposed) >= MAX_PROPOSED:
            break
        mark = phrase_hash(phrasing)
        if mark not in seen and match_key(phrasing) not in public_keys:
            proposed.append(phrasing)
            seen.add(mark)
    sources = _unique([*measured["sources"], *_strings(old.get("sources"))])[:MAX_SOURCES]
    block = _block(ident, records, floor, proposed, sorted(seen), sources, legacy)
    for key, value in old.items():  # keys kbgen does not manage (fingerprint, notes) stay
        if key not in block and key not in ("also_asked", "proposed"):
            block[key] = value
    return block


def split_public(evidence: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(evidence without public phrasings, public phrasings) of a new draft's evidence dict;
    an evidence dict in the older shape (`also_asked` inside) is converted."""
    if "candidates" in evidence:
        return first_evidence(evidence)
    rest = {k: v for k, v in evidence.items() if k != "also_asked"}
    public = _strings(evidence.get("also_asked"))
    if public:
        rest["seen"] = sorted(_unique([*_strings(rest.get("seen")), *map(phrase_hash, public)]))
    return rest, public


# --- the write plan ---------------------------------------------------------------------------

CREATE = "create draft"
REFRESH = "refresh evidence"
ACTIONS = {
    "new": CREATE,
    "covered": REFRESH,
    "update": REFRESH,
    "merged": REFRESH,
    "split": "none (review by hand)",
}


def plan_actions(
    found: Sequence[Any],
    entries: dict[str, Any],
    langs: Sequence[Sequence[str]] | None = None,
    family: Any = None,
) -> None:
    """Set each Coverage's action: the table shows it and `--write` does exactly that.

    Only the issue an article belongs to refreshes its evidence (a split issue never does),
    an article is refreshed at most once per run, and files written by hand without full
    front matter are never touched. With `langs` (per issue, the languages that get a variant,
    the primary first; see kbgen.content.variants) and `family` (path -> the entries sharing
    its issue id), each Coverage also gets its per-language `variants`, the primary's action
    and path mirrored in the Coverage's own.
    """
    targets: set[str] = set()
    for cov in found:
        cov.action = ACTIONS.get(cov.status, "none")
        if cov.action != REFRESH:
            continue
        entry = entries.get(str(cov.path))
        if entry is None:
            cov.action = "none (article not readable)"
        elif entry.assumed:
            cov.action = "none (front matter incomplete: left as written, see kbgen check)"
        elif str(cov.path) in targets:
            cov.action = "none (another issue refreshes this article)"
        else:
            targets.add(str(cov.path))
    if langs is None:
        return
    from kbgen.content.variants import plan

    for cov, issue_langs in zip(found, langs):
        cov.variants = plan(cov, issue_langs, family(cov.path), targets, CREATE, REFRESH)
        if cov.variants:
            cov.action, cov.path = cov.variants[0].action, cov.variants[0].path or cov.path


# --- what `kbgen check` assumed -----------------------------------------------------------------


def folder_name(slug: str) -> str:
    """A category name for a folder that is not in the taxonomy: `getting-started` ->
    "Getting started"."""
    words = slug.replace("_", "-").split("-")
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:]
