"""The document model, storage and the plain CLI commands load without Textual or Rich."""

from __future__ import annotations

import subprocess
import sys

PURE = ["agenttui.model", "agenttui.model.validation", "agenttui.storage.files",
        "agenttui.storage.discovery", "agenttui.catalog", "agenttui.cli"]


def test_model_imports_neither_textual_nor_rich() -> None:
    code = (
        "import importlib, importlib.util, sys\n"
        f"for name in {PURE!r}:\n"
        "    if importlib.util.find_spec(name) is not None:\n"
        "        importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
