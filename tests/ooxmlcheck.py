"""Microsoft's Open XML SDK validator (npm @ooxml-tools/validate, run by node) for the tests.

.ci/run installs it into tests/ooxml/node_modules; `validate` checks many files in one node
process (the WebAssembly runtime takes seconds to start).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "ooxml"


def available() -> bool:
    return shutil.which("node") is not None and (FOLDER / "node_modules" / "@ooxml-tools" / "validate").is_dir()


def validate(paths: list[Path]) -> dict[str, list[dict]]:
    """File → its schema errors (part, xpath, id, description); an empty list for a valid file."""
    done = subprocess.run(
        ["node", str(FOLDER / "validate.mjs"), *map(str, paths)], capture_output=True, text=True, timeout=600, cwd=FOLDER
    )
    if done.returncode != 0:
        raise RuntimeError(f"validator failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout)
