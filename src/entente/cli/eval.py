"""`entente eval`: score the event coder on gold sentences (format: docs/EVAL.md)."""

from __future__ import annotations

import sys

import click


@click.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True,
              help="Print the full report as one JSON object (counts, scores, misses, false positives).")
@click.option("--split", type=click.Choice(["all", "dev", "test"]), default="all", show_default=True,
              help="Score only the items of this split.")
@click.option("--limit", type=int, default=200, show_default=True,
              help="List at most this many misses, false positives and modality errors.")
@click.option("--quiet", "-q", is_flag=True, help="Only the scores, no lists.")
def command(gold: tuple[str, ...], as_json: bool, split: str, limit: int, quiet: bool) -> None:
    """Score the event coder on GOLD files (JSONL, one sentence or article per line).

    Events match by dyad (source and target country, or IGO acronym; either direction for
    reciprocal events) and root CAMEO code. Prints precision, recall and F1, modality errors
    counted apart (and how many negated or hypothetical events were coded as asserted), date
    and location accuracy on matched events, then the misses and false positives.
    """
    from entente.events.evaluate import format_report, score
    from entente.records import encoder

    report = score(gold, split=split)
    if as_json:
        sys.stdout.buffer.write(encoder.encode(report) + b"\n")
        return
    for line in format_report(report, details=not quiet, limit=limit):
        click.echo(line)
