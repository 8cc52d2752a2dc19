"""The explorables' build floor (nnviz.explore): data files exact and reproducible, written only when
stale, bad exporters named, scripts put on the pages that hold an explorable, in the order they run."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from nnviz.explore import build, jsdata, page

ROOT = Path(__file__).resolve().parents[1]


def test_floats_come_back_from_the_data_file_bit_for_bit():
    values = np.random.default_rng(0).normal(size=50) * 10.0 ** np.arange(-25, 25)
    text = jsdata.script("a/b", {"v": values}, "0" * 64)
    parsed = json.loads(text.split("] = ", 1)[1].rstrip().rstrip(";"))
    assert parsed["v"] == values.tolist()


def test_a_nan_in_the_data_is_refused_naming_where_it_is():
    with pytest.raises(ValueError, match=r"data\.layers\[1\]\.W\[0\]"):
        jsdata.plain({"layers": [{"W": [1.0]}, {"W": np.array([math.nan])}]})


def test_a_page_without_an_explorable_is_left_alone():
    html = "<html><head></head><body><figure class='nnviz-figure'></figure></body></html>"
    assert page.add_scripts(html) is html


def test_a_page_with_explorables_gets_the_theme_then_the_core_and_nothing_of_each_explorable():
    html = ('<html><head></head><body><figure class="nnviz-explorable" data-explorable="a/x"></figure>'
            '<figure class="nnviz-explorable" data-explorable="b/y"></figure></body></html>')
    out = page.add_scripts(html, "../")
    srcs = [s.split('"')[0] for s in out.split('<script src="')[1:]]
    # each explorable's data and code are added by core.js when its figure nears the viewport
    assert srcs == ["../explorables/theme.js", "../assets/js/explore/core.js"]
    assert out.count("explore.css") == 1 and out.count(" defer></script>") == 2


def test_an_exporter_without_an_id_is_named(tmp_path):
    (tmp_path / "explorables").mkdir()
    (tmp_path / "explorables" / "broken.py").write_text("def export():\n    return {}\n")
    with pytest.raises(build.ExportError, match=r"broken\.py: ID must look like 'chapter/name'"):
        build.ensure(tmp_path)


def test_current_data_files_are_not_written_again():
    build.ensure(ROOT)
    files = sorted((ROOT / build.OUT).rglob("*.js"))
    stamps = [p.stat().st_mtime_ns for p in files]
    assert build.ensure(ROOT) == []
    assert [p.stat().st_mtime_ns for p in files] == stamps
