"""The FAQ categories: a default taxonomy, optionally overridden in the project's kbgen.toml.

Both sides share it: `kbgen suggest` embeds the descriptions to place a drafted entry in a
category, and the help site groups entries by it. Descriptions exist in every content language
so a Thai or Chinese question lands as well as an English one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kbgen.errors import ContentError

LANGS: tuple[str, ...] = ("en", "zh-Hans", "zh-Hant", "th")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PROJECT_FILE = "kbgen.toml"
OTHER_SLUG = "other"  # where an issue no category fits is filed


@dataclass(frozen=True, slots=True)
class Category:
    slug: str  # folder name under content/, also the URL segment
    name: str  # shown to readers
    description: dict[str, str] = field(default_factory=dict)  # lang -> one sentence
    # lang -> example questions, optional: help `kbgen suggest` place issues (see categories.py)
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # lang -> name, for the help site

    def title(self, lang: str = "en") -> str:
        """The name readers of `lang` see, falling back to `name`."""
        return self.names.get(lang) or self.name

    def describe(self, lang: str = "en") -> str:
        """The description in `lang`, falling back to English, then to any language."""
        return (
            self.description.get(lang)
            or self.description.get("en")
            or next(iter(self.description.values()), "")
        )


DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category(
        "orders",
        "Orders",
        {
            "en": ("Placing, changing, cancelling and tracking an order; checkout and the app."),
            "zh-Hans": "下单、修改订单、取消订单和查询订单状态；结账和购物App。",
            "zh-Hant": "下單、修改訂單、取消訂單和查詢訂單狀態；結帳和購物App。",
            "th": "การสั่งซื้อ การแก้ไข การยกเลิก และการติดตามคำสั่งซื้อ การชำระเงินในแอป",
        },
        names={"zh-Hans": "订单", "zh-Hant": "訂單", "th": "คำสั่งซื้อ"},
    ),
    Category(
        "shipping-delivery",
        "Shipping & delivery",
        {
            "en": "Delivery times, shipping costs, couriers and missing or late parcels.",
            "zh-Hans": "配送时间、运费、快递公司以及包裹丢失或延误。",
            "zh-Hant": "配送時間、運費、快遞公司以及包裹遺失或延誤。",
            "th": "ระยะเวลาจัดส่ง ค่าส่ง บริษัทขนส่ง และพัสดุที่สูญหายหรือล่าช้า",
        },
        names={"zh-Hans": "配送与物流", "zh-Hant": "配送與物流", "th": "การจัดส่ง"},
    ),
    Category(
        "returns-refunds",
        "Returns & refunds",
        {
            "en": "Returning an item, exchanges, and when and how refunds are paid.",
            "zh-Hans": "退货、换货，以及退款的时间和方式。",
            "zh-Hant": "退貨、換貨，以及退款的時間和方式。",
            "th": "การคืนสินค้า การเปลี่ยนสินค้า และการคืนเงินว่าได้เมื่อไหร่และอย่างไร",
        },
        names={"zh-Hans": "退货与退款", "zh-Hant": "退貨與退款", "th": "การคืนสินค้าและคืนเงิน"},
    ),
    Category(
        "billing-payments",
        "Billing & payments",
        {
            "en": (
                "Payment methods, failed or double charges, discount codes and coupons, "
                "invoices and receipts."
            ),
            "zh-Hans": "付款方式、扣款失败或重复扣款、优惠码和优惠券、发票和收据。",
            "zh-Hant": "付款方式、扣款失敗或重複扣款、折扣碼和折價券、發票和收據。",
            "th": "วิธีชำระเงิน การตัดเงินไม่สำเร็จหรือซ้ำ โค้ดส่วนลดและคูปอง ใบแจ้งหนี้และใบเสร็จ",
        },
        names={"zh-Hans": "账单与付款", "zh-Hant": "帳單與付款", "th": "การชำระเงินและใบแจ้งหนี้"},
    ),
    Category(
        "account",
        "Account",
        {
            "en": "Signing in, passwords, profile details and closing an account.",
            "zh-Hans": "登录、密码、个人资料以及注销账户。",
            "zh-Hant": "登入、密碼、個人資料以及註銷帳戶。",
            "th": "การเข้าสู่ระบบ รหัสผ่าน ข้อมูลโปรไฟล์ และการปิดบัญชี",
        },
        names={"zh-Hans": "账户", "zh-Hant": "帳戶", "th": "บัญชีผู้ใช้"},
    ),
    Category(
        "contact",
        "Contact & feedback",
        {
            "en": "Reaching customer service or a person, opening hours, complaints and feedback.",
            "zh-Hans": "联系客服或人工客服、服务时间、投诉和意见反馈。",
            "zh-Hant": "聯絡客服或真人客服、服務時間、投訴和意見回饋。",
            "th": "การติดต่อฝ่ายบริการลูกค้าหรือเจ้าหน้าที่ เวลาทำการ การร้องเรียนและข้อเสนอแนะ",
        },
        names={"zh-Hans": "联系与反馈", "zh-Hant": "聯絡與回饋", "th": "ติดต่อและข้อเสนอแนะ"},
    ),
    Category(
        "other",
        "Other",
        {
            "en": "Questions that fit no other category.",
            "zh-Hans": "不属于其他类别的问题。",
            "zh-Hant": "不屬於其他類別的問題。",
            "th": "คำถามที่ไม่เข้าหมวดหมู่อื่น",
        },
        names={"zh-Hans": "其他", "zh-Hant": "其他", "th": "อื่น ๆ"},
    ),
)


def _category_from_table(table: object, where: str) -> Category:
    if not isinstance(table, dict):
        raise ContentError(f"{where}: each [[categories]] entry must be a table")
    slug, name, desc = table.get("slug"), table.get("name"), table.get("description", {})
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise ContentError(f"{where}: 'slug' must be lowercase words joined by '-', got {slug!r}")
    names: dict[str, str] = {}
    if isinstance(name, dict):  # name = { en = "Orders", th = "คำสั่งซื้อ" }
        names = {k: v.strip() for k, v in name.items() if isinstance(v, str) and v.strip()}
        if len(names) != len(name) or not all(isinstance(k, str) for k in name):
            raise ContentError(
                f"{where}: 'name' of {slug!r} must be a string or a table of lang = string"
            )
        name = names.get("en") or next(iter(names.values()), "")
    if not isinstance(name, str) or not name.strip():
        raise ContentError(f"{where}: category {slug!r} needs a non-empty 'name'")
    if isinstance(desc, str):
        desc = {"en": desc}
    if not isinstance(desc, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in desc.items()
    ):
        raise ContentError(
            f"{where}: 'description' of {slug!r} must be a string or a table of lang = string"
        )
    examples = table.get("examples", {})
    if isinstance(examples, list):
        examples = {"en": examples}
    if not isinstance(examples, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(q, str) for q in v)
        for k, v in examples.items()
    ):
        raise ContentError(
            f"{where}: 'examples' of {slug!r} must be a list of questions or a table of "
            "lang = [questions]"
        )
    return Category(
        slug, name.strip(), dict(desc), {k: tuple(v) for k, v in examples.items()}, names
    )


def load_taxonomy(project_dir: Path | str | None = None) -> list[Category]:
    """The default categories, with those in `<project_dir>/kbgen.toml` replacing or adding.

    A category in kbgen.toml with a default's slug replaces it; new slugs are appended.
    """
    cats = {c.slug: c for c in DEFAULT_CATEGORIES}
    path = Path(project_dir or ".") / PROJECT_FILE
    if not path.is_file():
        return list(cats.values())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: not valid TOML: {exc}") from None
    tables = data.get("categories", [])
    if not isinstance(tables, list):
        raise ContentError(f"{path}: 'categories' must be an array of tables ([[categories]])")
    for i, table in enumerate(tables, 1):
        cat = _category_from_table(table, f"{path}: categories #{i}")
        cats[cat.slug] = cat
    return list(cats.values())
