"""`entente export`: the store as contract JSONL, a GDELT 2.0 event table, or Parquet."""

from __future__ import annotations

import click


@click.command("export")
@click.option("--db", default="entente.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The event store.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "gdelt", "parquet"]),
              default="jsonl", show_default=True, help="What to write.")
@click.option("--out", type=click.Path(writable=True),
              help="File (jsonl, gdelt) or folder (parquet); jsonl and gdelt default to "
              "standard output.")
@click.option("--no-header", is_flag=True, help="GDELT without its header line (as GDELT's own "
              "files are).")
def command(db: str, fmt: str, out: str | None, no_header: bool) -> None:
    """Export every stored article (jsonl: one contract record per line; parquet: partitioned
    by month) or every event cluster (gdelt: one GDELT 2.0 Event row per real-world event)."""
    import sys

    from entente.store import open_store
    from entente.store.exports import export

    target = None if out in (None, "-") else out
    with open_store(db, read_only=True) as store:
        n = export(store, fmt, target, out=sys.stdout.buffer, header=not no_header)
    unit = "clusters" if fmt == "gdelt" else "articles"
    click.echo(f"exported {n} {unit}" + (f" to {target}" if target else ""), err=True)
