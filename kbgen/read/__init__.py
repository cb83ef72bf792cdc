"""Read stage: exported support questions (CSV/TSV, JSONL, JSON, helpdesk exports) to records.

- ``ingest.py``: the generic readers and the Record/Source types every reader fills.
- ``columns.py``: which columns hold what, and what a cell means (a time; a number is no question).
- ``stream.py``: opening the input: a file, a pipe, a FIFO or standard input ("-").
- ``helpdesk.py``: Zendesk, Freshdesk, Intercom and e-mail exports.
- ``textio.py``: bytes to clean text (encodings, JSON, characters that hide or reorder text).
"""
