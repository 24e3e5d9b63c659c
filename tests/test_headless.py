"""core/ is headless: every core module imports in a process where PySide6 cannot be imported."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

from conftest import ROOT

BLOCK_QT_AND_IMPORT_CORE = textwrap.dedent(
    """
    import importlib, importlib.abc, pkgutil, sys

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6", "gui"}:
                raise ImportError(f"core imported {name}")
            return None

    sys.meta_path.insert(0, NoQt())
    import core
    names = [m.name for m in pkgutil.walk_packages(core.__path__, "core.")]
    for name in names:
        importlib.import_module(name)
    print(len(names))
    """
)


def test_every_core_module_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT_AND_IMPORT_CORE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10


def test_the_blocker_does_catch_a_qt_import() -> None:
    probe = BLOCK_QT_AND_IMPORT_CORE.replace("import core\n", "import core\nimport PySide6\n", 1)
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "core imported PySide6" in result.stderr


def test_import_linter_contract_holds() -> None:
    lint = shutil.which("lint-imports", path=str(ROOT / ".venv" / "bin")) or shutil.which("lint-imports")
    assert lint is not None, "import-linter is a test dependency"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "core is headless" in result.stdout
