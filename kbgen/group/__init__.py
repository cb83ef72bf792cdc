"""Group stage: questions that ask the same thing become one issue, labelled and ranked.

- ``cluster.py``: the grouping itself, without being told how many issues there are.
- ``state.py``: the last grouping of an export, so a rerun on a grown export need not redo it.
- ``keywords.py``: each issue's keywords (class-based TF-IDF over segmented words).
- ``trend.py``: each issue's trend (new, rising, spike, falling, steady) against a baseline.
"""
