"""Drawing only what changes (nnviz.render.blit) gives the pixels of a full draw, or falls back."""
from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnviz.render.animate import Animation, render_frames


def training_like(recreate: bool = False):
    """Two axes: a moving line under static points and a title, a contour re-created or an
    image recoloured every frame, and a clock text at figure level."""
    fig = Figure(figsize=(4.8, 2.4), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    left, right = fig.subplots(1, 2)
    x = np.linspace(0, 1, 50)
    line, = left.plot(x, x)
    left.scatter([0.2, 0.5, 0.8], [0.5, 0.5, 0.5], s=60, zorder=3)  # static, above the line
    left.set_title("static title")
    yy, xx = np.mgrid[0:1:30j, 0:1:30j]
    image = right.imshow(xx, extent=(0, 1, 0, 1), origin="lower", vmin=0, vmax=2)
    right.scatter([0.3], [0.3], zorder=2)  # static, above the image
    clock = fig.suptitle("")
    state = {"contour": None}

    def update(i):
        line.set_ydata(x ** (1 + i / 4))
        image.set_data(xx + i / 10)
        if recreate:
            if state["contour"] is not None:
                state["contour"].remove()
            state["contour"] = right.contour(xx, yy, xx * yy + i / 10, levels=[0.3, 0.6])
        clock.set_text(f"step {i}")

    return Animation(fig, update, frames=14, fixed_layout=True)


def test_blitted_frames_equal_full_draws():
    for recreate in (False, True):
        blitted = render_frames(training_like(recreate))
        full = render_frames(training_like(recreate), blit=False)
        assert len(blitted) == len(full) == 14
        assert all(np.array_equal(b, f) for b, f in zip(blitted, full))


def unseen_change_animation():
    """A text changed behind matplotlib's back (no setter: nothing is marked stale), while a
    line moves through its setter so that the frames are blitted."""
    fig = Figure(figsize=(3.2, 2.0), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    note = ax.text(0.1, 0.8, "step 0", transform=ax.transAxes)
    line, = ax.plot([0, 9], [0, 9])

    def update(i):
        note._text = f"step {i}"          # not through set_text: matplotlib is not told
        line.set_xdata([0, 9 - i / 2])

    return Animation(fig, update, frames=14)


def test_a_change_matplotlib_cannot_see_is_caught_and_drawn_in_full():
    frames = render_frames(unseen_change_animation())
    full = render_frames(unseen_change_animation(), blit=False)
    assert not np.array_equal(full[3], full[4])
    assert all(np.array_equal(b, f) for b, f in zip(frames, full))  # the check at frame 12 caught it
