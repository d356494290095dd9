"""A pydantic plugin installed beside maandmonitor never sees the month files' values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

PYTHON = Path(sys.executable)
PROGRAMMA = PYTHON.parent / "maandmonitor"


def test_a_pydantic_plugin_in_the_environment_is_not_loaded(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "spion-1.0.dist-info").mkdir(parents=True)
    (site / "spion-1.0.dist-info" / "METADATA").write_text("Name: spion\nVersion: 1.0\n")
    (site / "spion-1.0.dist-info" / "entry_points.txt").write_text("[pydantic]\nspion = spion\n")
    gezien = tmp_path / "gezien"
    (site / "spion.py").write_text(
        "def new_schema_validator(*args, **kwargs):\n"
        f"    open({str(gezien)!r}, 'a').write('gezien\\n')\n"
        "    return None, None, None\n"
    )
    omgeving = {**os.environ, "PYTHONPATH": str(site)}
    omgeving.pop("PYDANTIC_DISABLE_PLUGINS", None)
    proef = subprocess.run(  # the plugin works: pydantic alone loads it
        [PYTHON, "-c", "import pydantic\nclass M(pydantic.BaseModel): x: int"],
        env=omgeving,
        check=True,
    )
    assert proef.returncode == 0 and gezien.exists()
    gezien.unlink()
    uit = subprocess.run(
        [PROGRAMMA, "validate", "2018-06", "--geen-cache", "--data-dir", str(REPO / "data")],
        env=omgeving,
        capture_output=True,
        text=True,
        check=False,
    )
    assert uit.returncode == 0, uit.stderr
    assert not gezien.exists()
