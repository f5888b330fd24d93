"""Guard the public surface: `__all__` is exact and importable, and every CLI command documents
itself (STYLE.md #13)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import entente
from entente.cli import cli


def test_all_names_resolve():
    for name in entente.__all__:
        assert getattr(entente, name) is not None, name


def test_all_is_sorted_and_unique():
    assert entente.__all__ == sorted(set(entente.__all__))


def test_unknown_attribute_raises():
    with pytest.raises(AttributeError):
        entente.no_such_thing  # noqa: B018


COMMANDS = cli.list_commands(None)  # type: ignore[arg-type]


def test_code_command_exists():
    assert "code" in COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    assert command is not None
    assert (command.help or "").strip(), f"`entente {name}` has no help text"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and entente.__version__ in result.output
