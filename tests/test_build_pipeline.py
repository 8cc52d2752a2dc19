"""The figure build, driven through its command line on small throwaway figure scripts."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import imageio_ffmpeg
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]

CURVES = '''
"""Two still figures and an animation."""
import numpy as np
from nnviz.build import figure
from nnviz.render import Animation

@figure("demo/curve", kind="png", caption="Peak at {peak}.", alt="A bell curve.")
def curve(ctx):
    fig, ax = ctx.subplots()
    x = np.linspace(-3, 3, 101)
    ax.plot(x, np.exp(-x ** 2), color=ctx.theme.accent)
    ctx.fact("peak", 1.0, "{:.2f}")
    return fig

@figure("demo/vector", kind="svg", caption="Some text.", alt="The word hello.")
def vector(ctx):
    fig, ax = ctx.subplots()
    ax.text(0.5, 0.5, "hello")
    return fig

@figure("demo/wave", kind="anim", caption="A wave.", alt="A moving sine wave.", seed=3)
def wave(ctx):
    fig, ax = ctx.subplots()
    x = np.linspace(0, 6, 200)
    phase = ctx.rng.uniform(0, 1, 12)
    (line,) = ax.plot(x, np.sin(x))
    return Animation(fig, lambda i: line.set_ydata(np.sin(x + 3 * phase[i] + i)), frames=12, fps=6, hold_last=1.0)
'''

OTHER = '''
"""A second script, so that editing one can be told apart from editing the other."""
from nnviz.build import figure

@figure("other/dots", kind="png", caption="Dots.", alt="Three dots.")
def dots(ctx):
    fig, ax = ctx.subplots()
    ax.scatter([0, 1, 2], [0, 1, 0])
    return fig
'''


def nnviz(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NNVIZ_CACHE": str(project / ".cache"), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "nnviz", "figures", "--src", "src", "--out", "out", *args],
                          cwd=project, capture_output=True, text=True, env=env)


def write_script(project: Path, name: str, text: str) -> Path:
    path = project / "src" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_script(tmp_path, "curves.py", CURVES)
    write_script(tmp_path, "other.py", OTHER)
    return tmp_path


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def manifest(project: Path) -> dict[str, dict]:
    data = json.loads((project / "out" / "manifest.json").read_text())
    return {entry["id"]: entry for entry in data["figures"]}


def test_list_prints_every_id_first_on_its_own_line(project):
    run = nnviz(project, "--list")
    assert run.returncode == 0, run.stderr
    ids = [line.split("\t")[0] for line in run.stdout.splitlines()]
    assert ids == ["demo/curve", "demo/vector", "demo/wave", "other/dots"]


def test_only_builds_the_matching_figures(project):
    run = nnviz(project, "--only", "demo/c*", "other/*")
    assert run.returncode == 0, run.stderr
    assert set(manifest(project)) == {"demo/curve", "other/dots"}
    assert not (project / "out" / "demo" / "wave.gif").exists()


def test_only_with_no_match_is_an_error_naming_the_pattern(project):
    run = nnviz(project, "--only", "nothing/*")
    assert run.returncode != 0
    assert "nothing/*" in run.stderr


def test_build_writes_every_declared_file_and_the_manifest(project):
    run = nnviz(project)
    assert run.returncode == 0, run.stderr
    out = project / "out"
    expected = ["demo/curve.png", "demo/curve.dark.png", "demo/vector.svg", "demo/vector.dark.svg",
                "demo/vector.png", "demo/vector.dark.png", "demo/wave.gif", "demo/wave.mp4", "demo/wave.png",
                "demo/wave.dark.gif", "demo/wave.dark.mp4", "demo/wave.dark.png",
                "other/dots.png", "other/dots.dark.png"]
    assert all((out / name).is_file() for name in expected)
    entry = manifest(project)["demo/curve"]
    assert entry["caption"] == "Peak at 1.00."
    assert entry["facts"] == {"peak": "1.00"}
    assert entry["source_hash"]


def test_no_op_build_touches_no_file(project):
    assert nnviz(project).returncode == 0
    before = mtimes(project / "out")
    run = nnviz(project)
    assert run.returncode == 0
    assert "0 built, 4 up to date" in run.stderr
    assert mtimes(project / "out") == before


def test_editing_a_script_rebuilds_only_its_figures(project):
    assert nnviz(project).returncode == 0
    write_script(project, "other.py", OTHER.replace("[0, 1, 0]", "[1, 0, 1]"))
    run = nnviz(project)
    assert run.returncode == 0, run.stderr
    assert "1 built, 3 up to date" in run.stderr


def test_a_deleted_output_is_rebuilt(project):
    assert nnviz(project).returncode == 0
    (project / "out" / "demo" / "wave.mp4").unlink()
    run = nnviz(project)
    assert "1 built" in run.stderr and (project / "out" / "demo" / "wave.mp4").is_file()


def test_rebuild_from_the_same_sources_is_byte_identical(project):
    assert nnviz(project).returncode == 0
    first = digests(project / "out")
    assert nnviz(project, "--force", "--jobs", "2").returncode == 0
    assert digests(project / "out") == first


def test_gif_and_mp4_hold_the_declared_frames(project):
    assert nnviz(project).returncode == 0
    entry = manifest(project)["demo/wave"]
    assert entry["frames"] == 12
    for key in ("gif", "gif_dark"):  # the dark GIF, for slides with a dark background, from the dark frames
        with Image.open(project / "out" / entry["files"][key]) as gif:
            assert gif.n_frames == 12
            assert gif.info.get("loop") == 0
            assert gif.size[0] >= 640 and list(gif.size) == entry[key]["size"]
            gif.seek(0)
            background = gif.convert("RGB").getpixel((1, 1))
        assert (sum(background) < 3 * 128) == (key == "gif_dark"), (key, background)
    frames, _ = imageio_ffmpeg.count_frames_and_secs(str(project / "out" / entry["files"]["mp4"]))
    assert frames == 12 + 6  # the declared frames, then the last one held for hold_last=1 s at 6 fps


FAILING = '''
from nnviz.build import figure
from nnviz.render import Animation

@figure("broken/raises", kind="png", caption="x", alt="x")
def raises(ctx):
    raise ValueError("the data file is missing a column")

@figure("broken/halfway", kind="anim", caption="x", alt="x")
def halfway(ctx):
    fig, ax = ctx.subplots()
    def update(i):
        if i == 5:
            raise RuntimeError("frame 5 went wrong")
    return Animation(fig, update, frames=10)
'''


def test_a_failing_figure_is_named_and_does_not_stop_the_others(project):
    write_script(project, "broken.py", FAILING)
    run = nnviz(project)
    assert run.returncode == 1
    assert "broken/raises" in run.stderr and "broken.py" in run.stderr
    assert "ValueError: the data file is missing a column" in run.stderr
    assert "RuntimeError: frame 5 went wrong" in run.stderr
    assert {"demo/curve", "demo/wave", "other/dots"} <= set(manifest(project))


def test_a_crash_midway_leaves_no_partial_or_temporary_file(project):
    write_script(project, "broken.py", FAILING)
    nnviz(project)
    leftovers = [p.name for p in (project / "out").rglob("*") if p.is_file() and
                 (p.name.startswith(".") or p.stem in ("halfway", "raises"))]
    assert leftovers == []


def test_a_script_that_fails_to_import_is_reported_and_others_still_build(project):
    write_script(project, "typo.py", "import numpy as np\nfrom nnviz.build import figur\n")
    run = nnviz(project)
    assert run.returncode == 1
    assert "typo.py" in run.stderr and "ImportError" in run.stderr
    assert len(manifest(project)) == 4


def test_a_worker_that_dies_is_reported_and_the_rest_are_built(project):
    write_script(project, "dies.py", '''
import os
from nnviz.build import figure

@figure("dies/hard", kind="png", caption="x", alt="x")
def hard(ctx):
    os._exit(3)
''')
    run = nnviz(project, "--jobs", "2")
    assert run.returncode == 1
    assert "dies/hard" in run.stderr and "worker process died" in run.stderr
    assert len(manifest(project)) == 4


def test_a_recipe_returning_the_wrong_type_gets_a_clear_error(project):
    write_script(project, "wrong.py", '''
from nnviz.build import figure

@figure("wrong/kind", kind="anim", caption="x", alt="x")
def kind(ctx):
    fig, ax = ctx.subplots()
    return fig
''')
    run = nnviz(project)
    assert "wrong/kind" in run.stderr and "must return a Animation" in run.stderr


def test_a_caption_placeholder_without_a_fact_is_named(project):
    write_script(project, "caption.py", '''
from nnviz.build import figure

@figure("caption/missing", kind="png", caption="Accuracy {accuracy}.", alt="x")
def missing(ctx):
    fig, ax = ctx.subplots()
    return fig
''')
    run = nnviz(project)
    assert run.returncode == 1
    assert "caption/missing" in run.stderr and "'accuracy'" in run.stderr


@pytest.mark.parametrize("declaration, message", [
    ('"NoChapter", kind="png"', "chapter/name"),
    ('"a/b", kind="jpeg"', "kind 'jpeg'"),
])
def test_a_bad_declaration_is_rejected_when_the_script_loads(project, declaration, message):
    write_script(project, "bad.py", f'''
from nnviz.build import figure

@figure({declaration}, caption="x", alt="x")
def f(ctx):
    pass
''')
    run = nnviz(project, "--list")
    assert run.returncode == 1
    assert "bad.py" in run.stderr and message in run.stderr


def test_cache_key_follows_the_nnviz_modules_a_script_imports(project):
    from nnviz.build.hashing import script_dependencies

    deps = {p.as_posix().split("nnviz/", 1)[1] for p in script_dependencies(project / "src" / "curves.py")}
    assert {"render/animate.py", "render/save.py", "render/theme.py", "build/registry.py"} <= deps
    assert not any(d.startswith("engine/") for d in deps)


def test_gif_frames_decode_to_the_drawn_frames():
    import io

    import numpy as np

    from nnviz.render.animate import gif_bytes

    rng = np.random.default_rng(0)
    base = np.full((64, 96, 3), 255, np.uint8)
    frames = []
    for i in range(6):  # a moving block over a fixed background with a few colours
        frame = base.copy()
        frame[10:20, 5 + 10 * i: 15 + 10 * i] = (63, 81, 181)
        frame[40:50, :] = rng.choice([0, 128, 200], size=3).astype(np.uint8)
        frames.append(frame)
    with Image.open(io.BytesIO(gif_bytes(frames, fps=10, hold_last=1.0))) as gif:
        decoded = []
        for k in range(gif.n_frames):
            gif.seek(k)
            decoded.append(np.asarray(gif.convert("RGB")).astype(int))
    assert len(decoded) == len(frames)
    assert max(np.abs(d - f).max() for d, f in zip(decoded, frames)) <= 8


def test_gif_keeps_the_background_colour_exact():
    import io

    import numpy as np

    from nnviz.render.animate import gif_bytes

    frames = []
    for i in range(4):  # white page, a smooth ramp of many greys, a moving dark bar
        frame = np.full((48, 80, 3), 255, np.uint8)
        frame[:10] = np.linspace(0, 250, 80, dtype=np.uint8)[None, :, None]
        frame[20:30, 10 * i:10 * i + 8] = 40
        frames.append(frame)
    with Image.open(io.BytesIO(gif_bytes(frames, fps=10, hold_last=1.0))) as gif:
        gif.seek(gif.n_frames - 1)
        assert gif.convert("RGB").getpixel((79, 47)) == (255, 255, 255)


def test_slides_render_every_figure_at_1280x720_in_both_themes(project):
    """Animations as GIF and MP4, stills (png and svg kinds) as PNG; without the site's manifest
    there is no teacher's pack to build, which is said, not a failure."""
    env = {**os.environ, "NNVIZ_CACHE": str(project / ".cache"), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "nnviz", "slides", "--src", "src", "--out", "slides"],
                         cwd=project, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert "no teacher's packs were built" in run.stderr
    made = sorted(p.name for p in (project / "slides" / "demo").iterdir())
    assert made == ["curve.dark.png", "curve.light.png", "vector.dark.png", "vector.light.png",
                    "wave.dark.gif", "wave.dark.mp4", "wave.light.gif", "wave.light.mp4"]
    for theme in ("light", "dark"):
        with Image.open(project / "slides" / "demo" / f"wave.{theme}.gif") as gif:
            assert gif.size == (1280, 720)
        for still in ("curve", "vector"):
            with Image.open(project / "slides" / "demo" / f"{still}.{theme}.png") as png:
                assert png.size == (1280, 720)
    with Image.open(project / "slides" / "demo" / "wave.dark.gif") as dark, \
            Image.open(project / "slides" / "demo" / "wave.light.gif") as light:
        assert dark.convert("RGB").getpixel((5, 5)) != light.convert("RGB").getpixel((5, 5))


def test_editing_a_chapter_helper_rebuilds_the_scripts_that_import_it(project):
    write_script(project, "_shared.py", "SIZE = 3\n")
    uses = '''
from nnviz.build import figure
from _shared import SIZE

@figure("shared/{name}", kind="png", caption="x", alt="x")
def f(ctx):
    fig, ax = ctx.subplots()
    ax.plot(range(SIZE))
    return fig
'''
    write_script(project, "uses_a.py", uses.replace("{name}", "a"))
    write_script(project, "uses_b.py", uses.replace("{name}", "b"))
    first = nnviz(project)
    assert first.returncode == 0, first.stderr
    assert "shared/a" in manifest(project) and "_shared" not in first.stderr
    write_script(project, "_shared.py", "SIZE = 5\n")
    run = nnviz(project)
    assert run.returncode == 0, run.stderr
    assert "2 built, 4 up to date" in run.stderr
