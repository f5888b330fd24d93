"""`entente dyad A B`: how the relationship between two actors moves over time."""

from __future__ import annotations

import click


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--db", default="entente.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The event store.")
@click.option("--from", "start", metavar="YYYY-MM-DD", help="First day (inclusive).")
@click.option("--to", "end", metavar="YYYY-MM-DD", help="Last day (inclusive).")
@click.option("--by", type=click.Choice(["month", "week", "day"]), default="month",
              show_default=True, help="Period of the series.")
@click.option("--directed", is_flag=True, help="Only events from A to B (default: both ways).")
@click.option("--modality", type=click.Choice(["asserted", "negated", "hypothetical"]),
              default="asserted", show_default=True, help="Which events to count.")
@click.option("--top", default=10, show_default=True, help="How many top clusters to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the period series as CSV.")
@click.option("--plot", type=click.Path(dir_okay=False, writable=True),
              help="Also draw the series to a .png or .svg file.")
def command(a: str, b: str, db: str, start: str | None, end: str | None, by: str,
            directed: bool, modality: str, top: int, as_json: bool, as_csv: bool,
            plot: str | None) -> None:
    """Event counts between actors A and B (e.g. TUR AZE) by period and QuadClass, with
    Goldstein sums and means, root codes and the most reported events."""
    from rich.console import Console

    from entente.analysis import report
    from entente.analysis.dyads import dyad
    from entente.store import open_store

    with open_store(db, read_only=True) as store:
        result = dyad(store, a, b, start=start, end=end, by=by, directed=directed,
                      modality=modality, top=top)
    if plot:
        from entente.analysis.plot import plot_dyad

        plot_dyad(result, plot)
    if as_json:
        click.echo(report.to_json(result))
    elif as_csv:
        click.echo(report.to_csv(result["periods"], report.DYAD_COLUMNS), nl=False)
    else:
        report.print_dyad(Console(), result)
