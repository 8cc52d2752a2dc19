"""Benchmark: our figure pipeline against the common way, on the random-families animations.

Both sides make the same 17 animations of 49 frames (640 x 400 px), from the same engine
values, drawn by the same `nnviz.render.plots.families` helpers, so the difference is only in
how frames become files:

ours    `python -m nnviz figures --only <every random-families anim> --force` (default jobs: all
        cores): one figure per animation whose artists move, what never changes drawn once,
        the canvas buffer grabbed per frame, GIF + MP4 + poster encoded from memory.
common  one script in one process, as these animations are usually made: one pyplot figure,
        cleared and redrawn for every frame, each frame written with `savefig` to a PNG file,
        then ffmpeg turns the PNG files into an MP4 (libx264, yuv420p) and, with palettegen +
        paletteuse (its defaults: 256 colours, sierra2_4a dithering), into a GIF at 640 px wide.

Each side runs in a fresh Python process and is timed from the outside (wall clock, imports
included). With --repeat N the two alternate (ours, common, ours, ...) and medians are reported.
Goal (issue 3 / issue 6): ours >= 5x faster, and our GIFs at most half the common way's bytes.

    .venv/bin/python scripts/bench_figures.py [--repeat N] [--jobs N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "figures_src" / "random_families.py"
CHAPTER = "random-families"


def _load_chapter():
    sys.path.insert(0, str(ROOT))
    from nnviz.build.registry import load_script

    specs = [s for s in load_script(SCRIPT) if s.kind == "anim" and s.chapter == CHAPTER]
    module = sys.modules[next(name for name, m in sys.modules.items()
                              if getattr(m, "__file__", None) == str(SCRIPT.resolve()))]
    return specs, module


def anim_ids() -> list[str]:
    specs, module = _load_chapter()
    family_names = {f.name for f in module.FAMILIES}
    return [s.id for s in specs if s.name in family_names]


# ---------------------------------------------------------------- the two ways


def run_ours(out: Path, ids: list[str], jobs: int | None) -> float:
    cmd = [sys.executable, "-m", "nnviz", "figures", "--force", "-q", "--out", str(out), "--only", *ids]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    env = {**os.environ, "NNVIZ_CACHE": str(out / ".cache")}  # keep the repo's build timings untouched
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"our build failed:\n{run.stderr[-3000:]}")
    return seconds


def run_common(out: Path) -> float:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--common-into", str(out)]
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"the common way failed:\n{run.stderr[-3000:]}")
    return seconds


def common_way(out: Path) -> None:
    """The frame-by-frame way, in this process: pyplot, savefig per frame, ffmpeg."""
    import matplotlib

    matplotlib.use("Agg")
    import imageio_ffmpeg
    import matplotlib.pyplot as plt

    from nnviz.build.context import FigureContext
    from nnviz.render.theme import LIGHT, use

    specs, module = _load_chapter()
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    by_name = {f.name: f for f in module.FAMILIES}
    out.mkdir(parents=True, exist_ok=True)
    with use(LIGHT):
        fig = plt.figure(figsize=(6.4, 4.0), dpi=100)
        for spec in specs:
            fam = by_name.get(spec.name)
            if fam is None:
                continue
            ctx = FigureContext(theme=LIGHT, seed=spec.seed, params=dict(spec.params))
            frames = out / f"{fam.name}-frames"
            frames.mkdir(exist_ok=True)
            for i in range(module.N_DRAWS):
                fig.clf()
                fig.set_layout_engine("constrained")  # as our figures; 3-D frames switch it off
                plot = module.animation_frame(ctx, fam, fig)
                plot.show(i)
                fig.savefig(frames / f"{i:03d}.png", dpi=100)
            pattern = str(frames / "%03d.png")
            fps = str(module.FPS)
            quiet = [ffmpeg, "-y", "-loglevel", "error"]
            subprocess.run([*quiet, "-framerate", fps, "-i", pattern, "-c:v", "libx264", "-pix_fmt", "yuv420p",
                            str(out / f"{fam.name}.mp4")], check=True)
            palette = out / f"{fam.name}-palette.png"
            scale = f"fps={fps},scale=640:-1:flags=lanczos"
            subprocess.run([*quiet, "-framerate", fps, "-i", pattern, "-vf", f"{scale},palettegen",
                            str(palette)], check=True)
            subprocess.run([*quiet, "-framerate", fps, "-i", pattern, "-i", str(palette), "-filter_complex",
                            f"{scale}[x];[x][1:v]paletteuse", str(out / f"{fam.name}.gif")], check=True)
        plt.close(fig)


# ---------------------------------------------------------------- measuring


def gif_sizes(folder: Path, names: list[str]) -> dict[str, int]:
    return {n: (folder / f"{n}.gif").stat().st_size for n in names}


def gif_width(path: Path) -> int:
    from PIL import Image

    with Image.open(path) as im:
        return im.size[0]


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="alternate the two ways this many times (median)")
    parser.add_argument("--jobs", type=int, default=None, help="our build's --jobs (default: all cores)")
    parser.add_argument("--keep", type=Path, default=None, help="keep both outputs in this folder")
    parser.add_argument("--common-into", type=Path, help=argparse.SUPPRESS)  # the common way's own process
    args = parser.parse_args(argv)
    if args.common_into:
        common_way(args.common_into)
        return 0

    ids = anim_ids()
    names = [i.split("/", 1)[1] for i in ids]
    work = Path(tempfile.mkdtemp(prefix="nnviz-bench-"))
    ours_s, common_s = [], []
    try:
        for r in range(args.repeat):
            ours_out, common_out = work / f"ours-{r}", work / f"common-{r}"
            ours_s.append(run_ours(ours_out, ids, args.jobs))
            common_s.append(run_common(common_out))
            print(f"run {r + 1}/{args.repeat}: ours {ours_s[-1]:.1f} s, common {common_s[-1]:.1f} s", flush=True)
        ours_gif = gif_sizes(work / "ours-0" / CHAPTER, names)
        common_gif = gif_sizes(work / "common-0", names)
        width = gif_width(work / "ours-0" / CHAPTER / f"{names[0]}.gif")
        t_ours, t_common = statistics.median(ours_s), statistics.median(common_s)
        jobs = args.jobs or os.cpu_count()
        print()
        print(f"{CHAPTER}: {len(ids)} animations x 49 frames, {width} px wide; median of {args.repeat} run(s)")
        print(f"  ours   (nnviz figures, {jobs} job{'s' if jobs != 1 else ''}):              {t_ours:7.1f} s")
        print(f"  common (pyplot + savefig PNG per frame + ffmpeg): {t_common:7.1f} s")
        print(f"  speed:     ours is {t_common / t_ours:.1f}x faster (goal >= 5x)")
        total_ours, total_common = sum(ours_gif.values()), sum(common_gif.values())
        print(f"  GIF bytes: ours {mb(total_ours)}, common {mb(total_common)}: ours are "
              f"{total_ours / total_common:.2f} of theirs (goal <= 0.50)")
        print("  per family (ours / common GIF KB): " + ", ".join(
            f"{n} {ours_gif[n] // 1024}/{common_gif[n] // 1024}" for n in names))
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
