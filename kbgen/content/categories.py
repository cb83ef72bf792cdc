"""Placing a drafted issue in a category: prototype questions, top-k similarity, a margin.

A one-sentence description is a poor target for a customer's question: "when will my goods
arrive" sits nearer "when and how refunds are paid" than "delivery times" once both are
reduced to one vector. So each default category also carries prototype questions, a few
per content language, written the way customers ask. A category's score is the mean of its
`TOP_K` best similarities to the issue's centroid over its texts (name, descriptions,
prototypes), so one close prototype counts and a long list does not dilute it.

An issue goes to "other" only when nothing fits: the best score is under `MIN_SCORE`.
A team's own categories (kbgen.toml) are scored the same way from their name, descriptions
and, when given, their `examples`; a default category a team redefines loses the default
prototypes (its meaning is the team's now).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from kbgen.content.taxonomy import DEFAULT_CATEGORIES, OTHER_SLUG, Category

TOP_K = 3  # a category's score: the mean of its best this many similarities
MIN_SCORE = 0.40  # below this for every category the issue is filed under "other"

PROTOTYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "orders": {
        "en": (
            "How do I cancel my order?",
            "Can I change or add items to my order?",
            "Where can I see the status of my order?",
            "How do I place an order?",
            "The app crashes at checkout.",
            "Is there a fee for cancelling an order?",
        ),
        "zh-Hans": (
            "怎么取消订单？",
            "下单后可以修改订单吗？",
            "怎么查看订单状态？",
            "结账时App闪退。",
        ),
        "zh-Hant": (
            "怎麼取消訂單？",
            "下單後可以修改訂單嗎？",
            "怎麼查看訂單狀態？",
            "結帳時App閃退。",
        ),
        "th": (
            "ยกเลิกคำสั่งซื้อยังไง",
            "แก้ไขคำสั่งซื้อได้ไหม",
            "เช็คสถานะคำสั่งซื้อได้ที่ไหน",
            "แอปค้างตอนชำระเงิน",
        ),
    },
    "shipping-delivery": {
        "en": (
            "When will my package arrive?",
            "How long does delivery take?",
            "How much does shipping cost?",
            "Which delivery options do you offer?",
            "Do you ship to my country?",
            "What shipping methods are available?",
            "How do I change my delivery address?",
            "My parcel is late or lost.",
        ),
        "zh-Hans": ("我的包裹什么时候到？", "运费多少？", "配送要多久？", "怎么修改收货地址？"),
        "zh-Hant": ("我的包裹什麼時候到？", "運費多少？", "配送要多久？", "怎麼修改收件地址？"),
        "th": ("พัสดุจะมาถึงเมื่อไหร่", "ค่าส่งเท่าไหร่", "จัดส่งกี่วัน", "เปลี่ยนที่อยู่จัดส่งยังไง"),
    },
    "returns-refunds": {
        "en": (
            "How do I return an item?",
            "When will I get my refund?",
            "What is your refund policy?",
            "The item arrived damaged or is the wrong one.",
            "Can I exchange a product?",
            "The product I received does not work.",
            "The size does not fit, can I return it?",
        ),
        "zh-Hans": (
            "怎么退货？",
            "退款什么时候到账？",
            "收到的商品坏了怎么办？",
            "可以换货吗？",
            "尺码不合适可以退吗？",
        ),
        "zh-Hant": (
            "怎麼退貨？",
            "退款什麼時候入帳？",
            "收到的商品壞了怎麼辦？",
            "可以換貨嗎？",
            "尺寸不合可以退嗎？",
        ),
        "th": (
            "คืนสินค้ายังไง",
            "จะได้เงินคืนเมื่อไหร่",
            "ได้รับสินค้าเสียหาย",
            "เปลี่ยนสินค้าได้ไหม",
            "ไซส์ไม่พอดี คืนได้ไหม",
        ),
    },
    "billing-payments": {
        "en": (
            "Which payment methods do you accept?",
            "My payment failed.",
            "I was charged twice.",
            "My discount code does not work.",
            "Where can I find my invoice?",
            "Can I get a receipt for my purchase?",
        ),
        "zh-Hans": (
            "支持哪些付款方式？",
            "付款失败怎么办？",
            "被重复扣款了",
            "优惠码用不了",
            "怎么开发票？",
        ),
        "zh-Hant": (
            "支援哪些付款方式？",
            "付款失敗怎麼辦？",
            "被重複扣款了",
            "折扣碼不能用",
            "怎麼開發票？",
        ),
        "th": (
            "ชำระเงินได้ช่องทางไหนบ้าง",
            "จ่ายเงินไม่ผ่าน",
            "โดนตัดเงินซ้ำ",
            "โค้ดส่วนลดใช้ไม่ได้",
            "ขอใบกำกับภาษี",
        ),
    },
    "account": {
        "en": (
            "I forgot my password.",
            "I can't sign in to my account.",
            "How do I create an account?",
            "How do I delete my account?",
            "How do I change my profile details?",
            "How do I unsubscribe from the newsletter?",
            "How do I stop marketing emails and messages?",
        ),
        "zh-Hans": (
            "忘记密码怎么办？",
            "登录不了账户",
            "怎么注册账户？",
            "怎么注销账户？",
            "怎么退订营销邮件和短信？",
        ),
        "zh-Hant": (
            "忘記密碼怎麼辦？",
            "登入不了帳戶",
            "怎麼註冊帳戶？",
            "怎麼註銷帳戶？",
            "怎麼取消訂閱電子報和簡訊？",
        ),
        "th": ("ลืมรหัสผ่าน", "เข้าสู่ระบบไม่ได้", "สมัครสมาชิกยังไง", "ลบบัญชียังไง", "ยกเลิกรับข่าวสารและโปรโมชั่น"),
    },
    "contact": {
        "en": (
            "How can I contact customer service?",
            "I want to talk to a human agent.",
            "What is your phone number or e-mail address?",
            "What are your opening hours?",
            "I want to make a complaint.",
            "How can I leave feedback or a review?",
        ),
        "zh-Hans": (
            "怎么联系客服？",
            "客服电话是多少？",
            "我要转人工",
            "客服几点上班？",
            "我要投诉",
            "怎么留下评价？",
        ),
        "zh-Hant": (
            "怎麼聯絡客服？",
            "客服電話是多少？",
            "我要轉真人客服",
            "客服幾點上班？",
            "我要投訴",
            "怎麼留下評價？",
        ),
        "th": (
            "ติดต่อฝ่ายบริการลูกค้ายังไง",
            "เบอร์โทรติดต่อคืออะไร",
            "ขอคุยกับเจ้าหน้าที่",
            "เปิดทำการกี่โมง",
            "ต้องการร้องเรียน",
            "รีวิวได้ที่ไหน",
        ),
    },
}


def category_texts(category: Category) -> list[str]:
    """What a category is scored by: its name, descriptions and prototype questions."""
    texts = [category.name, *category.description.values()]
    if category.examples:
        texts += [q for qs in category.examples.values() for q in qs]
    elif category in DEFAULT_CATEGORIES:  # not redefined by the team
        texts += [q for qs in PROTOTYPES.get(category.slug, {}).values() for q in qs]
    return texts


class Categorizer:
    """Embeds each category's texts once; `place(centroid)` gives the best category's slug."""

    def __init__(self, categories: Sequence[Category], embed: Callable[[list[str]], np.ndarray]):
        self.categories = list(categories)
        self.named = [c for c in self.categories if c.slug != OTHER_SLUG]
        self.vectors = [_unit(embed(category_texts(c))) for c in self.named]

    def scores(self, centroid: np.ndarray) -> dict[str, float]:
        out = {}
        for cat, vecs in zip(self.named, self.vectors):
            sims = np.sort(vecs @ centroid)[::-1][:TOP_K]
            out[cat.slug] = float(sims.mean()) if len(sims) else -1.0
        return out

    def place(self, centroid: np.ndarray) -> str:
        if not self.named:
            return self.categories[0].slug if self.categories else OTHER_SLUG
        scores = self.scores(centroid)
        best = max(scores, key=lambda s: scores[s])
        has_other = any(c.slug == OTHER_SLUG for c in self.categories)
        if scores[best] < MIN_SCORE and has_other:
            return OTHER_SLUG
        return best


def _unit(vectors: np.ndarray) -> np.ndarray:
    vecs = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.where(norms == 0, 1.0, norms)
