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


def test_sigterm_while_drawing_stops_at_once_in_one_line_and_leaves_no_folder(tmp_path):
    """`kill PID` reaches the parent only: it stops its drawing workers (none keeps the output pipe
    open) and deletes its hidden .report.*.tmp/ folder, as on Ctrl-C."""
    import os
    import signal
    import subprocess
    import time

    root = Path(__file__).resolve().parents[1]
    cmd = [sys.executable, "-m", "nnviz", "fit", str(DATA / "two_classes.csv"), "--target", "kind", "--out",
           "report", *CHEAP, "--frames", "30"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(root)}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not any(tmp_path.glob(".report.*.tmp/*/*")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)  # polls for the state: the first figure is written
        assert proc.poll() is None, "finished before it could be stopped"
        os.kill(proc.pid, signal.SIGTERM)
        start = time.monotonic()
        _, err = proc.communicate(timeout=20)  # returns once every holder of the pipes has gone
        stopped = time.monotonic() - start
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert stopped < 3.0, f"took {stopped:.1f} s to stop"
    assert len(err.strip().splitlines()) == 1 and "SIGTERM" in err and "Traceback" not in err, err
    assert list(tmp_path.iterdir()) == [], "a report or its temporary folder is left"
