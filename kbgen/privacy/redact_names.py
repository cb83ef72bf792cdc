"""Names a customer gives: "my name is Jane Doe", "我叫王小明", "ผมชื่อสมชาย", a sign-off name.

Names cannot be told from other words by shape, so only two places are trusted: right after a
phrase that introduces one (or before "speaking" / "这边" at the start), and right after a
sign-off at the end of a message ("Thanks,\\nJane", "谢谢 王小明", "ขอบคุณค่ะ สมศรี").
Everything else a name-like word could be ("I'm having trouble", "我是新用户",
"ชื่อสินค้าผิด") is kept out by what the name must look like:

* English: capitalised words (any case after "my name is"), none of them a common word, ended
  by punctuation, a line end or words such as "from", "and", "here".
* Chinese: a known surname and one or two more characters, then punctuation, a space or the
  end ("我叫" also accepts two or three characters without a known surname); "姓" + surname.
* Thai: the word(s) after ชื่อ up to a polite particle, a space or punctuation, with a pronoun
  before ชื่อ or a first word that is not a common noun after it.
"""

from __future__ import annotations

import re

from kbgen.privacy.context import union

__all__ = ["name_spans"]

Span = tuple[int, int]

_STOP_EN = frozenset(
    """a an the and or but not no yes so to of in on at by for from with without about as is are
    was were be been being am do does did have has had having get got getting go going gone
    just still also only very really too quite already again now here there then this that
    these those it its my your his her our their me you him us them i we they he she who what
    why how when where which sure sorry glad happy unable able trying try tried writing
    calling contacting emailing reaching looking waiting asking wondering hoping having using
    new old existing current regular premium gold silver member customer client user buyer
    seller owner admin account guest student teacher business company shop store team support
    manager staff agent service help please thanks thank hi hello hey dear okay ok fine good
    great bad confused frustrated disappointed worried concerned upset angry annoyed interested
    aware afraid done finished ready stuck lost locked charged billed logged signed based
    located living staying currently also unfortunately afraid monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december apple google amazon microsoft facebook iphone android windows mac paypal
    visa mastercard shopee lazada line wechat whatsapp gmail outlook yahoo english chinese thai
    american british canadian australian spelled spelt wrong missing incorrect misspelled
    showing shown displayed written correct different same empty blank changed updated one two
    three first last mr mrs ms miss mx dr prof sir madam all everyone there folks guys
    anyone anybody someone somebody nobody noone everybody""".split()
)
_CAP = r"(?-i:[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:['’\-][A-Z]?[a-z]+)?)"
_ANYCASE = r"[A-Za-z][a-z]+(?:['’\-][A-Za-z]?[a-z]+)?"
_END_EN = r"(?=\s*(?:[,.!?;:)\n]|$|\s(?:from|and|here|speaking|with|at|of|calling|writing)\b))"
# Labels a name stands after, as on a form, an envelope or a delivery note ("Attn: Jane Doe",
# "c/o John Smith", "Recipient: Mary Lee", "Account holder: ..."); the name itself decides
# (common words end it, "Attn: Customer Care" names nobody).
_LABEL_EN = (
    r"\bname\s*:|\bsigned\s*:|\battn\.?\s*:?|\battention\s*:|\bc/o\b|\bcare of\b"
    r"|\b(?:recipient|receiver|addressee|consignee|contact person|contact name|customer name"
    r"|full name|first name|last name|surname|account (?:holder|name)|card ?holder)(?:'s name)?\s*:"
)
_INTRO_EN = re.compile(
    rf"(?:\bmy (?:full )?name is|\bmy name's|{_LABEL_EN})\s+"
    rf"({_ANYCASE}(?: {_ANYCASE}){{0,2}}){_END_EN}"
    # "signed" without a colon only before a capitalised name: "I signed up" is no name
    rf"|(?:\bi'm|\bi’m|\bi am|\bsigned"
    rf"|(?:^|[.!?\n][ \t]*|\b(?:hi|hello|hey|dear)\b[,!]?\s+)this is)"
    rf"\s+({_CAP}(?: {_CAP}){{0,2}}){_END_EN}",
    re.I | re.M,
)
# "Sofia Patel speaking", "Hi, John here": a capitalised name that opens the message (or a
# sentence, or follows a greeting) and introduces the writer.
_SPEAKING_EN = re.compile(
    rf"(?:^|\n|[.!?][ \t]+|\b(?:hi|hello|hey)\b[,!]?[ \t]+)(?!(?:hi|hello|hey|dear)\b)"
    rf"({_CAP}(?: {_CAP}){{0,2}})[ \t]+speaking(?=[ \t]*(?:[,.!;:\n]|$))"
    # "here" only after a greeting: "Nobody here." and "Refund here." name nobody
    rf"|\b(?:hi|hello|hey)\b[,!]?[ \t]+(?!(?:hi|hello|hey|dear)\b)"
    rf"({_CAP}(?: {_CAP}){{0,2}})[ \t]+here(?=[ \t]*(?:[,.!;:\n]|$))",
    re.I | re.M,
)
# Sign-offs; the name must end the text or its line.
_SIGNOFF_EN = (
    r"(?:best regards|kind regards|warm regards|regards|best wishes|best|many thanks|thanks a lot|"
    r"thanks so much|thank you|thanks|thx|cheers|sincerely|yours sincerely|yours truly|"
    r"yours faithfully|respectfully|br|rgds)"
)
_SIGN_EN = re.compile(
    rf"(?<![A-Za-z]){_SIGNOFF_EN}\s*[,.!]*[ \t]*\n?[ \t]*"
    rf"({_CAP}(?:,? {_CAP}){{0,2}})[ \t.!]*(?=\n|$)",
    re.I,
)

# Greetings and titles, as an agent's reply opens ("Hi Jane,", "Dear Mr. Doe") or anyone
# writes ("Ms. Jane Doe").
_TITLE = r"(?:mr|mrs|ms|miss|mx|dr|prof)\.?"
_GREET_EN = re.compile(
    rf"(?:^|\n)[ \t]*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))[ \t]+"
    rf"(?:{_TITLE}[ \t]+)?({_CAP}(?: {_CAP}){{0,2}})[ \t]*(?=[,!:.\n]|$)"
    rf"|(?<![A-Za-z])(?-i:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ \t]+({_CAP}(?: {_CAP})?)",
    re.I,
)

_SURNAMES = (
    "王 李 张 張 刘 劉 陈 陳 杨 楊 黄 黃 赵 趙 吴 吳 周 徐 孙 孫 马 馬 朱 胡 郭 "
    "何 高 林 罗 羅 郑 鄭 梁 谢 謝 宋 唐 许 許 韩 韓 冯 馮 邓 鄧 曹 彭 曾 肖 蕭 田 "
    "董 袁 潘 于 蒋 蔣 蔡 余 杜 叶 葉 程 苏 蘇 魏 吕 呂 丁 任 沈 姚 卢 盧 姜 崔 钟 "
    "鍾 谭 譚 陆 陸 汪 范 範 金 石 廖 贾 賈 夏 韦 韋 付 傅 方 白 邹 鄒 孟 熊 秦 邱 "
    "江 尹 薛 闫 閻 段 雷 侯 龙 龍 史 陶 黎 贺 賀 顾 顧 毛 郝 龚 龔 邵 万 萬 钱 錢 "
    "严 嚴 覃 武 戴 莫 孔 向 汤 湯 赖 賴 洪 游 温 溫 翁 柯 庄 莊 施 简 簡 詹 "
    "欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 慕容 皇甫 尉迟 尉遲 公孙 公孫 令狐 夏侯 "
    "长孙 長孫 宇文 司徒 端木 轩辕 軒轅 独孤 獨孤 南宫 南宮 呼延 司空 申屠 澹台 澹臺 淳于 "
    "钟离 鍾離 拓跋 赫连 赫連 闻人 聞人 濮阳 濮陽 万俟 萬俟"
)
_SURNAME = "(?:" + "|".join(sorted(set(_SURNAMES.split()), key=len, reverse=True)) + ")"
_HAN = r"[\u3400-\u9fff]"
# What may follow a Chinese name: punctuation, a space, a line end, Latin text, the end.
_END_ZH = r"(?=[\s,.!?;:，。！？；：、（(~～]|[A-Za-z0-9]|$)"
# Words that start with a surname character but are not names: "我是高中生，", "谢谢，高手".
_NOT_NAME_ZH = (
    "高中 高级 高級 高手 程序 黄金 黃金 白金 金卡 金牌 金额 金額 周末 周一 周二 "
    "周三 周四 周五 周六 周日 温州 溫州 武汉 武漢 苏州 蘇州 江苏 江蘇 江西 石家庄 "
    "方便 严重 嚴重 任何 许多 許多 钱包 錢包 万能 萬能 龙头 龍頭 马来 馬來 余额 "
    "于是 史上 熊猫 熊貓 老师 老師 林口 新手 朱古力 何时 何時 宋体 宋體 唐人 夏天 "
    "田园 田園 杜邦 "
    "马上 馬上 曾经 曾經 叶子 葉子 韩国 韓國 孔子 汤圆 湯圓 于今 于此 于本 于昨 于前 于上 "
    "于下 于去 东方明珠 東方明珠"
)
_NAME_ZH = rf"(?!{'|'.join(_NOT_NAME_ZH.split())}){_SURNAME}{_HAN}{{1,2}}"
# Who the writer is before a name: 我是会员郭美玲, 本人客户王强, 买家：马丽.
_ROLE_ZH = "会员|會員|客户|客戶|顾客|顧客|买家|買家|用户|用戶|卖家|賣家|车主|車主|家长|家長"
_LABEL_ZH = (
    "收件人|收货人|收貨人|寄件人|联系人|聯繫人|聯絡人|联络人|姓名|户名|戶名|持卡人|开户名|開戶名"
    "|收款人|客户名|客戶名|客户姓名|客戶姓名|买家|買家|卖家|賣家|顾客|顧客"
)
_INTRO_ZH = re.compile(
    rf"(?:我叫|我的名字[是叫]|名字[是叫]|本人[叫是]?|鄙人|在下|我是)"
    rf"(?:{_ROLE_ZH})?\s?({_NAME_ZH}){_END_ZH}"
    rf"|我叫\s?((?![了过過他她你它这這那个個做]){_HAN}{{2,3}}){_END_ZH}"
    rf"|(?:本人|我)姓\s?({_SURNAME})"
    # "这里是黄静", "這邊是陳大文"; "黄艳这边～" (this is Huang Yan here)
    rf"|(?:这里是|這裡是|這里是|这边是|這邊是)\s?({_NAME_ZH}){_END_ZH}"
    rf"|(?:^|(?<=[\s，,。！!～~]))({_NAME_ZH})(?=这边|這邊)"
    # labels, as on a delivery note or a form: 收件人：王小明, 聯絡人 陳大文, 户名:李四
    rf"|(?:{_LABEL_ZH})\s?[:：]?\s?({_NAME_ZH}){_END_ZH}"
    rf"|(?:{_LABEL_ZH})\s?[:：]\s?((?![先女小太]|客服|本人|自己|同上|未知|不详|不詳){_HAN}{{2,3}}){_END_ZH}"
)
# "亲爱的王小明", "尊敬的陳大文", "王先生" / "陳小姐" (the surname, or the whole name).
_GREET_ZH = re.compile(
    rf"(?:亲爱的|親愛的|尊敬的)\s?({_NAME_ZH})"
    rf"|((?!{'|'.join(_NOT_NAME_ZH.split())}){_SURNAME}{_HAN}{{0,2}}?)(?=先生|女士|小姐|太太)"
)
_SIGN_ZH = re.compile(
    rf"(?:谢谢|謝謝|感谢|感謝|此致敬礼|此致敬禮|敬礼|敬禮|祝好|多谢|多謝)[!！,，。.~～\s]*"
    rf"({_NAME_ZH})\s*(?:敬上|上)?[\s.。!！]*$"
    # a dash before the name that ends the message: "…，—陳雅婷", "——王丽"
    rf"|(?<![A-Za-z0-9\-])(?:—|－|-){{1,2}}[ \t]?({_NAME_ZH})[\s.。!！]*$"
)
# A name alone on its line with a closing word after it ("王小明 敬上", "司馬沐宸謹上",
# "陳大文 上", "林小美 拜託了"); a bare 上 needs a space before it ("马上" means "at once").
_CLOSE_ZH = re.compile(
    rf"(?m)^[ \t]*({_NAME_ZH})(?:[ \t]*(?:敬上|謹上|谨上|拜上|敬啟|敬启|拜託了?|拜托了?)|[ \t]+上)"
    rf"[ \t.。!！~～]*$"
)
# A name written before its address, as in a mail header: "上官若曦 <a@b.tw>".
_ADDR_ZH = re.compile(rf"(?<!{_HAN})({_NAME_ZH})[ \t]?<[^<>\s@]{{1,64}}@")

_TH = r"[\u0e01-\u0e4e]"
_PARTICLE = r"(?:ครับ|คับ|ค่ะ|คะ|ค่า|นะ|จ้ะ|จ้า|ฮะ|จ้ะ)"
_END_TH = rf"(?={_PARTICLE}|[\s,.!?:;()]|$)"
_STOP_TH = (
    "ผิด สินค้า บัญชี ผู้ใช้ ร้าน ไฟล์ เล่น ใน บน ที่ ของ ไม่ ได้ ยัง จริง เต็ม เดิม ใหม่ ซ้ำ ผู้รับ ผู้ส่ง "
    "ลูกค้า แอป เว็บ เพจ อะไร ว่า คือ และ หรือ บริษัท ล่วงหน้า มาก นะ ครับ ค่ะ คะ สำหรับ การ ความ"
)
_STOP_TH_RE = "|".join(sorted(_STOP_TH.split(), key=len, reverse=True))
_TH_WORD = rf"{_TH}{{2,20}}?{_END_TH}"
_NO_PARTICLE_BEFORE = "".join(f"(?<!{p})" for p in "ครับ คับ ค่ะ คะ ค่า นะ จ้ะ จ้า ฮะ".split())
# A given name, and a family name after a space; the family name must end at a space or
# punctuation, as "สมศรี คืนเงินแล้วค่ะ" is a name and a clause, not a full name.
_TH_NAME = (
    rf"(?!{_STOP_TH_RE}){_TH_WORD}"
    rf"(?:[ \t]+(?!{_STOP_TH_RE}|{_PARTICLE}){_TH}{{2,20}}?"
    rf"{_NO_PARTICLE_BEFORE}(?=[\s,.!?:;()]|$))?"
)
_ROLE_TH = "ลูกค้า|ผู้สั่งซื้อ|ผู้สั่ง|ผู้ซื้อ|ผู้ใช้|เจ้าของบัญชี|สมาชิก|ผู้ติดต่อ|ผู้ส่ง"
_INTRO_TH = re.compile(
    rf"(?:ผม|ดิฉัน|ฉัน|หนู|กระผม|เรา|พี่|น้อง)ชื่อ(?:ว่า|คือ|จริง)?\s*({_TH_NAME})"
    rf"|(?<!{_TH})ชื่อ(?:-?(?:นาม)?สกุล)?\s*[:：]?\s+({_TH_NAME})"
    # a form's labels: ชื่อลูกค้า / ชื่อผู้สั่ง / ชื่อผู้ซื้อ / ชื่อเจ้าของบัญชี ..., ลงชื่อ (signed;
    # ลงชื่อเข้าใช้ is signing in)
    rf"|(?<!{_TH})(?:ชื่อ(?:{_ROLE_TH})\s*[:：]?\s*|ลงชื่อ(?!\s*(?:เข้า|ออก|ใช้))(?:\s*[:：]\s*|\s+))"
    rf"(?:คุณ|นาย|นางสาว|นาง|น\.ส\.)?\s*({_TH_NAME})"
    # labels: "ผู้รับ: สมชาย ใจดี", "ชื่อบัญชี สมศรี", "ผู้ติดต่อ คุณมานี"
    # (a colon or a title before the name: "ผู้รับ เปลี่ยนได้ไหม" asks about the recipient)
    rf"|(?:ชื่อผู้รับ|ผู้รับ|ชื่อบัญชี|ผู้ติดต่อ|ชื่อผู้ติดต่อ|ผู้ส่ง)\s*"
    rf"(?:[:：]\s*(?:คุณ|นาย|นางสาว|นาง|น\.ส\.)?|(?:คุณ|นาย|นางสาว|นาง|น\.ส\.))\s*({_TH_NAME})"
)
# "เรียนคุณสมชาย" (dear Khun Somchai), "สวัสดีค่ะ คุณสมศรี": คุณ alone also means "you".
_GREET_TH = re.compile(
    rf"(?:เรียน|สวัสดี{_PARTICLE}?)\s*(?:คุณ|ท่าน)\s?({_TH_NAME})|เรียน\s+({_TH_NAME})"
)
_SIGN_TH = re.compile(
    rf"ขอบคุณ(?:มาก)?{_PARTICLE}?[!.,\s]*\s({_TH_NAME})[\s.!]*$|"
    rf"ด้วยความเคารพ[\s,]*({_TH_NAME})[\s.!]*$"
    # a last line "จาก <name>" (from ...): "ส่งจาก เชียงใหม่" inside a line is no sign-off
    rf"|(?:^|\n)[ \t]*จาก[ \t]*(?:คุณ)?[ \t]*({_TH_NAME})[\s.!]*$"
)
_HINT_EN = (
    "name|i'm|i’m|i am|this is|signed|regards|thanks?|thx|cheers|sincerely|best|br|rgds|yours"
    "|speaking|here|attn|attention|c/o|care|recipient|receiver|addressee|consignee|contact"
    "|customer|full|first|last|surname|account|card|cardholder"
    "|respectfully|hi|hello|hey|dear|good|mr|mrs|ms|miss|mx|dr|prof"
)
_HINT_OTHER = (
    "我叫|名字|本人|我是|姓|谢谢|謝謝|感谢|感謝|此致|敬礼|敬禮|祝好|多谢|多謝|亲爱|親愛|尊敬|先生|女士"
    "|小姐|太太|上|敬啟|敬启|拜託|拜托|这里是|這裡是|這里是|这边|這邊|ชื่อ|ขอบคุณ|ด้วยความเคารพ|เรียน|สวัสดี"
    "|收|寄|联|聯|户|戶|持卡|开户|開戶|客户|客戶|ผู้รับ|ผู้ติดต่อ|ผู้ส่ง|鄙人|在下|买家|買家|卖家|賣家|顾客|顧客"
    "|-[\u3400-\u9fff]|จาก"  # folded: a dash (— －) before a Chinese name
)
# Most texts hold none of these words; the leading character class lets the scan skip fast.
_FIRSTS = {w[0] for w in f"{_HINT_EN}|{_HINT_OTHER}".split("|")}
_HINT = re.compile(
    rf"(?=[{re.escape(''.join(sorted(_FIRSTS | {c.upper() for c in _FIRSTS})))}])"
    rf"(?:(?<![A-Za-z])(?:{_HINT_EN})(?![A-Za-z])|{_HINT_OTHER})",
    re.I,
)


def _groups(m: re.Match[str]) -> Span | None:
    for i in range(1, (m.re.groups or 0) + 1):
        if m[i]:
            return m.span(i)
    return None


def _en_name(work: str, span: Span) -> Span | None:
    """The name's words up to the first common word; None when the first one is common."""
    start, end = span
    pos = start
    for word in re.finditer(r"\S+", work[start:end]):
        if any(p.lower() in _STOP_EN for p in re.split(r"['’\-]", word[0]) if p):
            break
        pos = start + word.end()
    return (start, pos) if pos > start else None


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")


def name_spans(work: str) -> list[Span]:
    """Spans of names introduced by the writer, signed under a message or greeted."""
    spans: list[Span] = []
    if "<" in work and "@" in work:
        spans += [m.span(1) for m in _ADDR_ZH.finditer(work)]
    if not _HINT.search(work):
        return spans
    for pattern in (_INTRO_EN, _SPEAKING_EN, _SIGN_EN, _GREET_EN):
        for m in pattern.finditer(work):
            span = _groups(m)
            if span and (name := _en_name(work, span)):
                spans.append(name)
    # The Chinese and Thai patterns only where those scripts are (most of the time in an
    # English export went on them).
    han, thai = _HAN.search(work) is not None, _THAI.search(work) is not None
    inline = (_INTRO_ZH, _GREET_ZH, _CLOSE_ZH) * han + (_INTRO_TH, _GREET_TH) * thai
    for pattern in inline:
        spans += [s for m in pattern.finditer(work) if (s := _groups(m))]
    tail = max(0, len(work) - 200)  # sign-off names end the text
    for pattern in (_SIGN_ZH,) * han + (_SIGN_TH,) * thai:
        m = pattern.search(work, tail)
        if m and (s := _groups(m)):
            spans.append(s)
    return union(spans)
