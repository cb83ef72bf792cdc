"""Postal addresses (<ADDRESS>) in four languages.

Each language has addresses that must be masked (alone, after an address word, inside a longer
ticket with a greeting and a question) and near misses that must come out as they went in or
keep their own masks: address words without an address, numbers beside street-like words,
product names, times, prices, dates, order numbers (<ORDER_ID>) and phone numbers (<PHONE>).
"""

from __future__ import annotations

import json

import pytest

from kbgen.privacy.redact import Redactor, redact

# (text, what it must become)
ADDRESSES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("please ship to Flat 5, 12 Nathan Road, Kowloon", "please ship to <ADDRESS>"),
        (
            "Please change my address to 221B Baker Street, London NW1 6XE",
            "Please change my address to <ADDRESS>",
        ),
        (
            "My address is 1600 Pennsylvania Avenue NW, Washington, DC 20500 thanks",
            "My address is <ADDRESS> thanks",
        ),
        ("Send it to 350 5th Ave, New York, NY 10118", "Send it to <ADDRESS>"),
        ("Unit 3/45 Smith St, Fitzroy VIC 3065", "<ADDRESS>"),
        ("Flat B, 5/F, 12 Some Rd, Mong Kok", "<ADDRESS>"),
        ("Blk 123 Ang Mo Kio Ave 3 #05-12 Singapore 560123", "<ADDRESS>"),
        ("No. 12, Jalan SS 2/24, 47300 Petaling Jaya, Selangor", "<ADDRESS>"),
        ("99/9 Moo 3, Soi Sukhumvit 21, Khlong Toei, Bangkok 10110", "<ADDRESS>"),
        ("123 Sukhumvit Soi 11, Bangkok 10110 is my new address", "<ADDRESS> is my new address"),
        ("PO Box 1234, Sydney NSW 2001", "<ADDRESS>"),
        ("123 Main St Apt 4B, Springfield, IL 62704", "<ADDRESS>"),
        ("ship to: Blk 123 Bedok North #05-12 Singapore 460123", "ship to: <ADDRESS>"),
        ("deliver to 5 Park Lane please", "deliver to <ADDRESS> please"),
        (
            "Room 1201, 12/F, Tower 2, Times Square, 1 Matheson Street, Causeway Bay, Hong Kong",
            "<ADDRESS>",
        ),
        (
            "Hi team, I live at 12 nathan road, kowloon. When will my parcel arrive?",
            "Hi team, I live at <ADDRESS>. When will my parcel arrive?",
        ),
        (
            "Hello, the courier left my box at 42 Wallaby Way, Sydney NSW 2000 but I was out. "
            "Can you redeliver?",
            "Hello, the courier left my box at <ADDRESS> but I was out. Can you redeliver?",
        ),
        (
            "No. 100 Century Avenue, Pudong, Shanghai 200120 is my office",
            "<ADDRESS> is my office",
        ),
        ("Ship to:\n10 Downing St\nLondon SW1A 2AA\nThanks", "Ship to:\n<ADDRESS>\nThanks"),
    ],
    "zh-Hans": [
        ("地址：上海市浦东新区世纪大道100号3号楼502室", "地址：<ADDRESS>"),
        ("北京朝阳区建国路88号SOHO现代城2号楼1单元1201", "<ADDRESS>"),
        ("麻烦寄到上海市浦东新区世纪大道100号，电话13800138000", "麻烦寄到<ADDRESS>，电话<PHONE>"),
        (
            "你好，我住在北京市朝阳区建国路88号，快递什么时候到？",
            "你好，我住在<ADDRESS>，快递什么时候到？",
        ),
        ("收货地址是广东省深圳市南山区科技园南区8栋301", "收货地址是<ADDRESS>"),
        ("杭州市西湖区文三路478号华星时代广场A座1203室", "<ADDRESS>"),
        ("送到朝阳区望京街道5号楼2单元", "送到<ADDRESS>"),
        ("江苏省南京市鼓楼区中山北路30号", "<ADDRESS>"),
        ("我家在上海长乐路123弄5号，能送货上门吗？", "我家在<ADDRESS>，能送货上门吗？"),
        ("小区3号楼502室的快递被拿错了", "<ADDRESS>的快递被拿错了"),
    ],
    "zh-Hant": [
        ("台北市信義區松仁路100號5樓", "<ADDRESS>"),
        ("新北市板橋區文化路一段188巷5弄3號", "<ADDRESS>"),
        ("香港九龍旺角彌敦道700號", "<ADDRESS>"),
        ("收貨地址：台中市西屯區台灣大道三段99號12樓之3", "收貨地址：<ADDRESS>"),
        ("請寄到高雄市前鎮區中山二路5號，謝謝", "請寄到<ADDRESS>，謝謝"),
        (
            "您好，地址是桃園市中壢區中正路100號3樓，什麼時候會到？",
            "您好，地址是<ADDRESS>，什麼時候會到？",
        ),
        ("香港灣仔軒尼詩道123號8樓B室", "<ADDRESS>"),
        ("台南市東區大學路1號", "<ADDRESS>"),
        ("送到新竹市東區光復路二段101號", "送到<ADDRESS>"),
    ],
    "th": [
        (
            "ส่งที่ 99/9 หมู่ 3 ถนนสุขุมวิท แขวงคลองเตย เขตคลองเตย กรุงเทพฯ 10110",
            "ส่งที่ <ADDRESS>",
        ),
        ("99/9 หมู่ 3 ต.บางพูด อ.ปากเกร็ด จ.นนทบุรี 11120", "<ADDRESS>"),
        ("123/45 ซอยสุขุมวิท 21 แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพฯ 10110", "<ADDRESS>"),
        (
            "สวัสดีค่ะ ที่อยู่ 55/1 ถนนพหลโยธิน แขวงลาดยาว เขตจตุจักร กทม. 10900 โทร 0812345678 ค่ะ",
            "สวัสดีค่ะ ที่อยู่ <ADDRESS> โทร <PHONE> ค่ะ",
        ),
        ("บ้านเลขที่ 12 หมู่ 5 ตำบลหนองหาร อำเภอสันทราย จังหวัดเชียงใหม่ 50290", "<ADDRESS>"),
        ("ส่งที่ 88 ซ.ลาดพร้าว 101 ถ.ลาดพร้าว กทม 10240 นะคะ", "ส่งที่ <ADDRESS> นะคะ"),
        ("จัดส่งที่ 7/77 หมู่บ้านพฤกษา ถนนรังสิต-นครนายก ปทุมธานี 12130", "จัดส่งที่ <ADDRESS>"),
        (
            "รบกวนเปลี่ยนที่อยู่เป็น 45/6 ม.2 ต.ในเมือง อ.เมือง จ.ขอนแก่น 40000 ได้ไหมคะ",
            "รบกวนเปลี่ยนที่อยู่เป็น <ADDRESS> ได้ไหมคะ",
        ),
        ("เลขที่ 19 ซอยรามคำแหง 24 แขวงหัวหมาก เขตบางกะปิ กรุงเทพฯ", "<ADDRESS>"),
    ],
}

# Must come out exactly as they went in.
NEAR_MISSES: dict[str, list[str]] = {
    "en": [
        "How do I change my shipping address?",
        "I bought 3 items on the road",
        "I have 3 cows moo",
        "Soi 5 is closed?",
        "the 2 Street Fighter games",
        "Road 66 tour",
        "3 Main St. products?",
        "I bought a Samsung 980 Pro Drive yesterday",
        "In 2019 Oxford Street was closed for 3 days",
        "Top 10 Oxford Street shops",
        "Can I pick it up at 5 pm on Main Street?",
        "The 2 Way adapter costs $12",
        "my address is wrong, it says apartment 3 instead",
        "Is shipping to 2 addresses possible?",
        "I bought 2 Abbey Road CDs.",
        "I watched 3 Sesame Street episodes",
        "Do you sell 5 Wall Street Journal subscriptions?",
    ],
    "zh-Hans": [
        "地址填错了怎么办",
        "我在北京市",
        "上海的仓库",
        "不知道5号能不能到",
        "我12号下的单，什么时候发货",
        "地铁2号线附近有门店吗",
        "分3期12号还款",
        "收货地址能改吗？我下了3单",
        "路由器3号到的，今天坏了",
        "北京市3号开始限行，快递会延迟吗",
        "3号5号都可以送",
        "我住在12樓之3",
    ],
    "zh-Hant": [
        "地址寫錯了可以改嗎",
        "我在台北市",
        "新竹的倉庫什麼時候出貨",
        "我5號下單的，還沒收到",
        "捷運2號線附近有門市嗎",
        "訂了3樓的位子",
        "知道了，12號會到嗎",
        "網路3號就斷了",
    ],
    "th": [
        "เปลี่ยนที่อยู่จัดส่งได้ไหม",
        "ราคา 99 บาท ส่งฟรี",
        "เลยไป 2 ซอยแล้วเลี้ยวซ้าย",
        "สั่ง 3 ชิ้น ส่งวันที่ 12/3",
        "ที่อยู่ผิดไป 2 ครั้งแล้วค่ะ",
        "ตู้ 12 ชั้น ราคาเท่าไหร่คะ",
        "บ้านอยู่ไกล ส่งกี่วันคะ",
        "ส่งกรุงเทพกี่วัน 3 วันไหม",
        "สั่งวันที่ 5/10 ต.ค. ยังไม่ได้ของ",
        "ลด 1/2 10000 บาท",
    ],
}

# Other masks keep their types beside an address.
TYPED: list[tuple[str, str]] = [
    (
        "my order 12345678 to 5 Main St hasn't arrived",
        "my order <ORDER_ID> to 5 Main St hasn't arrived",
    ),
    (
        "Order 732201349959, ship to 12 Nathan Road, Kowloon, tel +852 5123 4567",
        "Order <ORDER_ID>, ship to <ADDRESS>, tel <PHONE>",
    ),
    ("订单号2026112012345678，地址：杭州市西湖区文三路478号", "订单号<ORDER_ID>，地址：<ADDRESS>"),
    (
        "ออเดอร์ 123456789 ส่งที่ 99/9 หมู่ 3 ต.บางพูด จ.นนทบุรี 11120 เบอร์ 0812345678",
        "ออเดอร์ <ORDER_ID> ส่งที่ <ADDRESS> เบอร์ <PHONE>",
    ),
    (
        "99/9 Moo 3, Soi Sukhumvit 21, Bangkok 10110 Tel 081-234-5678",
        "<ADDRESS> Tel <PHONE>",
    ),
    ("Send to 12 Main St, Springfield, IL 62704, jane@example.com", "Send to <ADDRESS>, <EMAIL>"),
    # a house number after เลขที่ (an order word too) is an address, not an order number
    ("บ้านเลขที่ 12345 ถนนสุขุมวิท", "<ADDRESS>"),
]


def _cases(table: dict[str, list]) -> list:
    return [
        pytest.param(*([case] if isinstance(case, str) else case), id=f"{lang}-{i}")
        for lang, cases in table.items()
        for i, case in enumerate(cases)
    ]


@pytest.mark.parametrize(("text", "expected"), _cases(ADDRESSES))
def test_addresses_masked(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", _cases(NEAR_MISSES))
def test_near_misses_untouched(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(("text", "expected"), TYPED)
def test_other_masks_keep_their_types(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(("text", "_expected"), _cases(ADDRESSES) + TYPED)
def test_idempotent(text: str, _expected: str) -> None:
    once = redact(text)
    assert redact(once) == once


def test_counts_the_type() -> None:
    result = Redactor().redact("地址：台北市信義區松仁路100號5樓")
    assert result.counts == {"ADDRESS": 1}


def test_long_hostile_inputs_finish() -> None:
    redactor = Redactor()
    hostile = [
        "12 Main " * 20000,
        "1 a " * 30000 + "Street",
        "市区路" * 30000 + "3号",
        "路1号" * 20000,
        "99/9 หมู่ 3 " * 10000,
        "ถนน" * 40000 + " 12/3",
        "address: " + "12, " * 30000,
        "地址：" + "区" * 50000,
        ("Flat 5, " * 10000) + "12 Nathan Road",
    ]
    for text in hostile:
        out = redactor.redact(text).text
        assert isinstance(out, str)
    assert "<ADDRESS>" in redactor.redact(("Flat 5, " * 10000) + "12 Nathan Road").text


def test_address_never_reaches_suggest_output(fake_embedder, tmp_path) -> None:  # noqa: ANN001
    """A ticket's address is masked before grouping: neither the JSON nor the Markdown of
    ``kbgen suggest`` shows it."""
    import csv

    from click.testing import CliRunner

    from kbgen.cli import cli

    secrets = ["12 Nathan Road", "世纪大道100号", "99/9 หมู่ 3"]
    rows = [
        {"question": "Please ship my refund card to Flat 5, 12 Nathan Road, Kowloon"},
        {"question": "退款发票寄到上海市浦东新区世纪大道100号3号楼502室"},
        {"question": "ส่งใบเสร็จไปที่ 99/9 หมู่ 3 ต.บางพูด จ.นนทบุรี 11120"},
    ] * 2
    path = tmp_path / "addresses.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["question"])
        writer.writeheader()
        writer.writerows(rows)
    outputs = []
    for fmt in ("json", "markdown"):
        result = CliRunner().invoke(cli, ["suggest", str(path), "-f", fmt, "-q", "--min-size", "2"])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    json.loads(outputs[0])
    for out in outputs:
        for secret in secrets:
            assert secret not in out
