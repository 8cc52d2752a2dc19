"""The code on "Make your own figures" runs as printed: engine examples execute, and figure
scripts build through the real command line."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "make-your-own.md"
BLOCKS = re.findall(r"```python\n(.*?)```", PAGE.read_text(), re.S)
FIGURE_SCRIPTS = [b for b in BLOCKS if "@figure(" in b]
ENGINE_EXAMPLES = [b for b in BLOCKS if "@figure(" not in b]


def test_the_page_has_both_kinds_of_example():
    assert len(FIGURE_SCRIPTS) >= 2 and len(ENGINE_EXAMPLES) >= 2


@pytest.mark.parametrize("code", ENGINE_EXAMPLES, ids=lambda c: c.splitlines()[-1][:40])
def test_engine_example_runs(code):
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip(), "the example prints what it shows"


def test_figure_script_examples_build(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i, code in enumerate(FIGURE_SCRIPTS):
        (src / f"example_{i}.py").write_text(code)
    env = {**os.environ, "NNVIZ_CACHE": str(tmp_path / "cache")}
    run = subprocess.run([sys.executable, "-m", "nnviz", "figures", "--src", str(src), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    ids = {e["id"] for e in json.loads((tmp_path / "out" / "manifest.json").read_text())["figures"]}
    assert ids == {"my-chapter/sharpening", "my-chapter/shift"}
