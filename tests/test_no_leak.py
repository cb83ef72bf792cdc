"""Nothing leaks: tickets full of personal data go through `suggest --write` and `build`, and
none of it appears in content/, site/, the embedding cache or the assignments file."""

from __future__ import annotations

import html
import json
import re
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kbgen.cli import cli
from tests.conftest import FakeEmbedder
from tests.conftest_site import make_project

# Fictional personal data, each in a shape the redactor masks or a reader drops.
EMAILS = ["jane.doe@example.com", "wang.xiaoming@example.com", "somchai@example.com"]
PHONES = ["+1 415 555 0132", "13800138000", "081 234 5678", "0912 345 678"]
SECRETS = [
    *EMAILS,
    *PHONES,
    "4111 1111 1111 1111",  # test card
    "11010519491231002X",  # Chinese resident id (valid checksum)
    "1234567890121",  # Thai id (valid checksum)
    "GB82 WEST 1234 5698 7654 32",  # IBAN
    "203.0.113.77",  # IP address
    "reset?token=9f8e7d6c5b4a39281706",  # credentials in a URL
    "732201349959",  # order number (shaped like no phone, so only its context masks it)
    "SL2449578",  # order code written "#SL2449578"
]
# Only in metadata (requester, signature, quoted history): readers never take them.
NAMES = ["Jane Doe", "王小明", "สมชาย ใจดี", "Quentin Quoted"]

# Three recurring issues with strong wording overlap, so the fake embedder groups them.
ISSUES = {
    "refund": "I returned my order two weeks ago and I still have not received my refund",
    "password": "I forgot my password and the reset email never arrives, I cannot log in",
    "parcel": "My parcel shows delivered but I have not received the parcel at my address",
}
CONTACT = [
    "please email me at {email} or call {phone}",
    "my card is 4111 1111 1111 1111, phone {phone}",
    "身份证 11010519491231002X，手机 13800138000，邮箱 {email}",
    "เลขบัตรประชาชน 1234567890121 โทร 081 234 5678 ออเดอร์ #SL2449578",
    "order 732201349959, refund to IBAN GB82 WEST 1234 5698 7654 32 thanks, {email}",
    "my IP is 203.0.113.77 and the link was https://shop.example.com/reset?token=9f8e7d6c5b4a39281706",
]


def tickets() -> list[tuple[str, str, str]]:
    """(subject, body, requester e-mail) for 18 tickets: 6 per issue, each with personal data."""
    out = []
    for n, (topic, text) in enumerate(ISSUES.items()):
        for i, contact in enumerate(CONTACT):
            email, phone = EMAILS[(n + i) % 3], PHONES[(n + i) % 4]
            out.append((topic, f"{text}, {contact.format(email=email, phone=phone)}", email))
    return out


def write_zendesk(path: Path) -> None:
    users = [
        {"id": 1 + i, "name": name, "email": email, "role": "end-user"}
        for i, (name, email) in enumerate(zip(NAMES, EMAILS, strict=False))
    ]
    users.append({"id": 9, "name": "Alex Agent", "email": "alex@example.net", "role": "agent"})
    items = []
    for i, (subject, body, email) in enumerate(tickets()):
        requester = 1 + EMAILS.index(email)
        items.append({
            "id": 1000 + i, "subject": subject, "description": body, "requester_id": requester,
            "created_at": f"2026-11-{1 + i % 20:02d}T09:00:00Z",
            "via": {"channel": "email", "source": {"from": {"address": email}}},
            "comments": [
                {"author_id": requester, "public": True, "body": body},
                {"author_id": 9, "public": True,
                 "body": f"Thanks, we have updated the account for {email} ({PHONES[i % 4]})."},
            ],
        })  # fmt: skip
    path.write_text(json.dumps({"tickets": items, "users": users}, ensure_ascii=False), "utf-8")


def write_mbox(path: Path) -> None:
    parts = []
    for i, (subject, body, email) in enumerate(tickets()):
        msg = EmailMessage()
        msg["From"] = f"{NAMES[i % 3]} <{email}>"
        msg["To"] = "support@example.com"
        msg["Subject"] = f"Re: {subject}"
        msg["Date"] = f"Mon, {1 + i % 20:02d} Nov 2026 09:00:00 +0000"
        msg["Message-ID"] = f"<msg{i}.20261101@mail.example.net>"
        msg.set_content(
            f"{body}\n\nOn Sun, 1 Nov 2026, Quentin Quoted <quentin@example.org> wrote:\n"
            f"> call me on {PHONES[i % 4]}\n\n-- \n{NAMES[i % 3]}\n{email}\n",
            cte="8bit",
        )
        parts.append(b"From " + email.encode() + b" Mon Nov  2 09:00:00 2026\n" +
                     msg.as_bytes(policy=SMTP).replace(b"\r\n", b"\n") + b"\n")  # fmt: skip
    path.write_bytes(b"".join(parts))


def leaks(files: list[Path]) -> list[str]:
    """Every secret or name found in the files, as raw text, HTML-unescaped or JSON-decoded."""
    found = []
    for path in files:
        raw = path.read_bytes()
        views = [raw.decode("utf-8", "ignore")]
        views.append(html.unescape(views[0]))
        if path.suffix == ".json":
            try:
                views.append(json.dumps(json.loads(views[0]), ensure_ascii=False))
            except ValueError:
                pass
        digits_only = re.sub(r"\D", "", views[0])
        for secret in SECRETS + NAMES:
            if any(secret in v for v in views) or secret.encode() in raw:
                found.append(f"{secret!r} in {path}")
        for phone in PHONES:  # also with the separators gone
            if re.sub(r"\D", "", phone) in digits_only and path.suffix != ".sqlite":
                found.append(f"digits of {phone!r} in {path}")
    return found


@pytest.mark.parametrize("writer", [write_zendesk, write_mbox], ids=["zendesk", "mbox"])
def test_nothing_leaks_into_content_site_cache_or_assignments(
    fake_embedder: FakeEmbedder,
    kbgen_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    writer,
) -> None:
    source = tmp_path / "in" / ("tickets.json" if writer is write_zendesk else "support.mbox")
    source.parent.mkdir()
    writer(source)
    raw_input = source.read_bytes()
    assert all(s.encode() in raw_input for s in EMAILS + NAMES[:3])  # the input is full of it

    project = tmp_path / "project"
    config = make_project(project, extra_kbgen={"related": 0})
    monkeypatch.chdir(project)
    assignments = project / "out" / "assignments.jsonl"
    runner = CliRunner()
    result = runner.invoke(cli, [
        "suggest", str(source), "--content", str(project / "content"), "--write",
        "--assignments", str(assignments), "--min-size", "3", "-f", "json",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["total"] == 18 and len(report["issues"]) >= 2

    drafts = sorted((project / "content").rglob("*.md"))
    assert drafts, "suggest --write drafted nothing"
    written = "".join(p.read_text(encoding="utf-8") for p in drafts)
    # the text did get there
    assert re.search(r"<(EMAIL|PHONE|CARD|ID|IBAN|IP|URL|ORDER_ID)>", written)
    lines = assignments.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 18

    # The embedding cache and its journals (jieba's dictionary cache lives there too, but holds
    # only the public dictionary, common names included).
    cache = [p for p in kbgen_home.rglob("*.sqlite*") if p.is_file()]
    assert cache, "no embedding cache was written"
    files = [*drafts, assignments, *cache]

    build_help = runner.invoke(cli, ["build", "--help"])
    if build_help.exit_code == 0:
        # Publish the drafts so the site shows them without --drafts as well.
        for path in drafts:
            text = path.read_text(encoding="utf-8").replace("status: draft", "status: published")
            path.write_text(text, encoding="utf-8")
        built = runner.invoke(cli, ["build", "-f", str(config), "-q"])
        assert built.exit_code == 0, built.output
        site = yaml.safe_load(config.read_text(encoding="utf-8"))["site_dir"]
        pages = [p for p in Path(site).rglob("*") if p.is_file()]
        assert any(p.name == "search_index.json" for p in pages)
        files += pages

    assert leaks(files) == []
    stdout_leaks = [s for s in SECRETS + NAMES if s in result.stdout]
    assert stdout_leaks == []
