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

GIF fidelity (issue 14), on the same true frames: each animation is rendered once in this
process, then encoded by our writer (nnviz.render.gif.encode_gif: adaptive palette, every
frame >= 42 dB) and by ffmpeg's palettegen + paletteuse (defaults: 256 colours, sierra2_4a
dithering). Both GIFs are decoded (Pillow) and compared with the frames they were made from:
bytes, mean and minimum PSNR over frames. Goal: ours <= 0.75x the bytes at a fidelity no lower.

    .venv/bin/python scripts/bench_figures.py [--repeat N] [--jobs N] [--keep DIR]
    .venv/bin/python scripts/bench_figures.py --fidelity [--only ID ...]     (GIF fidelity only)
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


# ---------------------------------------------------------------- GIF fidelity


def psnr(decoded, truth) -> float:
    import numpy as np

    mse = float(np.mean((decoded.astype(np.int32) - truth.astype(np.int32)) ** 2))
    return 99.0 if mse == 0 else min(99.0, 10 * np.log10(255.0 ** 2 / mse))


def decoded_frames(path: Path):
    import numpy as np
    from PIL import Image

    with Image.open(path) as gif:
        out = []
        for k in range(gif.n_frames):
            gif.seek(k)
            out.append(np.asarray(gif.convert("RGB")))
    return out


def ffmpeg_gif(frames, fps: int, out: Path) -> Path:
    """ffmpeg's palettegen + paletteuse (defaults) on the raw frames: the common way to make a GIF."""
    import imageio_ffmpeg
    import numpy as np

    h, w = frames[0].shape[:2]
    raw = out.with_suffix(".rgb")
    raw.write_bytes(b"".join(np.ascontiguousarray(f).tobytes() for f in frames))
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt",
                    "rgb24", "-s", f"{w}x{h}", "-r", str(fps), "-i", str(raw), "-vf",
                    "split[a][b];[a]palettegen[p];[b][p]paletteuse", str(out)], check=True)
    raw.unlink()
    return out


def fidelity(ids: list[str]) -> int:
    """Our GIF writer against ffmpeg's on the same true frames: bytes, mean and minimum PSNR."""
    sys.path.insert(0, str(ROOT))
    from nnviz.build.context import FigureContext
    from nnviz.build.registry import load_script
    from nnviz.render.animate import render_frames
    from nnviz.render.gif import encode_gif
    from nnviz.render.theme import LIGHT, use

    specs = {s.id: s for script in sorted((ROOT / "figures_src").glob("[!_]*.py")) for s in load_script(script)}
    unknown = [i for i in ids if i not in specs]
    if unknown:
        sys.exit(f"unknown figure id(s): {', '.join(unknown)}")
    work = Path(tempfile.mkdtemp(prefix="nnviz-gif-"))
    totals = {"ours": 0, "ffmpeg": 0, "matched": 0}
    print(f"{'animation':34} {'ours kB':>8} {'mean':>6} {'min':>6} {'colours':>7}   {'ffmpeg kB':>9} {'mean':>6} "
          f"{'min':>6}   bytes")
    try:
        for fid in ids:
            spec = specs[fid]
            ctx = FigureContext(theme=LIGHT, seed=spec.seed, params=dict(spec.params))
            with use(LIGHT):
                anim = spec.draw(ctx)
            frames = render_frames(anim)
            ours = encode_gif(frames, anim.fps, anim.repeats(), anim.gif_colors, anim.gif_psnr)
            ours_path = work / "ours.gif"
            ours_path.write_bytes(ours.data)
            theirs_path = ffmpeg_gif(frames, anim.fps, work / "ffmpeg.gif")
            row = {}
            for name, path in (("ours", ours_path), ("ffmpeg", theirs_path)):
                decoded = decoded_frames(path)
                if len(decoded) != len(frames):
                    sys.exit(f"{fid}: {name}'s GIF has {len(decoded)} frames, the animation {len(frames)}")
                values = [psnr(d, f) for d, f in zip(decoded, frames)]
                row[name] = (path.stat().st_size, statistics.mean(values), min(values))
                totals[name] += row[name][0]
            (ob, om, on), (fb, fm, fn) = row["ours"], row["ffmpeg"]
            # ours again, asked for at least ffmpeg's worst frame: bytes at a fidelity no lower
            matched = encode_gif(frames, anim.fps, anim.repeats(), anim.gif_colors, max(anim.gif_psnr, fn))
            totals["matched"] += len(matched.data)
            print(f"{fid:34} {ob / 1000:8.0f} {om:6.1f} {on:6.1f} {ours.colors:7d}   {fb / 1000:9.0f} {fm:6.1f} "
                  f"{fn:6.1f}   {ob / fb:5.2f}x   matched: {len(matched.data) / 1000:6.0f} kB {matched.psnr_mean:5.1f} "
                  f"{matched.psnr_min:5.1f} {matched.colors:4d} {len(matched.data) / fb:5.2f}x", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"total GIF bytes: ours {mb(totals['ours'])} (every frame >= 42 dB), ffmpeg {mb(totals['ffmpeg'])}: "
          f"{totals['ours'] / totals['ffmpeg']:.2f}x; ours at >= ffmpeg's worst frame: {mb(totals['matched'])}, "
          f"{totals['matched'] / totals['ffmpeg']:.2f}x (goal <= 0.75x at no lower PSNR)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="alternate the two ways this many times (median)")
    parser.add_argument("--jobs", type=int, default=None, help="our build's --jobs (default: all cores)")
    parser.add_argument("--keep", type=Path, default=None, help="keep both outputs in this folder")
    parser.add_argument("--common-into", type=Path, help=argparse.SUPPRESS)  # the common way's own process
    parser.add_argument("--fidelity", action="store_true", help="only compare GIF bytes and PSNR with ffmpeg's")
    parser.add_argument("--only", nargs="+", default=None, help="animation ids for --fidelity (default: the "
                        f"{CHAPTER} families)")
    args = parser.parse_args(argv)
    if args.common_into:
        common_way(args.common_into)
        return 0
    if args.fidelity:
        return fidelity(args.only or anim_ids())

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
