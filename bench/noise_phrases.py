"""The phrase inventory of bench/noise.py: how customers wrap a question, per language.

Written for kbgen's benchmark by its authors from general knowledge of how people write to a
shop's support (English, Simplified Chinese, Traditional Chinese as used in Taiwan and Hong
Kong, Thai), independently of kbgen's own phrase lists. Data only: one phrase per line, with
slots ({name}, {first}, {surname}, {email}, {phone}, {nN} = N digits, {L} = a capital letter)
that bench/noise.py fills with made-up values. E-mails use the reserved example.com/.org/.net
domains; US numbers the fictional 555-01xx range and UK ones the 07700 900xxx drama range.

Licence: Apache-2.0, like the rest of kbgen.
"""

from __future__ import annotations

import random
from collections.abc import Callable


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _lines(block: str) -> tuple[str, ...]:
    """One phrase per line; blank lines and surrounding spaces ignored."""
    return tuple(s.strip() for s in block.strip().splitlines() if s.strip())


# --- English ----------------------------------------------------------------------------------

EN = {
    "greet": _lines("""
        hi
        hello
        hey
        hi there
        hello there
        hey there
        good morning
        good afternoon
        good evening
        morning
        evening
        hiya
        hii
        heyy
        helloooo
        yo
        greetings
        good day
        howdy
        hello again
        hi again
        hey hey
        dear
        hallo
        hellow
    """),
    "address": _lines("""
        admin
        support
        team
        guys
        all
        customer service
        helpdesk
        shop team
        sir
        madam
        mate
        folks
        everyone
        support team
        CS team
        customer care
        there
        friends
        sir/madam
        whoever reads this
    """),
    "greet_alone": _lines("""
        dear support
        dear team
        dear customer service
        dear sir or madam
        to whom it may concern
        good day to you
        hi, hope you're well
        hello, hope you are doing well
        hey, hope all is good
        hello, good morning to you
    """),
    "apology": _lines("""
        sorry to bother you
        sorry to bother you again
        sorry for the trouble
        apologies for the long message
        sorry if this was asked before
        sorry, quick question
        sorry for asking again
        so sorry to bug you
        sorry to disturb you
        apologies in advance
        sorry for my bad english
        sorry if this is a dumb question
        excuse me
        pardon the interruption
        I hate to bother you but
        sorry, me again
        apologies for writing again
        sorry this is my third message
        I know you are busy but
        not sure if this is the right place but
        hope this is the right channel
        hope you're well
        hope you are doing well
        quick question
        I have a question
        need some help here
        can someone help me
        a question please
        I need help
        got a question for you
        please help me
        just wondering
        one more thing
        I'm a bit confused
        this is frustrating
    """),
    "urgency": _lines("""
        urgent!!
        URGENT
        urgent please
        asap please
        need an answer asap
        please reply asap
        this is urgent
        very urgent!!!
        need help urgently
        please help!!
        help!!!
        HELP
        please respond today
        still waiting for a reply
        this is my 3rd message
        second time asking
        no one has answered me
        please answer quickly
        time sensitive
        high priority
        need this sorted today
        emergency
        super urgent
        pls hurry
        waiting for days now
        why is no one replying??
        reply pls
        respond ASAP
        urgent request
        it's urgent
    """),
    "particle": _lines("""
        pls
        please
        plz
        pls help
        thx
        ty
        ??
        ?!
        ...
        :(
        :)
        lol
        asap
        pls advise
        please advise
        kindly advise
        kindly assist
        pls reply
        pleaseee
        help
        !!
        🙏
        😭
        😅
        ...?
        right?
        or not?
        any idea?
        anyone?
        :/
    """),
    "channel": _lines("""
        Sent from my iPhone
        Sent from my iPad
        Sent from my Samsung Galaxy smartphone
        Sent from my Android phone
        Sent from my Huawei phone
        Sent from Outlook for iOS
        Get Outlook for Android
        Sent from Mail for Windows
        Sent from Yahoo Mail on Android
        Sent with Gmail mobile
        Sent from Proton Mail mobile
        (via LINE)
        (via WhatsApp)
        (sent via Facebook Messenger)
        (via Instagram DM)
        (via Twitter DM)
        -- sent from the shop app
        [sent from mobile]
        (message forwarded from live chat)
        [Web form submission]
        [Attachment: screenshot.png]
        [image]
        [photo]
        [sticker]
        (voice message transcribed)
        -----Original Message-----
        This email and any attachments are confidential.
        Please consider the environment before printing this email.
        Typed on a tiny keyboard, excuse typos
        Sent on the go
    """),
    "signoff": _lines("""
        thanks
        thanks!
        thank you
        thank you so much
        thanks in advance
        thanks a lot
        many thanks
        cheers
        regards
        best regards
        kind regards
        best
        thx
        ty
        appreciate it
        appreciate your help
        thanks for your help
        looking forward to your reply
        hope to hear from you soon
        waiting for your reply
        thank you for your time
        have a nice day
        have a great day
        much appreciated
        TIA
        thanks heaps
        ta
        rgds
        sincerely
        yours faithfully
        thanks guys
        thank you admin
        cheers mate
        many thanks in advance
        thanks and regards
    """),
    "first": _lines("""
        John
        Mary
        David
        Sarah
        Michael
        Emma
        James
        Olivia
        Robert
        Linda
        Daniel
        Grace
        Kevin
        Laura
        Brian
        Megan
        Peter
        Chloe
        Ahmed
        Priya
        Carlos
        Sofia
        Tom
        Anna
    """),
    "last": _lines("""
        Smith
        Johnson
        Brown
        Taylor
        Wilson
        Davies
        Miller
        Clarke
        Walker
        Wright
        Thompson
        Harris
        Martin
        Lewis
        Patel
        Nguyen
        Garcia
        Khan
        Murphy
        O'Brien
    """),
    "name": _lines("""
        I'm {name}
        my name is {name}
        this is {name}
        {name} here
        it's {first} again
        I am {name}
        hello, {name} speaking
        I'm {first}
        customer {name} here
        my name's {first}
        this is {first} from account {n8}
    """),
    "sign_name": _lines("""
        - {name}
        {first}
        thanks, {first}
        regards, {name}
        {name}
        cheers, {first}
        best, {first} {last}
        --{first}
    """),
    "contact": _lines("""
        contact me at {phone}
        call me on {phone}
        my number is {phone}
        you can reach me at {phone}
        text me at {phone}
        whatsapp: {phone}
        my e-mail is {email}
        my email is {email}
        email me at {email}
        reply to {email} please
        my account email: {email}
        registered email {email}
        please send it to {email}
        contact me at {email} or {phone}
        tel {phone}
        mobile: {phone}
        ph: {phone}
        my phone {phone}, email {email}
        call back on {phone} pls
        account under {email}
    """),
    "order": _lines("""
        order #A{n7}
        order #{n7}
        order no. {n8}
        order number {L}{n7}
        ref {n10}
        my order is #{n9}
        (order {L}{L}{n6})
        order id: {n12}
        tracking no. 1Z{n16}
        invoice INV-2026-{n5}
        ticket #{n6}
        case number {n8}
        order {L}{n7}
        re: order #{n8}
        order ref {L}{L}-{n6}
    """),
    "mail_user": _lines("""
        {first}.{last}
        {first}{last}
        {f}{last}
        {first}{n2}
        {first}_{last}{n2}
        {last}.{f}
    """),
}


def _en_phone(rng: random.Random) -> str:
    d = lambda n: digits(rng, n)  # noqa: E731
    return rng.choice(
        [
            f"(555) 01{d(1)}-{d(4)}",
            f"555-01{d(2)}",
            f"+1 555 01{d(1)} {d(4)}",
            f"+1 (555) 01{d(1)}-{d(4)}",
            f"555.01{d(1)}.{d(4)}",
            f"+44 7700 900{d(3)}",
            f"07700 900{d(3)}",
            f"+61 491 570 {d(3)}",
            f"+1-202-555-01{d(2)}",
        ]
    )


# --- Simplified Chinese -------------------------------------------------------------------------

ZH_HANS = {
    "greet": _lines("""
        您好
        你好
        在吗
        在吗在吗
        在不在
        哈喽
        hello
        hi
        亲
        亲亲
        早上好
        下午好
        晚上好
        你好呀
        您好呀
        嗨
        哈啰
        有人吗
        有人在吗
        你好你好
        早
        嗨嗨
        您好啊
        你们好
        大家好
    """),
    "address": _lines("""
        客服
        小编
        亲
        老板
        店家
        掌柜的
        管理员
        小哥哥
        小姐姐
        客服小姐姐
        工作人员
        人工客服
        售后
        亲爱的客服
        客服大大
    """),
    "greet_alone": _lines("""
        客服你好
        客服您好
        小编你好
        亲爱的客服你好
        请问客服在吗
        老板在吗
        人工客服在吗
        转人工
        人工
        售后在吗
    """),
    "apology": _lines("""
        不好意思打扰了
        不好意思
        打扰了
        抱歉打扰一下
        麻烦您了
        冒昧问一下
        不好意思又来打扰
        抱歉又来问了
        打扰您一下哈
        不好意思问一下
        实在抱歉
        抱歉问个问题
        打扰啦
        麻烦帮忙看一下
        想咨询一下
        咨询一下
        问一下
        请教一下
        有个问题想问
        请问
        麻烦问下
        我想问问
        求助
        帮帮忙
        真的很无语
    """),
    "urgency": _lines("""
        急急急
        急！！
        很急
        比较急
        加急
        急求回复
        在线等，挺急的
        求速回
        麻烦尽快回复
        赶时间
        着急
        等了好几天了
        怎么没人回
        催一下
        第二次问了
        急用
        十万火急
        在线等
        求回复！！
        请尽快处理
        盼速回
        急死了
        快点回复我
        今天必须解决
        都三天了还没人理
    """),
    "particle": _lines("""
        呢
        啊
        喔
        哦
        啦
        呀
        嘛
        哈
        呢？
        啊？
        哦～
        啦！
        呀？？
        哈哈
        呗
        咧
        噢
        捏
        嘞
        呢亲
    """),
    "after_punct": _lines("""
        ？？
        ！！
        ～
        。。。
        哈
        [捂脸]
        [流泪]
        [抱拳]
        😭
        🙏
        ？？？
        急
    """),
    "channel": _lines("""
        【来自微信】
        （来自微信）
        来自iPhone客户端
        发自我的iPhone
        发自我的华为手机
        ——来自小米手机
        发自我的小米手机
        [图片]
        [语音转文字]
        来自QQ邮箱
        发自网易邮箱大师
        [表情]
        [捂脸]
        [流泪]
        [抱拳]
        （微博私信）
        来自抖音私信
        该邮件从移动设备发送
        【小程序留言】
        [转发自聊天记录]
        （来自APP在线客服）
        来自安卓客户端
        [链接]
        [文件]
        (via 微信)
    """),
    "signoff": _lines("""
        谢谢
        谢谢！
        谢谢啦
        谢谢您
        多谢
        感谢
        感谢您
        万分感谢
        非常感谢
        先谢谢了
        提前感谢
        谢谢亲
        辛苦了
        辛苦啦
        麻烦了
        麻烦您了
        谢谢客服
        拜托了
        拜托拜托
        谢啦
        3q
        thx
        谢谢回复
        期待回复
        等您回复
        祝好
        祝生活愉快
        感激不尽
        谢谢谢谢
        好的谢谢
    """),
    "surname": tuple("王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗"),
    "given": _lines("""
        小明
        伟
        芳
        娜
        秀英
        敏
        静
        丽
        强
        磊
        军
        洋
        勇
        艳
        杰
        娟
        涛
        超
        秀兰
        晓东
    """),
    "roman": _lines("""
        wangxiaoming
        lina
        zhangwei
        liufang
        chenjing
        yangyang
        huanglei
        zhaomin
        zhoujie
        wuqiang
    """),
    "name": _lines("""
        我是{name}
        我叫{name}
        本人{name}
        我是会员{name}
        我姓{surname}
        这里是{name}
        鄙人{name}
        我是{name}，会员号{n8}
        {name}这边
        我是买家{name}
    """),
    "sign_name": _lines("""
        {name}
        ——{name}
        买家：{name}
        {name}留
        {surname}先生
        {surname}女士
    """),
    "contact": _lines("""
        联系电话{phone}
        我的手机号是{phone}
        电话：{phone}
        手机{phone}
        有事打我电话{phone}
        请联系{phone}
        邮箱{email}
        我的邮箱是{email}
        发到我邮箱{email}
        微信同手机号{phone}
        回电{phone}
        联系方式：{phone}
        手机号码：{phone}，邮箱：{email}
        电话{phone}，谢谢
        注册邮箱是{email}
        收件人电话{phone}
    """),
    "order": _lines("""
        订单号 2026{n12}
        订单号：{n18}
        订单编号{n16}
        单号{L}{n10}
        我的订单是{n12}
        运单号SF{n12}
        快递单号 YT{n13}
        订单{n19}
        售后单号{n10}
        订单号是{n16}哦
    """),
}


def _zh_hans_phone(rng: random.Random) -> str:
    d = lambda n: digits(rng, n)  # noqa: E731
    head = f"1{rng.choice('3456789')}{d(1)}"
    return rng.choice(
        [
            f"{head} {d(4)} {d(4)}",
            f"{head}{d(8)}",
            f"+86 {head} {d(4)} {d(4)}",
            f"+86-{head}-{d(4)}-{d(4)}",
            f"0086 {head}{d(8)}",
            f"010-{d(4)} {d(4)}",
            f"021-{d(8)}",
            f"{head}-{d(4)}-{d(4)}",
            "138 0013 8000",
        ]
    )


# --- Traditional Chinese (Taiwan, some Hong Kong) ---------------------------------------------

ZH_HANT = {
    "greet": _lines("""
        您好
        你好
        哈囉
        嗨
        hello
        hi
        安安
        你好喔
        您好～
        早安
        午安
        大家好
        哈囉哈囉
        在嗎
        有人在嗎
        唔該
        你好呀
        哈嘍
        嗨嗨
        您好喔
        你好啊
        Hi
        哈摟
        早晨
        你好～
    """),
    "address": _lines("""
        小編
        客服
        版主
        店長
        老闆
        管理員
        客服人員
        專員
        小幫手
        客服大大
        大大
        親
        老闆娘
        客服小姐
        各位
    """),
    "greet_alone": _lines("""
        小編你好
        客服您好
        Hi 小編
        親愛的客服您好
        小編在嗎
        請問小編在嗎
        客服人員您好
        老闆在嗎
        店長好
        小編安安
    """),
    "apology": _lines("""
        不好意思打擾了
        不好意思
        打擾了
        抱歉打擾
        麻煩您了
        冒昧請問
        不好意思又來打擾
        抱歉再問一下
        想請問一下
        想詢問一下
        請教一下
        不好意思想問
        唔好意思
        唔該問下
        抱歉問個問題
        麻煩幫忙看一下
        打擾一下
        請問一下
        有個問題想請教
        請問
        想問一下喔
        求救
        拜託幫幫我
        真的很困擾
        麻煩了
    """),
    "urgency": _lines("""
        急！！
        很急
        急件
        急急急
        趕時間
        拜託快點回
        在線等
        求快回
        請盡快回覆
        等好幾天了
        怎麼都沒人回
        第二次詢問了
        急需處理
        十萬火急
        今天一定要處理
        急用
        快點回覆我
        麻煩盡速處理
        好急
        超急
        急死了
        已經等三天了
        請速回
        好急呀
        拜託今天回覆
    """),
    "particle": _lines("""
        呢
        啊
        喔
        哦
        啦
        耶
        欸
        吧
        齁
        唷
        捏
        咧
        嘛
        呀
        啦～
        喔～
        呢？
        㗎
        喎
        囉
    """),
    "after_punct": _lines("""
        ！！
        ？？？
        ～～
        ．．．
        XD
        QQ
        哈哈
        😢
        🙏
        >_<
        ～
        急
    """),
    "channel": _lines("""
        （來自LINE）
        （透過LINE傳送）
        從我的iPhone傳送
        從我的 Android 手機傳送
        寄件者：Outlook for iOS
        來自Facebook Messenger
        [貼圖]
        [圖片]
        （臉書私訊）
        【官網客服表單】
        [語音訊息]
        透過WhatsApp傳送
        —— 從我的 iPad 傳送
        [照片]
        （IG私訊）
        由 Yahoo 奇摩信箱寄出
        （聊聊訊息轉貼）
        (via LINE)
        [已收回訊息]
        （App 線上客服）
        [檔案]
        [連結]
        已讀
        [貼圖] [貼圖]
        （由 LINE 官方帳號轉傳）
    """),
    "signoff": _lines("""
        謝謝
        謝謝！
        感謝您～
        感謝
        感恩
        感恩感恩
        謝謝您
        多謝
        唔該晒
        麻煩了
        麻煩您了
        辛苦了
        先謝謝囉
        謝謝你們
        非常感謝
        萬分感謝
        謝啦
        3Q
        拜託了
        拜託拜託
        期待您的回覆
        靜候回覆
        祝順心
        謝謝幫忙
        感謝協助
        謝謝小編
        感謝回覆
        thx
        謝謝喔
        多謝晒
    """),
    "surname": tuple("陳林黃張李王吳劉蔡楊許鄭謝郭洪"),
    "given": _lines("""
        美玲
        志明
        淑芬
        家豪
        怡君
        俊傑
        雅婷
        建宏
        宜蓁
        冠宇
        佩君
        嘉欣
        浩然
        詠琪
        子軒
        大文
    """),
    "roman": _lines("""
        chen.meiling
        tw_jiahao
        yating0412
        lin.zhiming
        huang.yc
        kahei.wong
        chanwingyan
        tsai.pj
        wu.guanyu
        hsu_yijhen
    """),
    "name": _lines("""
        我是{name}
        我叫{name}
        敝姓{surname}
        本人{name}
        我是會員{name}
        {name}這邊
        我係{name}
        我是{name}，會員編號{n8}
        訂購人{name}
        我姓{surname}
    """),
    "sign_name": _lines("""
        {name}
        {name} 敬上
        訂購人：{name}
        {surname}小姐
        {surname}先生
        —{name}
    """),
    "contact": _lines("""
        聯絡電話{phone}
        我的手機是{phone}
        電話：{phone}
        手機{phone}
        請打給我{phone}
        有問題請聯絡{phone}
        信箱{email}
        我的信箱是{email}
        email：{email}
        電郵{email}
        請回覆到{email}
        LINE ID同手機{phone}
        WhatsApp {phone}
        聯絡方式：{phone}／{email}
        收件人手機{phone}
        會員信箱：{email}
    """),
    "order": _lines("""
        訂單編號 TW{n8}
        訂單編號：{L}{L}{n8}
        訂單號碼{n12}
        我的訂單{n10}
        單號{n14}
        物流單號{n12}
        訂單#{n9}
        交易序號{n10}
        訂單號{n16}
        訂單編號是{n10}喔
    """),
}


def _zh_hant_phone(rng: random.Random) -> str:
    d = lambda n: digits(rng, n)  # noqa: E731
    return rng.choice(
        [
            f"09{d(2)}-{d(3)}-{d(3)}",
            f"09{d(8)}",
            f"09{d(2)} {d(3)} {d(3)}",
            f"+886 9{d(2)} {d(3)} {d(3)}",
            f"+886-2-{d(4)}-{d(4)}",
            f"(02){d(4)}-{d(4)}",
            f"+852 {rng.choice('5689')}{d(3)} {d(4)}",
            f"{rng.choice('5689')}{d(3)} {d(4)}",
            "0912-345-678",
        ]
    )


# --- Thai -------------------------------------------------------------------------------------

TH = {
    "greet": _lines("""
        สวัสดีค่ะ
        สวัสดีครับ
        สวัสดีคะ
        หวัดดีค่ะ
        หวัดดีครับ
        ดีค่ะ
        ดีครับ
        สวัสดีจ้า
        หวัดดีจ้า
        สวัสดีตอนเช้าค่ะ
        สวัสดีตอนบ่ายครับ
        hello
        hi
        ฮัลโหล
        ฮัลโหลค่ะ
        สวัสดีค่า
        สวัสดีงับ
        สวัสดีคร้าบ
        ดีจ้า
        หวัดดี
        สวัสดี
        เฮลโหล
        ทักค่ะ
        หวัดดีค่า
        ฮาโหล
    """),
    "address": _lines("""
        แอดมิน
        แอด
        พี่
        พี่แอด
        พี่แอดมิน
        น้อง
        น้องแอด
        เจ้าหน้าที่
        คุณ
        ทีมงาน
        ร้าน
        คุณแอดมิน
        พี่ๆ
        แม่ค้า
        ทางร้าน
    """),
    "greet_alone": _lines("""
        สวัสดีค่ะ แอดมิน
        เรียนเจ้าหน้าที่
        เรียนฝ่ายบริการลูกค้า
        แอดมินคะ
        พี่แอดคะ
        แอดมินครับ
        คุณแอดมินคะ
        รบกวนแอดมินหน่อยค่ะ
        พี่ๆ คะ
        ทางร้านคะ
    """),
    "apology": _lines("""
        ขอโทษที่รบกวนนะคะ
        ขอโทษที่รบกวนครับ
        ขอโทษนะคะ
        ขอโทษครับ
        ขออภัยที่รบกวนค่ะ
        รบกวนหน่อยนะคะ
        รบกวนด้วยครับ
        ขอโทษที่ถามซ้ำนะคะ
        ขอโทษที่ทักมาดึกนะคะ
        ขอโทษที่ส่งข้อความหลายรอบครับ
        เกรงใจมากเลยค่ะ
        ขอรบกวนเวลาสักครู่ค่ะ
        ขอโทษนะครับถ้าถามซ้ำ
        ต้องขอโทษด้วยค่ะ
        ขอรบกวนสอบถามค่ะ
        ขอโทษที่ทักมาอีกแล้วค่ะ
        ไม่ทราบว่าถามถูกที่ไหมคะ
        มีเรื่องอยากสอบถามค่ะ
        มีปัญหาค่ะ
        ช่วยหน่อยค่ะ
        สอบถามหน่อยค่ะ
        ขอสอบถามหน่อยครับ
        รบกวนสอบถามค่ะ
        ขอถามหน่อยนะคะ
        งงมากเลยค่ะ
    """),
    "urgency": _lines("""
        ด่วนมากค่ะ
        ด่วนค่ะ
        ด่วนครับ
        ด่วนที่สุด
        ด่วน!!
        รีบมากค่ะ
        รบกวนตอบด่วนนะคะ
        รอคำตอบอยู่ค่ะ
        รอนานแล้วครับ
        ทักมาหลายรอบแล้ว
        ทำไมไม่มีคนตอบคะ
        ช่วยด่วนเลยครับ
        ต้องใช้วันนี้ค่ะ
        ขอคำตอบภายในวันนี้นะคะ
        รีบนะคะ
        ด่วนจี๋
        ช่วยตอบไวๆหน่อยค่ะ
        รอตอบอยู่นะครับ
        ตอบด้วยค่ะ
        ถามรอบที่สองแล้วค่ะ
        รอมาสามวันแล้ว
        ด่วนๆๆ
        ขอด่วนเลยนะ
        รีบใช้ค่ะ
        ช่วยเร็วๆนะคะ
    """),
    "particle": _lines("""
        ครับ
        ค่ะ
        คะ
        นะคะ
        นะครับ
        จ้า
        จ้ะ
        ค่า
        คับ
        งับ
        นะ
        น้า
        ด้วยค่ะ
        ด้วยครับ
        หน่อยค่ะ
        หน่อยครับ
        ค่ะ??
        ครับ!!
        คะ???
        นะคะ 🙏
        555
        ค่ะ 😢
        จ้าา
        ค่ะพี่
        ครับผม
    """),
    "channel": _lines("""
        (ส่งจาก LINE)
        ส่งจาก iPhone ของฉัน
        ส่งจากโทรศัพท์ Android
        (ผ่าน LINE OA)
        (ข้อความจาก Facebook)
        [สติกเกอร์]
        [รูปภาพ]
        (ข้อความเสียง)
        ส่งจากแอป
        (ทักจากเพจ)
        [ส่งรูปภาพ]
        ส่งจาก Outlook
        (ผ่านแชทหน้าเว็บ)
        (ส่งต่อจากไลน์)
        [ไฟล์แนบ]
        (ทักผ่านอินบ็อกซ์)
        [สติกเกอร์] [สติกเกอร์]
        (via LINE)
        ส่งจาก Samsung Galaxy
        [ยกเลิกข้อความ]
        (แชทจากแอปร้าน)
        [วิดีโอ]
        [ลิงก์]
        (ข้อความอัตโนมัติ)
        ส่งจากมือถือ
    """),
    "signoff": _lines("""
        ขอบคุณค่ะ
        ขอบคุณครับ
        ขอบคุณล่วงหน้าค่ะ
        ขอบคุณล่วงหน้าครับ
        ขอบคุณมากค่ะ
        ขอบคุณมากๆ ครับ
        ขอบคุณนะคะ
        ขอบคุณจ้า
        ขอบใจจ้า
        ขอบคุณที่ช่วยค่ะ
        รบกวนด้วยนะคะ
        รบกวนด้วยครับ
        รอคำตอบนะคะ
        รอการติดต่อกลับค่ะ
        ขอบพระคุณค่ะ
        ขอบพระคุณอย่างสูงครับ
        แต๊งกิ้วค่ะ
        thank you ค่ะ
        ขอบคุณค่า
        ขอบคุณงับ
        ขอบคุณสำหรับความช่วยเหลือค่ะ
        ขอให้มีวันที่ดีค่ะ
        ฝากด้วยนะคะ
        ขอบคุณที่สละเวลาครับ
        ขอบคุณคร้าบ
        ขอบคุณมากนะครับ
        ขอบคุณล่วงหน้านะคะ
        ขอบคุณค่ะพี่
        ขอบคุณแอดมินค่ะ
        ขอบคุณมากจ้า
    """),
    "first": _lines("""
        สมศรี
        สมชาย
        มาลี
        วิไล
        ประเสริฐ
        สุภาพร
        อรุณ
        กมล
        นภา
        ธนพล
        ศิริพร
        วรรณา
        อนันต์
        ปิยะ
        จันทร์เพ็ญ
        สุดา
        ชัยวัฒน์
        พรทิพย์
        กิตติ
        รัตนา
    """),
    "last": _lines("""
        ใจดี
        สุขใจ
        มีสุข
        รักไทย
        แก้วใส
        ทองดี
        ศรีสุข
        บุญมา
        วงศ์ใหญ่
        พึ่งบุญ
    """),
    "roman": _lines("""
        somsri.j
        somchai1988
        malee.k
        wilai_t
        thanaphon.s
        siriporn99
        napa.w
        kitti.b
        ratana.s
        piya_a
    """),
    "name": _lines("""
        ดิฉันชื่อ {name}
        ผมชื่อ {name}
        หนูชื่อ {first}
        ชื่อ {name} ค่ะ
        ผม{first}นะครับ
        ดิฉัน {name} ค่ะ
        {first}เองค่ะ
        คุณ{first} นะคะ
        ชื่อผู้สั่ง {name}
        ชื่อลูกค้า {name}
        ผม {name} สมาชิกเลขที่ {n8}
    """),
    "sign_name": _lines("""
        {name}
        จาก {name}
        คุณ{first}
        ผู้สั่ง: {name}
        {first} ค่ะ
        ลงชื่อ {name}
    """),
    "contact": _lines("""
        ติดต่อกลับเบอร์ {phone} ค่ะ
        เบอร์โทร {phone}
        เบอร์ {phone} นะคะ
        โทรกลับที่ {phone} ได้เลยครับ
        อีเมล {email}
        อีเมลของดิฉันคือ {email}
        ส่งมาที่ {email} นะคะ
        ไลน์ไอดีเป็นเบอร์ {phone}
        ติดต่อ {phone} หรือ {email}
        โทร {phone}
        มือถือ {phone}
        เมล {email} ค่ะ
        เบอร์ผู้รับ {phone}
        สมัครด้วยอีเมล {email}
        โทรหาได้ที่ {phone} ค่ะ
        ช่องทางติดต่อ {phone} / {email}
    """),
    "order": _lines("""
        ออเดอร์ {n10}
        ออเดอร์ที่ {n10}
        เลขออเดอร์ {L}{n9}
        หมายเลขคำสั่งซื้อ {n12}
        คำสั่งซื้อ #{n10}
        เลขพัสดุ TH{n12}
        เลขแทรค {L}{L}{n9}TH
        ออเดอร์เลขที่ {n8}
        รหัสสั่งซื้อ {n11}
        เลขที่ออเดอร์คือ {n10} ค่ะ
    """),
}


def _th_phone(rng: random.Random) -> str:
    d = lambda n: digits(rng, n)  # noqa: E731
    mobile = f"0{rng.choice('689')}{d(1)}"
    return rng.choice(
        [
            f"+66 {mobile[1:]} {d(3)} {d(4)}",
            f"{mobile}-{d(3)}-{d(4)}",
            f"{mobile}{d(7)}",
            f"{mobile} {d(3)} {d(4)}",
            f"02-{d(3)}-{d(4)}",
            f"+66-{mobile[1:]}-{d(3)}-{d(4)}",
            f"{mobile[:2]}-{mobile[2]}{d(3)}-{d(4)}",
            "+66 81 234 5678",
        ]
    )


PHRASES = {"en": EN, "zh-Hans": ZH_HANS, "zh-Hant": ZH_HANT, "th": TH}
PHONES: dict[str, Callable[[random.Random], str]] = {
    "en": _en_phone,
    "zh-Hans": _zh_hans_phone,
    "zh-Hant": _zh_hant_phone,
    "th": _th_phone,
}
MAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com")
