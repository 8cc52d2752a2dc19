"""`nnviz fit` under faults (issue 24): an --out folder it did not write is never deleted, an
unwritable one is found before the data is read, a failed write is one line, user text is drawn as
written (never as math), and a large file is sampled with a line saying so while the bars show
the time left."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib.cbook import is_math_text
from matplotlib.text import Text

from nnviz.fit.command import main

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_build_failures import full_disk_env  # noqa: E402

CHEAP = ["--epochs", "2", "--frames", "2", "--grid", "10", "--hidden", "2"]


def csv_file(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "a,b,label\n" + "".join(f"{i},{(i * 7) % 11},{'xy'[i % 2]}\n" for i in range(30))


def one_line_error(capsys, code) -> str:
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("nnviz fit: ") and err.count("\n") == 1, err
    return err


def test_a_folder_with_a_report_json_it_did_not_write_is_left_alone(tmp_path, capsys):
    out = tmp_path / "mydocs"
    out.mkdir()
    (out / "thesis.txt").write_text("three years")
    (out / "report.json").write_text('{"title": "my own report"}')
    code = main([str(csv_file(tmp_path, GOOD)), "--target", "label", "--out", str(out), "--quiet", *CHEAP])
    assert "is not an nnviz fit report" in one_line_error(capsys, code)
    assert (out / "thesis.txt").read_text() == "three years"
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "thesis.txt"]


def fake_report(out):
    """A folder as nnviz fit leaves it: report.json naming its files, and those files."""
    (out / "figures").mkdir(parents=True)
    report = {"nnviz_fit": 1, "figures": [{"name": "data", "files": {"png": "figures/data.png"}}]}
    (out / "report.json").write_text(json.dumps(report))
    for rel in ("index.html", "weights.npz", "figures/data.png"):
        (out / rel).write_text("old")


def test_a_file_added_to_a_report_is_never_deleted(tmp_path, capsys):
    out = tmp_path / "report"
    fake_report(out)
    (out / "figures" / "my-notes.txt").write_text("keep me")
    code = main([str(csv_file(tmp_path, GOOD)), "--target", "label", "--out", str(out), "--quiet", *CHEAP])
    err = one_line_error(capsys, code)
    assert "holds 1 file nnviz fit did not write (figures/my-notes.txt)" in err
    assert (out / "figures" / "my-notes.txt").read_text() == "keep me" and (out / "index.html").read_text() == "old"


def test_a_report_holding_only_its_own_files_is_replaced(tmp_path):
    out = tmp_path / "report"
    fake_report(out)
    assert main([str(csv_file(tmp_path, GOOD)), "--target", "label", "--out", str(out), "--quiet", *CHEAP]) == 0
    assert json.loads((out / "report.json").read_text())["data"]["rows_used"] == 30
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_unwritable_output_folder_is_found_before_the_data_is_read(tmp_path, capsys):
    # /proc refuses new folders even to root (a chmod'ed folder does not stop root)
    code = main([str(tmp_path / "not-read.csv"), "--target", "label", "--out", "/proc/nnviz-fit-report", "--quiet"])
    err = one_line_error(capsys, code)
    assert "--out /proc/nnviz-fit-report: cannot write in the folder /proc" in err and "not-read.csv" not in err


def test_a_write_that_fails_after_training_is_one_line_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    from nnviz.fit import output

    def full(run):
        raise OSError(28, "No space left on device", str(tmp_path / "x"))

    monkeypatch.setattr(output, "_weights_npz", full)
    out = tmp_path / "out"
    code = main([str(csv_file(tmp_path, GOOD)), "--target", "label", "--out", str(out), "--quiet", *CHEAP])
    assert "writing the report failed: No space left on device" in one_line_error(capsys, code)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


DOLLARS = ("$\\frac{a$,$x^2$,cost $ in $US,$y$\n"
           + "".join(f"{i},{(i * 7) % 11},{i % 5},{['$A$', 'B$'][i % 2]}\n" for i in range(40)))


@pytest.mark.parametrize("task", ["classify", "regress"])
def test_names_with_dollar_signs_are_drawn_as_written_never_as_math(tmp_path, task):
    """A name matplotlib cannot parse as math crashed the run; one it can was typeset."""
    from nnviz.build.context import FigureContext
    from nnviz.fit import load_report
    from nnviz.fit.figures import FIGURES
    from nnviz.render.theme import LIGHT, use

    text = DOLLARS if task == "classify" else DOLLARS.replace("$A$", "1.5").replace("B$", "2.5")
    out = tmp_path / "out"
    assert main([str(csv_file(tmp_path, text)), "--target", "$y$", "--task", task, "--out", str(out), "--quiet",
                 *CHEAP]) == 0
    run = load_report(out)
    shown = set()
    with use(LIGHT):
        for job in FIGURES:
            drawn = job.draw(FigureContext(theme=LIGHT, seed=0), run)
            fig = getattr(drawn, "fig", drawn)
            fig.canvas.draw()
            for t in fig.findobj(Text):
                assert not is_math_text(t.get_text()), (job.name, t.get_text())
                shown.add(t.get_text().replace("\\$", "$"))
    names = {"$\\frac{a$", "$x^2$"} | ({"$A$", "B$"} if task == "classify" else {"$y$"})
    assert names <= {s for text in shown for s in names if s in text}


def big_file(tmp_path, n=60):
    rows = "".join(f"{i},{(i * 7) % 11},{'rare' if i % 20 == 0 else 'xy'[i % 2]}\n" for i in range(n))
    return csv_file(tmp_path, "a,b,label\n" + rows)


def test_rows_beyond_max_rows_are_sampled_and_the_bars_show_the_time_left(tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(big_file(tmp_path)), "--target", "label", "--out", str(out), "--max-rows", "20", *CHEAP]) == 0
    err = capsys.readouterr().err
    assert "60 usable rows, more than --max-rows 20: training on a seeded random sample of 20" in err
    assert re.search(r"training +100%.*2/2 epoch \[\d\d:\d\d so far, \d\d:\d\d left", err), err
    assert re.search(r"drawing +\d+%.* fig \[\d\d:\d\d so far, \d\d:\d\d left", err), err
    d = json.loads((out / "report.json").read_text())["data"]
    assert (d["rows_read"], d["rows_usable"], d["rows_used"]) == (60, 60, 20)
    assert any("sample of 20" in n for n in d["notes"]) and "sample of 20" in (out / "index.html").read_text()


def test_the_sample_is_seeded_and_keeps_every_class():
    from nnviz.fit.prepare import prepare
    from nnviz.fit.table import Table

    rows = [[str(i), str((i * 7) % 11), "rare" if i % 50 == 0 else "xy"[i % 2]] for i in range(1000)]
    table = Table(path=Path("big.csv"), columns=["a", "b", "label"], rows=rows, lines=list(range(2, 1002)), separator=",",
                  encoding="UTF-8")
    a, b = (prepare(table, "label", max_rows=100, seed=1) for _ in range(2))
    assert a.rows_used == 100 and a.rows_usable == 1000 and np.array_equal(a.X_train, b.X_train)
    counts = np.bincount(np.r_[a.y_train, a.y_test])
    assert a.classes == ["rare", "x", "y"] and counts[0] >= 2 and abs(counts[1] - counts[2]) <= 2
    assert prepare(table, "label", max_rows=0).rows_used == 1000


# --- a video cut short, SIGTERM (build pipeline faults) ---

DATA = Path(__file__).resolve().parent / "data" / "fit"
CHEAP_QUIET = ["--epochs", "3", "--frames", "2", "--grid", "10", "--hidden", "2", "--quiet"]


@pytest.mark.parametrize("status", [0])  # the exit status says all is well: only the file shows it
def test_a_video_cut_short_fails_the_run_in_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys, status):
    for name, value in full_disk_env(tmp_path, ".dark.", status).items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "report"
    code = main([str(DATA / "two_classes.csv"), "--target", "kind", "--out", str(out), *CHEAP_QUIET])
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
           "report", *CHEAP_QUIET, "--frames", "30"]
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
