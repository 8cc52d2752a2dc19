"""The figure build under failure, interruption and odd command lines (issue 16), on tiny scripts."""
from __future__ import annotations

import json
import re
import shutil
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def nnviz_call(project: Path, *args: str, command: str = "figures") -> tuple[list[str], dict]:
    """The command line and environment of `python -m nnviz <command>` from project/src into project/out,
    with a cache of the project's own."""
    env = {**os.environ, "NNVIZ_CACHE": str(project / ".cache"), "PYTHONPATH": str(ROOT)}
    return [sys.executable, "-m", "nnviz", command, "--src", "src", "--out", "out", *args], env


def run_nnviz(project: Path, *args: str, command: str = "figures", **kwargs):
    cmd, env = nnviz_call(project, *args, command=command)
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, **kwargs)


def write(project: Path, name: str, text: str) -> Path:
    path = project / "src" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


def line_of(text: str, snippet: str) -> int:
    """1-based line of `snippet` in a script written by `write`."""
    return textwrap.dedent(text).lstrip("\n").splitlines().index(snippet) + 1


TINY = '''
from nnviz.build import figure
from nnviz.render import Animation

@figure("demo/curve", kind="png", caption="x", alt="A line.")
def curve(ctx):
    fig, ax = ctx.subplots()
    ax.plot([0, 1], [0, 1])
    return fig

@figure("demo/dots", kind="png", caption="x", alt="Dots.")
def dots(ctx):
    fig, ax = ctx.subplots()
    ax.scatter([0, 1], [1, 0])
    return fig

@figure("other/line", kind="png", caption="x", alt="A line.")
def line(ctx):
    fig, ax = ctx.subplots()
    ax.plot([0, 1], [1, 1])
    return fig
'''


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, "tiny.py", TINY)
    return tmp_path


def built_ids(project: Path) -> set[str]:
    path = project / "out" / "manifest.json"
    return {e["id"] for e in json.loads(path.read_text())["figures"]} if path.is_file() else set()


# ---------------------------------------------------------------- where is the fault?

SHARED = '''
"""A shared private module, like figures_src/_logistic_to_nn_data.py."""
import numpy as np


def load_points():
    table = np.zeros((3, 2))
    return table[:, 5]  # IndexError inside numpy's indexing
'''

USES_SHARED = '''
from nnviz.build import figure
from _shared import load_points


def helper(n):
    return 1 / n


@figure("faults/shared", kind="png", caption="x", alt="x")
def shared(ctx):
    load_points()


@figure("faults/helper", kind="png", caption="x", alt="x")
def in_helper(ctx):
    return helper(0)


@figure("faults/engine", kind="png", caption="x", alt="x")
def in_engine(ctx):
    from nnviz.engine import MLP
    MLP([2, 0])
'''


def test_a_failure_names_the_innermost_frame_of_the_projects_own_code(project):
    write(project, "_shared.py", SHARED)
    write(project, "faults.py", USES_SHARED)
    run = run_nnviz(project)
    assert run.returncode == 1
    err = run.stderr
    shared_line = line_of(SHARED, "    return table[:, 5]  # IndexError inside numpy's indexing")
    assert f"src/_shared.py:{shared_line}, in load_points" in err, err
    assert f"src/faults.py:{line_of(USES_SHARED, '    return 1 / n')}, in helper" in err, err
    # raised inside nnviz itself: its frame, and the script line that called it
    caller = line_of(USES_SHARED, "    MLP([2, 0])")
    assert re.search(rf"nnviz/engine/\w+\.py:\d+, in \w+ \(called from src/faults\.py:{caller}\)", err), err
    assert "Traceback (most recent call last)" not in err
    assert {"demo/curve", "demo/dots", "other/line"} <= built_ids(project)  # the others were built


def test_verbose_prints_the_full_traceback(project):
    write(project, "_shared.py", SHARED)
    write(project, "faults.py", USES_SHARED)
    run = run_nnviz(project, "--only", "faults/shared", "--verbose")
    assert run.returncode == 1
    assert "Traceback (most recent call last)" in run.stderr
    assert 'return table[:, 5]' in run.stderr


def test_a_script_whose_private_module_fails_to_import_names_that_module(project):
    write(project, "_broken.py", "import numpy as np\n\nVALUE = np.pi + undefined_name\n")
    write(project, "importer.py", "from nnviz.build import figure\nimport _broken\n")
    run = run_nnviz(project)
    assert run.returncode == 1
    assert "NameError" in run.stderr and "src/_broken.py:3" in run.stderr, run.stderr
    assert built_ids(project) == {"demo/curve", "demo/dots", "other/line"}


def test_a_syntax_error_names_its_line(project):
    write(project, "syntax.py", "from nnviz.build import figure\n\nx = (1,\n")
    run = run_nnviz(project, "--list")
    assert run.returncode == 1
    assert "SyntaxError" in run.stderr and "src/syntax.py:3" in run.stderr, run.stderr


# ---------------------------------------------------------------- Ctrl-C

SLOW = '''
import time
from pathlib import Path
from nnviz.build import figure

MARK = Path(__file__).resolve().parents[1] / "mark.txt"

for i in range(4):
    @figure(f"quick/q{i}", kind="png", caption="x", alt="x")
    def quick(ctx):
        fig, ax = ctx.subplots()
        ax.plot([0, 1], [0, 1])
        return fig


@figure("slow/s", kind="png", caption="x", alt="x")
def slow(ctx):
    for i in range(1200):  # a worker that goes on writing until it is stopped
        MARK.write_text(str(i))
        time.sleep(0.05)
'''


def _wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def ctrl_c(project: Path, *args: str, command: str, started, start_within: float, stop_within: float,
           sig: int = signal.SIGINT):
    """Run `nnviz <command> --quiet *args` in a process group of its own, wait until `started()`, then
    send the group a SIGINT, as a terminal's Ctrl-C does (or, given `sig`, send that signal to the
    command's own process only, as `kill PID` does). Returns (exit status, stderr, seconds to stop);
    stopped means both of its output pipes were closed by every process holding them."""
    cmd, env = nnviz_call(project, "--quiet", *args, command=command)
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        assert _wait_for(started, start_within), "never got going"
        if sig == signal.SIGINT:
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, sig)
        start = time.monotonic()
        _, err = proc.communicate(timeout=stop_within)
        stopped = time.monotonic() - start
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    return proc.returncode, err, stopped


def assert_stopped_cleanly(project: Path, stopped: float, err: str):
    """Stopped within 2 s, one line and no traceback, no worker still writing project/mark.txt, no
    temporary file left in project/out."""
    assert stopped < 2.0, f"took {stopped:.1f} s to stop"
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    before = (project / "mark.txt").read_text()
    time.sleep(0.5)
    assert (project / "mark.txt").read_text() == before, "a worker is still writing after the build stopped"
    assert not [p for p in (project / "out").rglob(".*") if p.is_file()], "temporary files left behind"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_within_2_s_keeps_finished_figures_and_prints_one_line(tmp_path, jobs):
    write(tmp_path, "slow.py", SLOW)
    mark = tmp_path / "mark.txt"
    code, err, stopped = ctrl_c(tmp_path, "--jobs", jobs, command="figures", start_within=60, stop_within=20,
                                started=lambda: len(built_ids(tmp_path)) == 4 and mark.exists())
    assert code == 130
    assert "interrupted" in err and "4 built" in err
    assert_stopped_cleanly(tmp_path, stopped, err)
    again = run_nnviz(tmp_path, "--only", "quick")
    assert again.returncode == 0 and "0 built, 4 up to date" in again.stderr, again.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_stops_like_ctrl_c_and_leaves_no_worker_holding_the_output_pipe(tmp_path, jobs):
    """`kill PID` reaches the parent only: it must stop its workers itself, or they write on and keep
    the pipe of `nnviz figures | tee log` open for ever."""
    write(tmp_path, "slow.py", SLOW)
    mark = tmp_path / "mark.txt"
    code, err, stopped = ctrl_c(tmp_path, "--jobs", jobs, command="figures", start_within=60, stop_within=20,
                                started=lambda: len(built_ids(tmp_path)) == 4 and mark.exists(), sig=signal.SIGTERM)
    assert code == 128 + signal.SIGTERM
    assert "SIGTERM" in err and "4 built" in err
    assert_stopped_cleanly(tmp_path, stopped, err)


SLOW_ANIM = '''
import time
from pathlib import Path
from nnviz.build import figure
from nnviz.render import Animation

MARK = Path(__file__).resolve().parents[1] / "mark.txt"


@figure("anim/quick", kind="anim", caption="x", alt="x")
def quick(ctx):
    fig, ax = ctx.subplots()
    (line,) = ax.plot([0, 1], [0, 1])
    return Animation(fig, lambda i: line.set_ydata([0, i]), frames=2, fps=2)


@figure("anim/slow", kind="anim", caption="x", alt="x")
def slow(ctx):
    fig, ax = ctx.subplots()
    (line,) = ax.plot([0, 1], [0, 1])

    def update(i):
        MARK.write_text(str(i))
        time.sleep(0.05)
        line.set_ydata([0, i])
    return Animation(fig, update, frames=2400, fps=24)
'''


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_stops_slides_within_2_s(tmp_path, sig):
    write(tmp_path, "anim.py", SLOW_ANIM)
    (tmp_path / ".cache").mkdir()  # the slow one first, so it is running when the quick one finishes
    (tmp_path / ".cache" / "timings-out.json").write_text(json.dumps({"anim/slow": 99, "anim/quick": 1}))
    mark = tmp_path / "mark.txt"
    code, err, stopped = ctrl_c(tmp_path, "--jobs", "2", command="slides", start_within=90, stop_within=30,
                                started=lambda: built_ids(tmp_path) == {"anim/quick"} and mark.exists(), sig=sig)
    assert code == 128 + sig
    assert_stopped_cleanly(tmp_path, stopped, err)


# ---------------------------------------------------------------- small ones


def test_list_into_a_pipe_that_closes_early_is_quiet(project):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "nnviz", "figures", "--src", "src", "--list"], cwd=project,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # like `| head -0`: the reader is gone before the first line
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


def test_list_help_describes_what_list_prints(project):
    help_text = subprocess.run([sys.executable, "-m", "nnviz", "figures", "--help"], cwd=ROOT,
                               capture_output=True, text=True).stdout
    assert "id, kind and script, tab-separated" in " ".join(help_text.split())
    run = run_nnviz(project, "--list")
    rows = [line.split("\t") for line in run.stdout.splitlines()]
    assert rows and all(len(r) == 3 and r[1] == "png" and r[2] == "tiny.py" for r in rows)


def test_only_accepts_a_bare_chapter_name(project):
    run = run_nnviz(project, "--only", "demo")
    assert run.returncode == 0, run.stderr
    assert built_ids(project) == {"demo/curve", "demo/dots"}
    listed = run_nnviz(project, "--list", "--only", "other")
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["other/line"]


@pytest.mark.parametrize("typo, suggestion", [("demo/curv", "'demo/curve'"), ("dmeo", "'demo'"),
                                              ("othr/*", "'other'")])
def test_only_with_a_typo_suggests_close_matches(project, typo, suggestion):
    run = run_nnviz(project, "--only", typo)
    assert run.returncode == 2
    assert typo in run.stderr and "did you mean" in run.stderr and suggestion in run.stderr, run.stderr


@pytest.mark.parametrize("contents", [{}, {"_helpers.py": "X = 1\n"}, {"empty.py": "X = 1\n"}])
def test_a_src_folder_without_figures_is_an_error(tmp_path, contents):
    (tmp_path / "src").mkdir()
    for name, text in contents.items():
        write(tmp_path, name, text)
    run = run_nnviz(tmp_path)
    assert run.returncode == 2
    assert "src" in run.stderr and "no figure" in run.stderr, run.stderr
    assert not (tmp_path / "out" / "manifest.json").exists()


# ---------------------------------------------------------------- a broken video (issue 24)

ANIM = '''
from nnviz.build import figure
from nnviz.render import Animation

@figure("anim/a", kind="anim", caption="x", alt="x")
def a(ctx):
    fig, ax = ctx.subplots(height=120)
    (line,) = ax.plot([0, 1], [0, 1])
    return Animation(fig, lambda i: line.set_ydata([0, i]), frames=2, fps=2, hold_last=0)

@figure("still/s", kind="png", caption="x", alt="x")
def s(ctx):
    fig, ax = ctx.subplots(height=120)
    ax.plot([0, 1], [0, 1])
    return fig
'''

# Runs the real ffmpeg, then, for an output path containing $FAIL_ON, cuts the file to 100 bytes as
# a full disk does and exits with $FAIL_EXIT (0: the exit status lies, only a look at the file tells).
FAKE_FFMPEG = '''#!/bin/sh
for last; do :; done
"{real}" "$@" || exit $?
case "$last" in
  *"$FAIL_ON"*) head -c 100 "$last" > "$last.cut" && mv "$last.cut" "$last"
                echo "$last: No space left on device" >&2; exit "$FAIL_EXIT";;
esac
'''


def full_disk_env(tmp_path: Path, fail_on: str, status: int) -> dict:
    """Environment for a run whose ffmpeg leaves a truncated file for outputs named *fail_on*."""
    import imageio_ffmpeg

    fake = tmp_path / "fake-ffmpeg"
    fake.write_text(FAKE_FFMPEG.format(real=imageio_ffmpeg.get_ffmpeg_exe()))
    fake.chmod(0o755)
    return {"IMAGEIO_FFMPEG_EXE": str(fake), "FAIL_ON": fail_on, "FAIL_EXIT": str(status)}


def files_of(out: Path, name: str) -> list[str]:
    return sorted(p.name for p in out.rglob(f"{name}.*"))


@pytest.mark.parametrize("command", ["figures", "slides"])
@pytest.mark.parametrize("fail_on, status", [(".mp4", 1), (".dark.", 0)])
def test_a_video_cut_short_by_a_full_disk_fails_its_figure_and_leaves_no_file_of_it(tmp_path, command, fail_on,
                                                                                     status):
    """Exit status 1 (ffmpeg said so) or 0 (only the file shows it); in the first pass or the dark one."""
    write(tmp_path, "anim.py", ANIM)
    cmd, env = nnviz_call(tmp_path, "--jobs", "1", "--quiet", command=command)
    run = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True,
                         env={**env, **full_disk_env(tmp_path, fail_on, status)})
    assert run.returncode == 1, run.stderr
    failed = [line for line in run.stderr.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and "anim/a" in failed[0] and ".mp4" in failed[0], run.stderr
    assert "Traceback" not in run.stderr
    assert files_of(tmp_path / "out", "a") == [], "files of the failed figure are left (and published)"
    assert "anim/a" not in built_ids(tmp_path)
    if command == "figures":
        assert "still/s" in built_ids(tmp_path)  # the others are built
    again = run_nnviz(tmp_path, "--quiet", command=command)  # with a good ffmpeg: built this time
    assert again.returncode == 0 and "1 built" in again.stderr, again.stderr


# ---------------------------------------------------------------- the output folder (issue 24)

def test_a_corrupted_manifest_is_said_in_one_line_and_everything_is_rebuilt(project):
    assert run_nnviz(project, "--quiet").returncode == 0
    (project / "out" / "manifest.json").write_text('{"figures": [{"id": "demo/cu')  # cut short
    run = run_nnviz(project, "--quiet")
    assert run.returncode == 0, run.stderr
    said = [line for line in run.stderr.splitlines() if "manifest.json" in line]
    assert len(said) == 1 and "not valid JSON" in said[0] and "line 1 column" in said[0], run.stderr
    assert "rebuilt" in said[0] and "3 built" in run.stderr
    assert built_ids(project) == {"demo/curve", "demo/dots", "other/line"}


def read_only(folder: Path, cmd: list[str]) -> list[str]:
    """`cmd` run with `folder` read-only: a read-only bind mount in a user namespace of its own
    (root ignores file modes), or the folder's mode for anyone else."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return cmd
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rm", "true"]).returncode != 0:
        pytest.skip("running as root without unshare: cannot make a folder read-only")
    mount = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
    return ["unshare", "-rm", "sh", "-c", mount, "sh", *cmd]


def test_a_read_only_output_folder_is_one_line_and_a_non_zero_exit(project):
    assert run_nnviz(project, "--quiet").returncode == 0
    write(project, "tiny.py", TINY.replace("[0, 1], [1, 1]", "[0, 1], [1, 0]"))  # other/line is stale
    cmd, env = nnviz_call(project, "--quiet")
    try:
        run = subprocess.run(read_only(project / "out", cmd), cwd=project, capture_output=True, text=True, env=env)
    finally:
        (project / "out").chmod(0o755)
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2 and len(lines) == 1, run.stderr
    assert "out" in lines[0] and re.search("Read-only|Permission denied", lines[0]), run.stderr


def test_the_files_of_a_figure_no_longer_declared_are_removed_and_said(project):
    assert run_nnviz(project, "--quiet").returncode == 0
    published = list((project / "out").rglob("line.*"))  # its files and its phone variant's
    assert published
    write(project, "tiny.py", TINY.split('@figure("other/line"')[0])
    run = run_nnviz(project, "--quiet")
    assert run.returncode == 0, run.stderr
    said = [line for line in run.stderr.splitlines() if "other/line" in line]
    assert len(said) == 1 and f"removed {len(published)} files" in said[0], run.stderr
    assert not list((project / "out").rglob("line.*")), "published although no script declares it"
    assert built_ids(project) == {"demo/curve", "demo/dots"}


def test_a_cache_folder_that_cannot_be_written_is_one_line_and_the_build_goes_on(project):
    cmd, env = nnviz_call(project, "--quiet")
    (project / "not-a-folder").write_text("x")
    run = subprocess.run(cmd, cwd=project, capture_output=True, text=True,
                         env={**env, "NNVIZ_CACHE": str(project / "not-a-folder")})
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    said = [line for line in run.stderr.splitlines() if "timings" in line]
    assert len(said) == 1 and "not-a-folder" in said[0], run.stderr
    assert built_ids(project) == {"demo/curve", "demo/dots", "other/line"}


DARK_STALLS = '''
import os
import time
from pathlib import Path
from nnviz.build import figure
from nnviz.render import Animation

MARK = Path(__file__).resolve().parents[1] / "mark.txt"
STALL = {stall}  # the second version stalls in its dark pass, after its light files were written


@figure("anim/a", kind="anim", caption="x", alt="x")
def a(ctx):
    fig, ax = ctx.subplots()
    (line,) = ax.plot([0, 1], [0, 1])

    def update(i):
        if STALL and ctx.theme.name == "dark":
            MARK.write_text(str(i))
            time.sleep(0.05)
        line.set_ydata([0, i])
    return Animation(fig, update, frames=1200 if STALL else 2, fps=24)
'''


def test_a_figure_stopped_in_its_dark_pass_is_not_left_listing_files_that_are_gone(tmp_path):
    """Its new light files are taken back when the dark pass is stopped, and they had replaced the
    old ones: the manifest must not go on listing them (the site would link to missing files)."""
    write(tmp_path, "a.py", DARK_STALLS.format(stall=False))
    assert run_nnviz(tmp_path).returncode == 0 and built_ids(tmp_path) == {"anim/a"}
    write(tmp_path, "a.py", DARK_STALLS.format(stall=True))
    mark = tmp_path / "mark.txt"
    code, err, _ = ctrl_c(tmp_path, "--jobs", "1", command="figures", start_within=90, stop_within=30,
                          started=mark.exists, sig=signal.SIGTERM)
    assert code == 128 + signal.SIGTERM, err
    entries = json.loads((tmp_path / "out" / "manifest.json").read_text())["figures"]
    listed = [rel for e in entries for rel in e.get("files", {}).values()]
    assert [rel for rel in listed if not (tmp_path / "out" / rel).is_file()] == []
