"""`entente trends`: which dyads' cooperation or conflict changed most."""

from __future__ import annotations

import click


@click.command("trends")
@click.option("--db", default="entente.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The event store.")
@click.option("--end", metavar="YYYY-MM-DD", help="Last day of the recent window "
              "(default: the latest event in the store).")
@click.option("--window", default=90, show_default=True, help="Recent window, in days.")
@click.option("--baseline", default=365, show_default=True,
              help="Baseline before the window, in days.")
@click.option("--by", type=click.Choice(["coop", "quad", "root", "base"]), default="coop",
              show_default=True, help="Compare cooperation/conflict, QuadClass, root or "
              "3-digit CAMEO code.")
@click.option("--directed", is_flag=True, help="Source → target pairs (default: unordered).")
@click.option("--min-events", default=5, show_default=True,
              help="Least events (recent, or expected from the baseline) to report a change.")
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def command(db: str, end: str | None, window: int, baseline: int, by: str, directed: bool,
            min_events: int, limit: int, offset: int, as_json: bool) -> None:
    """Dyads whose cooperation or conflict changed most against their own baseline, counting
    distinct real-world events (clusters), with a headline for each."""
    from rich.console import Console

    from entente.analysis import report
    from entente.analysis.trends import trends
    from entente.store import open_store

    with open_store(db, read_only=True) as store:
        result = trends(store, end=end, window=window, baseline=baseline, by=by,
                        directed=directed, min_events=min_events, limit=limit, offset=offset)
    if as_json:
        click.echo(report.to_json(result))
        return
    console = Console()
    console.print(report.table(result["items"], ("a", "b", "label", "recent", "expected",
                                                 "ratio", "direction"),
                               title=f"changes to {result['end']}: last {window} days vs "
                                     f"the {baseline} before"))
    for item in result["items"][:5]:
        console.print(f"• {item['headline']}")
