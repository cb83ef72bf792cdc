"""Privacy stage: personal data is masked (``<EMAIL>``, ``<PHONE>``, ``<ORDER_ID>``...) before
anything else reads a question.

- ``redact.py``: the redaction stage: folding, the detector order, every mask but order ids.
- ``redact_orders.py``: order, tracking and reference codes, found by the words before them.
"""
