"""The layer contracts in pyproject.toml hold, and they catch a planted violation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("motcua", "kiosk", "counter", "display", "printer", "booking")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    run = "import sys; from importlinter.cli import lint_imports_command as c; c()"
    command = [sys.executable, "-c", run, "--no-cache"]
    return subprocess.run(
        command, cwd=tree, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    """The packages' Python files and the contracts, outside the checkout."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("static", "templates", "fonts", "voice"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_every_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("motcua/core/planted.py", "import flask\n", "The core imports no web"),
        ("motcua/core/planted.py", "import kiosk.views\n", "The core imports no web"),
        ("kiosk/planted.py", "import counter.actions\n", "The kiosk face imports"),
        ("display/planted.py", "from sqlalchemy import select\n", "Faces run no"),
        ("motcua/admin/planted.py", "from sqlalchemy import select\n", "Admin pages"),
        ("motcua/pages.py", "from sqlalchemy import text\n", "Admin pages"),
        ("motcua/realtime.py", "import sqlalchemy.orm\n", "Admin pages"),
        ("motcua/api/planted.py", "from sqlalchemy import func\n", "Admin pages"),
    ],
)
def test_a_planted_violation_breaks_its_contract(
    tree_copy: Path, module: str, line: str, contract: str
) -> None:
    planted = tree_copy / module  # a new module, or a line added to one
    before = planted.read_text(encoding="utf-8") if planted.exists() else ""
    planted.write_text(before + line, encoding="utf-8")
    result = lint_imports(tree_copy)
    assert result.returncode != 0
    broken = [row for row in result.stdout.splitlines() if " BROKEN" in row]
    assert any(row.startswith(contract) for row in broken), result.stdout
