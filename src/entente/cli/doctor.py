"""`entente doctor`: check the installation (and a store) and say what to fix."""

from __future__ import annotations

import json
import sys

import click


@click.command("doctor")
@click.option("--db", type=click.Path(dir_okay=False),
              help="Also check this DuckDB store (opened read-only; its integrity is checked).")
@click.option("--deep", is_flag=True,
              help="With --db: also rebuild every article and compare it with its stored hash.")
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
def command(db: str | None, deep: bool, as_json: bool) -> None:
    """Check Python, package data, the English model, the knowledge base (with your
    ENTENTE_KB_PATH files), the event lexicon and codebook, and a store with --db.

    Exits 0 when every required check passes, 1 otherwise; each failure says what to fix.
    Optional extras (dask, playwright) are reported for information only.
    """
    import msgspec

    from entente.doctor import diagnose, healthy

    checks = diagnose(db, deep=deep)
    ok = healthy(checks)
    if as_json:
        click.echo(json.dumps({"ok": ok, "checks": msgspec.to_builtins(checks)},
                              ensure_ascii=False, indent=2))
    else:
        width = max(len(c.name) for c in checks)
        for c in checks:
            mark = "ok" if c.ok else ("FAIL" if c.required else "info")
            click.echo(f"{mark:<4}  {c.name:<{width}}  {c.message}")
            if c.fix and not c.ok:
                click.echo(f"{'':<4}  {'':<{width}}  fix: {c.fix}")
        click.echo("healthy" if ok else "problems found: see the fixes above", err=not ok)
    sys.exit(0 if ok else 1)
