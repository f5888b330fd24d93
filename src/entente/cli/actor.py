"""`entente actor`: resolve an actor name on a date and print it as JSON."""

from __future__ import annotations

import json
from datetime import date

import click

from entente.errors import UsageError


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date must be YYYY-MM-DD, got {value!r}") from None


@click.command("actor")
@click.argument("text")
@click.option("--date", "when", metavar="YYYY-MM-DD",
              help="Resolve on this date (default: the knowledge base's as-of date).")
@click.option("--explain", is_flag=True,
              help="Also show which entries matched, where they come from, and why one won.")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="An extra knowledge-base file (YAML, CSV or PETRARCH .txt); repeatable.")
def command(text: str, when: str | None, explain: bool, kb_paths: tuple[str, ...]) -> None:
    """Resolve TEXT ("Erdogan", "Turkish military", "the Kremlin") to an actor on a date.

    Prints the actor as JSON (null when nothing matches; exit status 1 then).
    """
    from entente.actors import KnowledgeBase, Resolver
    from entente.actors import explain as explain_text

    day = _day(when)
    resolver = Resolver(KnowledgeBase.load(extra_paths=kb_paths))
    if explain:
        report = explain_text(text, day, resolver=resolver)
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        found = report["actor"] is not None
    else:
        actor = resolver.resolve(text, day)
        found = actor is not None
        fields = ("text", "name", "code", "country", "org", "role", "id")
        click.echo(json.dumps({f: getattr(actor, f) for f in fields} if actor else None,
                              ensure_ascii=False))
    if not found:
        raise SystemExit(1)
