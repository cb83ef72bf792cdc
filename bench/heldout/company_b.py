# ruff: noqa: E501  (phrasings and templates are data; long strings are kept whole)
"""A held-out "company B" export: the same labelled questions, written the way another company's
customers write them (a regional marketplace: Australia / Singapore / Malaysia / HK in English,
mainland apps in Simplified Chinese, Taiwan and Hong Kong in Traditional, LINE-first Thailand).

This inventory was written from scratch, without reading kbgen's own wrapper list or the bench's
noise generator, so it is a held-out test of how kbgen copes with wrappers it was not tuned on.

Each question keeps its own words (and so its label): 0-3 pieces are put before it and 0-3 after
it, in the row's own language, sometimes glued on with no punctuation, sometimes on their own
lines. Pieces come in families (greeting, address, lead-in, plea, thanks, sign-off, signature,
client tag, quoted reply, sticker/emoji, particle, code-mix, personal data), so a run can check
whether any family forms an issue of its own.

    from company_b import CompanyB, detect_lang
    rows = CompanyB(seed=0).wrap_all(texts, langs, tag="sample")
    rows[0].text, rows[0].core, rows[0].families

Deterministic: a row's wrapping depends only on (seed, tag, row number, text).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

# --- language -----------------------------------------------------------------------------------

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_CANTONESE = set("㗎喎囉嘅咗唔冇嘢佢哋啲嚟乜嘞喺啱畀俾")


def detect_lang(text: str) -> str:
    """en, zh-Hans, zh-Hant or th, by script (Han split by which characters OpenCC would change)."""
    thai, han = len(_THAI.findall(text)), len(_HAN.findall(text))
    if thai and thai >= han:
        return "th"
    if not han:
        return "en"
    if any(c in _CANTONESE for c in text):
        return "zh-Hant"
    s2t, t2s = _cc("s2t"), _cc("t2s")
    simp = sum(1 for c in text if _HAN.match(c) and s2t.convert(c) != c)
    trad = sum(1 for c in text if _HAN.match(c) and t2s.convert(c) != c)
    return "zh-Hant" if trad > simp else "zh-Hans"


_CONVERTERS: dict[str, object] = {}


def _cc(name: str):  # type: ignore[no-untyped-def]
    import opencc

    if name not in _CONVERTERS:
        _CONVERTERS[name] = opencc.OpenCC(name)
    return _CONVERTERS[name]


# --- fillers for templates ----------------------------------------------------------------------

COMPANIES = [
    "Acme Pty Ltd",
    "Bluewattle Trading",
    "Lim & Sons Sdn Bhd",
    "Harbourview Logistics",
    "Koala Kitchens",
    "Merlion Supplies Pte Ltd",
    "Tasman Print Co.",
]
# addresses and names are put together from parts, so that (as in a real export) the same
# address or full name seldom recurs across customers
ADDRESS_PARTS = {
    "en": (
        [
            "{n} {street} St, {suburb} {state} {pc4}",
            "Unit {n}/{n2} {street} Rd, {suburb} {state} {pc4}",
            "Blk {n3} {street} Ave {n} #{n2}-{n3}, S{d6}",
            "{n} Jalan {street} {n}/{n2}, {pc5} {suburb}, Selangor",
            "Flat {letter}, {n}/F, {n2} {street} Rd, Kowloon",
            "{n} {street} Tce, {suburb} {pc4}",
        ],
        {
            "street": [
                "Smith",
                "Kent",
                "Nathan",
                "Bukit Timah",
                "Ang Mo Kio",
                "Ampang",
                "Gouger",
                "Lygon",
                "Orchard",
                "Bangsar",
                "Chapel",
                "Hay",
                "Tampines",
                "Petaling",
            ],
            "suburb": [
                "Fitzroy",
                "Subiaco",
                "Newtown",
                "Petaling Jaya",
                "Subang Jaya",
                "Glenelg",
                "Wellington",
                "Parramatta",
                "Cheras",
                "Toa Payoh",
                "Mong Kok",
                "Brunswick",
            ],
            "state": ["VIC", "NSW", "WA", "QLD", "SA"],
        },
    ),
    "zh-Hans": (
        [
            "{prov}{city}{dist}{road}{n2}号{n}栋{n3}室",
            "{city}{dist}{road}{n2}号院{n}号楼",
            "{prov}{city}{dist}{road}{n3}弄{n}号",
        ],
        {
            "prov": ["广东省", "浙江省", "江苏省", "四川省", "山东省", "湖北省", ""],
            "city": [
                "深圳市",
                "杭州市",
                "南京市",
                "成都市",
                "青岛市",
                "武汉市",
                "上海市",
                "北京市",
            ],
            "dist": [
                "南山区",
                "西湖区",
                "鼓楼区",
                "武侯区",
                "市南区",
                "洪山区",
                "浦东新区",
                "朝阳区",
            ],
            "road": [
                "科技路",
                "文三路",
                "中山路",
                "人民路",
                "解放大道",
                "建设路",
                "长江路",
                "光明街",
            ],
        },
    ),
    "zh-Hant": (
        [
            "{city}{dist}{road}{n}段{n2}號{n}樓",
            "{hk}{road}{n3}號{n2}樓{letter}室",
            "{city}{dist}{road}{n2}巷{n}號",
        ],
        {
            "city": ["台北市", "新北市", "台中市", "高雄市", "桃園市", "台南市"],
            "dist": ["大安區", "板橋區", "西屯區", "前鎮區", "中壢區", "東區", "信義區"],
            "road": [
                "忠孝東路",
                "文化路",
                "台灣大道",
                "中山路",
                "民生路",
                "彌敦道",
                "軒尼詩道",
                "英皇道",
            ],
            "hk": ["九龍旺角", "香港島銅鑼灣", "新界沙田", "九龍觀塘", "香港島北角"],
        },
    ),
    "th": (
        [
            "{n2}/{n} ม.{n} ต.{tambon} อ.{amphoe} จ.{province} {pc5}",
            "คอนโด{condo} ห้อง {n3} ถ.{road} กทม.",
            "{n3} ซ.{road} {n2} แขวง{tambon} เขต{amphoe} กรุงเทพฯ {pc5}",
        ],
        {
            "tambon": ["บางพูด", "คลองตัน", "สุเทพ", "ในเมือง", "บางรักพัฒนา", "ลาดยาว", "หนองปรือ"],
            "amphoe": ["ปากเกร็ด", "วัฒนา", "เมือง", "บางใหญ่", "จตุจักร", "บางละมุง"],
            "province": ["นนทบุรี", "เชียงใหม่", "ขอนแก่น", "ชลบุรี", "ภูเก็ต", "นครราชสีมา"],
            "condo": ["ลุมพินี", "ศุภาลัย", "ไอดีโอ", "แอสปาย", "เดอะเบส"],
            "road": ["สุขุมวิท", "พระราม 9", "ลาดพร้าว", "รัชดาภิเษก", "นิมมานเหมินท์", "เพชรเกษม"],
        },
    ),
}
NAME_PARTS = {
    "en": (
        [
            "Jane",
            "Brendan",
            "Siti",
            "Wei Jie",
            "Priya",
            "Kai",
            "Marcus",
            "Aisyah",
            "Dylan",
            "Chloe",
            "Rajesh",
            "Hui Min",
            "Tom",
            "Mei Ling",
            "Arjun",
            "Sophie",
            "Nurul",
            "Jack",
            "Kavya",
            "Liam",
        ],
        [
            "Whitlock",
            "O'Keefe",
            "Tan",
            "Raman",
            "Henare",
            "Lim",
            "Nguyen",
            "McAllister",
            "Kumar",
            "Goh",
            "Wong",
            "Abdullah",
            "Singh",
            "Murphy",
            "Chua",
            "Patel",
            "Ng",
            "Smith",
            "Teo",
            "Ismail",
        ],
    ),
    "zh-Hans": (
        list("王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高"),
        [
            "小明",
            "秀英",
            "伟",
            "洋",
            "静",
            "帆",
            "磊",
            "丽娟",
            "杰",
            "敏",
            "晓燕",
            "建国",
            "子涵",
            "浩然",
            "欣怡",
        ],
    ),
    "zh-Hant": (
        list("陳林黃張李王吳劉蔡楊許鄭謝郭洪何梁"),
        [
            "大文",
            "怡君",
            "志明",
            "雅婷",
            "家豪",
            "淑芬",
            "宗憲",
            "佩珊",
            "嘉欣",
            "振邦",
            "冠宇",
            "詩涵",
            "俊傑",
        ],
    ),
    "th": (
        [
            "สมชาย",
            "สุดารัตน์",
            "ณัฐพล",
            "พิมพ์ชนก",
            "อนุชา",
            "กัญญารัตน์",
            "ธนกร",
            "ปิยะนุช",
            "วีระ",
            "อรุณี",
            "กิตติ",
            "ศิริพร",
        ],
        [
            "ใจดี",
            "แก้วมณี",
            "ศรีสุข",
            "วงศ์ทอง",
            "บุญมา",
            "ทองดี",
            "มีสุข",
            "จันทร์เพ็ญ",
            "สายสุวรรณ",
            "รุ่งเรือง",
            "พรหมมา",
        ],
    ),
}
THAI_NICK = ["น้องเมย์", "พี่ต้น", "น้องแพรว", "พี่บอย", "น้องฟ้า", "พี่นัท"]


def _name(rng: random.Random, lang: str) -> str:
    given, family = NAME_PARTS[lang]
    if lang in ("zh-Hans", "zh-Hant"):
        return rng.choice(given) + rng.choice(family)
    if lang == "th" and rng.random() < 0.2:
        return rng.choice(THAI_NICK)
    return f"{rng.choice(given)} {rng.choice(family)}"


def _address(rng: random.Random, lang: str) -> str:
    templates, parts = ADDRESS_PARTS[lang]

    def one(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in parts:
            return rng.choice(parts[key])
        return {
            "n": lambda: str(rng.randrange(1, 20)),
            "n2": lambda: str(rng.randrange(1, 120)),
            "n3": lambda: str(rng.randrange(100, 999)),
            "pc4": lambda: _digits(rng, 4),
            "pc5": lambda: _digits(rng, 5),
            "d6": lambda: _digits(rng, 6),
            "letter": lambda: rng.choice("ABCDEFG"),
        }[key]()

    return re.sub(r"\{(\w+)\}", one, rng.choice(templates))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("abcdefghijkmnpqrstuvwxyz") for _ in range(n))


def _fill(template: str, rng: random.Random, lang: str) -> str:
    """Replace {name} {phone_my} ... with fresh made-up values."""
    d = lambda n: _digits(rng, n)  # noqa: E731
    values = {
        "name": lambda: _name(rng, lang),
        "first": lambda: _name(rng, lang).split()[0],
        "company": lambda: rng.choice(COMPANIES),
        "addr": lambda: _address(rng, lang),
        "phone_my": lambda: f"+60 1{rng.randrange(10)}-{d(3)} {d(4)}",
        "phone_sg": lambda: f"+65 {rng.choice('89')}{d(3)} {d(4)}",
        "phone_hk": lambda: f"+852 {rng.choice('569')}{d(3)} {d(4)}",
        "phone_tw": lambda: f"09{d(2)}-{d(3)}-{d(3)}",
        "phone_cn": lambda: f"1{rng.choice('3589')}{d(1)} {d(4)} {d(4)}",
        "phone_th": lambda: f"0{rng.choice('689')}{d(1)}-{d(3)}-{d(4)}",
        "phone_au": lambda: f"04{d(2)} {d(3)} {d(3)}",
        "line": lambda: f"@{_letters(rng, 3)}{d(3)}",
        "line_plain": lambda: f"{_letters(rng, 5)}{d(2)}",
        "qq": lambda: str(rng.randrange(10_000_000, 3_000_000_000)),
        "wxid": lambda: f"wxid_{_letters(rng, 2)}{d(2)}{_letters(rng, 2)}",
        "acct_th": lambda: f"{d(3)}-{d(1)}-{d(5)}-{d(1)}",
        "kerry": lambda: f"KEX{d(9)}TH",
        "flash": lambda: f"TH{d(10)}{rng.choice('ABCD')}",
        "sf": lambda: f"SF{d(13)}",
        "jt": lambda: f"JT{d(13)}",
        "auspost": lambda: f"33{_letters(rng, 3).upper()}{d(7)}01000",
        "email": lambda: (
            f"{_letters(rng, 5)}.{_letters(rng, 3)}{d(2)}@{rng.choice(['gmail.com', 'outlook.com', 'bigpond.com', 'yahoo.com.sg', 'qq.com', 'hotmail.co.th'])}"
        ),
        "day": lambda: rng.choice(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
        "dnum": lambda: str(rng.randrange(1, 29)),
        "m12": lambda: str(rng.randrange(1, 13)),
        "wday": lambda: rng.choice("一二三四五六日"),
        "mon": lambda: rng.choice(["Oct", "Nov", "Dec", "Jan"]),
        "hh": lambda: f"{rng.randrange(1, 12)}:{d(1)}{d(1)}",
        "order": lambda: f"#{d(7)}",
    }
    template = re.sub(r"\{d(\d+)\}", lambda m: d(int(m.group(1))), template)
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)](), template)


# --- the inventory -------------------------------------------------------------------------------
# family -> (where: "pre" / "post" / "any", pieces). Pieces may hold {fields}; "\n" inside a piece
# keeps its own line breaks (signatures, quoted replies).

INVENTORY: dict[str, dict[str, tuple[str, list[str]]]] = {
    "en": {
        "greeting": (
            "pre",
            [
                "G'day",
                "G'day team",
                "Yo team",
                "Yo",
                "Morning all",
                "Arvo guys",
                "Hiya",
                "Howdy folks",
                "Evening crew",
                "Heya support peeps",
                "Good morning from Perth",
                "Salam",
                "Hey hey",
                "Oi",
            ],
        ),
        "address": (
            "pre",
            [
                "Dear Sir/Madam",
                "To whom it may concern,",
                "Attn: Customer Care",
                "Boss,",
                "Hi there CS team",
                "Customer service department,",
                "Dear valued support",
            ],
        ),
        "leadin": (
            "pre",
            [
                "Quick one -",
                "Random q:",
                "Long time customer here.",
                "Not sure who to ask but",
                "Sorry to be a pain again",
                "Bit of a weird one.",
                "Following up on my chat yesterday.",
                "Me again!",
                "Can check for me?",
                "Need some assistance here",
            ],
        ),
        "plea": (
            "any",
            [
                "pls help lah",
                "can or not?",
                "help me leh",
                "urgent urgent!!",
                "pls revert asap",
                "kindly advise",
                "need answer today pls",
                "been waiting 3 days already",
                "HELP",
                "appreciate a quick reply",
                "pls la boss",
            ],
        ),
        "thanks": (
            "post",
            [
                "Cheers mate",
                "Cheers",
                "Much obliged",
                "TIA!!",
                "Ta",
                "Thx in advance",
                "Many thanks in anticipation",
                "Appreciate it heaps",
                "Thank u so much",
                "Tq",
                "Thanks a bunch 🙏",
                "Legend, thanks",
            ],
        ),
        "signoff": (
            "post",
            [
                "Kind regards,\n{first}",
                "Warm regards",
                "Best,\n{first}",
                "Regards,\n{name}",
                "Yours faithfully",
                "Rgds",
                "Sincerely, {name}",
                "xoxo",
            ],
        ),
        "signature": (
            "post",
            [
                "-- \n{name} | {company}",
                "--\n{name}\nOperations Manager, {company}\nM: {phone_au}",
                "{name}\n{company}\nT: {phone_sg}",
                "__________\n{first} ({company})",
            ],
        ),
        "client": (
            "post",
            [
                "sent from Zendesk mobile",
                "Sent from my iPhone",
                "Sent from Outlook for Android",
                "Get Outlook for iOS",
                "Sent from Yahoo Mail on Android",
                "Sent via the app",
                "This email and any attachments are confidential and intended solely for the addressee.",
            ],
        ),
        "quoted": (
            "post",
            [
                "On {day}, {dnum} {mon}, support@shopb.com.au wrote:\n> Thanks for contacting us.",
                "On {day} {dnum} {mon} at {hh} pm, Help Desk <help@shopb.sg> wrote:\n> Hi {first},\n> Your ticket has been received.",
                "-----Original Message-----\nFrom: noreply@shopb.com\nSubject: Re: your request",
                "> Is there anything else we can help with?\n> Reply above this line",
            ],
        ),
        "emoji": (
            "any",
            ["😭😭", "🙏🙏🙏", "😅", "🤔", "👍", "😤", ":)", ":(", "xD", "🥲", "🔥🔥"],
        ),
        "particle": ("post", ["lah", "leh", "lor", "ah", "hor", "mate", "eh", "ya", "k"]),
        "pii": (
            "any",
            [
                "my no. {phone_my}",
                "call me {phone_sg}",
                "whatsapp {phone_my}",
                "email me at {email}",
                "name: {name}",
                "acct holder {name}",
                "ship to {addr}",
                "I'm at {addr}",
                "line: {line}",
                "my mobile {phone_au}",
                "{name} here",
                "ref {order}",
                "parcel AusPost {auspost}",
            ],
        ),
    },
    "zh-Hans": {
        "greeting": (
            "pre",
            [
                "哈喽哈喽",
                "嗨",
                "哈喽",
                "早上好呀",
                "在不在",
                "宝宝们好",
                "晚上好",
                "嘿",
                "hello客服",
            ],
        ),
        "address": (
            "pre",
            [
                "老铁",
                "客服小姐姐",
                "亲爱的客服",
                "辛苦客服大大",
                "掌柜的",
                "店家",
                "小哥哥",
                "客服宝宝",
            ],
        ),
        "leadin": (
            "pre",
            [
                "【淘宝】",
                "【拼多多】",
                "打扰一下哈",
                "冒昧问一句",
                "问个问题",
                "有个事想咨询下",
                "我又来了",
                "昨天问过了没人回",
                "弱弱地问一句",
                "急！",
                "同问",
            ],
        ),
        "plea": (
            "any",
            [
                "拜托啦～",
                "求回复",
                "在线等挺急的",
                "麻烦快点处理",
                "帮帮忙吧",
                "赶紧的",
                "救救孩子",
                "等了好久了",
                "回一下好吗",
            ],
        ),
        "thanks": (
            "post",
            [
                "谢啦",
                "谢谢亲",
                "感谢感谢",
                "辛苦啦",
                "比心",
                "万分感谢",
                "多谢老铁",
                "3q",
                "爱你么么哒",
                "谢谢您嘞",
            ],
        ),
        "signoff": ("post", ["祝好", "此致敬礼", "——{name}", "{name} 敬上", "顺祝商祺"]),
        "client": (
            "post",
            [
                "—来自小红书",
                "发自我的iPhone",
                "来自华为Mate 60",
                "—— 来自微信小程序",
                "（来自抖音私信）",
                "发送自 网易邮箱大师",
                "[语音转文字]",
            ],
        ),
        "quoted": (
            "post",
            [
                "在 2025年{m12}月{dnum}日 周{wday}，客服 <kefu@shopb.cn> 写道：\n> 您好，请问还有什么可以帮您？",
                '------------------ 原始邮件 ------------------\n发件人: "客服中心"\n主题: 回复：您的工单',
                "「客服：亲，还在吗？」\n- - - - - - -",
            ],
        ),
        "emoji": (
            "any",
            [
                "[捂脸]",
                "[流泪]",
                "[抱拳]",
                "[微笑]",
                "😂😂",
                "🙏",
                "[doge]",
                "～～",
                "！！！",
                "[发怒]",
            ],
        ),
        "particle": ("post", ["哈", "呗", "嘛", "哒", "咩", "撒", "嘞", "么"]),
        "codemix": (
            "any",
            [
                "help一下",
                "急急急 ASAP",
                "check一下",
                "follow up一下",
                "sorry打扰了",
                "thx哈",
                "OK吗",
                "pls",
                "我是新user",
            ],
        ),
        "pii": (
            "any",
            [
                "QQ {qq}",
                "微信号 {wxid}",
                "加我微信 {wxid}",
                "我手机 {phone_cn}",
                "我叫{name}",
                "收件人{name} {phone_cn}",
                "地址：{addr}",
                "顺丰单号{sf}",
                "极兔{jt}",
                "邮箱{email}",
                "旺旺ID：{line_plain}",
            ],
        ),
    },
    "zh-Hant": {
        "greeting": (
            "pre",
            [
                "哈囉",
                "安安",
                "早安～",
                "Hello～",
                "嗨嗨",
                "午安",
                "你好呀",
                "哈囉哈囉",
            ],
        ),
        "address": (
            "pre",
            [
                "小編",
                "版主大大",
                "店長",
                "客服人員您好",
                "親愛的客服",
                "老闆",
            ],
        ),
        "leadin": (
            "pre",
            [
                "請問一下下",
                "想請教一下",
                "冒昧打擾",
                "不好意思再問一次",
                "有個問題想問",
                "唔該問下",
                "想問吓",
                "我之前有私訊過",
            ],
        ),
        "plea": (
            "any",
            [
                "拜託了",
                "急需協助",
                "盡快回覆好嗎",
                "等好久了欸",
                "快啲覆我啦",
                "幫幫忙",
                "唔該幫手睇睇",
            ],
        ),
        "thanks": (
            "post",
            [
                "感恩讚嘆",
                "唔該晒",
                "多謝晒",
                "感恩",
                "謝謝您的幫忙",
                "萬分感謝",
                "先謝謝了",
                "辛苦了",
                "3Q",
            ],
        ),
        "signoff": ("post", ["敬祝 順心", "{name} 敬上", "—{name}", "祝 商祺", "以上"]),
        "client": (
            "post",
            [
                "(LINE貼圖)",
                "（已收回訊息）",
                "[貼圖]",
                "從我的 iPhone 傳送",
                "—來自Dcard",
                "Sent from Facebook Messenger",
                "(語音訊息 0:12)",
            ],
        ),
        "quoted": (
            "post",
            [
                "於 2025年{m12}月{dnum}日 週{wday}，客服中心 <service@shopb.tw> 寫道：\n> 您好，感謝您的來信。",
                "-----原始郵件-----\n寄件者: 客服中心\n主旨: 回覆：您的問題",
            ],
        ),
        "emoji": ("any", ["🙏", "😭", "><", "QQ", "XD", "(´;ω;`)", "🥺", "～", "！！", "^^"]),
        "particle": ("post", ["㗎", "喎", "囉", "啦", "嘅", "咩", "喔", "欸", "捏", "der"]),
        "codemix": (
            "any",
            [
                "麻煩check下",
                "urgent呀",
                "help下我",
                "sorry打擾",
                "thx",
                "等緊reply",
                "唔該follow下",
                "我係新customer",
            ],
        ),
        "pii": (
            "any",
            [
                "LINE ID: {line_plain}",
                "line: {line}",
                "電話{phone_tw}",
                "我手機 {phone_hk}",
                "WhatsApp {phone_hk}",
                "我叫{name}",
                "收件人：{name}",
                "地址 {addr}",
                "email: {email}",
                "黑貓單號 {d12}",
            ],
        ),
    },
    "th": {
        "greeting": (
            "pre",
            [
                "ขอสอบถามหน่อยนะจ๊ะ",
                "หวัดดีจ้า",
                "ดีค่าาา",
                "สวัสดีตอนเช้าค่ะ",
                "ฮัลโหล",
                "ดีจ้าแอด",
                "สวัสดีปีใหม่ค่ะ",
                "hello ค่ะ",
            ],
        ),
        "address": (
            "pre",
            [
                "แอดจ๋า",
                "แอดคะ",
                "พี่แอดมินคนสวย",
                "น้องแอด",
                "ทางร้านคะ",
                "เจ้าหน้าที่ครับ",
                "คุณลูกค้าสัมพันธ์",
            ],
        ),
        "leadin": (
            "pre",
            [
                "รบกวนหน่อยค่ะ",
                "ขอถามหน่อยนะ",
                "ถามอีกรอบนะคะ",
                "คือแบบว่า",
                "เมื่อวานทักมาแล้ว",
                "ขออนุญาตสอบถาม",
                "อยากทราบว่า",
            ],
        ),
        "plea": (
            "any",
            [
                "ฝากด้วยน้าา",
                "ช่วยหน่อยนะคะ",
                "รีบมากค่ะ",
                "ตอบด่วนเลย",
                "รอนานแล้วนะ",
                "ช่วยดูให้ทีค่ะ",
                "ขอคำตอบด้วยจ้า",
            ],
        ),
        "thanks": (
            "post",
            [
                "ขอบคุณมากๆค่ะ 🙏",
                "ขอบใจจ้า",
                "ขอบคุณล่วงหน้าครับ",
                "แต๊งกิ้วค่า",
                "ขอบคุณนะคะ",
                "thank you ค่า",
                "ขอบคุณค้าบ",
            ],
        ),
        "signoff": ("post", ["จ้า", "นะจ๊ะ", "ค่ะ", "ครับผม", "น้า", "เด้อ", "ค่าาา"]),
        "client": (
            "post",
            [
                "(ส่งจาก LINE)",
                "(สติกเกอร์)",
                "[รูปภาพ]",
                "ส่งจาก iPhone ของฉัน",
                "(ข้อความเสียง)",
                "— via Facebook Messenger",
            ],
        ),
        "quoted": (
            "post",
            [
                "เมื่อ {day} {dnum} {mon}, support@shopb.co.th เขียนว่า:\n> ขอบคุณที่ติดต่อเรา",
                "--- ข้อความเดิม ---\nจาก: ฝ่ายบริการลูกค้า",
            ],
        ),
        "emoji": ("any", ["🙏🙏", "😭", "555", "5555+", "🥹", "T_T", "😊", "💕", "!!!"]),
        "particle": ("post", ["จ้า", "น้าา", "นะคะ", "ค่ะ", "คับ", "ฮะ", "จ้ะ", "เนาะ", "อ่ะ"]),
        "codemix": (
            "any",
            [
                "urgent มากค่ะ",
                "pls ช่วยด้วย",
                "sorry ที่รบกวนนะคะ",
                "thank you na ka",
                "help me หน่อย",
                "เช็คให้หน่อย please",
                "ASAP นะคะ",
            ],
        ),
        "pii": (
            "any",
            [
                "ไลน์ไอดี {line}",
                "line: {line}",
                "เบอร์ {phone_th}",
                "โทร {phone_th}",
                "ชื่อ {name}",
                "บัญชี {acct_th}",
                "เลขบัญชี {acct_th} กสิกร",
                "ที่อยู่ {addr}",
                "Kerry {kerry}",
                "Flash {flash}",
                "ผู้รับ {name} {phone_th}",
            ],
        ),
    },
}

# how many pieces on each side (0-3)
_SIDE_COUNTS = [0, 1, 2, 3]
_SIDE_WEIGHTS = [0.3, 0.4, 0.2, 0.1]
# glue between a piece and the question: nothing, a space, punctuation, a new line
_GLUE = {
    "en": ["", " ", " ", " ", ", ", ". ", "! ", " - ", "\n", "\n\n", "... "],
    "zh-Hans": ["", "", "", "，", "。", "！", " ", "～", "\n", "\n\n", "..."],
    "zh-Hant": ["", "", "", "，", "。", "！", " ", "～", "\n", "\n\n", "⋯"],
    "th": ["", "", " ", " ", " ", "  ", "\n", "\n\n", " ... "],
}


_PUNCT = set(".,!?-:;。，！？～、…⋯")


@dataclass
class Wrapped:
    text: str
    core: str  # the labelled question, unchanged, somewhere inside text
    lang: str
    families: list[str] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)


class CompanyB:
    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def wrap(self, text: str, lang: str, rng: random.Random) -> Wrapped:
        inv = INVENTORY[lang if lang in INVENTORY else "en"]
        lang = lang if lang in INVENTORY else "en"
        pre_fams = [f for f, (w, _) in inv.items() if w in ("pre", "any")]
        post_fams = [f for f, (w, _) in inv.items() if w in ("post", "any")]
        n_pre = rng.choices(_SIDE_COUNTS, _SIDE_WEIGHTS)[0]
        n_post = rng.choices(_SIDE_COUNTS, _SIDE_WEIGHTS)[0]
        fams_pre = rng.sample(pre_fams, n_pre)
        fams_post = rng.sample([f for f in post_fams if f not in fams_pre], n_post)
        # pre pieces read in a natural order (greeting, address, lead-in, the rest)
        order = {f: i for i, f in enumerate(["greeting", "address", "leadin"])}
        fams_pre.sort(key=lambda f: order.get(f, 9))
        # post pieces: the question's tail first, quoted replies and client tags last
        late = {"particle": -1, "thanks": 1, "signoff": 2, "signature": 3, "client": 4, "quoted": 5}
        fams_post.sort(key=lambda f: late.get(f, 0))
        out = ""
        families, pieces = [], []
        for fam in fams_pre:
            piece = _fill(rng.choice(inv[fam][1]), rng, lang)
            glue = rng.choice(_GLUE[lang])
            if (
                piece[-1:] in _PUNCT
            ):  # "Quick one -" takes a space or a new line, not more punctuation
                glue = glue if not glue.strip() else " "
            out += piece + glue
            families.append(fam)
            pieces.append(piece)
        out += text
        for fam in fams_post:
            piece = _fill(rng.choice(inv[fam][1]), rng, lang)
            if fam == "particle":
                glue = rng.choice(["", "", " "]) if lang != "en" else " "
            elif fam in ("signature", "quoted", "signoff") and "\n" in piece:
                glue = rng.choice(["\n", "\n\n"])
            else:
                glue = rng.choice(_GLUE[lang])
                if out[-1:] in _PUNCT and glue.strip():
                    glue = " "
            out += glue + piece
            families.append(fam)
            pieces.append(piece)
        assert text in out
        return Wrapped(out, text, lang, families, pieces)

    def wrap_all(self, texts: list[str], langs: list[str], tag: str = "") -> list[Wrapped]:
        return [
            self.wrap(t, lang, random.Random(f"company-b:{self.seed}:{tag}:{i}:{t}"))
            for i, (t, lang) in enumerate(zip(texts, langs))
        ]


if __name__ == "__main__":  # a few examples per language
    import sys

    demo = {
        "en": "Where is my refund?",
        "zh-Hans": "我的退款什么时候到账",
        "zh-Hant": "請問退款什麼時候會到帳",
        "th": "คืนเงินเมื่อไหร่คะ",
    }
    maker = CompanyB(seed=int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    for lang, q in demo.items():
        for i in range(4):
            w = maker.wrap(q, lang, random.Random(f"demo:{lang}:{i}"))
            print(repr(w.text), w.families)
