"""`protocol completion SHELL [--install]`: the static completion scripts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from protocol_cli.base.errors import ProtocolError

FILES = {"bash": "protocol.bash", "zsh": "_protocol", "fish": "protocol.fish", "powershell": "protocol.ps1"}


def scripts_folder() -> Path:
    """completions/ inside the installed wheel, else at the top of the checkout."""
    package = Path(__file__).resolve().parents[2]  # protocol_cli/, from commands/actions/
    inside = package / "completions"
    return inside if inside.is_dir() else package.parent / "completions"


def _home(var: str, default: str) -> Path:
    return Path(os.environ.get(var) or Path.home() / default)


def target(shell: str) -> tuple[Path, str]:
    """Where the shell looks for it, and what (if anything) the user must add once."""
    if shell == "bash":  # bash-completion loads completions from here on first use
        return _home("XDG_DATA_HOME", ".local/share") / "bash-completion" / "completions" / "protocol", (
            "(needs the bash-completion package; without it add to ~/.bashrc: source {path})"
        )
    if shell == "zsh":
        return Path.home() / ".zfunc" / "_protocol", (
            "add to ~/.zshrc, before compinit, if it is not there: fpath=(~/.zfunc $fpath)"
        )
    if shell == "fish":  # fish loads completions from here by itself
        return _home("XDG_CONFIG_HOME", ".config") / "fish" / "completions" / "protocol.fish", ""
    return _home("XDG_CONFIG_HOME", ".config") / "powershell" / "protocol.ps1", (
        "add to your PowerShell profile ($PROFILE): . {path}"
    )


def completion(shell: str, install: bool = False) -> None:
    source = scripts_folder() / FILES[shell]
    try:
        script = source.read_bytes()
    except OSError as exc:
        raise ProtocolError(
            f"the {shell} completion script is missing ({source}); reinstall protocol"
        ) from exc
    if not install:
        sys.stdout.buffer.write(script)
        return
    from protocol_cli.base.files import create_new, replace_atomic

    path, hint = target(shell)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            replace_atomic(path, script, mode=0o644)
        else:
            create_new(path, script, mode=0o644)
    except OSError as exc:
        raise ProtocolError(f"cannot write {path}: {exc.strerror or exc}") from exc
    sys.stdout.write(f"Installed the {shell} completion: {path}\n")
    if hint:
        sys.stdout.write(hint.format(path=path) + "\n")
    sys.stdout.write(f"Open a new shell to use it. To undo: rm {path}\n")
