"""`entente quotes`: who said what in each article (speakers, cues, cited sources)."""

from __future__ import annotations

import sys
from datetime import date

import click

from entente.errors import UsageError


def _check_published(value: str | None) -> str | None:
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"--published must be YYYY-MM-DD, got {value!r}") from None
    return value


@click.command("quotes")
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--json", "as_json", is_flag=True,
              help="Print contract Quote records, one JSON line per quote (its id names the article).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--gold", "gold", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Score the extractor on a gold file (tests/gold/quotes_*.jsonl) instead.")
@click.option("--errors", is_flag=True, help="With --gold: also list every mistake.")
def command(inputs: tuple[str, ...], as_json: bool, published: str | None,
            gold: tuple[str, ...], errors: bool) -> None:
    """Show the quotes of news articles (files, folders, JSONL, WARC, or - for stdin).

    Each quote has its speaker resolved within the article (pronouns, surnames, roles), the cue
    word, the content, whether it is a direct quote, and the sources the speaker cites. Exits 0
    when at least one article was read, 1 when none could be, 2 for wrong usage.
    """
    from entente.pipeline import Engine

    engine = Engine()
    if gold:
        _score(engine, gold, errors)
        return
    if not inputs:
        raise UsageError("give at least one input (a file, a folder, or - for standard input)")
    published = _check_published(published)
    sys.exit(_show(engine, inputs, published, as_json))


def _show(engine: object, inputs: tuple[str, ...], published: str | None, as_json: bool) -> int:
    from rich.console import Console

    from entente.ingest import read_inputs
    from entente.quotes import quotes_for_article
    from entente.records import Failure, to_json

    console, err, done = Console(), Console(stderr=True), 0
    for item in read_inputs(inputs, stdin=sys.stdin.buffer, published=published):
        if isinstance(item, Failure):
            err.print(f"[red]{item.origin}[/]: {item.message}", markup=True, highlight=False)
            continue
        _, spans = quotes_for_article(engine, item)
        done += 1
        if as_json:
            for s in spans:
                sys.stdout.buffer.write(to_json(s.quote) + b"\n")
        else:
            console.print(_table(item.id, [s.quote for s in spans]))
    return 0 if done else 1


def _table(article_id: str, quotes: list) -> object:
    from rich.table import Table

    table = Table(title=f"{article_id}: {len(quotes)} quote(s)", show_lines=True, expand=True)
    for name, kw in (("#", {"no_wrap": True}), ("speaker", {"ratio": 2}), ("cue", {}),
                     ("", {"no_wrap": True}), ("content", {"ratio": 5}), ("cites", {"ratio": 2})):
        table.add_column(name, **kw)
    for q in quotes:
        sp = q.speaker
        who = "—" if sp is None else (sp.name or sp.text) + "".join(
            f"\n[dim]{x}[/]" for x in (sp.role, sp.org) if x)
        cites = "\n".join(f"{c.name} [dim]({c.kind}{', ' + c.date if c.date else ''})[/]"
                          for c in q.cites)
        content = q.content if len(q.content) <= 240 else q.content[:237] + "..."
        table.add_row(q.id.rsplit(":", 1)[-1], who, q.cue or "", "D" if q.direct else "I",
                      content, cites)
    return table


def _score(engine: object, paths: tuple[str, ...], errors: bool) -> None:
    from entente.quotes.score import evaluate, load_gold

    for path in paths:
        counts = evaluate(load_gold(path), engine)
        click.echo(f"{path}:")
        for key, value in counts.report().items():
            click.echo(f"  {key:22s} {value:.3f}" if isinstance(value, float) else f"  {key:22s} {value}")
        if errors:
            for line in counts.errors:
                click.echo(f"  - {line}")
