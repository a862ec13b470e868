"""Shell completion in real shells: what TAB offers, and that nothing is started to offer it.

bash runs always; zsh and fish when installed (.ci/run installs them). `protocol` and `python`
on PATH are replaced by scripts that record any call: completing must record none.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest
from conftest import PROTOCOL_IDS, ROOT

SCRIPTS = ROOT / "completions"

# (what is typed, what TAB must offer)
CASES = [
    (
        "protocol ",
        {"ask", "check", "compare", "clauses", "councils", "scenarios", "config", "audit", "completion"},
    ),
    ("protocol a", {"ask", "audit"}),
    ("protocol ask --council ", set(PROTOCOL_IDS)),
    ("protocol ask --scenario ", {"copy-correspondence", "complaint-route", "group-meeting"}),
    (
        "protocol ask --answer recipient=",
        {"recipient=member", "recipient=officer", "recipient=resident", "recipient=third-party"},
    ),
    (
        "protocol clauses show thanet:9.1.",
        {"thanet:9.1.12", "thanet:9.1.12.b1", "thanet:9.1.1", "thanet:9.1.12.p1"},
    ),
    ("protocol clauses list thanet --kind ", {"rule", "guidance", "definition", "context"}),
    ("protocol config set audit ", {"ask", "always", "never"}),
    ("protocol ask --sc", {"--scenario"}),
]


@pytest.fixture
def no_programs(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose PATH starts with fakes of protocol and python that log any call."""
    fakes = tmp_path / "bin"
    fakes.mkdir()
    log = tmp_path / "calls.log"
    for name in ("protocol", "python", "python3"):
        fake = fakes / name
        fake.write_text(f'#!/bin/sh\necho "{name} $*" >> {log}\n')
        fake.chmod(0o755)
    env = {"PATH": f"{fakes}:/usr/bin:/bin", "HOME": str(tmp_path), "TERM": "dumb", "LANG": "C.UTF-8"}
    return env, log


def bash_offers(line: str, env: dict[str, str]) -> set[str]:
    script = (
        f"source {SCRIPTS / 'protocol.bash'}\n"
        f"COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}; _protocol\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    out = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    # bash splits words at ':' and '=': candidates come back without the part before the last one
    word = "" if line.endswith(" ") else line.split()[-1]
    cut = max(word.rfind(":"), word.rfind("="))
    prefix = word[: cut + 1] if cut >= 0 else ""
    return {prefix + c for c in out.stdout.split()}


@pytest.mark.parametrize(("line", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bash(line: str, expected: set[str], no_programs) -> None:
    env, log = no_programs
    offered = bash_offers(line, env)
    assert expected <= offered
    assert not log.exists(), log.read_text()


def test_bash_registers_the_completion(no_programs) -> None:
    env, _ = no_programs
    script = f"source {SCRIPTS / 'protocol.bash'}\ncomplete -p protocol\n"
    out = subprocess.run(["bash", "--norc", "-c", script], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "complete -F _protocol protocol"


@pytest.mark.skipif(not shutil.which("fish"), reason="fish is not installed (.ci/run installs it)")
@pytest.mark.parametrize(("line", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fish(line: str, expected: set[str], no_programs) -> None:
    env, log = no_programs
    script = f"source {SCRIPTS / 'protocol.fish'}; complete -C{line!r}"
    out = subprocess.run(["fish", "--no-config", "-c", script], env=env, capture_output=True, text=True)
    offered = {row.split("\t")[0] for row in out.stdout.splitlines()}
    assert expected <= offered, out.stderr
    assert not log.exists(), log.read_text()


@pytest.mark.skipif(not shutil.which("zsh"), reason="zsh is not installed (.ci/run installs it)")
def test_zsh(no_programs) -> None:
    env, log = no_programs
    shell = pexpect.spawn("zsh", ["-f", "-i"], env=env, encoding="utf-8", timeout=15, dimensions=(50, 250))
    shell.sendline(
        "PS1='%% '; autoload -Uz compinit && compinit -u -D; setopt nobeep; "
        "zstyle ':completion:*' list-prompt ''; "
        f"LISTMAX=10000; source {SCRIPTS / '_protocol'}; echo READY"
    )
    shell.expect("READY")
    shell.expect("% ")
    for line, expected in CASES:
        shell.send(line + "\t")
        seen = ""
        deadline = time.time() + 5
        while time.time() < deadline and not all(e.rsplit(":", 1)[-1] in seen or e in seen for e in expected):
            with contextlib.suppress(pexpect.TIMEOUT):
                seen += shell.read_nonblocking(100000, timeout=0.3)
        seen = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", seen)
        missing = [e for e in expected if e not in seen and e.rsplit("=", 1)[-1] not in seen]
        assert not missing, (line, seen)
        shell.send("\x03")
        shell.expect("% ")
    shell.sendline("exit")
    assert not log.exists(), log.read_text()


def test_the_command_prints_the_committed_script(capsysbinary) -> None:
    from protocol_cli.commands.main import main

    for shell, name in (
        ("bash", "protocol.bash"),
        ("zsh", "_protocol"),
        ("fish", "protocol.fish"),
        ("powershell", "protocol.ps1"),
    ):
        assert main(["completion", shell]) == 0
        assert capsysbinary.readouterr().out == (SCRIPTS / name).read_bytes()


@pytest.mark.parametrize(
    ("shell", "where", "script"),
    [
        ("bash", ".local/share/bash-completion/completions/protocol", "protocol.bash"),
        ("zsh", ".zfunc/_protocol", "_protocol"),
        ("fish", ".config/fish/completions/protocol.fish", "protocol.fish"),
        ("powershell", ".config/powershell/protocol.ps1", "protocol.ps1"),
    ],
)
def test_install_puts_it_where_the_shell_looks_and_says_how_to_undo(tmp_path, shell, where, script) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "PROTOCOL_HOME": str(tmp_path / "p")}
    env.pop("XDG_DATA_HOME", None)
    env.pop("XDG_CONFIG_HOME", None)
    out = subprocess.run(
        [sys.executable, "-m", "protocol_cli", "completion", shell, "--install"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    path = tmp_path / where
    assert path.read_bytes() == (SCRIPTS / script).read_bytes()
    assert f"Installed the {shell} completion: {path}" in out.stdout
    assert f"To undo: rm {path}" in out.stdout
    again = subprocess.run(
        [sys.executable, "-m", "protocol_cli", "completion", shell, "--install"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0  # installing again replaces it


def test_a_bad_shell_name(cli) -> None:
    r = cli("completion", "tcsh")
    assert r.code == 2 and "Invalid value for 'SHELL'" in r.err


# --- typed at a real terminal: what TAB puts on the line, in each shell ---------------------

BASH_COMPLETION = Path("/usr/share/bash-completion/bash_completion")


def _start(shell: str, env: dict[str, str], with_bash_completion: bool = False) -> pexpect.spawn:
    """An interactive shell at a pty with the protocol completion loaded and a plain prompt."""
    if shell == "bash":
        child = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], env=env, encoding="utf-8", timeout=15)
        setup = f"source {BASH_COMPLETION}; " if with_bash_completion else ""
        child.sendline(
            f"PS1='READY> '; bind 'set show-all-if-ambiguous on'; {setup}source {SCRIPTS / 'protocol.bash'}"
        )
    elif shell == "zsh":
        child = pexpect.spawn(
            "zsh", ["-f", "-i"], env=env, encoding="utf-8", timeout=15, dimensions=(50, 250)
        )
        child.sendline(
            "PS1='READY> '; autoload -Uz compinit && compinit -u -D; setopt nobeep; "
            f"source {SCRIPTS / '_protocol'}"
        )
    else:
        child = pexpect.spawn(
            "fish", ["--no-config", "-i"], env=env, encoding="utf-8", timeout=15, dimensions=(50, 250)
        )
        child.sendline(
            "function fish_prompt; echo -n 'READY> '; end; function fish_greeting; end; "
            f"source {SCRIPTS / 'protocol.fish'}"
        )
    # (the echo of what was typed may be cut at the width: wait for output only a run can give)
    child.sendline("echo SYNC-(math 40 + 2)" if shell == "fish" else "echo SYNC-$((40 + 2))")
    child.expect("SYNC-42")
    child.expect("READY> ")
    return child


def _typed_and_run(shell: str, typed: str, env: dict[str, str], log: Path, **kw: bool) -> str:
    """Type `typed`, press TAB, then Enter: the (fake) protocol records the line the shell ran."""
    child = _start(shell, env, **kw)
    child.send(typed + "\t")
    time.sleep(1.0)  # let the shell draw the completion before Enter
    child.send("\r")
    child.expect("READY> ")
    child.sendline("exit")
    child.expect(pexpect.EOF)
    return log.read_text().strip() if log.exists() else ""


SHELLS = [
    pytest.param("bash", False, id="bash"),
    pytest.param(
        "bash",
        True,
        id="bash-with-bash-completion",
        marks=pytest.mark.skipif(not BASH_COMPLETION.is_file(), reason="bash-completion is not installed"),
    ),
    pytest.param("zsh", False, id="zsh", marks=pytest.mark.skipif(not shutil.which("zsh"), reason="no zsh")),
    pytest.param(
        "fish", False, id="fish", marks=pytest.mark.skipif(not shutil.which("fish"), reason="no fish")
    ),
]


@pytest.mark.parametrize(("shell", "with_bash_completion"), SHELLS)
def test_tab_after_question_equals_completes_the_answer_once(
    shell, with_bash_completion, no_programs
) -> None:
    """bash splits words at '='; `recipient=res<TAB>` must give recipient=resident, never
    recipient=recipient=resident."""
    env, log = no_programs
    kw = {"with_bash_completion": with_bash_completion} if shell == "bash" else {}
    ran = _typed_and_run(shell, "protocol ask copy-correspondence --answer recipient=res", env, log, **kw)
    assert ran == "protocol ask copy-correspondence --answer recipient=resident"


@pytest.mark.parametrize(("shell", "with_bash_completion"), SHELLS)
def test_tab_after_a_named_scenario_offers_its_own_questions(
    shell, with_bash_completion, no_programs
) -> None:
    env, log = no_programs
    kw = {"with_bash_completion": with_bash_completion} if shell == "bash" else {}
    # `reci` starts only one question: copy-correspondence's recipient; media has none such
    assert _typed_and_run(shell, "protocol ask -s media --answer reci", env, log, **kw) == (
        "protocol ask -s media --answer reci"
    )
    log.unlink(missing_ok=True)
    assert _typed_and_run(shell, "protocol ask -s copy-correspondence --answer reci", env, log, **kw) == (
        "protocol ask -s copy-correspondence --answer recipient="
    )
