"""Check digits for the generated numbers: Luhn (cards), IBAN mod 97, Thai, Taiwan, Hong Kong
and mainland China ids. Written from the published rules, so every value is checksum-valid."""

from __future__ import annotations

from random import Random


def _rand(n: int, rng: Random) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def luhn_complete(prefix: str, length: int, rng: Random) -> str:
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def iban(country: str, bban: str) -> str:
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def th_id(rng: Random) -> str:
    body = str(rng.randint(1, 8)) + _rand(11, rng)
    check = (11 - sum((13 - i) * int(d) for i, d in enumerate(body)) % 11) % 10
    return body + str(check)


_TW_LETTERS = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36)))


def tw_id(rng: Random) -> str:
    letter = rng.choice("ABCDEFGHJKLMNPQRSTUVXYWZ")
    body = rng.choice("12") + _rand(7, rng)
    n = _TW_LETTERS[letter]
    total = n // 10 + (n % 10) * 9 + sum(int(d) * w for d, w in zip(body, range(8, 0, -1)))
    return letter + body + str((10 - total % 10) % 10)


def hk_id(rng: Random) -> tuple[str, str]:
    prefix = rng.choice(["", "", "A", "K", "Y"]) + rng.choice("ACDEGHKPRVYZ")
    digits = _rand(6, rng)
    values = [36] if len(prefix) == 1 else []
    values += [int(c, 36) for c in prefix] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1)))
    check = (11 - total % 11) % 11
    return prefix + digits, "A" if check == 10 else str(check)


def cn_id(rng: Random) -> str:
    # the first two are in python-stdnum's area list, the others are real codes it lacks
    area = rng.choice(["110101", "310104", "440305", "330106"])
    birth = f"{rng.randint(1960, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = area + birth + _rand(3, rng)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
