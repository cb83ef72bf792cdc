"""The owner's curation wins; hand-written help content is welcome; `--write` follows its plan."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.content import curation
from kbgen.content.coverage import OVERLAP, IssueView, check
from kbgen.content.draft import sync
from kbgen.content.entries import load_entries, split_front_matter
from kbgen.content.splice import outside_evidence
from kbgen.content.taxonomy import load_taxonomy
from kbgen.records import Issue, Question
from tests.conftest import REFUND, FakeEmbedder
from tests.test_drafts import drafted, suggest, write_tickets

# --- helpers -----------------------------------------------------------------------------------


def meta_of(path: Path) -> dict:
    parts = split_front_matter(path.read_text(encoding="utf-8"))
    assert parts is not None
    return yaml.safe_load(parts[0])


def refund_file(content: Path) -> Path:
    return next(p for p in content.rglob("*.md") if "refund" in p.read_text().lower())


def shifted_tickets(path: Path, month: int, count: int) -> Path:
    """Refund questions from another period (a later export), each asked once."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ticket_id", "created_at", "question", "answer"])
        for i in range(count):
            text = REFUND[i % len(REFUND)]
            writer.writerow([f"M{month}-{i}", f"2026-{month:02d}-{1 + i:02d}", text, ""])
    return path


def one_hot(text: str, dim: int = 512) -> np.ndarray:
    v = np.zeros(dim, dtype=np.float32)
    v[int(hashlib.sha256(text.encode()).hexdigest(), 16) % dim] = 1.0
    return v


def embed(texts: list[str]) -> np.ndarray:
    """Unrelated texts are orthogonal: only exact phrasings can match an issue to an article."""
    return np.stack([one_hot(t) for t in texts]) if texts else np.zeros((0, 512), np.float32)


# --- item 6: the owner's curation wins --------------------------------------------------------


def test_rerun_after_owner_edits_every_field(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    content = tmp_path / "content"
    code, _, _ = suggest(write_tickets(tmp_path / "t.csv"), content, "--write")
    assert code == 0
    first = refund_file(content)
    meta = meta_of(first)
    public = meta["also_asked"]  # the first draft seeds the owner's list with cleaned phrasings
    assert len(public) >= 3 and "also_asked" not in meta["kbgen"]
    assert all(not re.search(r"<[A-Z]+>|\{\{", p) for p in public)
    removed, kept = public[:2], public[2:]

    # The owner edits every kind of field and moves the entry to another category.
    text = first.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    yaml_text = text.split("\n---\n", 1)[0].removeprefix("---\n")
    owner = yaml.safe_load(yaml_text)
    owner.update(
        title="Refunds: how long do they take?",
        status="published",
        category="returns-refunds",
        tags=["refunds", "money back"],
        also_asked=[*kept, "Money back for my order"],
    )
    owner["kbgen"]["questions"] = 204  # a hand-set count
    edited = "---\n" + yaml.safe_dump(owner, allow_unicode=True, sort_keys=False) + "---\n"
    edited += body.replace(body.strip(), "Our reviewed answer:\n\n1. Send it back.\n2. Wait.")
    moved = content / "returns-refunds" / first.name
    moved.parent.mkdir(exist_ok=True)
    moved.write_text(edited, encoding="utf-8")
    first.unlink()

    # A rerun on a grown export with new phrasings: only the evidence block may change.
    code, data, _ = suggest(write_tickets(tmp_path / "t2.csv", extra=5), content, "--write")
    assert code == 0
    refund = next(i for i in data["issues"] if i["coverage"].get("path") == str(moved))
    assert refund["coverage"]["action"] == "evidence refreshed"
    after = moved.read_text(encoding="utf-8")
    assert outside_evidence(after) == outside_evidence(edited)  # every owner byte kept
    block = meta_of(moved)["kbgen"]
    assert block["questions"] == 204  # never silently shrinks
    assert block["last_seen"] == dt.date(2026, 11, 19)
    proposals = block.get("proposed", [])
    listed = {curation.match_key(p) for p in [*meta_of(moved)["also_asked"], *proposals]}
    for phrasing in removed:
        assert curation.match_key(phrasing) not in listed  # deleted: does not come back
    assert proposals, "the grown export brings new phrasings to propose"
    assert not set(proposals) & {*kept, *removed}

    # The owner deletes a proposal and takes another into the public list.
    taken, dropped = proposals[0], proposals[-1]
    owner2 = meta_of(moved)
    owner2["also_asked"] = [*owner2["also_asked"], taken]
    owner2["kbgen"]["proposed"] = [p for p in proposals if p not in (taken, dropped)]
    body2 = after.split("\n---\n", 1)[1]
    edited2 = "---\n" + yaml.safe_dump(owner2, allow_unicode=True, sort_keys=False)
    edited2 += "---\n" + body2
    moved.write_text(edited2, encoding="utf-8")
    code, _, _ = suggest(write_tickets(tmp_path / "t2.csv", extra=5), content, "--write")
    assert code == 0
    final = moved.read_text(encoding="utf-8")
    assert outside_evidence(final) == outside_evidence(edited2)
    again = meta_of(moved)["kbgen"].get("proposed", [])
    if taken != dropped:
        assert dropped not in again  # a deleted proposal stays deleted
    assert taken not in again  # an accepted one leaves the proposals
    assert len(drafted(content)) == 2  # recognised in its new folder: no duplicate


def test_counts_never_shrink_and_periods_add_up(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    suggest(write_tickets(tmp_path / "big.csv", extra=5), content, "--write")
    path = refund_file(content)
    assert meta_of(path)["kbgen"]["questions"] == 12
    code, data, _ = suggest(write_tickets(tmp_path / "small.csv"), content, "--write")
    assert code == 0
    block = meta_of(path)["kbgen"]
    assert block["questions"] == 12  # a smaller export of the same period: the larger count
    assert len(block["exports"]) == 2 and sorted(r["questions"] for r in block["exports"]) == [
        7,
        12,
    ]
    before = path.read_text(encoding="utf-8")
    suggest(write_tickets(tmp_path / "small.csv"), content, "--write")
    assert path.read_text(encoding="utf-8") == before  # the same export again changes nothing

    code, data, _ = suggest(shifted_tickets(tmp_path / "dec.csv", 12, 6), content, "--write")
    assert code == 0
    refund = [i for i in data["issues"] if i["coverage"].get("path") == str(path)]
    assert refund, data["issues"]
    block = meta_of(path)["kbgen"]
    assert block["questions"] == 12 + refund[0]["size"]  # a later period adds up
    assert block["last_seen"] == dt.date(2026, 12, 6)


def test_combined_count_rules() -> None:
    d = dt.date
    a = {"id": "a", "questions": 10, "first_seen": d(2026, 1, 1), "last_seen": d(2026, 1, 31)}
    b = {"id": "b", "questions": 14, "first_seen": d(2026, 1, 15), "last_seen": d(2026, 2, 10)}
    c = {"id": "c", "questions": 5, "first_seen": d(2026, 3, 1), "last_seen": d(2026, 3, 9)}
    assert curation.combined_count([a, b]) == 14
    assert curation.combined_count([a, b, c]) == 19
    assert curation.combined_count([a, {"id": "old", "questions": 204}]) == 204
    many = [
        {"id": f"m{i}", "questions": 1, "first_seen": d(2025, i, 1), "last_seen": d(2025, i, 2)}
        for i in range(1, 13)
    ]
    folded = curation._fold([*many, c])
    assert len(folded) == curation.MAX_EXPORTS
    assert curation.combined_count(folded) == 17  # folding loses nothing


def test_older_entry_keeps_its_list_and_migrates(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    article = content / "returns-refunds" / "refunds.md"
    article.parent.mkdir(parents=True)
    legacy = [REFUND[1], "my email is <EMAIL> refund pls"]  # the owner deleted the rest
    article.write_text(
        "---\ntitle: How do I get a refund for my order?\nstatus: published\n"
        "category: returns-refunds\nlang: en\nkbgen:\n  issue: i-old\n  questions: 30\n"
        "  also_asked:\n" + "".join(f"  - {q}\n" for q in legacy) + "---\nAnswer.\n",
        encoding="utf-8",
    )
    [entry] = load_entries(content)
    assert entry.also_asked == legacy  # the site shows the older list as it stands
    before = article.read_text(encoding="utf-8")
    code, _, _ = suggest(write_tickets(tmp_path / "t.csv"), content, "--write")
    assert code == 0
    after = article.read_text(encoding="utf-8")
    assert outside_evidence(after) == outside_evidence(before)
    block = meta_of(article)["kbgen"]
    assert block["also_asked"] == legacy and block["questions"] == 30 and block["issue"] == "i-old"
    assert len(block["seen"]) >= len(legacy)

    # The owner moves the list to the top level: the block stops carrying it.
    moved = after.replace("status: published\n", f"status: published\nalso_asked: [{REFUND[1]}]\n")
    article.write_text(moved, encoding="utf-8")
    suggest(write_tickets(tmp_path / "t.csv"), content, "--write")
    block = meta_of(article)["kbgen"]
    assert "also_asked" not in block
    [entry] = [e for e in load_entries(content) if e.path == article]
    assert entry.also_asked == [REFUND[1]]


# --- item 7: existing help content is welcome ---------------------------------------------------

HAND_WRITTEN = {
    "getting-started/reset-password.md": "# How do I reset my password?\n\nOpen Settings.\n",
    "orders/track-order.md": "---\ntitle: Where is my order?\ntags: [tracking]\n---\nSee it.\n",
    "returns-refunds/khuen-ngoen.md": "คืนเงินภายในเจ็ดวันหลังได้รับสินค้า\n",
}


def put_hand_written(content: Path) -> dict[Path, bytes]:
    for rel, text in HAND_WRITTEN.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    return {p: p.read_bytes() for p in content.rglob("*.md")}


def test_check_accepts_hand_written_files_and_says_what_it_assumed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "account").mkdir(parents=True)
    (content / "account" / "email.md").write_bytes(
        "\ufeff# Can I change my e-mail?\r\n\r\nYes, in Settings.\r\n".encode()
    )
    before = put_hand_written(content)
    out = CliRunner().invoke(cli, ["check", str(content)])
    assert out.exit_code == 0, out.output
    assert "4 entries OK (4 published)" in out.stdout
    assert "email.md: note: assumed title 'Can I change my e-mail?' (first heading)" in out.stderr
    notes = out.stderr
    assert (
        "reset-password.md: note: assumed title 'How do I reset my password?' (first heading)"
        in notes
    )
    assert "status published (hand-written)" in notes
    assert "category 'getting-started' (its folder)" in notes
    assert "khuen-ngoen.md: note: assumed title 'Khuen ngoen' (file name)" in notes
    assert "lang th (detected)" in notes
    assert "track-order.md: note: assumed status published" in notes
    assert "'tracking'" not in notes  # fields the file has are not "assumed"
    assert "getting-started/: note: not a category in kbgen.toml yet" in notes
    assert "'Getting started'" in notes
    assert {p: p.read_bytes() for p in content.rglob("*.md")} == before
    by_slug = {e.slug: e for e in load_entries(content)}
    assert by_slug["reset-password"].body == "Open Settings.\n"  # the heading is the title
    assert by_slug["khuen-ngoen"].lang == "th" and by_slug["track-order"].tags == ["tracking"]
    assert by_slug["email"].body.strip() == "Yes, in Settings."


def test_build_publishes_hand_written_files_and_only_public_phrasings(tmp_path: Path) -> None:
    from conftest_site import make_project

    from kbgen.site import build_site

    config = make_project(tmp_path)
    content = tmp_path / "content"
    put_hand_written(content)
    (content / "returns-refunds" / "refund-time.md").write_text(
        "---\ntitle: How long does a refund take?\nstatus: published\ncategory: returns-refunds\n"
        "lang: en\nalso_asked:\n- When will my refund come\nkbgen:\n  issue: i-1\n"
        "  questions: 9\n  proposed:\n  - refund still not here\n---\nFive working days.\n",
        encoding="utf-8",
    )
    before = {p: p.read_bytes() for p in content.rglob("*.md")}
    result = build_site(
        tmp_path, config_file=config, strict=True, embedder=FakeEmbedder(), quiet=True
    )
    site = result.site_dir
    page = (site / "getting-started/reset-password/index.html").read_text(encoding="utf-8")
    assert page.count("How do I reset my password?</h1>") == 1 and "Open Settings." in page
    assert (site / "orders/track-order/index.html").is_file()
    assert (site / "th/returns-refunds/khuen-ngoen/index.html").is_file()  # Thai pages
    assert "Getting started" in (site / "index.html").read_text(encoding="utf-8")
    refund = (site / "returns-refunds/refund-time/index.html").read_text(encoding="utf-8")
    assert "When will my refund come" in refund  # the owner's public list
    assert "refund still not here" not in refund  # proposals are not public
    assert {p: p.read_bytes() for p in content.rglob("*.md")} == before


# --- item 5: --write follows its own plan --------------------------------------------------------


def article(content: Path, rel: str, phrasings: list[str], questions: int, **extra: str) -> Path:
    meta = {"title": phrasings[0] + "?", "status": "published", "category": rel.split("/")[0],
            "lang": "en", "also_asked": phrasings, **extra,
            "kbgen": {"issue": "i-" + rel.split("/")[1][:-3], "questions": questions}}  # fmt: skip
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\nAnswer.\n")
    return path


def make_issue(number: int, size: int, examples: list[str], questions: list[Question]) -> Issue:
    start = len(questions)
    for j, text in enumerate(examples):
        when = dt.datetime(2026, 11, 1 + number, 9)
        questions.append(Question(start + j, text, id=f"T{number}-{j}", time=when, lang="en"))
    members = list(range(start, len(questions)))
    return Issue(number, size, 0.1, examples[0], ["k"], members=members, examples=examples)


def test_write_follows_the_plan_for_every_status(tmp_path: Path) -> None:
    content = tmp_path / "content"
    covered = ["where is my parcel", "parcel not arrived", "track my parcel"]
    update = ["change delivery address", "wrong delivery address"]
    merged_c, merged_d = ["cancel my order", "stop my order"], ["cancel a subscription", "end plan"]
    split = ["reset my password", "forgot my password", "password link expired"]
    paths = {
        "covered": article(content, "orders/parcel.md", covered, 10),
        "update": article(content, "orders/address.md", update, 10),
        "merged": article(content, "orders/cancel.md", merged_c, 10),
        "other": article(content, "account/plan.md", merged_d, 10),
        "split": article(content, "account/password.md", split, 10),
    }
    hand = content / "shipping-delivery" / "customs.md"  # no status/lang: written by hand
    hand.parent.mkdir(parents=True)
    hand.write_text(
        "---\ntitle: Customs fees\nalso_asked: [customs fee abroad, duty charged]\n---\nX\n"
    )
    paths["hand"] = hand
    questions: list[Question] = []
    issues = [
        make_issue(1, 11, covered, questions),
        make_issue(2, 30, [*update, "update my delivery address"], questions),
        make_issue(3, 40, [*merged_c, *merged_d], questions),
        make_issue(4, 50, split, questions),
        make_issue(5, 5, [split[0], split[1], "password email missing"], questions),
        make_issue(6, 8, ["gift cards sold in japan", "japanese gift card"], questions),
        make_issue(7, 9, ["customs fee abroad", "duty charged"], questions),
    ]
    views = [IssueView(one_hot(f"issue-{i.number}"), i.examples) for i in issues]
    categories = load_taxonomy(tmp_path)
    before = {name: p.read_bytes() for name, p in paths.items()}

    sync(issues, views, questions, content, embed, categories, write=False)
    plan = [(i.coverage.status, i.coverage.path, i.coverage.action) for i in issues]
    assert [p[0] for p in plan] == [
        "covered",
        "update",
        "merged",
        "update",
        "split",
        "new",
        "covered",
    ]
    assert plan[2][1] == str(paths["merged"]) and plan[4][1] == str(paths["split"])
    assert plan[3][1] == str(paths["split"])  # issue 4 owns the article issue 5 splits from
    assert plan[6][2].startswith("none (front matter incomplete")
    assert {p.read_bytes() for p in paths.values()} == set(before.values())  # a plan writes nothing

    sync(issues, views, questions, content, embed, categories, write=True)
    done = [i.coverage.action for i in issues]
    for (status, _, planned), action in zip(plan, done):
        expected = {"create draft": "created draft", "refresh evidence": "evidence refreshed"}
        assert action == expected.get(planned, planned), (status, planned, action)

    def block(name: str) -> dict:
        return meta_of(paths[name])["kbgen"]

    def sources(name: str) -> set[str]:
        return {s.split("-")[0] for s in block(name).get("sources", [])}

    assert sources("covered") == {"T1"} and block("covered")["questions"] == 11
    assert sources("update") == {"T2"} and block("update")["questions"] == 30
    assert sources("merged") == {"T3"} and block("merged")["questions"] == 40
    assert paths["other"].read_bytes() == before["other"]  # merged-in article left as it is
    assert sources("split") == {"T4"} and block("split")["questions"] == 50  # never issue 5's
    assert hand.read_bytes() == before["hand"]
    created = Path(issues[5].coverage.path)
    assert created.is_file() and {
        s.split("-")[0] for s in meta_of(created)["kbgen"]["sources"]
    } == {"T6"}
    for name in ("covered", "update", "merged", "split"):  # owner fields untouched
        text = paths[name].read_text()
        assert outside_evidence(text) == outside_evidence(before[name].decode())


def _entry_vectors(entries: list) -> list[np.ndarray]:
    from kbgen.content.coverage import entry_phrasings

    return [embed(entry_phrasings(e)) for e in entries]


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("อยากคืนสินค้าต้องทำยังไง", "แอดมินคะ อยากคืนสินค้าต้องทำยังไงคะ ขอบคุณล่วงหน้าค่ะ"),
        ("請問香港有實體店嗎", "请问香港有实体店吗"),  # Traditional article, Simplified question
        ("请问香港有实体店吗", "請問香港有實體店嗎？"),
    ],
)
def test_articles_are_recognised_across_languages_and_scripts(
    tmp_path: Path, listed: str, asked: str
) -> None:
    content = tmp_path / "content"
    article(content, "other/store.md", ["Do you have a shop?", listed], 3)
    article(content, "other/unrelated.md", ["Can I pay by cheque?"], 3)
    entries = load_entries(content)
    examples = [f"Is there a store I can visit near station {n}" for n in "ABCDEF"] + [asked]
    issue = Issue(1, 40, 0.2, examples[0], ["k"], examples=examples, by_lang={"th": asked})
    assert 1 / len(examples) < OVERLAP  # one listed phrasing of many: its central one decides
    [cov] = check(
        [issue], [IssueView(one_hot("elsewhere"), examples)], entries, _entry_vectors(entries)
    )
    assert cov.status in {"covered", "update"} and cov.path == str(content / "other/store.md")


def test_clean_phrasings_drop_wrappers_masks_and_ids() -> None:
    found = curation.candidates(
        [
            "Hi there, app freezes on the payment page after updating",
            "my email is <EMAIL> pls reset",
            "I need help canceling purchase 732201349959",
            "Reset password",
            "reset password!",
        ],
        title="How do I reset my password?",
    )
    assert found[0] == "App freezes on the payment page after updating"
    assert not any("<EMAIL>" in f or "7322" in f for f in found)
    assert sum(f.lower().startswith("reset password") for f in found) == 1
