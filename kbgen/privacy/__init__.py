"""Privacy stage: personal data is masked (``<EMAIL>``, ``<PHONE>``, ``<NAME>``...) before
anything else reads a question.

- ``redact.py``: the redaction stage: the detector order, most masks.
- ``fold.py``: the detection copy (folded look-alikes, invisible characters, entities).
- ``windows.py``: valid parts of a long candidate, in bounded time.
- ``context.py``: the last word before a code (what types it), first-wins overlaps.
- ``redact_email.py``, ``redact_names.py``, ``redact_national.py``, ``redact_urls.py``,
  ``redact_orders.py``, ``redact_tracking.py`` (carrier-shaped parcel codes),
  ``redact_contacts.py`` (messaging-app ids), ``redact_accounts.py`` (bank account numbers),
  ``redact_address.py`` (postal addresses): detectors for the forms their names say.
- ``ticket_ids.py``: ticket ids and Message-IDs, which reach drafts' ``sources``.
"""

from __future__ import annotations

import re

# What every mask looks like (`<EMAIL>`, `<ORDER_ID>`, `<CONTACT_ID>`): for the stages after
# redaction that must recognise one (titles, answers, review, the site's public-text checks).
MASK = re.compile(r"<[A-Z][A-Z0-9_]*>")
