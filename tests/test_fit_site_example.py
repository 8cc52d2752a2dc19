"""The site's "Your own data" example is rebuilt only when something it depends on changes."""
from __future__ import annotations

import shutil
from pathlib import Path

from nnviz.site import example

ROOT = Path(__file__).resolve().parents[1]


def make_root(tmp_path) -> Path:
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    shutil.copy(ROOT / example.CSV, root / example.CSV)
    for folder in example.SOURCES:
        (root / folder).mkdir(parents=True)
        (root / folder / "a.py").write_text("x = 1\n")
    return root


def test_key_follows_the_csv_the_sources_and_the_player(tmp_path):
    root = make_root(tmp_path)
    first = example.key(root)
    assert example.key(root) == first
    (root / "nnviz/fit/a.py").write_text("x = 2\n")
    second = example.key(root)
    assert second != first
    with open(root / example.CSV, "a") as f:
        f.write("Adelie,Dream,40,18,190,3800,male,2009\n")
    third = example.key(root)
    assert third != second
    (root / "docs/assets/js").mkdir(parents=True)
    (root / example.PLAYER[0]).write_text("// player\n")
    assert example.key(root) != third


def test_up_to_date_example_is_not_rebuilt(tmp_path):
    root = make_root(tmp_path)
    out = root / example.OUT
    out.mkdir(parents=True)
    (out / "report.json").write_text("{}")
    (root / example.KEY_FILE).parent.mkdir(parents=True)
    (root / example.KEY_FILE).write_text(example.key(root) + "\n")
    assert example.ensure(root) is None
