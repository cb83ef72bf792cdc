# ruff: noqa: E501  (phrasings and answers are data; long strings are kept whole)
"""Generate examples/tickets_multilingual.csv and its labels file.

The tickets are ORIGINAL text written by the kbgen authors for a fictional online
shop ("ShopLane"): customer questions in English (en), Simplified Chinese
(zh-Hans), Traditional Chinese (zh-Hant, Taiwan/Hong Kong usage) and Thai (th).
All personal data (e-mails, phone numbers, card numbers) is fictional: e-mails use
the reserved example.com / example.org domains, US numbers use the 555-01xx range,
card numbers are the well-known public test numbers.

Output is deterministic (fixed seed). Run from anywhere:

    python examples/make_multilingual.py            # writes the two CSV files
    python examples/make_multilingual.py --stats    # ... and prints counts

Files written next to this script:
    tickets_multilingual.csv         ticket_id,created_at,channel,question,answer
    tickets_multilingual.labels.csv  ticket_id,issue   (issue == "other" for long tail)
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import random
import re
from pathlib import Path

SEED = 20261120
END = dt.datetime(2026, 11, 20, 0, 0, 0, tzinfo=dt.timezone.utc)  # exclusive
START = END - dt.timedelta(weeks=8)
LANGS = ("en", "zh-Hans", "zh-Hant", "th")
N_DUPLICATES = 7  # exact re-pastes of an earlier ticket
EMPTY_ANSWER_RATE = 0.12
PII_RATE = 0.15  # plus the card-number rows, ~15% in all

# --------------------------------------------------------------------------
# Slot values
# --------------------------------------------------------------------------
ITEMS = {
    "en": [
        "air fryer",
        "phone case",
        "yoga mat",
        "desk lamp",
        "backpack",
        "bluetooth speaker",
        "water bottle",
        "hoodie",
        "power bank",
        "rain jacket",
    ],
    "zh-Hans": [
        "蓝牙耳机",
        "空气炸锅",
        "手机壳",
        "跑鞋",
        "瑜伽垫",
        "台灯",
        "双肩包",
        "保温杯",
        "卫衣",
        "充电宝",
    ],
    "zh-Hant": [
        "藍牙耳機",
        "氣炸鍋",
        "手機殼",
        "慢跑鞋",
        "瑜珈墊",
        "檯燈",
        "後背包",
        "保溫瓶",
        "帽T",
        "行動電源",
    ],
    "th": [
        "หูฟังบลูทูธ",
        "หม้อทอดไร้น้ำมัน",
        "เคสมือถือ",
        "รองเท้าวิ่ง",
        "เสื่อโยคะ",
        "โคมไฟตั้งโต๊ะ",
        "กระเป๋าเป้",
        "กระติกน้ำ",
        "เสื้อฮู้ด",
        "พาวเวอร์แบงก์",
    ],
}
# things that can break / fail to switch on
GADGETS = {
    "en": ["air fryer", "desk lamp", "bluetooth speaker", "power bank", "electric kettle"],
    "zh-Hans": ["蓝牙耳机", "空气炸锅", "台灯", "充电宝", "电热水壶"],
    "zh-Hant": ["藍牙耳機", "氣炸鍋", "檯燈", "行動電源", "快煮壺"],
    "th": ["หูฟังบลูทูธ", "หม้อทอดไร้น้ำมัน", "โคมไฟตั้งโต๊ะ", "พาวเวอร์แบงก์", "กาต้มน้ำไฟฟ้า"],
}
# things that come in sizes
WEARABLES = {
    "en": ["hoodie", "rain jacket", "sweater", "pair of running shoes"],
    "zh-Hans": ["卫衣", "跑鞋", "冲锋衣", "运动裤"],
    "zh-Hant": ["帽T", "慢跑鞋", "防風外套", "運動褲"],
    "th": ["เสื้อฮู้ด", "รองเท้าวิ่ง", "เสื้อแจ็คเก็ต", "กางเกงวอร์ม"],
}
REGIONS = {
    "en": ["Canada", "Australia", "the UK", "Singapore", "Hawaii", "Alaska", "New Zealand"],
    "zh-Hans": ["新疆", "西藏", "海南", "内蒙古", "香港", "黑龙江"],
    "zh-Hant": ["台東", "澎湖", "金門", "花蓮", "香港", "馬祖"],
    "th": ["เชียงใหม่", "ภูเก็ต", "หาดใหญ่", "อุบลฯ", "แม่ฮ่องสอน", "เกาะสมุย"],
}
CODES = {
    "en": ["WELCOME10", "BF2026", "SAVE15", "FREESHIP", "VIP20", "BLACKFRIDAY"],
    "zh-Hans": ["DOUBLE11", "NEW50", "SL1111", "VIP88"],
    "zh-Hant": ["TW1111", "NEWBIE100", "FRIEND50", "SL1111"],
    "th": ["TH1111", "NEWUSER", "SALE50", "FREESHIP"],
}
AMOUNTS = {
    "en": ["$23.99", "$48.50", "$89.00", "$129.99", "$64.20"],
    "zh-Hans": ["199元", "358元", "89元", "1299元"],
    "zh-Hant": ["690", "1,280", "2,490", "399"],
    "th": ["459", "890", "1,290", "2,150"],
}
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_TH = ["วันจันทร์", "วันอังคาร", "วันพุธ", "วันพฤหัส", "วันศุกร์", "วันเสาร์", "วันอาทิตย์"]
DATES_EN = ["Oct 28", "November 2", "the 5th", "Nov 9", "last Tuesday", "October 30"]

# public test card numbers (all pass the Luhn check)
CARDS = [
    "4111 1111 1111 1111",
    "5555-5555-5555-4444",
    "4012888888881881",
    "3782 822463 10005",
    "4242 4242 4242 4242",
    "5105105105105100",
]

EMAIL_NAMES = {
    "en": ["jenny.r", "mike_t", "sarah.lee", "dtran", "kevin.o", "amanda.w", "j.ortiz", "lisa.m"],
    "zh-Hans": ["wang.lei88", "lixiaoyu", "zhang_min", "chenhao1990", "liu.yang", "zhaojing"],
    "zh-Hant": ["amy.lin", "chen.yating", "kuo.wei", "hsu0812", "jasonwu", "cheng.hk"],
    "th": ["somchai.k", "nok.pim", "ploy.s", "kittipong", "fah.ch", "anan.t"],
}

# --------------------------------------------------------------------------
# Questions. Slots: {order} {days} {item} {region} {code} {amount} {weekday}
# {date}; Thai polite particles {k} (ค่ะ/ครับ, statement) and {ka} (คะ/ครับ,
# question), chosen once per ticket so a ticket never mixes them.
# --------------------------------------------------------------------------
Q = {}

Q["order_status"] = {
    "en": [
        "Where is my order? I placed it {days} days ago and still nothing.",
        "hi, my order {order} still says 'processing'. when will it ship??",
        "The tracking number you sent doesn't work, the courier site says not found. Order {order}",
        "Can you tell me where my package is? Tracking hasn't updated since {weekday}.",
        "It's been almost two weeks. Where is my stuff?? This is ridiculous.",
        "Hello, I ordered a new {item} last week and haven't received any shipping confirmation yet. Could you check the status please?",
        "tracking says delivered but i never got it. order {order}",
        "How do I track my order? I can't find the tracking link in the app.",
        "wheres my order",
        "My package has been stuck 'in transit' for {days} days. Is it lost?",
        "Any update on order {order}? I need it for a birthday on Saturday.",
        "I havent recieved my {item} yet, can you check whats going on",
    ],
    "zh-Hans": [
        "请问我的订单{order}什么时候发货？已经等了{days}天了",
        "我的order还没到，麻烦帮我查一下物流",
        "快递单号查不到信息，是不是还没发货啊？",
        "物流信息三天没更新了，到底到哪了？",
        "怎么还没到？？下单一个礼拜了",
        "你好，我买的{item}显示已发货，但是物流一直停在转运中心，麻烦看一下",
        "在哪里可以查物流？APP里找不到",
        "订单显示已签收，但我根本没收到！",
        "{item}到哪了，急用",
        "麻烦催一下发货，订单号{order}",
        "tracking number查不到，是不是填错了",
        "订单怎么还没发或，都三天了",
    ],
    "zh-Hant": [
        "請問我的訂單{order}什麼時候會出貨？",
        "訂單已經下了{days}天還沒收到，可以幫我查一下嗎？",
        "物流追蹤碼查不到資料，是不是還沒寄出？",
        "請問包裹現在到哪裡了？貨態一直沒更新",
        "我的貨到底什麼時候到啦…等好久了",
        "您好，想詢問訂單{order}的配送進度",
        "顯示已送達但我沒收到包裹，管理室也說沒有",
        "請問要去哪裡查詢出貨進度？",
        "我買的{item}還沒到，可以幫忙催一下嗎",
        "超商取貨的通知一直沒收到，訂單{order}",
        "我張單幾時先到？已經等咗成個禮拜",
    ],
    "th": [
        "สั่งของไปตั้งแต่{weekday}ที่แล้ว ยังไม่ได้รับของเลย{k} เช็คให้หน่อยได้ไหม{ka}",
        "ออเดอร์ {order} ถึงไหนแล้ว{ka}",
        "เลขพัสดุที่ส่งมาเช็คไม่ได้{k} ขึ้นว่าไม่พบข้อมูล",
        "สถานะยังขึ้นว่ากำลังเตรียมจัดส่งมา {days} วันแล้ว{k} จะส่งเมื่อไหร่{ka}",
        "ขอเลข tracking หน่อย{k}",
        "ของยังไม่มาเลย สั่งนานแล้วนะ{ka}",
        "แอปขึ้นว่าจัดส่งสำเร็จแล้ว แต่ยังไม่ได้รับของเลย{k}",
        "รบกวนเช็คสถานะออเดอร์ให้หน่อย{k} สั่ง{item}ไป ยังไม่มีความเคลื่อนไหวเลย",
        "พัสดุค้างอยู่ที่ศูนย์คัดแยกหลายวันแล้ว{k} ของหายหรือเปล่า{ka}",
        "{item}ที่สั่งไปจะได้วันไหน{ka} ขอบคุน{k}",
    ],
}

Q["refund_not_received"] = {
    "en": [
        "I returned my {item} {days} days ago and still haven't received my refund.",
        "When will I get my money back? The return was accepted on {date}.",
        "Refund status says completed but nothing on my card statement.",
        "you guys cancelled my order but never refunded me. where is my money",
        "How long does a refund take to show up on a credit card?",
        "Still waiting for the refund for order {order}. This is the third time I'm asking.",
        "Hi, I got an email saying my refund was issued but my bank says there's no pending credit. Can you send me a reference number?",
        "Refund for {order} ({amount}) never arrived. Please check.",
        "i paid with paypal, where does the refund go?",
    ],
    "zh-Hans": [
        "退款怎么还没到账？已经{days}天了",
        "请问退款一般多久能到？我是用支付宝付的",
        "订单{order}已经退货成功了，钱一直没退回来",
        "显示退款成功但是银行卡里没有收到，麻烦查一下",
        "取消订单的钱什么时候退？",
        "我的退款到底什么时候到？？客服一直说在处理",
        "refund什么时候到账啊，{amount}不是小数目",
        "退货寄回去一个多星期了，退款还是没动静",
        "退款的status一直是processing，是卡住了吗",
    ],
    "zh-Hant": [
        "請問退款什麼時候會入帳？已經退貨快兩個禮拜了",
        "訂單{order}退貨完成了，但錢一直沒退回信用卡",
        "退款顯示已完成，可是銀行說沒有收到款項",
        "取消訂單後退款大概要幾天？",
        "我是用LINE Pay付款的，退款會退到哪裡？",
        "等退款等了{days}天，可以幫我確認一下進度嗎？",
        "退款NT${amount}到現在都沒看到，請問是卡在哪裡？",
        "請問退款是退回原信用卡還是購物金？",
    ],
    "th": [
        "คืนของไปแล้ว ยังไม่ได้รับเงินคืนเลย{k}",
        "เงินคืนจะเข้าบัญชีภายในกี่วัน{ka}",
        "ยกเลิกออเดอร์ {order} ไปแล้ว แต่ยังไม่ได้เงินคืน{k}",
        "ระบบขึ้นว่าคืนเงินสำเร็จแล้ว แต่เช็คในบัตรไม่เห็นยอดเงินคืนเลย{k}",
        "รอ refund มา {days} วันแล้วนะ{ka} ช่วยตามให้หน่อย",
        "จ่ายผ่าน TrueMoney Wallet {k} เงินคืนจะเข้าทางไหน{ka}",
        "ยอด {amount} บาทที่ต้องคืน ตอนนี้ถึงขั้นตอนไหนแล้ว{ka}",
        "ส่งของคืนไปตั้งนานแล้ว ทำไมยังไม่คืนเงินสักที",
    ],
}

Q["return_item"] = {
    "en": [
        "How do I return an item? The {wear} is too small.",
        "Can I get a return label? I don't have a printer.",
        "I want to return my order {order}, it's been 20 days, is that still ok?",
        "Do I have to pay for return shipping?",
        "the return label link in the email is broken",
        "Hi, I'd like to send back the {item} I bought, it's unopened. What's the process?",
        "can i return something i bought on sale?",
        "Where do I drop off a return? Is there a UPS option?",
        "I started a return in the app but never got the label by email.",
    ],
    "zh-Hans": [
        "怎么申请退货？{wear}尺码不合适",
        "退货要自己出运费吗？",
        "买了{days}天了还能退吗？没拆封",
        "退货地址是哪里？",
        "七天无理由退货怎么操作？找不到入口",
        "请问退货标签在哪里打印？",
        "{item}不想要了，可以退吗，吊牌都还在",
        "申请了退货，快递员什么时候上门取件？",
    ],
    "zh-Hant": [
        "請問要怎麼申請退貨？",
        "退貨需要自己付運費嗎？",
        "{wear}尺寸不合，想退貨，可以到超商寄回嗎？",
        "已經拆封了還可以退嗎？",
        "退貨單在哪裡列印？我在App裡找不到",
        "想退貨，請問鑑賞期是幾天？",
        "申請退貨後物流會來收件嗎？還是要自己寄",
        "想退貨，可以拎去順豐站寄返嗎？",
        "訂單{order}的{item}想退，麻煩告訴我流程",
    ],
    "th": [
        "อยากคืนสินค้าต้องทำยังไง{ka}",
        "สั่ง{wear}มาแล้วไซส์ไม่พอดี ขอคืนได้ไหม{ka}",
        "ค่าส่งคืนสินค้าลูกค้าต้องจ่ายเองไหม{ka}",
        "ขอใบ label สำหรับส่งคืนหน่อย{k}",
        "แกะกล่องแล้วยังคืนได้อยู่ไหม{ka}",
        "ส่งคืนของต้องส่งไปที่อยู่ไหน{ka}",
        "กดขอคืนสินค้าในแอปแล้ว ต้องทำอะไรต่อ{ka}",
        "ซื้อมา {days} วันแล้วยังคืนได้ไหม{ka} ยังไม่ได้ใช้เลย",
    ],
}

Q["change_cancel_order"] = {
    "en": [
        "I need to cancel my order {order} please, I ordered the wrong size.",
        "Can I still change the colour on my order? Just placed it 10 minutes ago",
        "how do i cancel an order",
        "Please cancel order {order} ASAP, I ordered it twice by mistake.",
        "Is it possible to add one more item to an order I already placed?",
        "I tried to cancel in the app but the button is greyed out.",
        "Can I swap the {item} in my order for a different model?",
        "Cancel my order. I found it cheaper elsewhere.",
    ],
    "zh-Hans": [
        "刚下的单能取消吗？拍错了",
        "订单{order}麻烦帮我取消一下",
        "想改一下尺码，M换成L，还来得及吗",
        "怎么取消订单？找不到取消按钮",
        "不小心下了两单，帮我取消一个",
        "已经发货了还能取消吗",
        "{item}颜色选错了，能帮我改成黑色吗",
        "不想要了，订单还没发货，直接取消吧",
    ],
    "zh-Hant": [
        "請問訂單可以取消嗎？下錯了",
        "麻煩幫我取消訂單{order}",
        "剛下單想換顏色，可以幫我修改嗎？",
        "App裡的取消按鈕按不了，要怎麼取消訂單？",
        "不小心重複下單了，可以取消其中一筆嗎",
        "已出貨還可以取消嗎？",
        "{item}想多加一個，可以併在同一張訂單嗎",
    ],
    "th": [
        "ขอยกเลิกออเดอร์ {order} {k} สั่งผิด",
        "เพิ่งสั่งไปเมื่อกี้ เปลี่ยนสีได้ไหม{ka}",
        "ยกเลิกคำสั่งซื้อยังไง{ka} กดไม่ได้",
        "กดสั่งซ้ำสองรอบ รบกวนยกเลิกให้หนึ่งออเดอร์{k}",
        "ของส่งออกไปแล้วยังยกเลิกได้ไหม{ka}",
        "อยากเปลี่ยนไซส์จาก M เป็น L {k} ทันไหม{ka}",
        "สั่ง{item}ผิดรุ่น ขอแก้ออเดอร์หน่อย{k}",
    ],
}

Q["login_password"] = {
    "en": [
        "I forgot my password and the reset email never arrives.",
        "cant log in, it says wrong password but im sure its right",
        "My account got locked after too many attempts, how do I unlock it?",
        "The password reset link says expired every time I click it.",
        "How do I change my password?",
        "I'm not getting the verification code by SMS so I can't sign in.",
        "Login keeps looping back to the sign-in page on Safari.",
        "forgot pasword",
        "I signed up with Google and now it asks me for a password I never set.",
    ],
    "zh-Hans": [
        "忘记密码了怎么办？",
        "登录不上，一直提示密码错误",
        "收不到验证码，没法登录",
        "重置密码的邮件一直没收到，垃圾箱也看了",
        "账号被锁了，怎么解锁？",
        "怎么修改登录密码",
        "换了手机号，原来的号收不到验证码了，账号还能登吗",
        "微信登录之后提示账号异常，登不进去",
    ],
    "zh-Hant": [
        "忘記密碼了，要怎麼重設？",
        "一直登入失敗，顯示帳號或密碼錯誤",
        "收不到簡訊驗證碼，沒辦法登入",
        "重設密碼的信都沒收到耶",
        "帳號被鎖住了，請問怎麼解除？",
        "請問要在哪裡修改密碼？",
        "用Apple登入之後找不到原本的帳號了",
    ],
    "th": [
        "ลืมรหัสผ่าน{k} ต้องทำยังไง{ka}",
        "เข้าสู่ระบบไม่ได้{k} ขึ้นว่ารหัสผ่านไม่ถูกต้อง",
        "ไม่ได้รับ OTP เลย{k} ล็อกอินไม่ได้",
        "กดรีเซ็ตรหัสผ่านแล้วไม่มีอีเมลส่งมาเลย{k}",
        "บัญชีโดนล็อก เข้าไม่ได้ ทำไงดี{ka}",
        "เปลี่ยนรหัสผ่านตรงไหน{ka}",
        "เปลี่ยนเบอร์มือถือใหม่ OTP ไม่เข้า เข้าบัญชีเดิมยังไง{ka}",
    ],
}

Q["change_address"] = {
    "en": [
        "I entered the wrong shipping address, can I change it? Order {order}",
        "Can you update the delivery address on my order? I moved last week.",
        "how to change adress after ordering",
        "Typo in my postcode, can you fix it before it ships?",
        "Can I change the address once the parcel is already with the courier?",
        "Please send order {order} to my work address instead, I'm not home during the day.",
    ],
    "zh-Hans": [
        "地址填错了，能改吗？",
        "订单{order}的收货地址麻烦帮我改一下",
        "下单后怎么修改收货地址？",
        "已经发货了还能改地址吗",
        "手机号填错了一位，快递员联系不上我怎么办",
        "我搬家了，麻烦把还没发的订单改成新地址",
    ],
    "zh-Hant": [
        "收件地址打錯了，可以幫我改嗎？",
        "請問下單後還能更改配送地址嗎？",
        "想把宅配改成超商取貨，可以嗎？",
        "訂單{order}的地址少打了樓層，麻煩幫我補上",
        "已經出貨了可以改地址嗎？",
        "我搬家了，地址要怎麼改",
    ],
    "th": [
        "ใส่ที่อยู่ผิด{k} แก้ไขได้ไหม{ka}",
        "ขอเปลี่ยนที่อยู่จัดส่งออเดอร์ {order} {k}",
        "สั่งไปแล้วเปลี่ยนที่อยู่ได้ไหม{ka}",
        "ลืมใส่เลขห้อง{k} รบกวนแก้ให้หน่อย",
        "ย้ายบ้านแล้ว{k} อยากให้ส่งไปที่อยู่ใหม่",
        "ของส่งออกไปแล้ว ยังเปลี่ยนที่อยู่ทันไหม{ka}",
    ],
}

Q["payment_problem"] = {
    "en": [
        "My card keeps getting declined at checkout but it works everywhere else.",
        "I was charged twice for the same order! {order}",
        "Payment failed but the money was taken from my account??",
        "Why does it say 'payment could not be processed'? I've tried 3 cards.",
        "There are two identical charges of {amount} on my statement. Please refund one.",
        "Does the site accept PayPal? My Visa gets rejected.",
        "double charged. fix it",
        "Apple Pay fails at the last step every time, is something wrong on your end?",
    ],
    "zh-Hans": [
        "付款一直失败是怎么回事？",
        "扣了两次钱！订单只有一个",
        "支付失败了但是钱已经扣了",
        "信用卡付不了，提示交易被拒绝",
        "微信支付显示支付成功，订单却还是待付款",
        "重复扣款了{amount}，麻烦退一笔给我",
        "支付宝付款一直卡在确认页面",
    ],
    "zh-Hant": [
        "信用卡一直刷不過，請問是什麼問題？",
        "同一筆訂單被扣款兩次，請幫我處理",
        "付款失敗可是銀行有扣款通知",
        "結帳時顯示交易失敗，換了兩張卡都一樣",
        "被重複扣款了NT${amount}，請盡快退款",
        "可以用街口支付嗎？信用卡付不過",
        "信用卡3D驗證的簡訊一直收不到，沒辦法付款",
        "張信用卡俾你哋扣咗兩次錢，唔該幫我退返",
    ],
    "th": [
        "ชำระเงินไม่ผ่าน{k} ลองหลายรอบแล้ว",
        "โดนตัดเงินสองครั้ง{k} ออเดอร์เดียว",
        "จ่ายไม่สำเร็จแต่เงินในบัญชีหายไปแล้ว{k}",
        "บัตรเครดิตโดนปฏิเสธตอนจ่ายเงิน ทำไม{ka}",
        "สแกนจ่าย PromptPay แล้วแต่ออเดอร์ยังขึ้นว่ารอชำระเงิน{k}",
        "ตัดบัตรซ้ำ {amount} บาท ช่วยคืนให้ด้วย{k}",
        "ผ่อนบัตรไม่ผ่าน ขึ้น error ตลอดเลย{k}",
    ],
}

Q["invoice_receipt"] = {
    "en": [
        "How can I get an invoice for my order? Need it for my company.",
        "Can you send me a receipt for order {order}?",
        "I need a VAT invoice with my company name on it.",
        "where do i download the receipt",
        "The invoice has the wrong billing address, can you reissue it?",
        "Can I get an itemized receipt? My employer needs it for reimbursement.",
    ],
    "zh-Hans": [
        "怎么开发票？",
        "请问可以开增值税专用发票吗？公司要抵扣",
        "订单{order}的电子发票在哪里下载",
        "发票抬头写错了，能重开吗",
        "麻烦开一下发票，抬头是示例科技有限公司",
        "收据能寄纸质的吗",
    ],
    "zh-Hant": [
        "請問發票在哪裡查詢？",
        "我要開公司統編的發票，要怎麼填？",
        "電子發票可以存到手機載具嗎？",
        "發票抬頭打錯了，可以重開嗎？",
        "訂單{order}沒有收到發票通知信",
        "可以索取紙本收據嗎？",
    ],
    "th": [
        "ขอใบกำกับภาษีเต็มรูปได้ไหม{ka}",
        "ต้องการใบเสร็จในนามบริษัท{k} ต้องกรอกข้อมูลตรงไหน{ka}",
        "ใบกำกับภาษีออเดอร์ {order} ดาวน์โหลดได้ที่ไหน{ka}",
        "ชื่อบริษัทในใบกำกับภาษีผิด{k} ขอออกใหม่ได้ไหม{ka}",
        "ขอใบเสร็จรับเงินหน่อย{k} จะเอาไปเบิกบริษัท",
        "ใบกำกับภาษีต้องขอภายในกี่วัน{ka}",
    ],
}

Q["damaged_wrong_item"] = {
    "en": [
        "My {gadget} arrived broken. What do I do?",
        "I received the wrong item. I ordered black and got white.",
        "Box was crushed and the {gadget} inside is cracked. Photos attached.",
        "Item missing from my order, only 2 of 3 came.",
        "This is the second time I get a damaged product. Very disappointed.",
        "the {gadget} doesnt turn on out of the box",
        "You sent me someone else's order?? This isn't what I bought. Order {order}",
    ],
    "zh-Hans": [
        "收到的{gadget}是坏的，怎么处理？",
        "发错货了，我买的是黑色，寄来的是白色",
        "外包装都压扁了，里面东西也碎了",
        "少发了一件，订单里有三件只收到两件",
        "刚拆开就发现有划痕，能换货吗",
        "{gadget}开不了机，新买的！",
        "寄来的尺码不对，我拍的是L，收到的是S",
    ],
    "zh-Hant": [
        "收到的商品是壞的，請問怎麼處理？",
        "寄錯商品了，我訂的是藍色卻收到紅色",
        "箱子被壓壞，裡面的{gadget}也摔壞了",
        "少寄一件商品，請幫我確認",
        "商品有瑕疵，可以換貨嗎？",
        "{gadget}收到就不能用，很失望",
    ],
    "th": [
        "ได้รับ{gadget}แล้วแต่ของแตก{k}",
        "ส่งของผิดมา{k} สั่งสีดำได้สีขาว",
        "กล่องบุบมาก ของข้างในเสียหาย{k} ขอเปลี่ยนได้ไหม{ka}",
        "ของมาไม่ครบ{k} สั่งไปสามชิ้นได้แค่สองชิ้น",
        "{gadget}เปิดไม่ติดเลย{k} เพิ่งได้รับวันนี้",
        "สินค้ามีตำหนิ มีรอยขีดข่วน ขอเคลม{k}",
    ],
}

Q["shipping_cost_time"] = {
    "en": [
        "How much is shipping to {region}?",
        "How long does delivery take to {region}?",
        "Do you ship internationally?",
        "Is there free shipping over a certain amount?",
        "Why is shipping so expensive to {region}? It's more than the item.",
        "If I order today will it arrive before Christmas?",
        "Do you offer express delivery? Need it by Friday.",
    ],
    "zh-Hans": [
        "寄到{region}运费多少？",
        "发货到{region}要几天？",
        "满多少包邮？",
        "偏远地区运费怎么算？",
        "今天下单什么时候能到？急用",
        "可以发顺丰吗？加钱也行",
    ],
    "zh-Hant": [
        "寄到{region}運費多少？",
        "請問滿多少免運？",
        "配送到{region}大概要幾天？",
        "可以寄到國外嗎？運費怎麼算",
        "離島運費為什麼比較貴？",
        "今天下單明天會到嗎？",
        "請問滿多少免運ㄚ",
        "寄去香港要幾多日？運費幾錢？",
    ],
    "th": [
        "ส่งไป{region}ค่าส่งเท่าไหร่{ka}",
        "ส่งกี่วันถึง{ka} อยู่{region}",
        "ซื้อครบเท่าไหร่ส่งฟรี{ka}",
        "มีส่งด่วนไหม{ka} อยากได้ภายในพรุ่งนี้",
        "ส่งต่างประเทศได้ไหม{ka} จะส่งไปลาว",
        "ทำไมค่าส่งแพงจัง{k}",
    ],
}

Q["discount_code"] = {
    "en": [
        "My discount code {code} isn't working, says invalid.",
        "Promo code {code} says expired but the email said it's valid till end of month",
        "The coupon doesn't apply to sale items?",
        "I forgot to enter my discount code at checkout, can you apply it now?",
        "Code {code} not working!!! I've tried like 5 times",
        "Why does it say 'minimum spend not reached' when my cart is over $50?",
        "Black Friday code doesn't work in the app",
        "Where do I enter a promo code in the app?",
        "used {code} but the total didnt change",
        "The 20% off code from your newsletter gives an error at checkout.",
    ],
    "zh-Hans": [
        "优惠码{code}用不了，提示无效",
        "优惠券显示已过期，可是活动还没结束啊",
        "双11的满减为什么没生效？",
        "下单忘了用优惠码，能补吗",
        "新人券怎么用不了",
        "优惠码在哪里输入？",
        "满300减50没减啊，是不是bug",
        "{code}这个码输进去没反应",
        "领的券结算的时候看不到",
        "下单用了coupon但是价格没变",
    ],
    "zh-Hant": [
        "折扣碼{code}輸入後顯示無效",
        "雙11的優惠券怎麼不能用？",
        "結帳時忘了輸入折扣碼，可以補折嗎？",
        "折價券顯示未達使用門檻，可是我已經買超過了",
        "優惠碼用不了啦，試好幾次了",
        "請問折扣碼要在哪裡輸入？",
        "{code}說已經被使用過，可是我根本沒用過",
        "App結帳看不到我領的折價券",
    ],
    "th": [
        "ใส่โค้ดส่วนลด {code} แล้วขึ้นว่าใช้ไม่ได้{k}",
        "โค้ด 11.11 ใช้ไม่ได้{k}",
        "ลืมใส่โค้ดส่วนลดตอนจ่ายเงิน ขอคืนส่วนต่างได้ไหม{ka}",
        "คูปองขึ้นว่ายอดซื้อไม่ถึงขั้นต่ำ แต่ซื้อเกินแล้วนะ{ka}",
        "โค้ดส่วนลดหมดอายุแล้วเหรอ{ka} เพิ่งได้มาเมื่อวาน",
        "กรอกโค้ดตรงไหน{ka} หาไม่เจอ",
        "เก็บคูปองแล้วแต่ตอน checkout ไม่ขึ้นให้ใช้{k}",
        "ใช้โค้ด {code} แล้วราคาไม่ลดเลย{k}",
    ],
}

Q["delete_account_privacy"] = {
    "en": [
        "Please delete my account and all my data.",
        "How do I close my account?",
        "I want to unsubscribe from all marketing emails and remove my personal information.",
        "Under GDPR I request a copy of the personal data you hold about me.",
        "stop sending me sms. how do i delete my account",
        "Do you share my data with third parties?",
    ],
    "zh-Hans": [
        "怎么注销账号？",
        "请删除我的账号和个人信息",
        "不想再收到营销短信了，怎么退订",
        "你们会把我的信息卖给第三方吗？",
        "账号注销后订单记录还会保留吗",
    ],
    "zh-Hant": [
        "請問要怎麼刪除帳號？",
        "請幫我刪除帳號及所有個人資料",
        "不想再收到廣告簡訊，要怎麼取消？",
        "你們的個資會提供給第三方嗎？",
        "帳號刪除後還能恢復嗎？",
    ],
    "th": [
        "ต้องการลบบัญชี{k} ต้องทำยังไง{ka}",
        "ขอลบข้อมูลส่วนตัวทั้งหมดตาม PDPA {k}",
        "ไม่อยากได้รับ SMS โปรโมชั่นแล้ว{k} ยกเลิกยังไง{ka}",
        "ปิดบัญชีแล้วข้อมูลจะถูกลบหมดไหม{ka}",
        "เอาข้อมูลเบอร์โทรของเราไปทำอะไรบ้าง{ka}",
    ],
}

# brand new issue: app 5.2 update breaks checkout (only in the last week)
Q["app_checkout_crash"] = {
    "en": [
        "Since the latest app update the app crashes every time I press Place Order.",
        "App freezes on the payment page after updating, iPhone 13.",
        "after update the checkout button does nothing. android",
        "Can't complete checkout in the app anymore, it just closes. Worked fine last week.",
        "New app version is broken, crashes at checkout. Had to use the website.",
        "Is there a known issue with version 5.2? Checkout spins forever.",
    ],
    "zh-Hans": [
        "更新APP之后一点提交订单就闪退",
        "新版本app付款页面卡住不动了",
        "升级以后下不了单，一直转圈",
        "app更新后结算按钮点了没反应，安卓手机",
        "5.2版本是不是有bug？结账就崩",
    ],
    "zh-Hant": [
        "App更新後一按結帳就閃退",
        "新版App付款頁面一直轉圈圈，無法下單",
        "更新完App就不能結帳了，請問什麼時候會修好？",
        "iPhone更新App後送出訂單就當掉",
    ],
    "th": [
        "อัปเดตแอปแล้วกดสั่งซื้อแอปเด้งออกเลย{k}",
        "แอปเวอร์ชันใหม่ค้างที่หน้าชำระเงิน{k}",
        "หลังอัปเดตแอป กดชำระเงินไม่ได้เลย หมุนอยู่อย่างนั้น",
        "แอปใหม่กด checkout ไม่ได้{k} ใช้ Android",
        "อัปเดตเป็น 5.2 แล้วสั่งของไม่ได้เลย{k} แก้ไขเมื่อไหร่{ka}",
    ],
}

# long tail: one-off questions, each used once
OTHER = {
    "en": [
        "Do you sell gift cards in Japan?",
        "Is the yoga mat latex-free? I have an allergy.",
        "Do you have a physical store in London?",
        "Do you have an affiliate program for bloggers?",
        "What's the warranty on the bluetooth speaker?",
        "Will the grey hoodie be restocked in XL?",
        "Do you do gift wrapping?",
        "Does the air fryer come with a UK plug?",
        "Are you hiring? I'd love to work in your warehouse.",
        "Does the backpack fit a 16 inch laptop?",
    ],
    "zh-Hans": [
        "你们有实体店吗？",
        "这款充电宝能带上飞机吗？",
        "可以合作直播带货吗？",
        "空气炸锅是几升的？",
        "可以帮忙包装成礼物吗？",
        "卫衣XL码什么时候补货？",
        "保温杯是304不锈钢的吗",
        "企业采购200个保温杯，怎么联系",
        "客服几点下班？",
        "跑鞋偏大还是偏小？平时穿42",
    ],
    "zh-Hant": [
        "請問有門市可以試穿嗎？",
        "行動電源可以帶上飛機嗎？",
        "有提供禮品包裝嗎？",
        "請問這雙慢跑鞋有寬楦版嗎？",
        "會員點數要怎麼使用？",
        "有在招募團購主嗎？",
        "保溫瓶可以裝熱湯嗎？",
        "請問香港有實體店嗎？",
        "你們的產品有BSMI認證嗎？",
        "客服電話幾點有人接？",
    ],
    "th": [
        "สินค้ามีรับประกันกี่ปี{ka}",
        "มีหน้าร้านให้ไปดูของไหม{ka}",
        "รับตัวแทนจำหน่ายไหม{ka}",
        "หม้อทอดไร้น้ำมันจุกี่ลิตร{ka}",
        "มีบริการห่อของขวัญไหม{ka}",
        "เสื้อฮู้ดไซส์ XL จะมีของเข้าอีกเมื่อไหร่{ka}",
        "รองเท้าวิ่งรุ่นนี้ใส่วิ่งเทรลได้ไหม{ka}",
        "แอดมินตอบแชทกี่โมงถึงกี่โมง{ka}",
        "มีไลฟ์สดขายของวันไหนบ้าง{ka}",
        "กระติกน้ำเก็บความเย็นได้กี่ชั่วโมง{ka}",
    ],
}

# --------------------------------------------------------------------------
# Agent answers (Thai agent writes as female: ค่ะ/คะ)
# --------------------------------------------------------------------------
A = {
    "order_status": {
        "en": [
            "Sorry for the wait! Order {{Order Number}} has shipped; you can follow it with the tracking link in your shipping e-mail. Parcels usually arrive within 3-5 working days.",
            "Thanks for reaching out. Tracking can take up to 48 hours to update after pickup. If there is still no movement after that, reply here and we will open an investigation with the courier.",
        ],
        "zh-Hans": [
            "亲，您的订单{{Order Number}}已发货，可在“我的订单-查看物流”中查询，一般3-5个工作日送达。",
            "您好，物流信息揽收后最长需要48小时更新，如仍无更新请回复我们，我们会联系快递公司核查。",
        ],
        "zh-Hant": [
            "您好，您的訂單{{Order Number}}已出貨，可在「我的訂單」查看配送進度，一般3-5個工作天送達。",
            "不好意思讓您久等了，貨態約需48小時更新，若仍沒有更新請再回覆我們，我們會向物流公司查詢。",
        ],
        "th": [
            "ขออภัยที่ให้รอนะคะ ออเดอร์ {{Order Number}} จัดส่งแล้ว ติดตามพัสดุได้จากลิงก์ในอีเมลแจ้งจัดส่งค่ะ ปกติได้รับภายใน 3-5 วันทำการ",
            "สถานะพัสดุอาจใช้เวลาอัปเดตสูงสุด 48 ชั่วโมงหลังขนส่งรับของค่ะ หากยังไม่อัปเดตรบกวนแจ้งแอดมินอีกครั้ง ทางเราจะประสานกับขนส่งให้ค่ะ",
        ],
    },
    "refund_not_received": {
        "en": [
            "Refunds are issued within 2 business days of us receiving the return; your bank may take 5-10 business days to show it. Your refund reference is {{Refund Reference}}."
        ],
        "zh-Hans": [
            "您好，退款已原路退回，银行卡一般3-7个工作日到账，支付宝/微信一般1-2天，请您留意。"
        ],
        "zh-Hant": [
            "您好，退款已退回原付款方式，信用卡約需7-14個工作天入帳，實際時間依發卡銀行作業為準。"
        ],
        "th": [
            "ทางเราคืนเงินเข้าช่องทางเดิมที่ชำระแล้วค่ะ บัตรเครดิตใช้เวลา 7-14 วันทำการ ส่วนวอลเล็ตประมาณ 1-3 วันค่ะ"
        ],
    },
    "return_item": {
        "en": [
            "You can return unused items within 30 days: go to My Orders > Return item, and we'll e-mail you a prepaid label. No printer? Choose 'QR code' and show it at the drop-off point."
        ],
        "zh-Hans": [
            "您好，签收后7天内可申请无理由退货：我的订单-申请售后，提交后系统会安排快递上门取件。"
        ],
        "zh-Hant": [
            "您好，收到商品7天鑑賞期內可申請退貨：我的訂單 > 申請退貨，可選擇宅配收件或超商寄回。"
        ],
        "th": [
            "สามารถขอคืนสินค้าได้ภายใน 15 วันค่ะ เข้าไปที่คำสั่งซื้อของฉัน > ขอคืนสินค้า ระบบจะส่งใบปะหน้าสำหรับส่งคืนไปทางอีเมลค่ะ"
        ],
    },
    "change_cancel_order": {
        "en": [
            "Orders can be changed or cancelled until they're packed (usually within 1 hour). I've cancelled order {{Order Number}} for you; the refund will follow automatically."
        ],
        "zh-Hans": ["您好，订单未出库前可以取消或修改，已为您处理，退款会原路返回。"],
        "zh-Hant": ["您好，訂單在出貨前都可以取消或修改，已幫您處理完成，款項會退回原付款方式。"],
        "th": ["ออเดอร์ที่ยังไม่ได้แพ็คสามารถยกเลิกหรือแก้ไขได้ค่ะ แอดมินดำเนินการให้เรียบร้อยแล้วนะคะ"],
    },
    "login_password": {
        "en": [
            "Please use 'Forgot password' on the sign-in page; the reset link is valid for 30 minutes. If the e-mail doesn't arrive, check spam or reply here and we'll send it manually."
        ],
        "zh-Hans": [
            "您好，请在登录页点击“忘记密码”，通过手机验证码重置；如收不到验证码，请稍后重试或回复我们人工处理。"
        ],
        "zh-Hant": [
            "您好，請在登入頁點選「忘記密碼」重新設定；若收不到驗證信，請檢查垃圾郵件匣，或回覆我們協助處理。"
        ],
        "th": [
            "กด 'ลืมรหัสผ่าน' ที่หน้าเข้าสู่ระบบได้เลยค่ะ ลิงก์รีเซ็ตใช้ได้ 30 นาที หากไม่ได้รับอีเมลรบกวนเช็คในกล่องจดหมายขยะก่อนนะคะ"
        ],
    },
    "change_address": {
        "en": [
            "If the order hasn't shipped yet we can update the address. Please reply with the full new address and I'll change it on {{Order Number}}."
        ],
        "zh-Hans": ["您好，订单未发货前可以修改地址，请回复完整的新地址，我们帮您更改。"],
        "zh-Hant": ["您好，訂單尚未出貨前可以修改地址，請回覆完整的新地址，我們會幫您更新。"],
        "th": ["หากออเดอร์ยังไม่ได้จัดส่งสามารถแก้ไขที่อยู่ได้ค่ะ รบกวนแจ้งที่อยู่ใหม่แบบเต็มมาได้เลยค่ะ"],
    },
    "payment_problem": {
        "en": [
            "Sorry about that! A failed payment is only a temporary hold and is released by your bank within 3-5 days. If both charges are final, we'll refund the duplicate right away."
        ],
        "zh-Hans": [
            "您好，支付失败产生的扣款为银行预授权，一般3-5个工作日自动退回；如确认重复扣款，我们会立即为您退还一笔。"
        ],
        "zh-Hant": [
            "您好，付款失敗的款項通常是銀行暫時圈存，約3-5個工作天會自動釋放；若確定重複扣款，我們會立即退還。"
        ],
        "th": [
            "ขออภัยค่ะ ยอดที่ถูกตัดตอนชำระไม่สำเร็จเป็นการกันวงเงินชั่วคราว ธนาคารจะคืนภายใน 3-5 วันทำการค่ะ หากถูกตัดซ้ำจริงทางเราจะคืนเงินให้ทันทีค่ะ"
        ],
    },
    "invoice_receipt": {
        "en": [
            "You can download the invoice from My Orders > {{Order Number}} > Invoice. For a company invoice, add your company name and VAT number before checkout or reply here and we'll reissue it."
        ],
        "zh-Hans": [
            "您好，电子发票可在“我的订单-发票详情”下载；如需专票或修改抬头，请提供公司名称和税号。"
        ],
        "zh-Hant": [
            "您好，本店開立電子發票，可在「我的訂單」查詢；如需打統編，請提供公司抬頭與統一編號，我們會為您重開。"
        ],
        "th": [
            "สามารถขอใบกำกับภาษีเต็มรูปได้ค่ะ รบกวนแจ้งชื่อบริษัท ที่อยู่ และเลขประจำตัวผู้เสียภาษี ทางเราจะส่งให้ทางอีเมลภายใน 3 วันทำการค่ะ"
        ],
    },
    "damaged_wrong_item": {
        "en": [
            "I'm really sorry! Please send a photo of the item and the box, and we'll ship a replacement for free or refund you, whichever you prefer."
        ],
        "zh-Hans": ["非常抱歉给您带来不便！麻烦拍一下商品和外包装的照片，我们为您免费补发或退款。"],
        "zh-Hant": ["很抱歉造成您的困擾！麻煩提供商品及外箱照片，我們會為您免費換貨或退款。"],
        "th": [
            "ขออภัยเป็นอย่างสูงค่ะ รบกวนถ่ายรูปสินค้าและกล่องพัสดุส่งมาให้แอดมิน ทางเราจะส่งสินค้าใหม่ให้หรือคืนเงินให้ค่ะ"
        ],
    },
    "shipping_cost_time": {
        "en": [
            "Standard shipping is free over $50 (3-5 working days); international rates and times are shown at checkout once you enter the address."
        ],
        "zh-Hans": ["您好，全场满99元包邮，一般3-5天送达，偏远地区运费以结算页显示为准。"],
        "zh-Hant": [
            "您好，全館滿990元免運，一般2-3個工作天送達，離島及海外運費依結帳頁面顯示為準。"
        ],
        "th": ["ซื้อครบ 500 บาทส่งฟรีค่ะ ปกติได้รับภายใน 2-4 วันทำการ ต่างจังหวัดบางพื้นที่อาจใช้เวลาเพิ่ม 1-2 วันค่ะ"],
    },
    "discount_code": {
        "en": [
            "Sorry for the trouble with the code. It can't be combined with sale items and needs the minimum spend before shipping. I've applied the discount to {{Order Number}} manually.",
            "Thanks for letting us know, we're seeing issues with some promo codes right now. We'll refund the difference once it's fixed.",
        ],
        "zh-Hans": [
            "您好，优惠券需满足使用门槛且不可与特价商品同享，已为您手动补差价。",
            "您好，部分优惠码目前有异常，技术正在处理，我们会为您补偿差价，抱歉！",
        ],
        "zh-Hant": [
            "您好，折價券需達使用門檻且不適用於特價商品，已為您手動補差額。",
            "您好，目前部分折扣碼有異常，工程師正在處理中，我們會補償您差額，造成不便很抱歉！",
        ],
        "th": [
            "ขออภัยค่ะ โค้ดนี้ใช้ไม่ได้กับสินค้าลดราคาและต้องซื้อถึงยอดขั้นต่ำค่ะ แอดมินปรับส่วนลดให้เรียบร้อยแล้วนะคะ",
            "ตอนนี้โค้ดส่วนลดบางตัวมีปัญหาอยู่ค่ะ ทีมงานกำลังแก้ไข ทางเราจะคืนส่วนต่างให้นะคะ",
        ],
    },
    "delete_account_privacy": {
        "en": [
            "You can delete your account in Settings > Privacy > Delete account; we erase your personal data within 30 days, except what we must keep for tax purposes."
        ],
        "zh-Hans": ["您好，可在“设置-账号与安全-注销账号”中操作，注销后个人信息将在30天内删除。"],
        "zh-Hant": ["您好，可至「設定 > 隱私 > 刪除帳號」操作，刪除後個人資料將於30天內清除。"],
        "th": [
            "สามารถลบบัญชีได้ที่ ตั้งค่า > ความเป็นส่วนตัว > ลบบัญชี ค่ะ ข้อมูลส่วนตัวจะถูกลบภายใน 30 วันตาม PDPA ค่ะ"
        ],
    },
    "app_checkout_crash": {
        "en": [
            "Thanks for reporting this - it's a known bug in app version 5.2 and a fix is on the way. Meanwhile you can check out on our website."
        ],
        "zh-Hans": ["您好，这是5.2版本的已知问题，技术正在紧急修复，您可以先在网页版下单，抱歉！"],
        "zh-Hant": [
            "您好，這是App 5.2版的已知問題，工程師正在修復中，可以先使用網頁版結帳，造成不便很抱歉！"
        ],
        "th": [
            "ขออภัยค่ะ เป็นปัญหาของแอปเวอร์ชัน 5.2 ทีมงานกำลังแก้ไขอยู่ค่ะ ระหว่างนี้สามารถสั่งซื้อผ่านหน้าเว็บไซต์ได้เลยค่ะ"
        ],
    },
    "other": {
        "en": [
            "Thanks for your question! I've passed it to the right team and we'll get back to you within 1 business day."
        ],
        "zh-Hans": ["您好，已经帮您转给相关同事，会在1个工作日内回复您。"],
        "zh-Hant": ["您好，已幫您轉交相關部門，會在1個工作天內回覆您。"],
        "th": ["ขอบคุณที่สอบถามเข้ามาค่ะ แอดมินส่งเรื่องให้ทีมที่เกี่ยวข้องแล้ว จะติดต่อกลับภายใน 1 วันทำการค่ะ"],
    },
}

# how many tickets per issue (before the exact duplicates are added)
TARGET = {
    "order_status": 42,
    "refund_not_received": 34,
    "return_item": 30,
    "change_cancel_order": 27,
    "login_password": 28,
    "change_address": 20,
    "payment_problem": 29,
    "invoice_receipt": 21,
    "damaged_wrong_item": 25,
    "shipping_cost_time": 22,
    "discount_code": 44,
    "delete_account_privacy": 16,
    "app_checkout_crash": 15,
}
RISING = {"discount_code": 0.65}  # share of tickets in the last 2 weeks
NEW_LAST_WEEK = {"app_checkout_crash"}  # only in the last 7 days

CHANNELS = {
    "en": (["email", "chat", "web_form", "app"], [4, 4, 2, 1]),
    "zh-Hans": (["chat", "app", "wechat", "email"], [4, 2, 3, 1]),
    "zh-Hant": (["chat", "line", "email", "app"], [3, 4, 2, 1]),
    "th": (["line", "chat", "facebook", "email"], [5, 2, 3, 1]),
}

PREFIX = {
    "en": ["", "", "", "", "Hi, ", "Hello, ", "Hi there, ", "Hey, "],
    "zh-Hans": ["", "", "", "你好，", "您好，", "亲，", "在吗？"],
    "zh-Hant": ["", "", "", "您好，", "你好，", "不好意思，", "請問一下，"],
    "th": ["", "", "", "สวัสดี{k} ", "แอดมิน{ka} ", "สอบถามหน่อย{k} "],
}
SUFFIX = {
    "en": ["", "", "", "", " Thanks.", " Thank you!", " Thanks in advance"],
    "zh-Hans": ["", "", "", "，谢谢", "，谢谢！"],
    "zh-Hant": ["", "", "", "，謝謝", "，麻煩了", "，感謝～"],
    "th": ["", "", "", " ขอบคุณ{k}", " ขอบคุณล่วงหน้า{k}"],
}
# only for problems, not for plain information questions
URGENT_SUFFIX = {
    "en": [" Please help.", " Please sort this out asap."],
    "zh-Hans": ["，麻烦尽快处理", "，急！"],
    "zh-Hant": ["，麻煩盡快處理"],
    "th": [" รบกวนด้วยนะ{ka}", " รบกวนเร่งให้หน่อยนะ{ka}"],
}
URGENT_ISSUES = {
    "order_status",
    "refund_not_received",
    "change_cancel_order",
    "login_password",
    "change_address",
    "payment_problem",
    "damaged_wrong_item",
    "discount_code",
    "app_checkout_crash",
}
PII = {
    "en": [
        " My email is {email}.",
        " You can reach me at {us_phone}.",
        " (account email: {email})",
        " Call me on {us_phone} if that's easier.",
        " My account is {email}, phone {us_phone}.",
    ],
    "zh-Hans": [
        "，我的手机号是{cn_phone}",
        "，联系电话{cn_phone}",
        "，注册邮箱{email}",
        "，收件人电话{cn_phone}",
    ],
    "zh-Hant": [
        "，我的手機是{tw_phone}",
        "，聯絡電話：{tw_phone}",
        "，會員信箱{email}",
        "，有問題請打{tw_phone}",
        "，電話{hk_phone}",
    ],
    "th": [
        " เบอร์ติดต่อ {th_phone} {k}",
        " อีเมลที่สมัครไว้ {email} {k}",
        " ติดต่อกลับได้ที่เบอร์ {th_phone} นะ{ka}",
    ],
}
CARD_PII = {
    "en": " The card is {card}.",
    "zh-Hans": "，卡号{card}",
    "zh-Hant": "，卡號是{card}",
    "th": " บัตรเลข {card} {k}",
}
CARD_ISSUES = ("payment_problem", "refund_not_received")
N_CARD_ROWS = 5

THAI_PARTICLES = [(("ค่ะ", "คะ"), 5), (("ครับ", "ครับ"), 5), (("คับ", "คับ"), 1), (("ค่า", "คะ"), 1)]


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    # ---- fictional personal data ----
    def email(self, lang: str) -> str:
        name = self.r.choice(EMAIL_NAMES[lang])
        if self.r.random() < 0.5:
            name += str(self.r.randint(1, 99))
        return f"{name}@{self.r.choice(['example.com', 'example.com', 'example.org'])}"

    def cn_phone(self) -> str:
        p = self.r.choice(["138", "139", "136", "150", "186", "177", "135"])
        a, b = self.r.randint(0, 9999), self.r.randint(0, 9999)
        if self.r.random() < 0.5:
            return f"+86 {p} {a:04d} {b:04d}"
        return f"{p}{a:04d}{b:04d}"

    def th_phone(self) -> str:
        p = "08" + str(self.r.randint(0, 9))
        a, b = self.r.randint(0, 999), self.r.randint(0, 9999)
        if self.r.random() < 0.7:
            return f"{p}-{a:03d}-{b:04d}"
        return f"{p}{a:03d}{b:04d}"

    def tw_phone(self) -> str:
        return f"09{self.r.randint(10, 89):02d}-{self.r.randint(0, 999):03d}-{self.r.randint(0, 999):03d}"

    def us_phone(self) -> str:
        area = self.r.choice(["212", "415", "312", "206", "617"])
        return f"+1 {area}-555-01{self.r.randint(0, 99):02d}"

    def order(self) -> str:
        n = f"SL{self.r.randint(2400000, 2699999)}"
        return self.r.choice([n, n, "#" + n, n.lower()])

    # ---- filling ----
    def fill(self, text: str, lang: str, particles: tuple[str, str]) -> str:
        r = self.r
        slots = {
            "order": self.order,
            "days": lambda: str(r.randint(4, 16)),
            "item": lambda: r.choice(ITEMS[lang]),
            "gadget": lambda: r.choice(GADGETS[lang]),
            "wear": lambda: r.choice(WEARABLES[lang]),
            "region": lambda: r.choice(REGIONS[lang]),
            "code": lambda: r.choice(CODES[lang]),
            "amount": lambda: r.choice(AMOUNTS[lang]),
            "weekday": lambda: r.choice(WEEKDAYS_TH if lang == "th" else WEEKDAYS_EN),
            "date": lambda: r.choice(DATES_EN),
            "email": lambda: self.email(lang),
            "cn_phone": self.cn_phone,
            "th_phone": self.th_phone,
            "tw_phone": self.tw_phone,
            "us_phone": self.us_phone,
            "hk_phone": lambda: (
                f"+852 {r.choice('5679')}{r.randint(0, 999):03d} {r.randint(0, 9999):04d}"
            ),
            "k": lambda: particles[0],
            "ka": lambda: particles[1],
        }

        def sub(m: re.Match) -> str:
            return slots[m.group(1)]()

        return re.sub(r"\{(\w+)\}", sub, text)

    def particles(self, lang: str) -> tuple[str, str]:
        if lang != "th":
            return ("", "")
        opts, weights = zip(*THAI_PARTICLES, strict=True)
        return self.r.choices(opts, weights)[0]

    def question(self, body: str, lang: str, issue: str, pii: bool, card: str | None) -> str:
        r = self.r
        particles = self.particles(lang)
        pre = r.choice(PREFIX[lang])
        sufs = SUFFIX[lang] + (URGENT_SUFFIX[lang] if issue in URGENT_ISSUES else [])
        suf = r.choice(sufs)
        if body.lower().startswith(("hi", "hello", "你好", "您好")):
            pre = ""  # the phrasing already greets
        if lang == "zh-Hant" and body.startswith("請問"):
            pre = pre if pre != "請問一下，" else ""
        if (
            lang == "en"
            and pre
            and body[:2] not in ("I ", "I'")
            and body[0].isupper()
            and body.split()[0] not in ("Black", "Apple")
        ):
            body = body[0].lower() + body[1:]
        extra = ""
        if card:
            extra += CARD_PII[lang].replace("{card}", card)
        if pii:
            extra += r.choice(PII[lang])
        tail = extra + suf
        if lang.startswith("zh") and tail.startswith(("，", "。")):
            body = body.rstrip("？！。?!")
        elif lang == "en" and tail and (body[-1:].isalnum() or body.endswith("}")):
            body += "."
        text = pre + body + tail
        return self.fill(text, lang, particles).strip()

    def times(self, issue: str, n: int) -> list[dt.datetime]:
        """n timestamps for one issue, stratified so the weekly counts follow the
        intended shape (flat, rising in the last 2 weeks, or new in the last week)
        instead of random clumps."""
        r = self.r
        if issue in NEW_LAST_WEEK:
            parts = [(END - dt.timedelta(days=7), n)]
        else:
            recent = round(n * RISING.get(issue, 0.0))
            parts = [(START, n - recent), (END - dt.timedelta(days=14), recent)]
        out = []
        for lo, k in parts:
            span = (END - lo).total_seconds()
            for i in range(k):
                t = lo + dt.timedelta(seconds=int(span * (i + r.random()) / k))
                if t.hour < 6 and r.random() < 0.75:  # fewer tickets at night
                    t += dt.timedelta(hours=9)
                    if t >= END:
                        t -= dt.timedelta(days=1)
                out.append(t)
        r.shuffle(out)
        return out


def split_langs(n: int, r: random.Random) -> list[str]:
    base, rem = divmod(n, len(LANGS))
    langs = [lang for lang in LANGS for _ in range(base)]
    langs += r.sample(LANGS, rem)
    return langs


def build() -> list[dict]:
    assert all(luhn_ok(c) for c in CARDS), "test card numbers must pass Luhn"
    g = Gen(SEED)
    r = g.r
    rows: list[dict] = []
    seen: set[str] = set()

    # which rows carry a card number
    plan = []
    for issue, n in TARGET.items():
        for lang in split_langs(n, r):
            plan.append((issue, lang))
    for lang in LANGS:
        for body in OTHER[lang]:
            plan.append(("other", lang, body))
    card_rows = r.sample([i for i, p in enumerate(plan) if p[0] in CARD_ISSUES], N_CARD_ROWS)
    card_of = dict(zip(card_rows, r.sample(CARDS, N_CARD_ROWS), strict=True))

    # per (issue, lang): cycle through the phrasings in shuffled order
    decks: dict[tuple[str, str], list[str]] = {}
    for i, p in enumerate(plan):
        issue, lang = p[0], p[1]
        for _attempt in range(200):
            if issue == "other":
                body = p[2]
            else:
                deck = decks.setdefault((issue, lang), [])
                if not deck:
                    deck.extend(r.sample(Q[issue][lang], len(Q[issue][lang])))
                body = deck.pop()
            pii = r.random() < PII_RATE
            q = g.question(body, lang, issue, pii=pii, card=card_of.get(i))
            if q not in seen:
                break
        else:
            raise RuntimeError(f"could not make a unique question for {issue}/{lang}")
        seen.add(q)
        answers = A[issue][lang]
        ans = (
            "" if r.random() < EMPTY_ANSWER_RATE else g.fill(r.choice(answers), lang, ("ค่ะ", "คะ"))
        )
        ch_names, ch_w = CHANNELS[lang]
        rows.append(
            {
                "created_at": None,
                "channel": r.choices(ch_names, ch_w)[0],
                "question": q,
                "answer": ans,
                "issue": issue,
                "lang": lang,
            }
        )

    by_issue = collections.defaultdict(list)
    for x in rows:
        by_issue[x["issue"]].append(x)
    for issue, xs in by_issue.items():
        for x, t in zip(xs, g.times(issue, len(xs)), strict=True):
            x["created_at"] = t

    # a few exact re-pastes of earlier recurring tickets, minutes later
    for src in r.sample([x for x in rows if x["issue"] != "other"], N_DUPLICATES):
        rows.append(
            {
                **src,
                "created_at": src["created_at"] + dt.timedelta(minutes=r.randint(1, 40)),
                "answer": "",
            }
        )

    rows = [x for x in rows if x["created_at"] < END]
    rows.sort(key=lambda x: x["created_at"])
    tid = 48210
    for x in rows:
        tid += r.randint(1, 37)
        x["ticket_id"] = f"TK-{tid}"
    return rows


def write(rows: list[dict], out_dir: Path) -> None:
    with open(out_dir / "tickets_multilingual.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ticket_id", "created_at", "channel", "question", "answer"])
        for x in rows:
            w.writerow(
                [
                    x["ticket_id"],
                    x["created_at"].isoformat(timespec="seconds"),
                    x["channel"],
                    x["question"],
                    x["answer"],
                ]
            )
    with open(out_dir / "tickets_multilingual.labels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ticket_id", "issue"])
        for x in rows:
            w.writerow([x["ticket_id"], x["issue"]])


def stats(rows: list[dict]) -> None:
    print(f"rows: {len(rows)}")
    print("per language:", dict(collections.Counter(x["lang"] for x in rows)))
    by = collections.defaultdict(collections.Counter)
    for x in rows:
        by[x["issue"]][x["lang"]] += 1
    last2 = END - dt.timedelta(days=14)
    print(f"{'issue':24} total   en zh-Hans zh-Hant   th  last14d")
    for issue in list(TARGET) + ["other"]:
        c = by[issue]
        recent = sum(1 for x in rows if x["issue"] == issue and x["created_at"] >= last2)
        print(
            f"{issue:24} {sum(c.values()):5} {c['en']:4} {c['zh-Hans']:7} {c['zh-Hant']:7} {c['th']:4} {recent:8}"
        )
    qs = collections.Counter(x["question"] for x in rows)
    print("exact duplicate questions:", sum(v - 1 for v in qs.values() if v > 1))
    print("empty answers:", sum(1 for x in rows if not x["answer"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stats", action="store_true", help="print row counts per language and issue")
    ap.add_argument("--out-dir", type=Path, default=Path(__file__).resolve().parent)
    args = ap.parse_args()
    rows = build()
    write(rows, args.out_dir)
    if args.stats:
        stats(rows)


if __name__ == "__main__":
    main()
