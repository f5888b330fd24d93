"""`entente load`: load records produced elsewhere (JSONL or Parquet) into a store."""

from __future__ import annotations

import sys

import click


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", default="entente.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The event store (created when missing).")
@click.option("--batch", default=500, show_default=True,
              help="Records per transaction (the file is free for readers in between).")
@click.option("--hold", is_flag=True,
              help="Keep the store open for the whole load: faster into a big store (no "
                   "checkpoint per batch), but no other process can open it until the end.")
@click.option("--quiet", "-q", is_flag=True, help="No summary on standard error.")
def command(paths: tuple[str, ...], db: str, batch: int, hold: bool, quiet: bool) -> None:
    """Load contract records from JSONL files, Parquet files or folders of Parquet shards
    (e.g. a scale-out run) into the store. Loading is idempotent; a re-coded article replaces
    its old rows. Exits 1 when nothing could be read."""
    from entente.errors import UsageError
    from entente.store import load_into, open_store

    if batch < 1:
        raise UsageError("--batch must be at least 1")
    with open_store(db, hold=hold) as store:
        summary = load_into(store, list(paths), batch=batch)
    for message in summary.failure_messages:
        click.echo(message, err=True)
    if not quiet:
        for line in summary.lines():
            click.echo(line, err=True)
    sys.exit(0 if summary.read or not summary.failures else 1)
