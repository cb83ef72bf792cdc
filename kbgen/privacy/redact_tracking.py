"""Parcel tracking codes that name their carrier by their shape, masked as ``<ORDER_ID>``.

:mod:`~kbgen.privacy.redact_orders` masks a code after a tracking word ("tracking no.",
快递单号, เลขพัสดุ) or a carrier's name (Kerry, J&T, 极兔, 中通, เคอรี่...). Customers also paste
the code alone ("ของยังไม่ถึง EF123456789TH"), and some carriers' formats are distinctive enough
to be masked without a word: the UPU S10 format of EMS, registered mail and Thailand / China
Post (two letters, nine digits, two letters), Kerry Express (``KEX...``, ``KERTH...``), Flash
Express (``TH`` + ten digits + a letter), SF Express (``SF`` + 10-13 digits), J&T (``JT`` +
10-13 digits), JD (``JD``), YTO (``YT``), Shopee Express (``SPX...``), Lazada (``LEX...``,
``LXAD...``) and UPS (``1Z`` + 16).

They share ``<ORDER_ID>`` rather than a mask of their own: the README and the detectors already
count tracking numbers among order-like numbers ("tracking number 123456789" has always been
``<ORDER_ID>``), and a separate type would split one kind of reference in two for everything
downstream. Digit-only codes (J&T Thailand, 中通, 韵达) have no shape to go by and are left to
the word-based detector.
"""

from __future__ import annotations

import re

__all__ = ["tracking_spans"]

Span = tuple[int, int]

_TRACKING = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    r"[A-Z]{2}[0-9]{9}[A-Z]{2}"  # UPU S10: EMS, registered mail, Thailand / China Post
    r"|(?:KEX[A-Z]{0,2}|KER[A-Z]{0,4})[0-9]{7,14}(?:TH)?"  # Kerry Express
    r"|TH[0-9]{10,12}[A-Z]{1,2}"  # Flash Express
    r"|(?:SF|JT|YT)[0-9]{10,13}"  # SF Express, J&T, YTO
    r"|JD[A-Z]{0,2}[0-9]{10,15}"  # JD Logistics
    r"|SPX[A-Z]{0,3}[0-9]{8,15}"  # Shopee Express
    r"|(?:LEX[A-Z]{0,4}|LXAD)[0-9]{8,15}"  # Lazada
    r"|1Z[A-Z0-9]{16}"  # UPS
    r")(?![A-Za-z0-9])",
    re.I,
)
# Cheap test that lets most texts skip the pattern: nine digits in a row.
_HINT = re.compile(r"[0-9]{7}")


def tracking_spans(work: str) -> list[Span]:
    """Carrier-shaped tracking codes in the folded text ``work``."""
    if not _HINT.search(work):
        return []
    return [m.span() for m in _TRACKING.finditer(work)]
