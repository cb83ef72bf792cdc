"""Helpers shared by the site tests (imported, not a pytest conftest): small content folders,
a project that uses the repo's real mkdocs.yml and theme, and a deterministic fake embedder."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[1]


class FakeEmbedder:
    """Hashes character trigrams into 256 dims: similar wording -> similar vectors."""

    name = "fake-trigram"

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.calls = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        if self.fail:
            raise RuntimeError("model exploded")
        out = np.zeros((len(texts), 256), dtype=np.float32)
        for i, text in enumerate(texts):
            t = f"  {text.lower()}  "
            for j in range(len(t) - 2):
                h = int.from_bytes(hashlib.blake2b(t[j : j + 3].encode(), digest_size=4).digest())
                out[i, h % 256] += 1.0
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out


def write_entry(
    content: Path,
    category: str,
    slug: str,
    title: str,
    body: str,
    *,
    lang: str = "en",
    status: str = "published",
    questions: int | None = None,
    also_asked: list[str] | None = None,
    issue: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Path:
    meta: dict[str, Any] = {"title": title, "status": status, "category": category, "lang": lang}
    if questions is not None or also_asked:
        meta["kbgen"] = {
            "issue": issue or f"i-{slug}",
            "questions": questions or 0,
            "also_asked": also_asked or [],
        }
    meta.update(extra or {})
    path = content / category / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body
    path.write_text(text, encoding="utf-8")
    return path


def make_project(root: Path, *, extra_kbgen: dict[str, Any] | None = None, **config: Any) -> Path:
    """A project at `root` using the repo's mkdocs.yml, theme overrides and hook; returns the
    path of its mkdocs.yml. Settings in `config` replace top-level keys."""
    data = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    data["docs_dir"] = str(root / "content")
    data["site_dir"] = str(root / "site")
    data["theme"]["custom_dir"] = str(REPO / "site_overrides")
    data["hooks"] = [str(REPO / "kbgen" / "site" / "hook.py")]
    data["extra"]["kbgen"].update(extra_kbgen or {})
    data.update(config)
    (root / "content").mkdir(parents=True, exist_ok=True)
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# Entries used by the search tests: words to find sit in the middle of sentences.
MULTILINGUAL: list[dict[str, Any]] = [
    dict(
        category="returns-refunds",
        slug="refund-timing",
        title="When will I get my refund?",
        body="Refunds reach your card within five working days after the warehouse checks "
        "the parcel.\n",
        questions=400,
        also_asked=["where is my money back"],
        issue="i-refund",  # the same issue as tuikuan and khuenngoen: the language switch
    ),
    dict(
        category="account",
        slug="reset-password",
        title="How do I reset my password?",
        body="Use the forgotten password link; the email arrives within minutes.\n",
        questions=200,
        also_asked=["cannot log in"],
    ),
    dict(
        category="orders",
        slug="cancel-order",
        title="Can I cancel an order?",
        body="You can cancel until the order is packed by our fulfilment team.\n",
        questions=150,
    ),
    dict(
        category="returns-refunds",
        slug="tuikuan",
        title="退款什么时候到账？",
        lang="zh-Hans",
        body="我们的仓库收到退货并检查无误后，通常会在两个工作日内为您办理退款。\n",
        questions=180,
        also_asked=["退货以后多久退钱"],
        issue="i-refund",
    ),
    dict(
        category="orders",
        slug="dingdan",
        title="如何查询订单状态？",
        lang="zh-Hans",
        body="登录账户后打开我的订单，即可看到物流信息和最新状态。\n",
        questions=90,
    ),
    dict(
        category="shipping-delivery",
        slug="songhuo",
        title="送貨需要多久？",
        lang="zh-Hant",
        body="本地送貨通常需要兩到三個工作日，出貨後您會收到附有追蹤號碼的電子郵件。\n",
        questions=120,
        also_asked=["我的包裹什麼時候會送到"],
    ),
    dict(
        category="billing-payments",
        slug="fapiao",
        title="可以開立發票嗎？",
        lang="zh-Hant",
        body="每筆訂單出貨後都會自動開立電子發票並寄到您的信箱。\n",
        questions=60,
    ),
    dict(
        category="returns-refunds",
        slug="khuenngoen",
        title="ขอคืนเงินได้อย่างไร",
        lang="th",
        body="เมื่อคลังสินค้าได้รับของคืนแล้ว เราจะโอนเงินเข้าบัตรภายในห้าวันทำการ\n",
        questions=100,
        also_asked=["อยากได้เงินคืน"],
        issue="i-refund",
    ),
    dict(
        category="shipping-delivery",
        slug="phatsadu",
        title="ทำไมพัสดุยังไม่มาส่ง",
        lang="th",
        body="คุณสามารถติดตามคำสั่งซื้อได้ในบัญชีของคุณ บริษัทขนส่งจะอัปเดตสถานะทุกวัน\n",
        questions=110,
    ),
    dict(
        category="account",
        slug="rahatphan",
        title="ลืมรหัสผ่านต้องทำอย่างไร",
        lang="th",
        body="กดลิงก์ลืมรหัสผ่านที่หน้าเข้าสู่ระบบ แล้วระบบจะส่งอีเมลตั้งรหัสผ่านใหม่ให้คุณ\n",
        questions=70,
    ),
]

XSS_TITLE = "Is <script>window.__xss='title'</script> safe?"
XSS_PHRASES = [
    "<img src=x onerror=\"window.__xss='also'\">",
    "<script>window.__xss='also2'</script>",
    "[click me](javascript:window.__xss='md')",
]
XSS_BODY = (
    "Ticket said: <script>window.__xss='body'</script> and "
    "<img src=x onerror=\"window.__xss='img'\"> and "
    "[a link](javascript:window.__xss='link') and `<b>code</b>`.\n\n"
    '<iframe src="javascript:window.__xss=1"></iframe>\n'
)


def write_multilingual(content: Path) -> None:
    for spec in MULTILINGUAL:
        spec = dict(spec)
        write_entry(
            content,
            spec.pop("category"),
            spec.pop("slug"),
            spec.pop("title"),
            spec.pop("body"),
            **spec,
        )


def write_xss(content: Path) -> None:
    write_entry(content, "other", "xss", XSS_TITLE, XSS_BODY, questions=5, also_asked=XSS_PHRASES)
