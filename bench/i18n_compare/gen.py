"""Write the small 4-language FAQ site used by every variant.

gen.py OUT LAYOUT [--segment-thai]
  LAYOUT=folder : OUT/<lang>/<page>.md          (mkdocs-static-i18n docs_structure: folder)
  LAYOUT=split  : OUT/<lang>/<page>.md too, but each language folder is a docs_dir of its own (approach B)
--segment-thai inserts U+200B between Thai words (pythainlp newmm) in the Markdown.
Texts are copied/adapted from the repo's content//*/*.md.
"""

import re
import sys
from pathlib import Path

PAGES = {
    "en": {
        "index.md": "# Help Centre\n\nHow can we help? Browse the questions below.\n\n- [When will I get my refund?](refund.md)\n- [Where is my parcel?](where-is-my-parcel.md)\n- [How do I delete my account?](delete-my-account.md)\n",
        "refund.md": "# When will I get my refund?\n\nRefunds are issued as soon as the returned item reaches our warehouse and passes a quick check,\nusually within **2 working days** of delivery.\n\n- **Card payments:** the money shows on your statement 3–5 working days later.\n- **Wallets (PayPal, PromptPay):** usually within 24 hours.\n",
        "where-is-my-parcel.md": "# Where is my parcel?\n\nOpen **Orders** in your account and select **Track parcel** to see the courier's latest scan.\n\nTracking can take up to 24 hours to update after we hand the parcel over.\n",
        "delete-my-account.md": "# How do I delete my account?\n\nGo to **Account settings → Privacy** and select **Delete account**. We delete your personal\ndata within 30 days, except what we must keep for tax reasons.\n",
    },
    "zh-Hans": {
        "index.md": "# 帮助中心\n\n我们能帮您什么？请浏览下面的问题。\n\n- [退款什么时候到账？](refund.md)\n- [如何查询订单状态？](ding-dan-zhuang-tai-cha-xun.md)\n",
        "refund.md": "# 退款什么时候到账？\n\n我们的仓库收到退货并检查无误后，通常会在两个工作日内为您办理退款。\n\n银行卡付款的退款一般在三到五个工作日内到账；支付宝和微信支付通常在二十四小时内到账。\n退款办理后您会收到一封确认邮件。\n",
        "ding-dan-zhuang-tai-cha-xun.md": "# 如何查询订单状态？\n\n登录账户后打开“我的订单”，即可看到每个订单的最新状态和物流信息。\n\n订单显示“处理中”表示我们正在为您备货，通常会在一个工作日内发货。\n",
    },
    "zh-Hant": {
        "index.md": "# 幫助中心\n\n我們能幫您什麼？請瀏覽下面的問題。\n\n- [退款什麼時候到帳？](refund.md)\n- [可以開立發票嗎？](fa-piao-kai-ju.md)\n- [送貨需要多久？](song-huo-xu-yao-duo-jiu.md)\n",
        "refund.md": "# 退款什麼時候到帳？\n\n我們的倉庫收到退貨並檢查無誤後，通常會在兩個工作日內為您辦理退款。\n\n信用卡付款的退款一般在三到五個工作日內到帳；電子錢包通常在二十四小時內到帳。\n",
        "fa-piao-kai-ju.md": "# 可以開立發票嗎？\n\n每筆訂單出貨後都會自動開立電子發票，並寄到您的電子郵件信箱。\n\n如需統一編號或修改發票抬頭，請在出貨前聯絡客服。\n",
        "song-huo-xu-yao-duo-jiu.md": "# 送貨需要多久？\n\n一般訂單會在付款後一個工作日內出貨，本地送貨通常需要兩到三個工作日。\n\n偏遠地區可能需要多兩天。出貨後您會收到一封附有追蹤號碼的電子郵件。\n",
    },
    "th": {
        "index.md": "# ศูนย์ช่วยเหลือ\n\nเราช่วยอะไรคุณได้บ้าง ดูคำถามด้านล่าง\n\n- [ขอคืนเงินได้อย่างไร](refund.md)\n- [ทำไมพัสดุยังไม่มาส่ง](phatsadu-mai-thueng.md)\n",
        "refund.md": "# ขอคืนเงินได้อย่างไร\n\nคุณสามารถขอคืนเงินได้ภายในสามสิบวันหลังได้รับสินค้า โดยเปิดหน้าคำสั่งซื้อแล้วเลือกคืนสินค้า\n\nเมื่อคลังสินค้าได้รับของคืนแล้ว เราจะคืนเงินเข้าบัตรภายในห้าวันทำการ ส่วนพร้อมเพย์จะได้รับภายในหนึ่งวัน\n",
        "phatsadu-mai-thueng.md": "# ทำไมพัสดุยังไม่มาส่ง\n\nโดยปกติเราจัดส่งพัสดุภายในหนึ่งวันทำการหลังชำระเงิน และใช้เวลาขนส่งสองถึงสามวันทำการ\n\nคุณสามารถติดตามพัสดุได้ที่หน้าคำสั่งซื้อในบัญชีของคุณ\n",
    },
}
THAI = re.compile(r"[\u0e00-\u0e7f]+")


def seg_thai(text):
    from pythainlp.tokenize import word_tokenize

    return THAI.sub(
        lambda m: "\u200b".join(w for w in word_tokenize(m.group(0), engine="newmm") if w.strip()),
        text,
    )


def write(out, segment_thai=False):
    out = Path(out)
    for lang, pages in PAGES.items():
        for name, text in pages.items():
            if segment_thai and lang == "th":
                # keep link targets intact: only segment outside (...) link targets
                text = re.sub(
                    r"(\]\([^)]*\))|([\u0e00-\u0e7f]+)",
                    lambda m: m.group(1) or seg_thai(m.group(2)),
                    text,
                )
            p = out / lang / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(sys.argv[1], "--segment-thai" in sys.argv)
