"""The options `kbgen suggest` and `kbgen report` share: how to read an export and find its
issues. One decorator, so the two commands cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


class Days(click.ParamType):
    """A span of days: 14, 14d or 2w."""

    name = "days"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            days = value
        else:
            text = str(value).strip().lower()
            unit = 7 if text.endswith("w") else 1
            try:
                days = int(text.rstrip("dw")) * unit
            except ValueError:
                self.fail(f"{value!r} is not a number of days (e.g. 14, 14d or 8w)", param, ctx)
        if days < 1:
            self.fail(f"{value!r} is not a positive number of days", param, ctx)
        return days


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """How to read an export and find its issues: the options `suggest` and `report` share.

    The command receives them as keyword arguments; `_suggest_options` turns them into the
    pipeline's SuggestOptions."""
    options = [
        # readable=False: an unreadable file is the library's one-line error, not a usage block
        click.argument("tickets", type=click.Path(path_type=Path, allow_dash=True, readable=False)),
        click.option(
            "--text-field",
            metavar="NAME",
            help="Column with the question (default: found "
            "from common names; join columns with +, e.g. subject+body).",
        ),
        click.option("--id-field", metavar="NAME", help="Column with the ticket id."),
        click.option(
            "--time-field", metavar="NAME", help="Column with the ticket time (enables trends)."
        ),
        click.option("--answer-field", metavar="NAME", help="Column with the agent's reply."),
        click.option(
            "--input-format",
            type=click.Choice(
                ["csv", "tsv", "jsonl", "json", "zendesk", "freshdesk", "intercom", "eml", "mbox"]
            ),
            help="Input format (default: detected): a generic file, a Zendesk JSON export, a "
            "Freshdesk or Intercom CSV export, a .eml file or folder of them, or an mbox.",
        ),
        click.option(
            "--skip-bad-rows",
            is_flag=True,
            help="Skip unreadable rows (bad JSON lines, lines in another encoding, broken "
            "e-mails) and count them, instead of stopping.",
        ),
        click.option(
            "-m",
            "--model",
            envvar="KBGEN_MODEL",
            metavar="NAME",
            help="Embedding model: use-multilingual (default), all-MiniLM-L6-v2, "
            "embeddinggemma-300m, a local sentence-transformers folder, or a hub name. "
            "Env: KBGEN_MODEL.",
        ),
        click.option(
            "--english-model",
            envvar="KBGEN_ENGLISH_MODEL",
            metavar="NAME",
            help="Model that also reads the English questions: auto (all-MiniLM-L6-v2 beside the "
            "default model), none, or a model name. Env: KBGEN_ENGLISH_MODEL.",
        ),
        click.option(
            "--min-size",
            type=click.IntRange(2),
            envvar="KBGEN_MIN_SIZE",
            help="Fewest questions that make a recurring issue (default 5).",
        ),
        click.option(
            "--trend-window",
            type=Days(),
            default="14d",
            show_default=True,
            help="Each issue's trend compares its last DAYS (14, 14d or 2w) ...",
        ),
        click.option(
            "--trend-baseline",
            type=Days(),
            default="8w",
            show_default=True,
            help="... with its weekly rate over this span before them.",
        ),
        click.option(
            "--content",
            "content_dir",
            type=click.Path(path_type=Path, file_okay=False),
            default="content",
            show_default=True,
            help="Articles to check each issue against (covered / update / new).",
        ),
        click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache."),
        click.option(
            "--engine",
            type=click.Choice(["local", "ray"]),
            default="local",
            show_default=True,
            envvar="KBGEN_ENGINE",
            help="Where embedding and assignment run: local (this process) or ray (Ray Data; "
            "RAY_ADDRESS picks the cluster, see docs/distributed.md). Env: KBGEN_ENGINE.",
        ),
        click.option(
            "--recluster",
            is_flag=True,
            help="Cluster from scratch even when the previous run's groups could be reused.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func
