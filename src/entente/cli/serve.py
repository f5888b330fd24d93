"""`entente serve`: the dashboard and the JSON API over an event store (uvicorn)."""

from __future__ import annotations

from pathlib import Path

import click

from entente.errors import UsageError


@click.command("serve")
@click.option("--db", default="entente.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The event store (created when missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--token", envvar="ENTENTE_TOKEN", show_envvar=True,
              help="Bearer token required by the write endpoints (POST). Prefer the "
                   "environment variable: a token on the command line shows in the process list.")
@click.option("--read-only", is_flag=True,
              help="Open the store read-only, per request, so other processes (entente code "
                   "--db, entente load) can write to it meanwhile; POST /v1/articles is off.")
@click.option("--no-animation", is_flag=True, help="Draw charts without animation.")
def command(db: str, host: str, port: int, token: str | None, read_only: bool,
            no_animation: bool) -> None:
    """Serve the dashboard and the JSON API (/v1, docs at /docs) over the event store.

    Reads are open; POST /v1/code and POST /v1/articles need `Authorization: Bearer TOKEN`
    when a token is set. A server reachable beyond this machine (--host 0.0.0.0) refuses to
    start without one. Without --read-only the server holds the store: stop it before loading
    from another process, or load through POST /v1/articles.
    """
    import uvicorn

    from entente.api import create_app, is_loopback
    from entente.api.settings import LOCAL_HOSTS

    public = not is_loopback(host)
    if public and not token:
        raise UsageError(f"--host {host} lets other machines reach the server; it needs a token "
                         "for its write endpoints", hint="pass --token or set ENTENTE_TOKEN, or "
                         "serve on 127.0.0.1")
    if not Path(db).exists():
        if read_only:
            raise UsageError(f"no store at {db}", hint="create one with `make demo`, `entente "
                             "code ... --db` or `entente load`")
        click.echo(f"{db} does not exist yet: starting with an empty store", err=True)
    app = create_app(db, token, public=public, read_only=read_only,
                     animation=not no_animation, allowed_hosts=None if public else LOCAL_HOSTS)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"entente: serving {db} on http://{shown}:{port}/ (API docs at /docs); "
               "Ctrl+C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
