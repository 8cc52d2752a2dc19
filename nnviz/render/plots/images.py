"""Small grids: the 2x2 grayscale pictures of the stairs chapter, weights drawn as pictures, and
matrices of numbers (the forward pass written as [W] @ [X] + [Bias] = [Z]).

A 2x2 image is four numbers x1..x4 read row by row (x1 x2 on top, x3 x4 below), from 0 (white)
to 255 (black), as the data set defines them. Pixels are drawn as vector squares (crisp in SVG)
into the data coordinates of an axes with equal aspect, so many images share one axes:

    ax.set_aspect("equal"); ax.set_axis_off()
    images.draw_image(ax, theme, [252, 4, 155, 175], x=0, y=0, size=1)
    images.image_grid(ax, theme, X[:24], ncols=8, labels=["stairs", ...], label_colors=[...])
    images.image_inset(ax, theme, pixels, (x0, y0, w, h))  # a picture beside a curve, data units
    images.weight_image(ax, theme, W[:, j], vmax=...)       # a neuron's 4 weights on the 2x2 grid
    images.weight_row(ax, theme, W, titles, notes)          # every neuron's weights side by side
    images.number_grid(ax, theme, W.T, x, y, label="[W]")    # a bracketed matrix of numbers

The pixel colour scale is the data's own (ink on paper), the same in both themes; frames and
text take the theme's colours.
"""
from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.colors import LinearSegmentedColormap, Normalize
from matplotlib.patches import Rectangle

from ..theme import number

__all__ = ["PIXELS", "draw_image", "image_grid", "image_inset", "weight_image", "weight_row", "number_grid", "cell_colors", "value_bars", "matrix_equation"]

# 0 = white paper, 255 = black ink: the data set's definition, not a theme choice.
PIXELS = LinearSegmentedColormap.from_list("nnviz_pixels", ["#ffffff", "#000000"])


def _cells(x, y, size, shape=(2, 2)):
    """Lower-left corners of the cells of a (rows, cols) picture whose top-left corner is (x, y + size)."""
    rows, cols = shape
    step = size / max(rows, cols)
    return [(x + c * step, y + (rows - 1 - r) * step) for r in range(rows) for c in range(cols)], step


def draw_image(ax, theme, pixels, x=0.0, y=0.0, size=1.0, *, values=False, frame_color=None,
               frame_width=1.0, fontsize=12):
    """One 2x2 picture with its lower-left corner at (x, y) and side `size` (data units).

    `values` writes each pixel's number on it. Returns the PatchCollection of the pixels.
    """
    pixels = np.asarray(pixels, dtype=float).ravel()
    corners, step = _cells(x, y, size, (2, 2) if pixels.size == 4 else (1, pixels.size))
    norm = Normalize(0.0, 255.0)
    cells = PatchCollection([Rectangle(c, step, step) for c in corners], cmap=PIXELS, norm=norm,
                            edgecolor=theme.grid, linewidth=0.6, zorder=2)
    cells.set_array(pixels)
    ax.add_collection(cells)
    ax.add_patch(Rectangle((x, y), size, size, fill=False, edgecolor=frame_color or theme.muted,
                           linewidth=frame_width, zorder=3))
    if values:
        for (cx, cy), v in zip(corners, pixels):
            ink = "#ffffff" if v > 120 else "#000000"  # readable on the pixel's own grey
            ax.text(cx + step / 2, cy + step / 2, f"{v:.0f}", ha="center", va="center", color=ink,
                    fontsize=fontsize, zorder=4)
    return cells


def image_grid(ax, theme, images, ncols=8, *, labels=None, label_colors=None, gap=0.35,
               label_gap=0.32, fontsize=12, frame_colors=None, values=False):
    """Many 2x2 pictures in rows of `ncols` on one axes, each with an optional line of text below.

    Sets the axes to equal aspect, hides its frame and fits the limits; returns the (x, y) of
    every picture's lower-left corner.
    """
    if len(images) == 0:
        raise ValueError("image_grid needs at least one picture in images, got none")
    images = np.asarray(images, dtype=float).reshape(len(images), -1)
    pitch_x = 1.0 + gap
    pitch_y = 1.0 + gap + (label_gap if labels is not None else 0.0)
    corners = []
    for k, pixels in enumerate(images):
        r, c = divmod(k, ncols)
        x, y = c * pitch_x, -r * pitch_y
        corners.append((x, y))
        frame = frame_colors[k] if frame_colors is not None else None
        draw_image(ax, theme, pixels, x, y, values=values, frame_color=frame,
                   frame_width=2.0 if frame else 1.0)
        if labels is not None:
            color = label_colors[k] if label_colors is not None else theme.fg
            ax.text(x + 0.5, y - 0.08, labels[k], ha="center", va="top", fontsize=fontsize, color=color)
    rows = -(-len(images) // ncols)
    ax.set_xlim(-0.1, (min(ncols, len(images)) - 1) * pitch_x + 1.1)
    ax.set_ylim(-(rows - 1) * pitch_y - (label_gap + 0.15 if labels is not None else 0.1), 1.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return corners


def image_inset(ax, theme, pixels, bounds, *, values=False, frame_color=None, anchor="C"):
    """A picture in a small axes filling `bounds` = (x0, y0, width, height) in data units of `ax`.

    Useful beside a curve whose axes do not have equal aspect: the picture stays square and is
    drawn as large as fits in the box, placed by `anchor`. Returns the inset axes.
    """
    inset = ax.inset_axes(list(bounds), transform=ax.transData)
    inset.set_aspect("equal", anchor=anchor)
    inset.set_axis_off()
    draw_image(inset, theme, pixels, values=values, frame_color=frame_color,
               frame_width=2.0 if frame_color else 1.0, fontsize=12)
    inset.set_xlim(-0.03, 1.03)
    inset.set_ylim(-0.03, 1.03)
    return inset


def weight_image(ax, theme, weights, x=0.0, y=0.0, size=1.0, *, vmax=None, values=True, fontsize=12,
                 fmt="{:+.1f}", names=False):
    """A neuron's four input weights on the 2x2 pixel grid, coloured by sign and size.

    On theme.cmap_div: orange (positive) where darkening that pixel raises the neuron's input,
    blue (negative) where it lowers it, the background colour for a zero weight; each number in
    the ink that reads on its cell. `names` writes x1..x4 in each cell's corner.
    Returns the PatchCollection.
    """
    w = np.asarray(weights, dtype=float).ravel()
    vmax = float(vmax or np.abs(w).max() or 1.0)
    corners, step = _cells(x, y, size)
    cells = PatchCollection([Rectangle(c, step, step) for c in corners], cmap=theme.cmap_div,
                            norm=Normalize(-vmax, vmax), edgecolor=theme.grid, linewidth=0.6, zorder=2)
    cells.set_array(w)
    ax.add_collection(cells)
    ax.add_patch(Rectangle((x, y), size, size, fill=False, edgecolor=theme.muted, linewidth=1.0, zorder=3))
    _, inks = cell_colors([w], theme.cmap_div, -vmax, vmax)  # dark or light ink, whichever reads on the fill
    for k, ((cx, cy), v, ink) in enumerate(zip(corners, w, inks[0])):
        if values:
            text = "0" if v == 0 else number(v, fmt)
            ax.text(cx + step / 2, cy + step / 2, text, ha="center", va="center", color=ink,
                    fontsize=fontsize, zorder=4)
        if names:
            ax.text(cx + 0.06 * step, cy + 0.94 * step, f"$x_{k + 1}$", ha="left", va="top", color=ink,
                    alpha=0.75, fontsize=fontsize, zorder=4)
    return cells


def weight_row(ax, theme, weights, titles, notes, *, spacing=1.6, pad=0.15, ylim=(-0.55, 1.3), fontsize=12,
               fmt="{:+.1f}", vmax=None):
    """Several neurons' input weights side by side: column j of `weights` (4, n) as a weight
    picture at x = j * spacing on one colour scale (full colour at |weight| = `vmax`, default the
    row's largest; pass one value to compare several rows), `titles[j]` above it and `notes[j]`
    (muted) below. Fits the axes around the row (`pad` left and right) and hides them."""
    weights = np.asarray(weights, dtype=float)
    vmax = float(np.abs(weights).max()) if vmax is None else float(vmax)
    for j, (title, note) in enumerate(zip(titles, notes)):
        x0 = spacing * j
        weight_image(ax, theme, weights[:, j], x=x0, y=0, vmax=vmax, fontsize=fontsize, fmt=fmt, names=True)
        ax.text(x0 + 0.5, 1.08, title, ha="center", va="bottom", fontsize=12, color=theme.fg)
        ax.text(x0 + 0.5, -0.08, note, ha="center", va="top", fontsize=12, color=theme.muted)
    ax.set_xlim(-pad, spacing * (weights.shape[1] - 1) + 1 + pad)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()


def number_grid(ax, theme, values, x, y, *, cell=(1.0, 0.5), fmt="{:.2f}", facecolors=None, label=None,
                fontsize=12, text_colors=None):
    """A matrix of numbers in square brackets, top-left corner at (x, y) in data units.

    `facecolors` (same shape as `values`, or None) fills the cells, e.g. weights by the colour of
    their edge in a diagram; `label` is written under the brackets. Returns the (x0, y0, x1, y1)
    box the matrix occupies, so the next symbol can be placed after it.
    """
    values = np.atleast_2d(np.asarray(values, dtype=float))
    rows, cols = values.shape
    cw, ch = cell
    for r in range(rows):
        for c in range(cols):
            cx, cy = x + c * cw, y - (r + 1) * ch
            if facecolors is not None:
                ax.add_patch(Rectangle((cx + 0.04 * cw, cy + 0.06 * ch), 0.92 * cw, 0.88 * ch,
                                       facecolor=facecolors[r][c], edgecolor="none", zorder=1))
            color = text_colors[r][c] if text_colors is not None else theme.fg
            ax.text(cx + cw / 2, cy + ch / 2, number(values[r, c], fmt), ha="center", va="center",
                    fontsize=fontsize, color=color, zorder=2)
    x1, y0 = x + cols * cw, y - rows * ch
    tick = 0.18 * cw if cols > 1 else 0.25 * cw
    for edge, sign in ((x, 1), (x1, -1)):  # the two square brackets
        ax.plot([edge + sign * tick, edge, edge, edge + sign * tick], [y, y, y0, y0], color=theme.fg,
                linewidth=1.3, solid_capstyle="butt", zorder=2)
    if label:
        ax.text((x + x1) / 2, y0 - 0.12, label, ha="center", va="top", fontsize=fontsize, color=theme.muted)
    return x, y0, x1, y


def cell_colors(values, cmap, vmin, vmax):
    """Fill colours of `values` (2-D) under `cmap` and, for each, a readable ink (dark or light) for its number."""
    cmap = mpl.colormaps[cmap] if isinstance(cmap, str) else cmap
    values = np.atleast_2d(np.asarray(values, dtype=float))
    faces = [[cmap(float(np.clip((v - vmin) / ((vmax - vmin) or 1.0), 0, 1))) for v in row] for row in values]
    inks = [["#111111" if np.dot(f[:3], (0.299, 0.587, 0.114)) > 0.55 else "#f5f5f5" for f in row] for row in faces]
    return faces, inks


def value_bars(ax, theme, values, x, y, width=1.0, height=1.0, colors=None, gap=0.12):
    """Vertical bars for `values` in [0, 1] (e.g. class probabilities) inside the box
    [x, x + width] x [y, y + height], on a thin baseline. Bar k takes `colors[k]`
    (default: theme.classes[k]). Returns the bar patches."""
    values = np.asarray(values, dtype=float).ravel()
    n = values.size
    if n == 0:
        raise ValueError("value_bars needs at least one value in values, got none")
    slot = width / n
    bars = []
    for k, v in enumerate(values):
        color = colors[k] if colors is not None else theme.classes[k]
        bars.append(ax.add_patch(Rectangle((x + k * slot + gap * slot / 2, y), slot * (1 - gap), height * v,
                                           facecolor=color, edgecolor="none", zorder=2)))
    ax.plot([x - 0.04 * width, x + 1.04 * width], [y, y], color=theme.muted, linewidth=0.8, zorder=3)
    return bars


def matrix_equation(ax, theme, terms, *, gap=0.35, cell=(0.8, 0.5), fontsize=12):
    """A row of matrices and symbols, each centred on y = 0, left to right from x = 0.

    A term is a dict of `number_grid` arguments (`values` required; `cell` defaults to `cell`)
    or a string: an operator such as "@", "+", "=", or "->name" for an arrow labelled `name`.
    Sets the axes to equal aspect, hides its frame and fits the limits. Returns the boxes of
    the matrices, in order.
    """
    x, boxes, low, high = 0.0, [], 0.0, 0.0
    for term in terms:
        if isinstance(term, str) and term.startswith("->"):
            ax.annotate("", (x + 1.1, 0.0), (x, 0.0), arrowprops=dict(arrowstyle="-|>", color=theme.fg, lw=1.3))
            ax.text(x + 0.55, 0.12, term[2:], ha="center", va="bottom", fontsize=fontsize, color=theme.fg)
            x += 1.1 + gap
        elif isinstance(term, str):
            ax.text(x + gap / 2, 0.0, term, ha="center", va="center", fontsize=fontsize + 4, color=theme.fg)
            x += gap * 2
        else:
            spec = {"cell": cell, "fontsize": fontsize, **term}
            values = np.atleast_2d(np.asarray(spec.pop("values"), dtype=float))
            top = values.shape[0] * spec["cell"][1] / 2
            box = number_grid(ax, theme, values, x, top, **spec)
            boxes.append(box)
            low, high = min(low, box[1]), max(high, box[3])
            x = box[2] + gap
    ax.set_xlim(-0.2, x - gap + 0.2)
    ax.set_ylim(low - 0.7, high + 0.15)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return boxes
