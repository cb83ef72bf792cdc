"""Bank account numbers (<ACCOUNT_ID>) in four languages.

Each language has forms that must be masked (an account-number word, a bank's name, a money
word before a plain account word, the Thai 3-1-5-1 grouping) and near misses that must stay as
they are or keep their own type: amounts, dates, phone numbers after a phone word, PromptPay
ids, order numbers after an order word, card numbers, IBANs, national ids, login and member
accounts. Properties plant generated account numbers in generated sentences.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen.privacy.redact import Redactor, redact
from kbgen.site.textcheck import problems_in

# (text, the account number that must be gone); each becomes exactly one <ACCOUNT_ID>.
ACCOUNTS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("account number 12345678", "12345678"),
        ("My account number is 12-345-678-9, please refund there", "12-345-678-9"),
        ("Bank account: 123-456-789-0", "123-456-789-0"),
        ("A/C no. 0123456789", "0123456789"),
        ("A/C:0123456789", "0123456789"),
        ("acct # 987654321", "987654321"),
        ("acct no.9876543210", "9876543210"),
        ("savings account 000123456789", "000123456789"),
        ("HSBC 123-456789-001", "123-456789-001"),
        ("my Chase account 123456789012", "123456789012"),
        ("refund to my account 123456789012", "123456789012"),
        ("KBank 123-4-56789-0 please", "123-4-56789-0"),
    ],
    "zh-Hans": [
        ("账号 6222021234567890123", "6222021234567890123"),
        ("银行卡号 6222 0212 3456 7890 123", "6222 0212 3456 7890 123"),
        ("工商银行账号 13800138000", "13800138000"),
        ("退款到账户 6222021234567890123", "6222021234567890123"),
        ("收款账号：6217 0012 3456 7890", "6217 0012 3456 7890"),
        ("建设银行 6217001234567890", "6217001234567890"),
        ("招商银行 尾号不对 622588123456789", "622588123456789"),
    ],
    "zh-Hant": [
        ("收款帳戶 012-345678901234", "012-345678901234"),
        ("銀行帳號(822)123456789012", "123456789012"),
        ("轉帳到郵局 00012341234567", "00012341234567"),
        ("郵局帳號 0001234-1234567", "0001234-1234567"),
        ("匯款帳號：1234-5678-9012", "1234-5678-9012"),
        ("台灣銀行 123456789012 退款", "123456789012"),
        ("帳號 6222021234567890123", "6222021234567890123"),
    ],
    "th": [
        ("บัญชี 846-4-67285-8", "846-4-67285-8"),
        ("เลขบัญชี 046-4-67285-8 กสิกร", "046-4-67285-8"),
        ("เลขที่บัญชี 1234567890", "1234567890"),
        ("บช. 1234567890", "1234567890"),
        ("บช.1234567890", "1234567890"),
        ("กสิกร 1234567890", "1234567890"),
        ("โอนเข้าบัญชีกสิกรไทย 123-4-56789-0 แล้วค่ะ", "123-4-56789-0"),
        ("ไทยพาณิชย์ 123-456789-0", "123-456789-0"),
        ("ธนาคารกรุงเทพ 123-4-56789-0 ค่ะ", "123-4-56789-0"),
        ("เลขบัญชี 123 4 56789 0 ครับ", "123 4 56789 0"),
        ("บัญชีออมทรัพย์ ๑๒๓๔๕๖๗๘๙๐ ค่ะ", "๑๒๓๔๕๖๗๘๙๐"),
        ("ค่าออเดอร์โอนเข้ากสิกร 1234567890", "1234567890"),
        ("ของยังไม่ได้เงินคืน 846-4-67285-8 ค่ะ", "846-4-67285-8"),
    ],
}

# Must come out exactly as they went in.
NEAR_MISSES: dict[str, list[str]] = {
    "en": [
        "account settings",
        "I can't open my account settings page",
        "my account 12345 is locked",
        "account id 12345678 locked",
        "bank card 4111 1111 1111 1112",
        "transferred 15000000 baht to account",
        "bank account closed on 2026-11-20",
        "the bank charged 1.500.000 last month",
    ],
    "zh-Hans": [
        "账号登录不了",
        "账号 123456789 登录不了",
        "QQ账号 1234567890123456",
        "会员卡号 1234567890123456",
        "银行卡转账 10000元 没到账",
        "账户余额 1234567.50",
    ],
    "zh-Hant": [
        "帳號登入不了",
        "帳號被鎖 2026/11/20",
        "會員卡號 1234567890123456",
        "轉帳 1500000元 還沒到",
    ],
    "th": [
        "โอน 1,500 บาท",
        "โอน 1,500 บาท เข้าบัญชีแล้วค่ะ",
        "โอนเข้าบัญชี 1500000 บาท",
        "บัญชีโดนหัก 2 ครั้ง วันที่ 20/11/2569",
        "บัญชีผู้ใช้ 12345678 ล็อกอินไม่ได้",
        "เปลี่ยนชื่อบัญชีได้ไหม",
        "รหัส 846-4-67285-8",
    ],
}

# Other data next to account words keeps its own type.
TYPED: list[tuple[str, str]] = [
    ("พร้อมเพย์ 0812345678", "พร้อมเพย์ <PHONE>"),
    ("บัญชีพร้อมเพย์ 0812345678", "บัญชีพร้อมเพย์ <PHONE>"),
    ("พร้อมเพย์ 3630583082199", "พร้อมเพย์ <ID>"),
    ("บัญชี โทร 0812345678", "บัญชี โทร <PHONE>"),
    ("โทร 0812345678 เรื่องบัญชี", "โทร <PHONE> เรื่องบัญชี"),
    ("ฝ่ายบัญชี 021234567", "ฝ่ายบัญชี <PHONE>"),
    ("เลขบัญชี 3630583082199", "เลขบัญชี <ID>"),
    ("ออเดอร์ 1234567890 โอนเข้ากสิกรแล้ว", "ออเดอร์ <ORDER_ID> โอนเข้ากสิกรแล้ว"),
    ("บัตร 4111 1111 1111 1111 ผูกกับบัญชี", "บัตร <CARD> ผูกกับบัญชี"),
    ("เลขบัญชี 1234567890 081-234-5678", "เลขบัญชี <ACCOUNT_ID> <PHONE>"),
    (
        "order 12345678 paid from bank account 9876543210",
        "order <ORDER_ID> paid from bank account <ACCOUNT_ID>",
    ),
    ("KBank 02-888-8888", "KBank <PHONE>"),
    ("bank hotline 1800 123 456", "bank hotline <PHONE>"),
    ("Bank transfer ref 98765432", "Bank transfer ref <ORDER_ID>"),
    ("card number 4111 1111 1111 1111", "card number <CARD>"),
    ("account number: GB31 NWBK 8744 2772 0142 88", "account number: <IBAN>"),
    ("บัญชี CH6247308932292113262", "บัญชี <IBAN>"),
    ("用卡号6216489770658983923支付", "用卡号<CARD>支付"),
    ("工商银行 6222021234567890128", "工商银行 <CARD>"),
    ("工商银行 13800138000", "工商银行 <PHONE>"),
    ("支付宝账号 13800138000", "支付宝账号 <PHONE>"),
    ("银行预留手机号 13800138000", "银行预留手机号 <PHONE>"),
    ("订单号 2026112012345678", "订单号 <ORDER_ID>"),
    ("局號 0001234 帳號 1234567", "局號 <ACCOUNT_ID> 帳號 <ACCOUNT_ID>"),
    ("QQ 12345678 转账到账号 6222021234567890123", "QQ <CONTACT_ID> 转账到账号 <ACCOUNT_ID>"),
]

_R = Redactor()


def _cases(table: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    return [case for cases in table.values() for case in cases]


@pytest.mark.parametrize(("text", "value"), _cases(ACCOUNTS))
def test_bank_account_numbers_are_account_ids(text: str, value: str) -> None:
    result = _R.redact(text)
    assert value not in result.text
    assert result.counts == {"ACCOUNT_ID": 1}, result.text


@pytest.mark.parametrize("text", [t for texts in NEAR_MISSES.values() for t in texts])
def test_amounts_dates_and_login_accounts_stay(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(("text", "expected"), TYPED)
def test_other_data_keeps_its_type(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_the_thai_grouping_is_an_account_without_a_word() -> None:
    """3-1-5-1 with dashes is how Kasikorn, Bangkok Bank, Krungthai and Krungsri print an
    account; not when it is the tail of a longer code or after another kind of word."""
    assert redact("846-4-67285-8 ค่ะ") == "<ACCOUNT_ID> ค่ะ"
    assert redact("846-4-67285-8 846-4-67285-9") == "<ACCOUNT_ID> <ACCOUNT_ID>"
    assert redact("SKU 12-846-4-67285-8") == "SKU 12-846-4-67285-8"


def test_account_ids_are_masks_downstream() -> None:
    """Whatever knows the mask list treats <ACCOUNT_ID> like the others: the site's public-text
    check flags it, and it is never a word or a keyword of an issue."""
    from kbgen.group.keywords import issue_keywords, words_of

    assert problems_in("โอนเข้าบัญชี <ACCOUNT_ID> แล้วค่ะ") == [("mask", "<ACCOUNT_ID>")]
    assert problems_in("refund to <ACCOUNT_ID> please") == [("mask", "<ACCOUNT_ID>")]
    assert words_of("refund to account <ACCOUNT_ID> please") == ["refund", "account"]
    group = [(redact(f"refund to bank account 98765432{i:02d} not received"), 1) for i in range(20)]
    other = [(f"how do I reset my password {i}", 1) for i in range(20)]
    keywords = issue_keywords([group, other])
    assert all("<ACCOUNT_ID>" in text for text, _ in group)
    flat = [word.upper() for words in keywords for word in words]
    assert not any("ACCOUNT_ID" in word or word in ("ACCOUNT_", "_ID") for word in flat), keywords
    assert "refund" in keywords[0]


def test_every_account_word_and_bank_name_has_a_key() -> None:
    """Texts holding none of the detector's keys skip it; a word added to a list without a key
    would silently never be seen."""
    import re

    from kbgen.privacy import redact_accounts as accounts

    lists = (
        accounts.BANK_WORDS_EN, accounts.BANK_WORDS_CJK_TH, accounts._ACCT_EN,
        accounts._ACCT_CJK_TH, accounts._WEAK_EN, accounts._WEAK_CJK,
    )  # fmt: skip
    for words in lists:
        for word in words:
            # the plainest text each pattern matches: optional parts and groups left out
            plain = re.sub(r"\\s[?*]|\\.\?|\(\?:[^()]*\)[?]|s\?", "", word)
            plain = re.sub(r"\(\?:([^|()]*)[^()]*\)", r"\1", plain).replace("\\", "")
            assert any(key in plain for key in accounts._KEYS), (word, plain)


# -- bounded time -------------------------------------------------------------------------------

RUNS = ["บัญชี ", "บัญชี 1-", "เลขบัญชี 1 ", "846-4-67285-8 ", "a/c 12 ", "工商银行账号", "账号1-"]


def _seconds(text: str) -> float:
    start = time.perf_counter()
    _R.redact(text)
    return time.perf_counter() - start


@pytest.mark.parametrize("unit", RUNS)
def test_account_words_and_codes_in_long_runs_are_linear(unit: str) -> None:
    small = (unit * (40_000 // len(unit) + 1))[:40_000]
    big = (unit * (160_000 // len(unit) + 1))[:160_000]
    _seconds(small[:1000])
    t_small = min(_seconds(small) for _ in range(2))
    t_big = _seconds(big)
    # Linear is 4x; quadratic would be 16x. Allow for noise on a busy machine.
    assert t_big < 8 * t_small + 0.5, (unit, t_small, t_big)


def test_a_long_space_run_after_an_account_word_is_linear() -> None:
    def seconds(n: int) -> float:
        return _seconds("เลขบัญชี" + " " * n + "<PHONE> 1234567890")

    seconds(100)
    small = min(seconds(5_000) for _ in range(2))
    big = seconds(20_000)
    assert big < 8 * small + 0.5, (small, big)


# -- properties ---------------------------------------------------------------------------------

_DIGIT = "0123456789"
_thai_account = st.builds(
    lambda a, b, c, d: f"{a}-{b}-{c}-{d}",
    st.text(_DIGIT, min_size=3, max_size=3),
    st.text(_DIGIT, min_size=1, max_size=1),
    st.text(_DIGIT, min_size=5, max_size=5),
    st.text(_DIGIT, min_size=1, max_size=1),
)
_bare_ten = st.text(_DIGIT, min_size=10, max_size=10)
_cn_account = st.builds(
    lambda head, rest: head + rest,
    st.sampled_from(["62", "95", "10", "43"]),
    st.text(_DIGIT, min_size=14, max_size=17),
)
_frames = st.sampled_from(
    [
        "เลขบัญชี {} ค่ะ",
        "บัญชี {}",
        "เลขที่บัญชี {} กสิกร",
        "บช. {} ครับ",
        "โอนเข้าบัญชีไทยพาณิชย์ {} แล้วค่ะ",
        "please refund to account number {}",
        "Bank account: {}, thanks",
        "A/C no. {}",
        "银行账号 {}",
        "收款帳戶：{}",
        "退款到工商银行账户{}",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    frame=_frames,
    value=st.one_of(_thai_account, _bare_ten, _cn_account),
    before=st.sampled_from(["", "Hi, ", "您好，", "สวัสดีค่ะ "]),
)
def test_planted_account_numbers_never_survive_and_masking_is_idempotent(
    frame: str, value: str, before: str
) -> None:
    """Every planted number goes, in one mask; it is <ACCOUNT_ID> unless it is also a valid
    card (Luhn and a brand's first digit) or national id, which are claimed first."""
    result = _R.redact(before + frame.format(value))
    assert value not in result.text
    assert sum(result.counts.values()) == 1, result.text
    assert set(result.counts) <= {"ACCOUNT_ID", "CARD", "ID"}, result.text
    if len(value) <= 13:  # no card shape (Thai ids are 13 digits)
        assert result.counts == {"ACCOUNT_ID": 1} or result.counts == {"ID": 1}, result.text
    assert _R.redact(result.text).text == result.text


@settings(max_examples=200, deadline=None)
@given(value=_thai_account, before=st.text("abc กขค 你好,.!?", max_size=12))
def test_the_thai_grouping_never_survives_in_any_company(value: str, before: str) -> None:
    once = redact(f"{before} {value} ค่ะ")
    assert value not in once
    assert redact(once) == once
