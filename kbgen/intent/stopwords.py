"""Words that say nothing about what a support question is about, per language.

English and Chinese lists are ours (function words plus support-desk filler such as
"please", "hello", 请问, 麻烦); Thai adds pythainlp's list to ours.
"""

from __future__ import annotations

from functools import lru_cache

ENGLISH = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further get got had hadn't has hasn't
    have haven't having he her here hers herself him himself his how i i'd i'll i'm i've if in
    into is isn't it it's its itself just let's like me more most much must my myself no nor
    not now of off on once only or other ought our ours ourselves out over own same she should
    shouldn't so some still such than that that's the their theirs them themselves then there
    there's these they they're this those through to too under until up upon us very was
    wasn't we we're were weren't what what's when where where's which while who whom why will
    with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
    hi hello hey dear thanks thank thx please pls plz regards team sir madam ok okay yes yeah
    know want wanted need needs would like help assist assistance question questions ask asking
    tell show let try trying tried able going go make one two also even really still since
    yet already via etc im ive dont cant wont didnt doesnt isnt wasnt u ur pls hii
    """.split()
)

CHINESE = frozenset(
    """
    的 了 吗 呢 吧 啊 呀 哦 嗯 么 嘛 是 在 有 和 与 及 或 也 都 就 还 又 很 太 更 最 把 被 让 给 对
    我 你 您 他 她 它 我们 你们 他们 她们 咱们 自己 这 那 这个 那个 这些 那些 这样 那样 这里 那里
    請問 请问 麻烦 麻煩 你好 您好 谢谢 謝謝 感谢 感謝 请 請 帮 幫 帮忙 幫忙 一下 可以 能 能否 是否
    怎么 怎麼 怎样 怎樣 如何 什么 什麼 为什么 為什麼 为何 哪里 哪裡 哪儿 多少 几 幾 吗 嗎 呢 吧
    一个 一個 一些 还是 還是 但是 但 然后 然後 因为 因為 所以 如果 已经 已經 现在 現在 时候 時候
    想 要 需要 知道 问 問 问题 問題 下 上 中 里 裡 到 去 来 來 会 會 没 沒 不 没有 沒有 才 再
    """.split()
)

THAI_EXTRA = frozenset(
    """
    ครับ ค่ะ คะ ค่า คับ นะ นะคะ นะครับ จ้า จ้ะ ฮะ หน่อย ด้วย ได้ไหม ไหม มั้ย ไม๊ อยาก ต้องการ ทราบ
    สอบถาม ขอ ช่วย รบกวน สวัสดี ขอบคุณ เรา ผม ดิฉัน ฉัน หนู เขา คุณ ที่ และ หรือ แต่ ก็ ว่า จะ ได้ ให้ ไป มา
    อยู่ ยัง แล้ว คือ เป็น มี ไม่ ของ กับ ใน การ ความ อะไร ยังไง อย่างไร ทำไม เมื่อไหร่ เท่าไหร่ อะ อ่ะ
    """.split()
)


@lru_cache(maxsize=1)
def thai() -> frozenset[str]:
    try:
        from pythainlp.corpus import thai_stopwords

        return THAI_EXTRA | frozenset(thai_stopwords())
    except Exception:  # noqa: BLE001 - the list is a nicety; our own words still apply
        return THAI_EXTRA


def is_stopword(word: str) -> bool:
    low = word.casefold()
    return low in ENGLISH or word in CHINESE or word in thai()
