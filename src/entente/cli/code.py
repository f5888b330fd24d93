"""`entente code`: code articles into contract records (see docs/CONTRACT.md)."""

from __future__ import annotations

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
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True),
              help="Write records here instead of standard output.")
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
@click.option("--quiet", "-q", is_flag=True, help="No summary on standard error.")
def command(inputs: tuple[str, ...], out_path: str | None, fmt: str, published: str | None,
            db: str | None, fast: bool, max_article_mb: float | None, quiet: bool) -> None:
    """Code news articles (files, folders, JSONL, WARC, or - for stdin) into event records.

    Writes one JSON line per article to standard output (or --out), a summary to standard error,
    and exits 0 when at least one article was coded, 1 when none could be, 2 for wrong usage.
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
    out = None if out_path else sys.stdout.buffer
    summary = code_job(inputs, out=out, out_path=out_path, fmt=fmt, db=db, published=published,
                       engine=Engine(fast=fast), stdin=sys.stdin.buffer, limits=limits)
    if not quiet:
        for line in summary.lines():
            click.echo(line, err=True)
    sys.exit(summary.exit_status)
