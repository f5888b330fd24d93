"""`entente events`: event mentions with their evidence, filtered."""

from __future__ import annotations

import click


@click.command("events")
@click.option("--db", default="entente.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The event store.")
@click.option("--actor", help="Events with this actor on either side (TUR, NATO, TURMIL).")
@click.option("--dyad", nargs=2, help="Events between two actors, either way: --dyad TUR AZE.")
@click.option("--root", help="CAMEO root code (2 digits).")
@click.option("--cameo", help="Full CAMEO code.")
@click.option("--from", "start", metavar="YYYY-MM-DD", help="First day (inclusive).")
@click.option("--to", "end", metavar="YYYY-MM-DD", help="Last day (inclusive).")
@click.option("--modality", type=click.Choice(["asserted", "negated", "hypothetical"]))
@click.option("--cluster", help="Mentions of one event cluster.")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the page as JSON.")
def command(db: str, actor: str | None, dyad: tuple[str, str] | None, root: str | None,
            cameo: str | None, start: str | None, end: str | None, modality: str | None,
            cluster: str | None, limit: int, offset: int, as_json: bool) -> None:
    """List event mentions (oldest first) with their sentence, trigger, article and cluster."""
    from rich.console import Console

    from entente.analysis import report
    from entente.analysis.events import list_events
    from entente.store import open_store

    with open_store(db, read_only=True) as store:
        page = list_events(store, actor=actor, dyad=dyad or None, root=root, cameo=cameo,
                           start=start, end=end, modality=modality, cluster=cluster,
                           limit=limit, offset=offset)
    if as_json:
        click.echo(report.to_json(page))
        return
    rows = [{**e, "trigger": e["evidence"]["trigger"]} for e in page["items"]]
    shown = f"{offset + 1}-{offset + len(rows)}" if rows else "none"
    Console().print(report.table(rows, ("day", "event_id", "src_key", "cameo", "tgt_key",
                                        "modality", "trigger", "text", "source"),
                                 title=f"events {shown} of {page['total']}"))
