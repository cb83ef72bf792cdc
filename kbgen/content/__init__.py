"""Content stage: the FAQ entries in content/, drafted from issues and reviewed by people.

- ``entries.py``: the content model shared by ``kbgen suggest`` and ``kbgen build``.
- ``taxonomy.py``: the FAQ categories, optionally overridden in ``kbgen.toml``.
- ``coverage.py``: gap check: does an entry already answer each issue?
- ``draft.py``: new entries for the issues none answers, never losing a person's edit.
- ``review.py``: what waits for review, and publishing an approved draft.
"""
