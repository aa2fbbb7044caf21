"""`kubecanvas --version` and `--help` for every subcommand, each listing its exit codes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kubecanvas import __version__

COMMANDS = [["import"], ["export"], ["validate"], ["cluster"], ["cluster", "check"],
            ["cluster", "apply"], ["cluster", "import"]]


def test_version(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = cli("--version")
    assert code == 0 and out.strip() == f"kubecanvas {__version__}"


def test_top_level_help_lists_every_command_and_the_exit_codes(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = cli("--help")
    assert code == 0
    for command in ("import", "export", "validate", "cluster"):
        assert f"    {command} " in out
    assert "exit codes:" in out


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_each_command_has_help(cli, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = cli(*command, "--help")
    assert code == 0 and out.startswith(f"usage: kubecanvas {' '.join(command)}")
    if len(command) == 1:
        assert "exit codes:" in out


def test_render_help_in_its_own_process() -> None:
    """`render` is routed to the editor package (Qt), so it runs in a child process here."""
    done = subprocess.run([sys.executable, "-m", "kubecanvas", "render", "--help"],
                          capture_output=True, text=True, timeout=120, check=False,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0 and "render" in done.stdout
