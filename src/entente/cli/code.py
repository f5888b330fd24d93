"""`entente code`: code articles into contract records (see docs/CONTRACT.md)."""

from __future__ import annotations

import os
import sys
from datetime import date

import click

from entente.errors import UsageError


def _check_published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--published must be YYYY-MM-DD, got {value!r}") from None
    return value


@click.command("code")
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--out", "out_path", type=click.Path(writable=True),
              help="Write records here instead of standard output (a folder with --workers or "
                   "--dask).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "gdelt", "parquet"]), default="jsonl",
              show_default=True, help="Output format (parquet needs --out).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--db", type=click.Path(dir_okay=False),
              help="Also load the records into this DuckDB store (idempotent).")
@click.option("--fast/--full", default=False, show_default=True,
              help="Parse only sentences that can hold an event or a quote.")
@click.option("--max-article-mb", type=click.FloatRange(min=0.001), default=None,
              help="Skip (and report) articles larger than this [default: 10, or "
                   "ENTENTE_MAX_ARTICLE_MB].")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Code in N local processes (one model each) into a Parquet dataset in "
                   "--out DIR; finished shards of an earlier run are reused.")
@click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
              help="Code on a Dask cluster (scheduler address, or 'local' for a LocalCluster of "
                   "--workers processes) into a Parquet dataset in --out DIR (entente[dask]).")
@click.option("--shard-mb", type=click.FloatRange(min=0.001), default=None,
              help="Input per shard with --workers/--dask [default: enough for 4 shards per "
                   "worker, at most 32].")
@click.option("--quiet", "-q", is_flag=True, help="No summary or progress bar on standard error.")
def command(inputs: tuple[str, ...], out_path: str | None, fmt: str, published: str | None,
            db: str | None, fast: bool, max_article_mb: float | None, workers: int | None,
            dask_address: str | None, shard_mb: float | None, quiet: bool) -> None:
    """Code news articles (files, folders, JSONL, WARC, or - for stdin) into event records.

    Writes one JSON line per article to standard output (or --out), a summary to standard error,
    and exits 0 when at least one article was coded, 1 when none could be, 2 for wrong usage.
    With --workers or --dask, writes a Parquet dataset (one file per shard, in input order, plus
    manifests) to --out DIR, which `entente load DIR` and DuckDB read directly.
    """
    from entente.jobs import code_job
    from entente.pipeline import Engine

    published = _check_published(published)
    if fmt == "parquet" and not out_path:
        raise UsageError("--format parquet needs --out FILE")
    limits = None
    if max_article_mb is not None:
        import msgspec

        from entente.ingest.limits import MB, Limits

        limits = msgspec.structs.replace(Limits.from_env(),
                                         max_article_bytes=int(max_article_mb * MB))
    if workers is not None or dask_address is not None:
        _code_sharded(inputs, out_path, fmt, db, published, fast, limits, workers, dask_address,
                      shard_mb, quiet)
        return
    if out_path and os.path.isdir(out_path):
        raise UsageError(f"--out {out_path} is a folder: give a file (folders are for --workers "
                         "and --dask)")
    from entente.scale.progress import JobProgress

    out = None if out_path else sys.stdout.buffer
    with JobProgress(enabled=False if quiet else None) as progress:
        summary = code_job(inputs, out=out, out_path=out_path, fmt=fmt, db=db,
                           published=published, engine=Engine(fast=fast), stdin=sys.stdin.buffer,
                           limits=limits, progress=progress)
    if not quiet:
        for line in summary.lines():
            click.echo(line, err=True)
    sys.exit(summary.exit_status)


def _code_sharded(inputs: tuple[str, ...], out_path: str | None, fmt: str, db: str | None,
                  published: str | None, fast: bool, limits: object, workers: int | None,
                  dask_address: str | None, shard_mb: float | None, quiet: bool) -> None:
    """`--workers N` / `--dask ADDRESS`: shards coded in parallel into a Parquet dataset."""
    from entente.ingest.limits import Limits
    from entente.scale import ShardConfig, code_dataset
    from entente.scale.progress import RunProgress

    if not out_path:
        raise UsageError("--workers and --dask write a Parquet dataset: give --out DIR")
    if fmt == "gdelt":
        raise UsageError("--workers and --dask write Parquet; export GDELT from the store "
                         "(entente export --format gdelt)")
    config = ShardConfig(fast=fast, published=published,
                         limits=limits if isinstance(limits, Limits) else Limits.from_env())
    if dask_address == "local" and workers is None:
        workers = os.cpu_count() or 1
    progress = RunProgress(enabled=False if quiet else None)
    summary = code_dataset(list(inputs), out_path, config=config, workers=workers or 1,
                           dask=dask_address, db=db, progress=progress,
                           shard_bytes=int(shard_mb * 1024 * 1024) if shard_mb else None)
    for message in summary.failure_messages:
        click.echo(message, err=True)
    if not quiet:
        for line in summary.lines():
            click.echo(line, err=True)
    sys.exit(summary.exit_status)
