"""What networks learn, what scale does: the same random draws as random_families.py with and
without the √(3/n) scaling of the weights (saturation), and one feature fed to the same
networks raw, centred and standardised (why inputs should be normalised).

The families and their draws are defined in _random_families_data.py.
"""
import numpy as np
from matplotlib.collections import LineCollection

from nnviz.build import figure
from nnviz.render.plots import families

from _random_families_data import (
    AREA, ENCODINGS, FAMILIES, FLAT, N_DRAWS, WEIGHTS, encoded_values, family_values, mean_bends, output_sums,
    weights_text,
)

CHAPTER = "random-families"


# ---------------------------------------------------------------- what saturation does

SATURATION_ROWS = [("tanh-1-100-1", "1 → 100 → 1"), ("tanh-1-11-9-1", "1 → 11 → 9 → 1")]
SATURATION_COLOURS = (0, 1, 3)  # theme.series: purple, crimson, brown (not its grey: the family is grey)
BENDING = 3.0  # |sum| beyond this: tanh is within 0.5 % of ±1 (tanh 3 = 0.995), flat


@figure(f"{CHAPTER}/saturation", kind="png", **WEIGHTS,
        caption="The same random draws twice. With every weight uniform on [-1, 1]: the output node of "
                "1 → 100 → 1 adds up 100 terms, and at {beyond_raw_100} of the plotted points its sum lies beyond "
                "±3, where tanh is flat (1 → 11 → 9 → 1, whose output adds up 9 terms: {beyond_raw_11_9}), so many curves are steps between "
                "-1 and 1 ({bends_raw_100} visible turning points per curve for 1 → 100 → 1, {bends_raw_11_9} for "
                "1 → 11 → 9 → 1). With the same weights scaled by √(3/n), n the inputs of the layer: the sums "
                "stay where tanh bends ({beyond_scaled_100} and {beyond_scaled_11_9} beyond ±3) and the curves "
                "turn more often ({bends_scaled_100} and {bends_scaled_11_9}). 'Flat': values beyond ±0.95. "
                "Grey: all {draws} draws; in colour: the first three.",
        alt="Four panels of curves between -1 and 1, one network shape per row. Left column: many curves run "
            "flat at -1 or 1 and jump between them, the top panel most of all. Right column, the same draws "
            "scaled: curves that rise and fall, with hills and valleys, rarely reaching -1 or 1.")
def saturation(ctx):
    p = ctx.params
    fam_by_name = {f.name: f for f in FAMILIES}
    # on a phone the four panels one above the other (row by row), each with its heading and label
    fig, axes = ctx.subplots(*ctx.pick((2, 2), (4, 1)), slot="column", height=470, narrow_height=800,
                             sharex=True, sharey=True)
    axes = np.reshape(axes, (2, 2))
    ctx.fact("draws", N_DRAWS)
    for r, (name, label) in enumerate(SATURATION_ROWS):
        fam = fam_by_name[name]
        key = "100" if name == "tanh-1-100-1" else "11_9"
        for c, scaled in enumerate((False, True)):
            x, Y = family_values(fam, float(p["low"]), float(p["high"]), float(p["xmax"]), ctx.seed, scaled)
            bends = ctx.fact(f"bends_{'scaled' if scaled else 'raw'}_{key}", mean_bends(Y, fam.output), "{:.1f}")
            flat = ctx.fact(f"flat_{'scaled' if scaled else 'raw'}_{key}", 100 * float(np.mean(np.abs(Y) > FLAT)),
                            "{:.0f}%")
            sums = output_sums(fam, float(p["low"]), float(p["high"]), float(p["xmax"]), ctx.seed, scaled)
            ctx.fact(f"beyond_{'scaled' if scaled else 'raw'}_{key}", 100 * float(np.mean(np.abs(sums) > BENDING)),
                     "{:.0f}%")
            ax = axes[r, c]
            ax.add_collection(LineCollection([np.column_stack([x, y]) for y in Y[:, :, 0]], colors=ctx.theme.muted,
                                             linewidths=0.8, alpha=0.3))
            for d, colour in enumerate(SATURATION_COLOURS):
                ax.plot(x, Y[d, :, 0], color=ctx.theme.series[colour], lw=2.0)
            ax.axhline(0, color=ctx.theme.grid, lw=0.8, zorder=0)
            ax.set_xlim(x[0], x[-1])
            ax.set_ylim(*families.value_limits(Y, "tanh"))
            ax.set_xticks([-6, -3, 0, 3, 6])
            ax.set_yticks([-1, 0, 1])
            heading = "scaled by √(3/n), n = inputs" if scaled else "weights uniform on [-1, 1]"
            stats = f"{bends:.1f} turning points per curve, {flat:.0f}% flat"
            ax.set_title(f"{heading}\n{stats}" if r == 0 or ctx.narrow else stats, fontsize=12)
            if r == 1 and (c == 1 or not ctx.narrow):
                ax.set_xlabel("input x")
            if c == 0 or ctx.narrow:
                ax.set_ylabel(f"{label}\noutput y")
    return fig


# ---------------------------------------------------------------- why inputs should be normalised

UNSCALED_DRAWS = 4               # one series colour each


@figure(f"{CHAPTER}/unscaled-inputs", kind="png", low=-1.0, high=1.0, scaled=True,
        caption="The same four random 1 → 11 → 9 → 1 networks fed one feature (an area from 40 to 160) in three "
                "ways. Raw, nearly every first-layer tanh node is saturated ({sat_raw} of them pressed flat, |value| > 0.95, "
                "as in the figures above) "
                "and the output barely moves; centred only, the nodes switch abruptly near the mean "
                "({sat_centred}); standardised, they work in their curved range ({sat_std}) and the curves vary "
                "smoothly.",
        alt="Three panels side by side with the same four coloured curves against area from 40 to 160: flat "
            "lines on the left, step-like curves with sharp jumps near 100 in the middle, smooth varied curves "
            "on the right.")
def unscaled_inputs(ctx):
    p = ctx.params
    area, out, hidden = encoded_values(float(p["low"]), float(p["high"]), bool(p["scaled"]), ctx.seed)
    saturated = (np.abs(hidden) > FLAT).mean(axis=(0, 2, 3))  # the page's one threshold for "flat"
    for key, share in zip(("sat_raw", "sat_centred", "sat_std"), saturated):
        ctx.fact(key, 100 * share, "{:.0f}%")
    ctx.fact("weights", weights_text(ctx.params))
    fig, axes = ctx.subplots(1, 3, slot="column", height=290, sharey=True)
    for e, (ax, (label, _)) in enumerate(zip(axes, ENCODINGS)):
        for d in range(UNSCALED_DRAWS):
            ax.plot(area, out[d, e], color=ctx.theme.series[d], lw=2.0)
        ax.axhline(0, color=ctx.theme.grid, lw=0.8, zorder=0)
        ax.set_title(f"fed: {label}\n{100 * saturated[e]:.0f}% of nodes saturated", fontsize=12)
        ax.set_xlabel("area (m²)")
        ax.set_xlim(*AREA)
        ax.set_xticks([60, 100, 140])
        ax.set_ylim(-1.08, 1.08)
        ax.set_yticks([-1, -0.5, 0, 0.5, 1])
    axes[0].set_ylabel("network output")
    return fig
