"""`entente sql "SELECT ..."`: a read-only query over the store."""

from __future__ import annotations

import click


@click.command("sql")
@click.argument("query")
@click.option("--db", default="entente.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The event store.")
@click.option("--limit", default=1000, show_default=True, help="Most rows to print.")
@click.option("--json", "as_json", is_flag=True, help="Print columns and rows as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print rows as CSV.")
def command(query: str, db: str, limit: int, as_json: bool, as_csv: bool) -> None:
    """Run one read-only SQL query (SELECT, WITH, DESCRIBE or SHOW) on the store; anything
    else is refused. Tables: articles, sentences, actors, events, quotes, quote_cites, clusters,
    event_clusters."""
    from rich.console import Console

    from entente.analysis import report
    from entente.analysis.sql import run_sql
    from entente.store import open_store

    with open_store(db, read_only=True) as store:
        result = run_sql(store, query, limit=limit)
    rows = [dict(zip(result["columns"], r, strict=True)) for r in result["rows"]]
    if as_json:
        click.echo(report.to_json(result))
    elif as_csv:
        click.echo(report.to_csv(rows, result["columns"]), nl=False)
    else:
        Console().print(report.table(rows, result["columns"]))
    if result["truncated"]:
        click.echo(f"(first {limit} rows shown; raise --limit for more)", err=True)
