"""Rewrite the `kbgen:` evidence block of an entry and not one byte more.

The block is found with YAML's own parser (so `"kbgen":` and `'kbgen':` are the same key),
from its key to the end of its last value: comments and blank lines after it, line endings,
a byte-order mark, trailing spaces and everything else stay as the person left them (the
block itself, comments inside it included, is kbgen's). The result is checked: the text
outside the block must be identical before and after, and the other front-matter keys must
read the same; otherwise the file is left alone with a note.
"""

from __future__ import annotations

from typing import Any

import yaml

from kbgen.content.entries import split_front_matter
from kbgen.errors import ContentError

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BREAKS = "\r\n\x85\u2028\u2029"


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000
    )


def _last_index(node: yaml.Node) -> int:
    """Where a node's own text ends (a block collection's end mark is the next token's start,
    past any comments that follow it, so take its last child's end instead)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return max(_last_index(v) for pair in node.value for v in pair)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return max(_last_index(v) for v in node.value)
    return node.end_mark.index


def _line_end(text: str, index: int) -> int:
    """The index just past the line break of the line holding text[index - 1]."""
    if index > 0 and text[index - 1] in _BREAKS:
        return index
    while index < len(text) and text[index] not in _BREAKS:
        index += 1
    if text.startswith("\r\n", index):
        return index + 2
    return min(index + 1, len(text))


def evidence_region(yaml_text: str) -> tuple[int, int] | None:
    """(start, end) of the top-level `kbgen:` block's lines in the front matter, or None.

    Raises ContentError when the front matter is not a plain block mapping or has two blocks.
    """
    try:
        node = yaml.compose(yaml_text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        why = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContentError(f"malformed front matter: {why}") from None
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise ContentError("its front matter is not a list of 'key: value' lines")
    found = [
        (key, value)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and key.value == "kbgen"
    ]
    if not found:
        return None
    if len(found) > 1:
        raise ContentError("it has more than one 'kbgen' block; keep one")
    key, value = found[0]
    if key.start_mark.column != 0:
        raise ContentError("its 'kbgen' key does not start its line")
    start, end = key.start_mark.index, _line_end(yaml_text, _last_index(value))
    # A literal scalar's trailing blank lines belong to the text after it, as a reader sees it.
    lines = yaml_text[start:end].splitlines(keepends=True)
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return start, start + sum(map(len, lines))


def _parts(text: str) -> tuple[int, str]:
    """(offset of the front matter's YAML in the file, the YAML)."""
    parts = split_front_matter(text)
    if parts is None:
        raise ContentError("no front matter to update")
    first = text.splitlines(keepends=True)[0]
    return len(first), parts[0]


def outside_evidence(text: str) -> str:
    """The file without its `kbgen:` block: what an evidence refresh must never change."""
    offset, yaml_text = _parts(text)
    region = evidence_region(yaml_text)
    if region is None:
        return text
    return text[: offset + region[0]] + text[offset + region[1] :]


def _newline(text: str, at: int) -> str:
    """The line break the line at `at` ends with: CRLF, a lone CR, or LF."""
    line = text[at:]
    cut = min((line.find(ch) for ch in "\r\n" if ch in line), default=-1)
    if cut < 0 or line[cut] == "\n":
        return "\n"
    return "\r\n" if line.startswith("\r\n", cut) else "\r"


def splice_evidence(text: str, evidence: dict[str, Any]) -> str:
    """Replace (or add) the top-level `kbgen:` block; every other byte stays the same.

    Raises ContentError when the file's front matter cannot be rewritten safely.
    """
    offset, yaml_text = _parts(text)
    region = evidence_region(yaml_text)
    if region is None:
        newline = _newline(text, 0)
        start = end = len(yaml_text)
        lead = "" if not yaml_text or yaml_text[-1] in _BREAKS else newline
    else:
        start, end = region
        newline, lead = _newline(yaml_text, start), ""
    block = lead + _dump({"kbgen": evidence}).replace("\n", newline)
    new_yaml = yaml_text[:start] + block + yaml_text[end:]
    try:
        old_meta = yaml.load(yaml_text, Loader=_SafeLoader)  # noqa: S506 - a safe loader
        new_meta = yaml.load(new_yaml, Loader=_SafeLoader)  # noqa: S506
    except yaml.YAMLError:
        new_meta = None
    if not isinstance(new_meta, dict) or {k: v for k, v in new_meta.items() if k != "kbgen"} != {
        k: v for k, v in (old_meta or {}).items() if k != "kbgen"
    }:
        raise ContentError("its front matter layout is unusual; update the kbgen block by hand")
    new_text = text[:offset] + new_yaml + text[offset + len(yaml_text) :]
    if outside_evidence(new_text) != outside_evidence(text):
        raise ContentError("the kbgen block could not be replaced on its own; update it by hand")
    return new_text
