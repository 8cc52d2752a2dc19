"""`nnviz fit` under faults (issue 24): a video cut short by a full disk, SIGTERM."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from nnviz.fit.command import main

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_build_failures import full_disk_env  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "fit"
CHEAP = ["--epochs", "3", "--frames", "2", "--grid", "10", "--hidden", "2", "--quiet"]


@pytest.mark.parametrize("status", [0])  # the exit status says all is well: only the file shows it
def test_a_video_cut_short_fails_the_run_in_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys, status):
    for name, value in full_disk_env(tmp_path, ".dark.", status).items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "report"
    code = main([str(DATA / "two_classes.csv"), "--target", "kind", "--out", str(out), *CHEAP])
    err = capsys.readouterr().err
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and ".mp4" in err and "Traceback" not in err, err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-ffmpeg"], "a temporary folder is left"
