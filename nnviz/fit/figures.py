"""The report's figures: one recipe per figure, each drawing for one theme from a finished run.

Every recipe takes (ctx, run) — ctx a nnviz.build.context.FigureContext (theme, sizes, slides) —
and returns a matplotlib Figure or, for the two animations, a nnviz.render.Animation. `FIGURES`
lists them in page order with their captions (built from the run) and alt texts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from matplotlib.colors import Normalize

from nnviz.render import Animation, diagrams
from nnviz.render.theme import FONT
from nnviz.render.plots import curves
from nnviz.render.plots.backdrop import freeze_static

from . import line, maps
from .text import plain
from .captions import (caption_curves, caption_data, caption_errors, caption_network, caption_neurons, caption_regions,
                       caption_training, metric_label)
from .train import predict_labels

# Display sizes in CSS px (nnviz.render.theme slots): planes as in the chapters, 480 x 430.
PLANE = dict(slot="column", width=480, height=430)
PLANE_BAR = dict(slot="column", width=560, height=430)  # a plane with a colour bar beside it


# ---------------------------------------------------------------- the data


CURVE = dict(slot="column", width=560, height=400)  # one feature: its axis across, probability or target up


def _plane_size(run):
    if run.one_feature:
        return CURVE
    return PLANE if run.data.task == "classify" else PLANE_BAR


def _class_strips(ax, run):
    """Name each class's strip of rows below the probability axis (one feature, classification)."""
    if run.data.task == "classify":
        k = len(run.data.classes)
        ax.set_yticks([0, 0.5, 1] + [-line.STRIP * (c + 1) for c in range(k)],
                      ["0", "0.5", "1"] + [plain(_short(c, 12)) for c in run.data.classes])


def draw_data(ctx, run):
    view = run.view()
    fig, ax = ctx.subplots(**_plane_size(run))
    if run.one_feature:
        view.points(ax, ctx.theme)
        _class_strips(ax, run)
        return fig
    if run.data.task == "classify":
        view.points(ax, ctx.theme)
    else:
        import matplotlib

        lo, hi = maps.value_range(run.data)
        cmap, norm = matplotlib.colormaps[ctx.theme.cmap_seq], Normalize(lo, hi)
        view.points(ax, ctx.theme, cmap=cmap, norm=norm)
        fig.colorbar(matplotlib.cm.ScalarMappable(norm, cmap), ax=ax, label=plain(run.data.target), shrink=0.85)
    ax.grid(True, color=ctx.theme.grid, linewidth=0.5, alpha=0.6)
    return fig


# ---------------------------------------------------------------- decision regions / surface


def _map_axes(ctx, ax, run, weights):
    if run.one_feature:
        fit = line.fit_axes(ax, ctx.theme, run, weights)
        _class_strips(ax, run)
        return fit
    view = run.view()
    out = view.outputs(weights)
    fld = maps.field(ax, ctx.theme, view, out)
    if run.data.task == "classify":
        view.points(ax, ctx.theme, size=14)
    else:
        view.points(ax, ctx.theme, size=14, cmap=fld.cmap, norm=fld.norm, legend=False)
        maps.legend_points(ax, ctx.theme, run.data, classes=False)
        ax.figure.colorbar(fld.image, ax=ax, label=plain(run.data.target), shrink=0.85)
    return fld


def draw_regions(ctx, run):
    fig, ax = ctx.subplots(**_plane_size(run))
    _map_axes(ctx, ax, run, run.final)
    return fig


def anim_training(ctx, run):
    hist, epochs = run.result.history, run.frame_epochs()
    fig = ctx.figure(slot="wide", height=440)
    grid = fig.add_gridspec(2, 2, width_ratios=[1.2, 1.0])
    ax = fig.add_subplot(grid[:, 0])
    fld = _map_axes(ctx, ax, run, run.result.snapshots[0])
    ax_loss = fig.add_subplot(grid[0, 1])
    ax_metric = fig.add_subplot(grid[1, 1], sharex=ax_loss)
    ax_loss.tick_params(labelbottom=False)
    all_epochs = np.arange(run.result.epochs + 1)
    lines = []
    for axis, what in ((ax_loss, "loss"), (ax_metric, run.metric)):
        for split, colour in (("train", ctx.theme.series[0]), ("test", ctx.theme.series[1])):
            lines.append(curves.training_curve(axis, ctx.theme, hist[f"{split}_{what}"], epochs=all_epochs,
                                               color=colour, label=split, log_epochs=True))
    ax_loss.set_ylabel(f"loss ({run.result.loss_name})")
    ax_metric.set_ylabel(plain(metric_label(run)))
    ax_metric.set_xlabel("epoch (log scale)")
    ax_loss.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, frameon=False)
    if run.data.task == "classify":
        ax_metric.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    stamp = ax_loss.set_title(" ", loc="right", fontsize=FONT["title"], y=1.0, pad=6)  # a fixed y: no auto-placement

    def update(i):
        epoch = int(epochs[i])
        fld.update(run.view().outputs(run.result.snapshots[epoch]))
        for line in lines:
            line.update(epoch)
        stamp.set_text(f"epoch {epoch} of {run.result.epochs}")

    update(0)
    moving = [stamp, *fld.artists(), *ax.collections]
    for line in lines:
        moving += [line.line, line.dot]
    freeze_static(fig, extra=moving)
    return Animation(fig, update, frames=len(epochs), fps=run.quality.fps, hold_last=2.0,
                     labels=[f"epoch {int(e)}" for e in epochs], clock="epoch")


# ---------------------------------------------------------------- hidden neurons


def _neuron_layout(run):
    widths = list(run.settings.hidden)
    cols = min(max(widths), 8)
    rows = sum(-(-w // cols) for w in widths)
    return widths, rows, cols


def _neuron_scale(run):
    """(centre, half range) of the colour scale: tanh in [-1, 1], sigmoid around 0.5, unbounded
    activations (relu, identity) up to the 98th percentile of |output| at the end."""
    act = run.settings.activation
    if act == "tanh":
        return 0.0, 1.0
    if act == "sigmoid":
        return 0.5, 0.5
    values = np.concatenate([v.ravel() for v in run.view(coarse=True).hidden(run.final)])
    return 0.0, float(np.percentile(np.abs(values), 98)) or 1.0


def _neuron_grid(ctx, run, weights, fig, zero_line=True):
    from nnviz.render.plots import fields

    widths, rows, cols = _neuron_layout(run)
    centre, half = _neuron_scale(run)
    axes = fig.subplots(rows, cols, squeeze=False)
    drawn, r = [], 0
    for layer, width in enumerate(widths):
        n_rows = -(-width // cols)
        block = axes[r:r + n_rows]
        values = run.view(coarse=True).hidden(weights)[layer] - centre
        if run.one_feature:
            drawn.append(line.NeuronCurves(block, ctx.theme, run.view(coarse=True).x, values, 0.0, half))
        else:
            drawn.append(fields.neuron_maps(block, ctx.theme, run.view(coarse=True).grid, values, vlim=half,
                                            zero_line=zero_line, bands=10))
        for j, ax in enumerate(block.flat[:width]):
            ax.set_title(str(j + 1), fontsize=FONT["small"], pad=2)
        for row in block:
            row[0].set_ylabel(f"layer {layer + 1}", fontsize=FONT["label"])
        r += n_rows
    return drawn, axes


def _neuron_size(run):
    """Slot and height in CSS px: maps about 100 px square in rows of at most 8."""
    _, rows, cols = _neuron_layout(run)
    return dict(slot="wide", width=min(928, 110 * cols + 150), height=min(125 * rows + 60, 900))


def draw_neurons(ctx, run):
    fig = ctx.figure(**_neuron_size(run))
    drawn, axes = _neuron_grid(ctx, run, run.final, fig)
    if run.one_feature:
        return fig  # curves: no colour scale
    centre, half = _neuron_scale(run)
    ticks = [-half, 0, half]
    bar = fig.colorbar(drawn[0].images[0], ax=axes, shrink=0.8, ticks=ticks)
    bar.ax.set_yticklabels([f"{t + centre:g}" for t in ticks])
    bar.set_label("neuron output")
    return fig


def anim_neurons(ctx, run):
    epochs = run.frame_epochs()
    fig = ctx.figure(**_neuron_size(run))
    # no contour per map and frame (the costliest part of a frame): the white band between the
    # two colours already marks where each neuron changes sign
    drawn, axes = _neuron_grid(ctx, run, run.result.snapshots[0], fig, zero_line=False)
    stamp = fig.suptitle(" ", fontsize=FONT["title"])
    centre, _half = _neuron_scale(run)
    view = run.view(coarse=True)

    def update(i):
        epoch = int(epochs[i])
        hidden = view.hidden(run.result.snapshots[epoch])
        for layer, maps_ in enumerate(drawn):
            maps_.update(hidden[layer] - centre)
        stamp.set_text(f"hidden neurons at epoch {epoch} of {run.result.epochs}")

    update(0)
    freeze_static(fig, extra=[stamp, *(image for maps_ in drawn for image in maps_.images)])
    return Animation(fig, update, frames=len(epochs), fps=run.quality.fps, hold_last=2.0,
                     labels=[f"epoch {int(e)}" for e in epochs], clock="epoch")


# ---------------------------------------------------------------- curves, network, errors


def draw_curves(ctx, run):
    hist = run.result.history
    fig, (ax_loss, ax_metric) = ctx.subplots(1, 2, slot="column", height=300)
    epochs = np.arange(run.result.epochs + 1)
    for axis, what in ((ax_loss, "loss"), (ax_metric, run.metric)):
        for split, colour in (("train", ctx.theme.series[0]), ("test", ctx.theme.series[1])):
            curve = curves.training_curve(axis, ctx.theme, hist[f"{split}_{what}"], epochs=epochs, color=colour,
                                          label=split, ghost=False, log_epochs=True)
            curve.update(len(epochs) - 1)
        axis.set_xlabel("epoch (log scale)")
        axis.grid(True, color=ctx.theme.grid, linewidth=0.5, alpha=0.6)
    ax_loss.set_ylabel(f"loss ({run.result.loss_name})")
    ax_metric.set_ylabel(plain(metric_label(run)))
    if run.data.task == "classify":
        ax_metric.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax_loss.legend(frameon=False)
    return fig


def _short(name: str, n: int = 18) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


def names_fit(run) -> bool:
    """Whether the diagram can name every input and output (a layer shows at most 10 nodes)."""
    return run.data.n_inputs <= 10 and len(run.data.classes) <= 10


def draw_network(ctx, run):
    sizes = run.result.sizes
    fig, ax = ctx.subplots(slot="column", height=360)
    outs = run.data.classes if len(run.data.classes) > 2 else [run.data.target]
    labels = ([[plain(_short(n)) for n in run.data.inputs]] + [None] * (len(sizes) - 2)
              + [[plain(_short(n)) for n in outs]])
    if not names_fit(run):  # the diagram's own x1, x2, ... and y1, y2, ...; the caption names them
        labels = None
    diagrams.draw_network(ax, sizes, ctx.theme, weights=run.final, labels=labels, layer_labels=True,
                          activation=[run.settings.activation] * (len(sizes) - 2) + [run.result.output],
                          label_pos="outside")
    return fig


def draw_errors(ctx, run):
    data = run.data
    out = maps.forward(run.final, data.X_test, run.result.output, run.settings.activation)
    if data.task == "classify":
        k = len(data.classes)
        pred = predict_labels(out)
        matrix = np.zeros((k, k), dtype=int)
        np.add.at(matrix, (data.y_test.astype(int), pred), 1)
        side = min(300 + 36 * k, 640)
        fig, ax = ctx.subplots(slot="column", height=side)  # full column: names and colour bar fit beside
        import matplotlib

        base = matplotlib.colormaps[ctx.theme.cmap_seq]
        image = ax.imshow(matrix, cmap=base, vmin=0, vmax=max(1, matrix.max()))
        names = [plain(_short(c, 12)) for c in data.classes]
        ax.set_xticks(range(k), names, rotation=45 if k > 4 else 0, ha="right" if k > 4 else "center")
        ax.set_yticks(range(k), names)
        ax.set_xlabel("predicted class")
        ax.set_ylabel("true class")
        if k <= 12:
            for (i, j), v in np.ndenumerate(matrix):
                light = image.norm(v) > 0.55
                ax.text(j, i, str(v), ha="center", va="center", fontsize=FONT["annotation"],
                        color="#000000" if light else "#ffffff")
        fig.colorbar(image, ax=ax, shrink=0.8, label="test rows")
        return fig
    fig, ax = ctx.subplots(**PLANE)
    out_train = maps.forward(run.final, data.X_train, run.result.output, run.settings.activation)
    tr_true, tr_pred = data.y_raw(data.y_train), data.y_raw(out_train[:, 0])
    te_true, te_pred = data.y_raw(data.y_test), data.y_raw(out[:, 0])
    view = run.view()
    ax.scatter(tr_true[view.show_train], tr_pred[view.show_train], s=12, color=ctx.theme.series[0],
               alpha=0.6, label="train", edgecolors="none")
    ax.scatter(te_true[view.show_test], te_pred[view.show_test], s=22, facecolors="none",
               edgecolors=ctx.theme.series[1], linewidths=1.4, label="test")
    lo = min(tr_true.min(), te_true.min(), tr_pred.min(), te_pred.min())
    hi = max(tr_true.max(), te_true.max(), tr_pred.max(), te_pred.max())
    ax.plot([lo, hi], [lo, hi], color=ctx.theme.muted, linewidth=1.2, label="perfect")
    ax.set_xlabel(plain(f"true {data.target}"))
    ax.set_ylabel(plain(f"predicted {data.target}"))
    ax.set_box_aspect(1)
    ax.legend(frameon=False)
    return fig


# ---------------------------------------------------------------- the list, with captions


@dataclass
class FigureJob:
    name: str
    kind: str                       # "static" or "anim"
    draw: Callable
    title: str
    caption: Callable               # run -> str
    alt: Callable                   # run -> str


def _alt_data(r):
    v = r.view()
    if r.one_feature:
        return (f"A strip plot of the rows along {v.where}, one strip per class." if r.data.task == "classify"
                else f"A scatter plot of {r.data.target} against {v.where}.")
    return f"A scatter plot of the rows by {v.names[0]} and {v.names[1]}."


def _alt_answer(r, final: bool) -> str:
    if r.one_feature:
        what = ("the network's probability curves, one per class," if r.data.task == "classify"
                else "the network's fitted curve")
        return f"{what} along {r.view().where} with the rows" + ("" if final else ", changing as training goes on")
    return ("the final map of the network's answers over the plane, with the data on top" if final
            else "the network's map over the plane changes as training goes on")


FIGURES = [
    FigureJob("data", "static", draw_data, "The data", caption_data, _alt_data),
    FigureJob("training", "anim", anim_training, "Training", caption_training,
              lambda r: f"An animation: {_alt_answer(r, False)}, beside loss and score curves for train and test."),
    FigureJob("regions", "static", draw_regions, "What the network learned", caption_regions,
              lambda r: _alt_answer(r, True)[0].upper() + _alt_answer(r, True)[1:] + "."),
    FigureJob("neurons", "static", draw_neurons, "Hidden neurons", caption_neurons,
              lambda r: (f"{sum(r.settings.hidden)} small line charts, one per hidden neuron, each its output "
                         f"along {r.view().where}." if r.one_feature else
                         f"{sum(r.settings.hidden)} small maps, one per hidden neuron, each coloured from purple "
                         "to green across the plane.")),
    FigureJob("neurons-training", "anim", anim_neurons, "Hidden neurons while training",
              lambda r: caption_neurons(r, moving=True),
              lambda r: "An animation of the hidden neurons' " + ("curves" if r.one_feature else "maps")
              + " changing during training."),
    FigureJob("curves", "static", draw_curves, "Loss and score", caption_curves,
              lambda r: "Two line charts over epochs: loss, and accuracy or error, for train and test."),
    FigureJob("network", "static", draw_network, "The trained network", caption_network,
              lambda r: "A network diagram whose lines are coloured by the trained weights."),
    FigureJob("errors", "static", draw_errors, "Where it goes wrong", caption_errors,
              lambda r: "A confusion matrix of the test rows." if r.data.task == "classify"
              else "A scatter plot of predicted against true values."),
]
