"""The data loads in all three ways people run protocol: checkout, editable install, wheel.

hatchling's force-include puts data/ inside the wheel but does not reach editable installs,
which read data/ from the top of the checkout instead (library.bundled_data_root).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROTOCOL_IDS, ROOT

BIN = Path(sys.executable).parent
CLEAN_ENV = {
    "PATH": "/usr/bin:/bin",
    "COLUMNS": "80",
    "NO_COLOR": "1",
    "HOME": os.environ.get("HOME", "/tmp"),
}


def councils_json(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> list[dict]:
    proc = subprocess.run(
        [*cmd, "councils", "--json"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**CLEAN_ENV, **(env or {})},
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_from_a_checkout_without_installing(tmp_path: Path) -> None:
    """A copy of the source tree, run with python -m, finds its own data/."""
    tree = tmp_path / "checkout"
    shutil.copytree(
        ROOT / "protocol_cli", tree / "protocol_cli", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "data", tree / "data")
    rows = councils_json([sys.executable, "-m", "protocol_cli"], cwd=tmp_path, env={"PYTHONPATH": str(tree)})
    assert [r["id"] for r in rows] == PROTOCOL_IDS


def test_from_the_editable_install_outside_the_checkout(tmp_path: Path) -> None:
    script = BIN / "protocol"
    if not script.exists():
        pytest.skip("the project is not installed in this environment (make test installs it)")
    rows = councils_json([str(script)], cwd=tmp_path)
    assert [r["id"] for r in rows] == PROTOCOL_IDS


@pytest.mark.slow
def test_from_a_wheel_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("protocol_cli-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "protocol_cli/data/clauses/thanet.toml" in names
    assert not any(n.startswith("data/") for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert pip.returncode == 0, pip.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    rows = councils_json([str(venv / "bin" / "protocol")], cwd=elsewhere)
    assert [r["id"] for r in rows] == PROTOCOL_IDS
    completion = subprocess.run(
        [str(venv / "bin" / "protocol"), "completion", "fish"],
        cwd=elsewhere,
        capture_output=True,
        env=CLEAN_ENV,
    )
    assert completion.stdout == (ROOT / "completions" / "protocol.fish").read_bytes()
    show = subprocess.run(
        [str(venv / "bin" / "protocol"), "clauses", "show", "thanet:9.1.12"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=CLEAN_ENV,
    )
    assert "An Officer should not copy correspondence" in show.stdout
    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import protocol_cli.sources.library as l; print(l.bundled_data_root())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(venv)), where
