"""The `entente` command line: thin click commands over the library.

Each command lives in its own module of this package (`entente/cli/<name>.py`, dashes written as
underscores) and exposes a click command named `command`. Commands are discovered here and imported
only when used, so `entente --help` stays fast and each stage owns its own face.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import click

from entente import __version__


class LazyGroup(click.Group):
    """A group whose subcommands are the modules of this package, imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
        return sorted(n.replace("_", "-") for n in names)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.list_commands(ctx):
            return None
        module = importlib.import_module(f"{__name__}.{cmd_name.replace('-', '_')}")
        command: click.Command = module.command
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="entente")
def cli() -> None:
    """entente: political event data from news text.

    Who did what to whom, when, where, and according to whom.
    """


def main(argv: list[str] | None = None) -> None:
    """Console entry point. Usage errors exit 2; expected problems print one line, no traceback."""
    from entente.errors import EntenteError, UsageError

    try:
        cli.main(args=argv, prog_name="entente", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UsageError as exc:
        click.echo(f"entente: {exc}", err=True)
        sys.exit(2)
    except EntenteError as exc:
        click.echo(f"entente: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: say so plainly, traceback on request
        if os.environ.get("ENTENTE_DEBUG"):
            raise
        click.echo(f"entente: internal error: {type(exc).__name__}: {exc} "
                   "(set ENTENTE_DEBUG=1 for the traceback, and please report it)", err=True)
        sys.exit(1)
    sys.exit(0)
