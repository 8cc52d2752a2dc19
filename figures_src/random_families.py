"""What networks learn: the functions that random weights produce.

For each network shape of the chapter we draw 49 networks whose weights and biases are all
uniform on [low, high] (default [-1, 1]) and then scaled by √(3/n) in a layer of n inputs
(`scaled_by_fan_in`: without it the output of a wide layer saturates and hides the bends),
evaluate all of them on the plotting grid in one batched call, and show them one draw per
frame on fixed axes: lines and planes for linear nets of any depth, S-curves for logistic and
tanh, wiggles once tanh layers are stacked, surfaces beside their top-down maps for two inputs,
creases for ReLU, and classifiers read off by a zero cut-off or by the largest of several
outputs. Each family also gets a still of its first draws side by side.

The families and their draws are defined in _random_families_data.py; what saturation and
unscaled inputs do to the same draws is drawn by random_families_scale.py, the chapter's
network graphs by random_families_diagrams.py.
"""
import numpy as np
from matplotlib.ticker import MaxNLocator

from nnviz.build import figure
from nnviz.render import Animation
from nnviz.render.plots import backdrop, families, surfaces

from _random_families_data import (  # noqa: F401  (FAMILIES ... scaled_by_fan_in: this script's public names)
    FAMILIES, FLAT, N_DRAWS, WEIGHTS, Family, category_maps, family_values, mean_bends, output_sums,
    scaled_by_fan_in, values, weights_text,
)

CHAPTER = "random-families"
SURFACE_STEP = 1          # every point in the 3-D mesh too (72 x 72 quads): steep walls stay smooth
FPS = 4                   # one draw every quarter second: time to look at each
GRID_DRAWS = {"curves": 8, "sign": 8, "argmax": 6, "surface": 3, "regions": 6}
FRAME_HEIGHT = {"curves": 360, "sign": 380, "argmax": 380, "surface": 330, "regions": 430}  # CSS px
FRAME_WIDTH = {"regions": 640}  # a square map and its legend: narrower than the column (GIFs stay >= 640 px)
NARROW_SURFACE_HEIGHT = {"frame": 580, "row": 170}  # on a phone: the surface above its map; a grid row per draw
NARROW_FRAME_HEIGHT = {"surface": NARROW_SURFACE_HEIGHT["frame"], "regions": 460}  # others: the default
GRID_HEIGHT = {"curves": 330, "sign": 350, "argmax": 350, "surface": 420, "regions": 400}


# ---------------------------------------------------------------- facts


def publish_facts(ctx, fam: Family, grid, Y):
    """The numbers the captions and the page quote, measured on the draws themselves."""
    ctx.fact("draws", N_DRAWS)
    ctx.fact("weights", weights_text(ctx.params))
    if fam.activation == "identity":  # how far from a straight line (or plane) any draw gets
        if fam.inputs == 1:
            A = np.column_stack([grid, np.ones_like(grid)])
            flat = Y[..., 0].T
        else:
            g1, g2 = np.meshgrid(grid, grid)
            A = np.column_stack([g1.ravel(), g2.ravel(), np.ones(g1.size)])
            flat = Y[..., 0].reshape(N_DRAWS, -1).T
        coef = np.linalg.lstsq(A, flat, rcond=None)[0]
        gap = ctx.fact("straightness_raw", float(np.abs(A @ coef - flat).max()), "{:.0e}")
        ctx.fact("straightness", power_of_ten(gap))
    if fam.inputs == 1 and fam.activation == "tanh":
        ctx.fact("bends", mean_bends(Y, fam.output), "{:.1f}")
    if fam.output == "tanh":  # share of the plotted values pressed against the ends of tanh's range
        ctx.fact("flat", 100 * float(np.mean(np.abs(Y) > FLAT)), "{:.0f}%")
    if fam.show == "sign":
        counts = np.array([len(families.intervals(grid, families.sign_regions(y))) for y in Y[..., 0]])
        ctx.fact("regions_max", int(counts.max()))
        ctx.fact("interleaved", int(np.count_nonzero(counts >= 3)))
    if fam.inputs == 2:  # the pieces the classifier's borders cut the plane into, per draw
        counts = np.array([families.pieces(lab) for lab in category_maps(fam, Y)])
        ctx.fact("pieces", float(counts[:, 0].mean()), "{:.1f}")
        ctx.fact("split", int(np.count_nonzero(counts[:, 0] >= 3)))
        ctx.fact("islands", int(np.count_nonzero(counts[:, 1] > 0)))
    if fam.show in ("argmax", "regions"):
        labels = families.argmax_regions(Y)[0].reshape(N_DRAWS, -1)
        k = Y.shape[-1]
        ctx.fact("all_win", int(sum(len(np.unique(lab)) == k for lab in labels)))
        if fam.show == "argmax":
            ctx.fact("crossings_mean", float(np.mean([np.count_nonzero(lab[1:] != lab[:-1]) for lab in labels])),
                     "{:.1f}")


def power_of_ten(value: float) -> str:
    """`value` as "5 × 10⁻¹⁵": in running text "5e-15" broke across lines at its hyphen."""
    mantissa, exponent = f"{value:.0e}".split("e")
    sup = str(int(exponent)).translate(str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074"
                                                                   "\u2075\u2076\u2077\u2078\u2079"))
    return f"{mantissa}\u00a0\u00d7\u00a010{sup}"


# ---------------------------------------------------------------- drawing


def frame_title(ctx, fam: Family) -> str:
    """The family and its weights; on a phone on two lines."""
    return f"{fam.title}{ctx.pick('   ·   ', chr(10))}weights {weights_text(ctx.params, short=True)}"


def curve_plot(ctx, fam: Family, ax, grid, Y, **kw):
    """The one-input family helper for `fam` on `ax` (curves, sign regions or argmax regions)."""
    regions = {"curves": None, "sign": "sign", "argmax": "argmax"}[fam.show]
    return families.CurveFamily(ax, ctx.theme, grid, Y, activation=fam.output, regions=regions, **kw)


def surface_axes(fig, top: float, map_size: float):
    """A 3-D box at the left, its top-down map and a colour bar at the right, in CSS px.

    `top`: room left above for the title; `map_size`: the map's side. Below the map there is
    room for its ticks and label, left of it for its y label, right of the bar for its own.
    """
    W, H = fig.get_figwidth() * 72, fig.get_figheight() * 72
    bar_w, gap, bar_room, label_room, below = 12, 12, 62, 50, 44
    map_left = W - bar_room - bar_w - gap - map_size
    map_bottom = below + (H - top - below - map_size) / 2
    ax3d = fig.add_axes((0.0, 0.0, (map_left - label_room) / W, (H - top) / H), projection="3d")
    ax_map = fig.add_axes((map_left / W, map_bottom / H, map_size / W, map_size / H))
    cax = fig.add_axes(((map_left + map_size + gap) / W, map_bottom / H, bar_w / W, map_size / H))
    return ax3d, ax_map, cax


def surface_axes_narrow(fig, top: float, map_size: float):
    """`surface_axes` on a phone: the 3-D box across the top, the map and its colour bar centred below."""
    W, H = fig.get_figwidth() * 72, fig.get_figheight() * 72
    bar_w, gap, bar_room, label_room, below, title = 12, 12, 62, 50, 44, 24
    map_left = label_room + (W - label_room - map_size - gap - bar_w - bar_room) / 2
    box_bottom = below + map_size + title
    ax3d = fig.add_axes((0.0, box_bottom / H, 1.0, (H - top - box_bottom) / H), projection="3d")
    ax_map = fig.add_axes((map_left / W, below / H, map_size / W, map_size / H))
    cax = fig.add_axes(((map_left + map_size + gap) / W, below / H, bar_w / W, map_size / H))
    return ax3d, ax_map, cax


def family_animation(ctx, fam: Family) -> Animation:
    """49 draws, one per frame, on one figure whose artists move (never re-created)."""
    fig = ctx.figure(slot="column", height=FRAME_HEIGHT[fam.show], width=FRAME_WIDTH.get(fam.show),
                     narrow_height=NARROW_FRAME_HEIGHT.get(fam.show))
    plot = animation_frame(ctx, fam, fig)
    plot.show(0)
    backdrop.freeze_static(fig, plot)  # axes, labels and titles drawn once; frames draw only what moves
    return Animation(fig, plot.show, frames=N_DRAWS, fps=FPS, hold_last=1.0, poster=poster_draw(ctx, fam),
                     labels=[f"draw {i + 1} of {N_DRAWS}" for i in range(N_DRAWS)], clock="draw")


def poster_draw(ctx, fam: Family) -> int:
    """The draw shown as the animation's still: for a classifier of several outputs, the draw whose
    smallest category owns the most of the plot (every category wins somewhere, as the caption says);
    otherwise the last draw, the family's envelope complete."""
    if fam.show not in ("argmax", "regions"):
        return N_DRAWS - 1
    _, Y = values(ctx, fam)
    labels = families.argmax_regions(Y)[0].reshape(N_DRAWS, -1)
    smallest = [np.bincount(lab, minlength=Y.shape[-1]).min() for lab in labels]
    return ctx.fact("poster_draw", int(np.argmax(smallest)) + 1) - 1


def animation_frame(ctx, fam: Family, fig):
    """Lay out one family's frame on the empty figure `fig`; return the plot whose `show(d)` draws draw d.

    Also used by scripts/bench_figures.py to draw the same frames the common way.
    """
    grid, Y = values(ctx, fam)
    publish_facts(ctx, fam, grid, Y)
    if fam.show == "surface":
        fig.set_layout_engine("none")
        ax3d, ax_map, cax = (surface_axes_narrow(fig, top=56, map_size=180) if ctx.narrow
                             else surface_axes(fig, top=48, map_size=224))
        plot = surfaces.SurfaceAndMap(ax3d, ax_map, ctx.theme, grid, grid, Y[..., 0], activation=fam.output,
                                      step=SURFACE_STEP)
        plot.colorbar(cax)
        ax_map.set_title("seen from above; line: " + threshold_text(plot.threshold), fontsize=12,
                         color=ctx.theme.muted, pad=6)
        fig.text(0.01, 0.98, frame_title(ctx, fam), ha="left", va="top", fontsize=13)
    else:
        ax = fig.add_subplot()
        fig.suptitle(frame_title(ctx, fam), x=0.01, ha="left", fontsize=13)
        if fam.show == "regions":  # on a phone the legend and its key go under the map, not beside it
            plot = families.RegionFamily(ax, ctx.theme, grid, grid, Y, legend=not ctx.narrow)
            key = "faded: the winner\nleads by little\n\nlines: the borders"
            if ctx.narrow:
                fig.legend(handles=plot.handles, loc="outside lower center", ncols=2, fontsize=12, frameon=False,
                           title=key.replace("\n\n", "\n"), title_fontsize=12)
            else:
                ax.text(1.05, 0.74, key, transform=ax.transAxes,
                        ha="left", va="top", fontsize=12, color=ctx.theme.muted)  # the key's second half, under it
        else:
            plot = curve_plot(ctx, fam, ax, grid, Y, ghosts=fam.show == "curves")
    return plot


def threshold_text(threshold: float) -> str:
    return f"output = {threshold:g}"


def surface_grid(ctx, fam: Family, grid, Y, n: int):
    """n draws in columns: the surface above, its map below, one colour bar for all."""
    if ctx.narrow:
        return surface_grid_narrow(ctx, fam, grid, Y, n)
    fig = ctx.figure(slot="column", height=GRID_HEIGHT["surface"])
    fig.set_layout_engine("none")
    W, H = fig.get_figwidth() * 72, fig.get_figheight() * 72
    left, bar_room, side = 44 / W, 84 / W, 158  # room for the maps' y label; the bar and its labels; map side (px)
    # (the side leaves 28 px between maps, so one map's "6" and the next one's "−6" do not run together)
    col_w = (1 - left - bar_room) / n
    plots = []
    for d in range(n):
        x0 = left + d * col_w
        ax3d = fig.add_axes((x0 - 10 / W, 0.50, col_w + 20 / W, 0.43), projection="3d")
        ax_map = fig.add_axes((x0 + (col_w - side / W) / 2, 46 / H, side / W, side / H))
        plot = surfaces.SurfaceAndMap(ax3d, ax_map, ctx.theme, grid, grid, Y[..., 0], activation=fam.output,
                                      counter=False, ticks=False, zoom=1.05, step=SURFACE_STEP)
        plot.show(d)
        if d > 0:
            ax_map.set_ylabel("")
            ax_map.tick_params(labelleft=False)
        ax3d.text2D(0.5, 0.98, f"draw {d + 1}", transform=ax3d.transAxes, ha="center", va="top", fontsize=12,
                    color=ctx.theme.muted)
        plots.append(plot)
    cax = fig.add_axes((1 - bar_room + 14 / W, 46 / H, 12 / W, side / H))
    plots[0].colorbar(cax)
    fig.text(0.01, 0.99, frame_title(ctx, fam), ha="left", va="top", fontsize=13)
    fig.text(0.99, 0.99, "line: " + threshold_text(plots[0].threshold), ha="right", va="top",
             fontsize=12, color=ctx.theme.muted)
    return fig


def surface_grid_narrow(ctx, fam: Family, grid, Y, n: int):
    """`surface_grid` on a phone: a row per draw, the surface at the left, its map at the right."""
    row, top = NARROW_SURFACE_HEIGHT["row"], 56
    fig = ctx.figure(slot="column", height=GRID_HEIGHT["surface"], narrow_height=top + n * row + 10)
    fig.set_layout_engine("none")
    W, H = fig.get_figwidth() * 72, fig.get_figheight() * 72
    side, map_left = 96, 204
    plots = []
    for d in range(n):
        y0 = 10 + (n - 1 - d) * row
        ax3d = fig.add_axes((0.0, y0 / H, 170 / W, (row - 4) / H), projection="3d")
        ax_map = fig.add_axes((map_left / W, (y0 + 36) / H, side / W, side / H))
        plot = surfaces.SurfaceAndMap(ax3d, ax_map, ctx.theme, grid, grid, Y[..., 0], activation=fam.output,
                                      counter=False, ticks=False, zoom=1.05, step=SURFACE_STEP)
        plot.show(d)
        if d < n - 1:
            ax_map.set_xlabel("")
            ax_map.tick_params(labelbottom=False)
        ax3d.text2D(0.5, 0.98, f"draw {d + 1}", transform=ax3d.transAxes, ha="center", va="top", fontsize=12,
                    color=ctx.theme.muted)
        plots.append(plot)
    cax = fig.add_axes(((map_left + side + 6) / W, (10 + row + 36) / H, 12 / W, side / H))
    plots[0].colorbar(cax)
    cax.set_ylabel("")  # no room beside the bar: its name goes above it, and three ticks
    cax.set_title("output", fontsize=12, loc="left")
    cax.yaxis.set_major_locator(MaxNLocator(3))
    fig.text(0.01, 1 - 4 / H, frame_title(ctx, fam), ha="left", va="top", fontsize=13)
    fig.text(0.99, 1 - 40 / H, "line: " + threshold_text(plots[0].threshold), ha="right", va="top",
             fontsize=12, color=ctx.theme.muted)
    return fig


def family_grid(ctx, fam: Family):
    """The first few draws of the family side by side, on the same axes as the animation."""
    grid, Y = values(ctx, fam)
    publish_facts(ctx, fam, grid, Y)
    n = GRID_DRAWS[fam.show]
    if fam.show == "surface":
        return surface_grid(ctx, fam, grid, Y, n)
    rows, cols = ctx.pick((2, n // 2), (n // 2, 2))  # on a phone two draws a row
    fig, axes = ctx.subplots(rows, cols, slot="column", height=GRID_HEIGHT[fam.show], sharex=True, sharey=True,
                             narrow_height=150 * rows + 90)
    for d, ax in enumerate(axes.flat):
        if fam.show == "regions":
            plot = families.RegionFamily(ax, ctx.theme, grid, grid, Y, counter=False, legend=False)
        else:
            plot = curve_plot(ctx, fam, ax, grid, Y, counter=False, legend=False, linewidth=2.0)
        plot.show(d)
        ax.set_title(f"draw {d + 1}", fontsize=12, color=ctx.theme.muted, loc="right", pad=2)
        ax.label_outer()
        if fam.show != "regions":
            ax.set_xticks([-6, 0, 6])
    if plot.handles:
        fig.legend(handles=plot.handles, loc="outside lower center", ncols=ctx.pick(len(plot.handles), 2), fontsize=12,
                   frameon=False)
    fig.suptitle(frame_title(ctx, fam), x=0.01, ha="left", fontsize=13)
    return fig


def declare(fam: Family):
    """Register the animation `<name>` and the still `<name>-grid` of one family."""
    ghosts = fam.show == "curves"
    surface = " Beside it (under it on a phone): the same surface seen from above, with the colour scale." if fam.show == "surface" else ""
    @figure(f"{CHAPTER}/{fam.name}", kind="anim", **WEIGHTS,
            caption=fam.look + surface + (" Grey: the draws already shown." if ghosts else ""),
            alt=f"An animation of {N_DRAWS} random draws, one per frame, each {fam.picture}"
                + (", over faint grey copies of the earlier draws." if ghosts else ".")
                + (" Beside it, a square map of the same values seen from above, with the border drawn as a "
                   "line, and a colour bar." if fam.show == "surface" else ""))
    def anim(ctx):
        return family_animation(ctx, fam)

    n = GRID_DRAWS[fam.show]
    layout = ("each surface above its map seen from above" if fam.show == "surface" else "side by side")
    @figure(f"{CHAPTER}/{fam.name}-grid", kind="png", **WEIGHTS,
            caption=f"The first {n} draws of the animation, {layout}, on the same axes. " + fam.look,
            alt=f"{n} random draws in small panels, {layout}: {fam.picture}.")
    def grid(ctx):
        return family_grid(ctx, fam)


for _fam in FAMILIES:
    declare(_fam)