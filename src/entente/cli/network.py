"""`entente network`: the actor graph of a period."""

from __future__ import annotations

import click


@click.command("network")
@click.option("--db", default="entente.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The event store.")
@click.option("--from", "start", metavar="YYYY-MM-DD", help="First day (inclusive).")
@click.option("--to", "end", metavar="YYYY-MM-DD", help="Last day (inclusive).")
@click.option("--level", type=click.Choice(["key", "code", "country"]), default="key",
              show_default=True, help="Node per actor key (state/organisation), full CAMEO "
              "actor code, or state only.")
@click.option("--undirected", is_flag=True, help="One edge per pair instead of source → target.")
@click.option("--min-events", default=1, show_default=True, help="Drop lighter edges.")
@click.option("--graphml", type=click.Path(dir_okay=False, writable=True),
              help="Write the graph as GraphML.")
@click.option("--json", "as_json", is_flag=True, help="Print nodes and edges as JSON.")
def command(db: str, start: str | None, end: str | None, level: str, undirected: bool,
            min_events: int, graphml: str | None, as_json: bool) -> None:
    """Actors as nodes and their events as weighted edges (counts per QuadClass, Goldstein sum
    and mean); export as GraphML or JSON."""
    from rich.console import Console

    from entente.analysis import report
    from entente.analysis.network import network, write_graphml
    from entente.store import open_store

    with open_store(db, read_only=True) as store:
        result = network(store, start=start, end=end, level=level, directed=not undirected,
                         min_events=min_events)
    if graphml:
        write_graphml(result, graphml)
    if as_json:
        click.echo(report.to_json(result))
        return
    Console().print(report.table(result["edges"][:30], (
        "source", "target", "events", "q1", "q2", "q3", "q4", "goldstein_mean"),
        title=f"{len(result['nodes'])} actors, {len(result['edges'])} edges (heaviest 30)"))
