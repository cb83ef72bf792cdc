"""One entry per language (issue 11, item 3): an issue asked in several languages gets a variant
per language with enough questions, all tied to the issue by its id, kept together on reruns."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.content.entries import scan
from kbgen.content.variants import variant_langs
from kbgen.records import Issue
from tests.conftest import FakeEmbedder

# Every phrasing shares "QR code", so the word-hashing fake groups the four languages.
QR = {
    "en": [
        "How do I scan the QR code payment?",
        "QR code payment, how do I scan it",
        "Where do I scan the QR code payment in the app",
        "Can I use QR code payment at the counter?",
        "QR code payment does not scan for me",
        "How does QR code payment work",
        "Scan QR code payment how",
    ],
    "zh-Hans": [
        "QR code payment 怎么扫描",
        "QR code payment 在哪里扫",
        "QR code payment 怎么用",
        "请问 QR code payment 怎么付款",
        "QR code payment 扫不了怎么办",
        "QR code payment 可以在门店用吗",
        "QR code payment 怎么操作",
    ],
    "zh-Hant": [
        "QR code payment 怎麼掃描",
        "QR code payment 在哪裡掃",
        "QR code payment 怎麼用",
        "請問 QR code payment 怎麼付款",
        "QR code payment 掃不了怎麼辦",
        "QR code payment 可以在門市用嗎",
        "QR code payment 怎麼操作",
    ],
    "th": [
        "QR code payment สแกนยังไง",
        "QR code payment สแกนตรงไหน",
        "QR code payment ใช้ยังไง",
        "QR code payment จ่ายเงินยังไง",
        "QR code payment สแกนไม่ได้ทำไง",
        "QR code payment ใช้ที่ร้านได้ไหม",
        "QR code payment ทำยังไง",
    ],
}
CORES = ["QR code payment", "wallet QR code payment", "QR code wallet payment", "payment QR code"]
REPLY = {
    "en": "Open Wallet, tap Scan and point the camera at the QR code.",
    "zh-Hans": "打开钱包，点「扫一扫」，对准二维码即可付款。",
    "zh-Hant": "打開錢包，點「掃一掃」，對準二維碼即可付款。",
    "th": "เปิดวอลเล็ต กดสแกน แล้วหันกล้องไปที่คิวอาร์โค้ดได้เลยค่ะ",
}
SCRIPT = {
    "en": re.compile(r"^[\x00-\x7f]+$"),
    "th": re.compile(r"[\u0e00-\u0e7f]"),
    "zh-Hans": re.compile(r"[钱扫准码]"),  # Simplified-only characters of the reply
    "zh-Hant": re.compile(r"[錢掃準碼]"),
}
GIFT = [
    "How do I check my gift card balance?",
    "gift card balance check",
    "Where can I see my gift card balance",
    "check gift card balance please",
    "my gift card balance, where is it",
    "gift card balance how to check",
]


def write_export(path: Path, counts: dict[str, int], thai_gift: int = 2) -> Path:
    rows = []
    for lang, n in counts.items():
        for i in range(n):
            text = QR[lang][i % len(QR[lang])] + ("" if i < len(QR[lang]) else f" ({i})")
            # Four wordings of the shared words, so none recurs often enough to be learned
            # as a wrapper clause of this export.
            text = text.replace("QR code payment", CORES[(i + len(rows)) % len(CORES)])
            rows.append((f"Q-{lang}-{i}", f"2026-11-{10 + i % 9:02d}", text, REPLY[lang]))
    for i, text in enumerate(GIFT):
        rows.append((f"G{i}", "2026-11-12", text, "Your gift card balance is under Account."))
    for i in range(thai_gift):  # too few to get a Thai variant of the gift card issue
        rows.append((f"GT{i}", "2026-11-12", f"gift card balance เช็คยังไง {i}", ""))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ticket_id", "created_at", "question", "answer"])
        writer.writerows(rows)
    return path


def asked_in(tickets: Path, lang: str) -> list[str]:
    with tickets.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["question"] for r in rows if r["ticket_id"].startswith(f"Q-{lang}-")]


def suggest(tickets: Path, content: Path, *extra: str) -> dict:
    result = CliRunner().invoke(
        cli,
        ["suggest", str(tickets), "--content", str(content), "--min-size", "5", "-f", "json",
         *extra],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def entries(content: Path) -> dict[Path, dict]:
    out = {}
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n")[1])
        out[path] = {"meta": meta, "body": text.split("---\n", 2)[2], "text": text}
    return out


def qr_variants(content: Path) -> dict[str, dict]:
    """The QR issue's variants by language (never two in one language)."""
    by_lang: dict[str, dict] = {}
    for e in entries(content).values():
        if "QR" in e["text"] or any(reply in e["body"] for reply in REPLY.values()):
            assert e["meta"]["lang"] not in by_lang, "two variants in one language"
            by_lang[e["meta"]["lang"]] = e
    return by_lang


def test_four_languages_get_four_variants(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    tickets = write_export(tmp_path / "t.csv", {"en": 7, "zh-Hans": 7, "zh-Hant": 7, "th": 7})
    content = tmp_path / "content"
    plan = suggest(tickets, content)
    qr = next(i for i in plan["issues"] if "QR" in i["representative"])
    planned = [v["lang"] for v in qr["coverage"]["variants"]]
    assert sorted(planned) == ["en", "th", "zh-Hans", "zh-Hant"]
    assert all(v["action"] == "create draft" for v in qr["coverage"]["variants"])
    assert not content.exists()  # the plan writes nothing
    suggest(tickets, content, "--write")
    variants = qr_variants(content)
    assert sorted(variants) == ["en", "th", "zh-Hans", "zh-Hant"]
    assert len({v["meta"]["kbgen"]["issue"] for v in variants.values()}) == 1  # one issue id
    for lang, v in variants.items():
        assert SCRIPT[lang].search(v["meta"]["title"]), (lang, v["meta"]["title"])
        assert v["body"].strip() == REPLY[lang]  # its own language's reply
        assert v["meta"]["kbgen"]["questions"] == 7  # its own language's questions
        asked = v["meta"].get("also_asked", [])
        own = [q.casefold() for q in asked_in(tickets, lang)]
        assert asked and all(any(p.casefold() in q for q in own) for p in asked), (lang, asked)
    assert {v["meta"]["category"] for v in variants.values()} == {
        next(iter(variants.values()))["meta"]["category"]
    }
    _, problems = scan(content)
    assert problems == []  # one issue id in four languages is not a duplicate


def test_language_below_threshold_gets_no_variant(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    tickets = write_export(tmp_path / "t.csv", {"en": 7, "zh-Hans": 7, "zh-Hant": 2, "th": 1})
    content = tmp_path / "content"
    suggest(tickets, content, "--write")
    assert sorted(qr_variants(content)) == ["en", "zh-Hans"]
    gift = [e for e in entries(content).values() if "gift card" in e["meta"]["title"].lower()]
    assert [e["meta"]["lang"] for e in gift] == ["en"]  # 2 Thai of 8: under 20% and under 3
    en = qr_variants(content)["en"]
    assert en["meta"]["kbgen"]["questions"] == 7 + 2 + 1  # the primary counts the rest


def test_threshold_rule() -> None:
    issue = Issue(1, 20, 0.1, "x", [], langs={"en": 12, "th": 4, "zh-Hans": 3, "zh-Hant": 1})
    assert variant_langs(issue, "en", 5) == ["en", "th"]  # th 20%, zh-Hans 15%
    assert variant_langs(issue, "en", 3) == ["en", "th", "zh-Hans"]  # min-size reached
    issue.langs["und"] = 10
    assert "und" not in variant_langs(issue, "en", 1)


def test_rerun_is_byte_identical(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    tickets = write_export(tmp_path / "t.csv", {"en": 7, "zh-Hans": 7, "zh-Hant": 7, "th": 7})
    content = tmp_path / "content"
    suggest(tickets, content, "--write")
    before = {p: e["text"] for p, e in entries(content).items()}
    plan = suggest(tickets, content, "--write")
    assert {p: e["text"] for p, e in entries(content).items()} == before
    qr = next(i for i in plan["issues"] if "QR" in i["representative"])
    assert qr["coverage"]["status"] == "covered"
    assert sorted(v["lang"] for v in qr["coverage"]["variants"]) == [
        "en", "th", "zh-Hans", "zh-Hant"
    ]  # fmt: skip
    assert {v["action"] for v in qr["coverage"]["variants"]} == {"evidence refreshed"}


def test_new_language_adds_just_its_variant(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    content = tmp_path / "content"
    first = write_export(tmp_path / "a.csv", {"en": 7, "zh-Hans": 7, "zh-Hant": 7, "th": 1})
    suggest(first, content, "--write")
    before = qr_variants(content)
    assert sorted(before) == ["en", "zh-Hans", "zh-Hant"]
    paths_before = set(entries(content))
    grown = write_export(tmp_path / "b.csv", {"en": 7, "zh-Hans": 7, "zh-Hant": 7, "th": 7})
    plan = suggest(grown, content)  # the plan first: one variant added, three refreshed
    qr = next(i for i in plan["issues"] if "QR" in i["representative"])
    actions = {v["lang"]: v["action"] for v in qr["coverage"]["variants"]}
    assert actions["th"] == "create draft"
    assert [a for k, a in actions.items() if k != "th"] == ["refresh evidence"] * 3
    suggest(grown, content, "--write")
    after = qr_variants(content)
    assert sorted(after) == ["en", "th", "zh-Hans", "zh-Hant"]
    assert len(set(entries(content)) - paths_before) == 1  # just the Thai file
    assert after["th"]["meta"]["kbgen"]["issue"] == before["en"]["meta"]["kbgen"]["issue"]
    assert after["th"]["body"].strip() == REPLY["th"]
    for lang in before:  # the old variants: same title and body, evidence refreshed
        assert after[lang]["meta"]["title"] == before[lang]["meta"]["title"]
        assert after[lang]["body"] == before[lang]["body"]


def test_owner_edit_of_one_variant_is_kept(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    content = tmp_path / "content"
    tickets = write_export(tmp_path / "a.csv", {"en": 7, "zh-Hans": 7, "zh-Hant": 7, "th": 7})
    suggest(tickets, content, "--write")
    path = next(p for p, e in entries(content).items() if e["meta"]["lang"] == "zh-Hant")
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    edited = text.replace(meta["title"], "如何用 QR code 付款？").replace(
        REPLY["zh-Hant"], "請到「錢包」頁面，按右上角掃描。\n\n1. 打開 App\n2. 點錢包"
    )
    edited = edited.replace(f"- {meta['also_asked'][0]}\n", "")  # the owner drops a phrasing
    path.write_text(edited, encoding="utf-8")
    count = len(entries(content))
    grown = write_export(tmp_path / "b.csv", {"en": 9, "zh-Hans": 9, "zh-Hant": 9, "th": 9})
    suggest(grown, content, "--write")
    assert len(entries(content)) == count  # no new variant for the edited language
    now = path.read_text(encoding="utf-8")
    head, block = now.split("kbgen:\n", 1)
    assert head == edited.split("kbgen:\n", 1)[0]  # everything the owner wrote, as written
    assert now.split("---\n", 2)[2] == edited.split("---\n", 2)[2]
    assert meta["also_asked"][0] not in block  # the dropped phrasing is not proposed again
    assert yaml.safe_load(now.split("---\n")[1])["kbgen"]["questions"] == 9


# Thai particles end a clause; inside a word they are letters ("เสื่อโยคะ", a yoga mat).
GREETING = re.compile(
    r"^(hi|hello|hey|dear)\b|thank|\b(thx|pls)\b|您好|你好|請問|请问|謝謝|谢谢|感謝|感谢|"
    r"สวัสดี|แอดมิน|(?:ครับ|ค่ะ|คะ)(?=$|[\s?!.,~])|ขอบคุณ",
    re.IGNORECASE,
)


@pytest.mark.model
def test_real_model_variants_on_a_small_multilingual_export(tmp_path: Path) -> None:
    """The bundled model, end to end: 80 rows of the four-language sample, drafted."""
    from kbgen.intent.lang import detect

    sample = Path(__file__).resolve().parents[1] / "examples" / "tickets_multilingual.csv"
    with sample.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:80]
    tickets = tmp_path / "small.csv"
    with tickets.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    content = tmp_path / "content"
    result = CliRunner(env={"KBGEN_MODEL": ""}).invoke(
        cli, ["suggest", str(tickets), "--content", str(content), "--min-size", "3", "--write",
              "-q", "-f", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = entries(content)
    assert written
    by_issue: dict[str, list[str]] = {}
    for path, e in written.items():
        meta = e["meta"]
        by_issue.setdefault(meta["kbgen"]["issue"], []).append(meta["lang"])
        title = meta["title"]
        assert not GREETING.search(title), (path, title)
        assert not re.search(r"<[A-Z_]+>|\{\{|\d{5,}", title), (path, title)
        body = e["body"]
        if "kbgen:todo" not in body:
            assert detect(body) == meta["lang"] or (
                {detect(body), meta["lang"]} == {"zh-Hans", "zh-Hant"}  # short Chinese replies
            ), (path, meta["lang"], body)
    assert any(len(langs) >= 2 for langs in by_issue.values())  # variants tied by issue id
    assert all(len(langs) == len(set(langs)) for langs in by_issue.values())


def test_published_thai_article_becomes_the_thai_variant(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    """An article the owner wrote in Thai, listing a Thai phrasing, is the issue's Thai variant:
    the other languages are added next to it, no second Thai entry is drafted."""
    content = tmp_path / "content"
    folder = content / "billing-payments"
    folder.mkdir(parents=True)
    article = folder / "qr-thai.md"
    tickets = write_export(tmp_path / "t.csv", {"en": 7, "zh-Hans": 7, "zh-Hant": 7, "th": 7})
    head = (
        "---\ntitle: จ่ายด้วย QR code ยังไง\nstatus: published\ncategory: billing-payments\n"
        f"tags: []\nlang: th\nalso_asked:\n- {asked_in(tickets, 'th')[0]}\n"
    )
    article.write_text(head + "---\nกดสแกนในวอลเล็ตค่ะ\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["suggest", str(tickets), "--content", str(content), "--min-size", "5", "-f",
              "markdown"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "th: refresh evidence" in result.stdout and "en: create draft" in result.stdout
    suggest(tickets, content, "--write")
    variants = qr_variants(content)
    assert sorted(variants) == ["en", "th", "zh-Hans", "zh-Hant"]
    assert variants["th"]["text"].startswith(head + "kbgen:\n")  # only the evidence added
    assert variants["th"]["text"].endswith("---\nกดสแกนในวอลเล็ตค่ะ\n")
    ids = {v["meta"]["kbgen"]["issue"] for v in variants.values()}
    assert len(ids) == 1
    assert {p.parent for p, e in entries(content).items() if _is_qr_entry(e)} == {folder}


def _is_qr_entry(entry: dict) -> bool:
    return "QR" in entry["text"] or any(reply in entry["body"] for reply in REPLY.values())
