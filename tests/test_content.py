"""The content model: reading entries, reporting problems with file and line, the taxonomy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_site import REPO, write_entry

from kbgen.cli import cli
from kbgen.content.entries import load_entries, scan, validate
from kbgen.content.taxonomy import DEFAULT_CATEGORIES, LANGS, load_taxonomy
from kbgen.errors import ContentError

GOOD = """---
title: How do I get a refund?
status: published
category: returns-refunds
tags: [refund, payment]
lang: en
kbgen:
  issue: i-3f9a2c
  questions: 412
  first_seen: 2026-09-01
  last_seen: 2026-11-18
  also_asked: ["Where's my refund?", "退款什么时候到账"]
  sources: ["T-1001", "T-1002"]
---
Refunds take **5 days**.
"""


def put(content: Path, rel: str, text: str) -> Path:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_a_full_entry(tmp_path: Path) -> None:
    put(tmp_path, "returns-refunds/get-refund.md", GOOD)
    [entry] = load_entries(tmp_path)
    assert entry.slug == "get-refund"
    assert entry.title == "How do I get a refund?"
    assert entry.tags == ["refund", "payment"]
    assert entry.lang == "en" and entry.status == "published"
    assert entry.evidence is not None
    assert entry.evidence.questions == 412 == entry.questions
    assert entry.evidence.first_seen == dt.date(2026, 9, 1)
    assert entry.also_asked == ["Where's my refund?", "退款什么时候到账"]
    assert entry.evidence.sources == ["T-1001", "T-1002"]
    assert entry.body.strip() == "Refunds take **5 days**."
    assert entry.body_line == 15


def test_hand_written_entry_needs_no_evidence(tmp_path: Path) -> None:
    write_entry(tmp_path, "account", "delete", "How do I delete my account?", "Go to settings.\n")
    [entry] = load_entries(tmp_path)
    assert entry.evidence is None and entry.questions == 0 and entry.also_asked == []


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("status: published", "status: live", 3, "'status' is 'live'"),
        ("lang: en", "lang: fr", 6, "'lang' is 'fr'"),
        ("category: returns-refunds", "category: orders", 4, "does not match folder"),
        ("title: How do I get a refund?", "title: 42", 2, "'title' is required"),
        ("tags: [refund, payment]", "tags: refund", 5, "'tags' must be a list"),
        ("questions: 412", "questions: many", 9, "'kbgen.questions'"),
        ("first_seen: 2026-09-01", "first_seen: soon", 10, "'kbgen.first_seen'"),
        ('also_asked: ["Where', 'also_asked: [1, "Where', 12, "'kbgen.also_asked'"),
        ("issue: i-3f9a2c", "issue: [1]", 8, "'kbgen.issue'"),
        ("lang: en\n", "lang:\n", 6, "'lang' is None"),
        ("tags: [refund, payment]", "tags: [refund, payment", 6, "malformed front matter"),
    ],
)
def test_problems_carry_path_and_line(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    assert old in GOOD
    path = put(tmp_path, "returns-refunds/get-refund.md", GOOD.replace(old, new, 1))
    problems = validate(tmp_path)
    assert problems, "expected a problem"
    assert any(p.path == path and p.line == line and message in p.message for p in problems), [
        str(p) for p in problems
    ]
    with pytest.raises(ContentError, match="kbgen check"):
        load_entries(tmp_path)


def test_structural_problems(tmp_path: Path) -> None:
    put(tmp_path, "orders/no-front-matter.md", "Just text\n")
    put(tmp_path, "orders/unclosed.md", "---\ntitle: x\n")
    put(tmp_path, "top-level.md", GOOD)
    put(tmp_path, "made-up/entry.md", GOOD.replace("returns-refunds", "made-up"))
    put(tmp_path, "orders/Bad_Name.md", GOOD.replace("returns-refunds", "orders"))
    put(
        tmp_path,
        "orders/empty.md",
        GOOD.replace("returns-refunds", "orders")
        .split("---\nRef")[0]
        .replace("i-3f9a2c", "i-other")
        + "---\n",
    )
    msgs = [str(p) for p in validate(tmp_path)]
    joined = "\n".join(msgs)
    assert "no-front-matter.md" not in joined  # hand-written: defaults (tests/test_curation.py)
    assert "made-up/entry.md" not in joined  # a new folder becomes a category
    assert "unclosed.md:1: front matter is not closed" in joined
    assert "top-level.md:1: entries must live in content/<category>/<entry>.md" in joined
    assert "Bad_Name.md:1: file name" in joined
    assert "empty.md:14: published entry has no answer" in joined


def test_duplicate_issue_ids_and_status_filter(tmp_path: Path) -> None:
    put(tmp_path, "returns-refunds/a.md", GOOD)
    put(tmp_path, "returns-refunds/b.md", GOOD)
    problems = validate(tmp_path)
    assert len(problems) == 1 and "also used by" in problems[0].message
    put(
        tmp_path,
        "returns-refunds/b.md",
        GOOD.replace("i-3f9a2c", "i-2").replace("status: published", "status: draft"),
    )
    assert [e.slug for e in load_entries(tmp_path, statuses=["published"])] == ["a"]
    assert len(load_entries(tmp_path)) == 2


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    put(
        tmp_path,
        "orders/evil.md",
        GOOD.replace(
            "title: How do I get a refund?", "title: !!python/object/apply:os.system ['echo hi']"
        ),
    )
    problems = validate(tmp_path)
    assert any("malformed front matter" in p.message for p in problems)


def test_taxonomy_defaults_and_project_override(tmp_path: Path) -> None:
    cats = load_taxonomy(tmp_path)
    assert [c.slug for c in cats] == [
        "orders",
        "shipping-delivery",
        "returns-refunds",
        "billing-payments",
        "account",
        "contact",
        "other",
    ]
    for cat in DEFAULT_CATEGORIES:
        assert set(cat.description) == set(LANGS) and all(cat.description.values())
    (tmp_path / "kbgen.toml").write_text(
        '[[categories]]\nslug = "orders"\nname = "Your orders"\ndescription = "Orders."\n'
        '[[categories]]\nslug = "gift-cards"\nname = "Gift cards"\n'
        '[categories.description]\nen = "Gift cards."\nth = "บัตรของขวัญ"\n',
        encoding="utf-8",
    )
    cats = {c.slug: c for c in load_taxonomy(tmp_path)}
    assert cats["orders"].name == "Your orders" and cats["orders"].describe("th") == "Orders."
    assert cats["gift-cards"].describe("th") == "บัตรของขวัญ"
    (tmp_path / "kbgen.toml").write_text('[[categories]]\nslug = "Bad Slug"\nname = "x"\n')
    with pytest.raises(ContentError, match="slug"):
        load_taxonomy(tmp_path)


def test_kbgen_toml_category_accepted_by_validator(tmp_path: Path) -> None:
    (tmp_path / "kbgen.toml").write_text('[[categories]]\nslug = "gift-cards"\nname = "Gift"\n')
    content = tmp_path / "content"
    write_entry(content, "gift-cards", "expiry", "Do gift cards expire?", "No.\n")
    assert validate(content) == []


def test_check_command(tmp_path: Path) -> None:
    runner = CliRunner()
    put(tmp_path, "returns-refunds/get-refund.md", GOOD)
    ok = runner.invoke(cli, ["check", str(tmp_path)])
    assert ok.exit_code == 0 and ok.output.strip() == "1 entries OK (1 published)"
    put(
        tmp_path,
        "returns-refunds/bad.md",
        GOOD.replace("lang: en", "lang: xx").replace("i-3f9a2c", "i-9"),
    )
    bad = runner.invoke(cli, ["check", str(tmp_path)])
    assert bad.exit_code == 1
    assert f"{tmp_path / 'returns-refunds' / 'bad.md'}:6: 'lang' is 'xx'" in bad.output
    assert "Traceback" not in bad.output
    missing = runner.invoke(cli, ["check", str(tmp_path / "nope")])
    assert missing.exit_code == 1 and "content folder not found" in missing.output


def test_repo_sample_content_is_valid() -> None:
    entries, problems = scan(REPO / "content")
    assert problems == []
    published = [e for e in entries if e.status == "published"]
    assert len(published) >= 12
    assert {e.lang for e in published} == set(LANGS)
    assert any(e.status == "draft" for e in entries)
