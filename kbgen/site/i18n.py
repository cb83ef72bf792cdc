"""The help site's languages: URL prefixes, Material's theme language and kbgen's own UI text.

Each content language gets its own pages, UI and search index (see plugin.py): the default
language at the site root, the others under a prefix (`th/`, `zh-hans/`, `zh-hant/`).
mkdocs-material translates its own strings (search box, navigation) through `theme.language`;
the strings kbgen adds (home page, "Also asked as", feedback, footer) are translated here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kbgen.content.taxonomy import LANGS
from kbgen.errors import ContentError

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class SiteLanguage:
    code: str  # kbgen's code, as in an entry's `lang:` (en, zh-Hans, zh-Hant, th)
    name: str  # shown in the language switch, in its own script
    theme: str  # mkdocs-material's theme.language (site_overrides adds zh-Hans)
    slug: str  # URL segment of a non-default language


LANGUAGES: dict[str, SiteLanguage] = {
    "en": SiteLanguage("en", "English", "en", "en"),
    "zh-Hans": SiteLanguage("zh-Hans", "简体中文", "zh-Hans", "zh-hans"),
    "zh-Hant": SiteLanguage("zh-Hant", "繁體中文", "zh-Hant", "zh-hant"),
    "th": SiteLanguage("th", "ไทย", "th", "th"),
}

# kbgen's own UI strings. `{n}` is a number. Keep keys in step across languages (a test checks).
UI: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home",
        "home_title": "How can we help?",
        "search": "Search",
        "hero_placeholder": "Search: refund, delivery, password …",
        "browse": "Browse by category",
        "most_asked": "Most asked questions",
        "questions_one": "{n} question",
        "questions_other": "{n} questions",
        "asked_one": "asked once",
        "asked_other": "asked {n} times",
        "also_asked": "Also asked as",
        "related": "Related questions",
        "updated": "Last updated",
        "draft_notice": "Draft: not published yet.",
        "draft": "draft",
        "helpful": "Was this helpful?",
        "yes": "Yes",
        "no": "No",
        "thanks": "Thanks for telling us.",
        "no_answer": "Didn't find your answer?",
        "contact": "Contact support",
        "language": "Language",
        "not_found": "Page not found",
        "not_found_text": "The page you were looking for does not exist or has moved.",
        "go_home": "Go to the help centre",
        "empty": "There are no articles in this language yet.",
        "read_in": "Read this page in English",
        "dismiss": "No thanks",
    },
    "zh-Hans": {
        "home": "首页",
        "home_title": "有什么可以帮您？",
        "search": "搜索",
        "hero_placeholder": "搜索：退款、配送、密码……",
        "browse": "按类别浏览",
        "most_asked": "常见问题",
        "questions_one": "{n} 个问题",
        "questions_other": "{n} 个问题",
        "asked_one": "被问过 1 次",
        "asked_other": "被问过 {n} 次",
        "also_asked": "其他问法",
        "related": "相关问题",
        "updated": "最后更新",
        "draft_notice": "草稿：尚未发布。",
        "draft": "草稿",
        "helpful": "这篇文章对您有帮助吗？",
        "yes": "有帮助",
        "no": "没有帮助",
        "thanks": "感谢您的反馈。",
        "no_answer": "没有找到答案？",
        "contact": "联系客服",
        "language": "语言",
        "not_found": "找不到页面",
        "not_found_text": "您要找的页面不存在或已移动。",
        "go_home": "前往帮助中心",
        "empty": "此语言暂时还没有文章。",
        "read_in": "用简体中文阅读本页",
        "dismiss": "不用了",
    },
    "zh-Hant": {
        "home": "首頁",
        "home_title": "有什麼可以幫您？",
        "search": "搜尋",
        "hero_placeholder": "搜尋：退款、送貨、密碼……",
        "browse": "依類別瀏覽",
        "most_asked": "常見問題",
        "questions_one": "{n} 個問題",
        "questions_other": "{n} 個問題",
        "asked_one": "被問過 1 次",
        "asked_other": "被問過 {n} 次",
        "also_asked": "其他問法",
        "related": "相關問題",
        "updated": "最後更新",
        "draft_notice": "草稿：尚未發布。",
        "draft": "草稿",
        "helpful": "這篇文章對您有幫助嗎？",
        "yes": "有幫助",
        "no": "沒有幫助",
        "thanks": "感謝您的回饋。",
        "no_answer": "沒有找到答案？",
        "contact": "聯絡客服",
        "language": "語言",
        "not_found": "找不到頁面",
        "not_found_text": "您要找的頁面不存在或已移動。",
        "go_home": "前往幫助中心",
        "empty": "此語言暫時還沒有文章。",
        "read_in": "用繁體中文閱讀本頁",
        "dismiss": "不用了",
    },
    "th": {
        "home": "หน้าแรก",
        "home_title": "มีอะไรให้เราช่วยไหม",
        "search": "ค้นหา",
        "hero_placeholder": "ค้นหา: คืนเงิน การจัดส่ง รหัสผ่าน …",
        "browse": "เลือกดูตามหมวดหมู่",
        "most_asked": "คำถามที่พบบ่อย",
        "questions_one": "{n} คำถาม",
        "questions_other": "{n} คำถาม",
        "asked_one": "ถูกถาม 1 ครั้ง",
        "asked_other": "ถูกถาม {n} ครั้ง",
        "also_asked": "ถามในแบบอื่น",
        "related": "คำถามที่เกี่ยวข้อง",
        "updated": "อัปเดตล่าสุด",
        "draft_notice": "ฉบับร่าง: ยังไม่ได้เผยแพร่",
        "draft": "ฉบับร่าง",
        "helpful": "บทความนี้มีประโยชน์ไหม",
        "yes": "มีประโยชน์",
        "no": "ไม่มีประโยชน์",
        "thanks": "ขอบคุณสำหรับความคิดเห็น",
        "no_answer": "ไม่พบคำตอบที่ต้องการใช่ไหม",
        "contact": "ติดต่อฝ่ายบริการลูกค้า",
        "language": "ภาษา",
        "not_found": "ไม่พบหน้านี้",
        "not_found_text": "ไม่มีหน้าที่คุณกำลังหา หรือหน้านั้นถูกย้ายไปแล้ว",
        "go_home": "ไปที่ศูนย์ช่วยเหลือ",
        "empty": "ยังไม่มีบทความในภาษานี้",
        "read_in": "อ่านหน้านี้เป็นภาษาไทย",
        "dismiss": "ไม่เป็นไร",
    },
}

_TH_MONTHS = (
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม"
).split()


def also_read(lang: str, default: str) -> list[str]:
    """Languages a reader of `lang` most likely reads as well, best first: the other Chinese
    script, then the site's default language."""
    out = {"zh-Hans": ["zh-Hant"], "zh-Hant": ["zh-Hans"]}.get(lang, [])
    return [x for x in dict.fromkeys([*out, default]) if x != lang]


def text(lang: str, key: str, n: int | None = None) -> str:
    """kbgen's UI string `key` in `lang` (English when missing); `n` picks one/other."""
    table = UI.get(lang, UI[DEFAULT_LANGUAGE])
    if n is not None:
        key = f"{key}_{'one' if n == 1 else 'other'}"
    value = table.get(key) or UI[DEFAULT_LANGUAGE][key]
    return value.replace("{n}", f"{n:,}") if n is not None else value


def date_text(lang: str, day: dt.date) -> str:
    """A date as readers of `lang` write it (Thai: Buddhist era)."""
    if lang.startswith("zh"):
        return f"{day.year}年{day.month}月{day.day}日"
    if lang == "th":
        return f"{day.day} {_TH_MONTHS[day.month - 1]} {day.year + 543}"
    return f"{day.day} {day:%B %Y}"


def localized(value: Any, lang: str, default_lang: str, fallback: str) -> str:
    """A config value that is either one string (the default language's) or a table of
    lang = string. Other languages fall back to `fallback` (kbgen's translation)."""
    if isinstance(value, dict):
        found = value.get(lang)
        return str(found) if isinstance(found, str) and found.strip() else fallback
    if isinstance(value, str) and value.strip() and lang == default_lang:
        return value
    return fallback


@dataclass(frozen=True, slots=True)
class LanguagePlan:
    """Which languages the site has and which one sits at the root."""

    default: str
    languages: tuple[str, ...]  # default first

    def prefix(self, lang: str) -> str:
        """URL prefix of a language's pages, relative to the site root ('' or 'th/')."""
        return "" if lang == self.default else LANGUAGES[lang].slug + "/"


def plan_languages(extra: dict[str, Any], present: set[str]) -> LanguagePlan:
    """From `extra.kbgen.languages` / `default_language` and the languages entries are in.

    Configured languages without any entry are left out (no empty homes to switch to); the
    default language is always built.
    """
    default = extra.get("default_language", DEFAULT_LANGUAGE)
    configured = extra.get("languages", list(LANGS))
    if not isinstance(configured, list) or not all(isinstance(x, str) for x in configured):
        raise ContentError("mkdocs.yml: extra.kbgen.languages must be a list of language codes")
    for code in [default, *configured]:
        if code not in LANGUAGES:
            raise ContentError(
                f"mkdocs.yml: extra.kbgen language {code!r} is not supported; "
                f"use one of: {', '.join(LANGUAGES)}"
            )
    rest = [c for c in configured if c != default and c in present]
    return LanguagePlan(default=default, languages=(default, *dict.fromkeys(rest)))
