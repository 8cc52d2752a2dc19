"""The figure design system: slots, type sizes measured as the reader sees them, the colour language."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgb

from nnviz.build.context import FigureContext
from nnviz.render.measure import measure, text_sizes
from nnviz.render.theme import DARK, LIGHT, MIN_SLIDE_TEXT_PX, SLOTS, slot, use


def _figure(theme=LIGHT, slides=False, **kw):
    ctx = FigureContext(theme=theme, slides=slides)
    with use(theme):
        fig, ax = ctx.subplots(**kw)
        ax.plot([0, 1], [0, 1])
        ax.set_xlabel("x")
        fig.canvas.draw()
    return fig, ax


def test_a_column_figure_is_688_css_px_wide_and_rendered_at_twice_that():
    fig, _ = _figure(height=300)
    assert fig.canvas.get_width_height(physical=True) == (1376, 600)
    assert measure(fig, SLOTS["column"])["px_per_css"] == 2.0


def test_a_wide_figure_and_the_slide_slot():
    fig, _ = _figure(slot="wide", aspect=0.5)
    assert fig.canvas.get_width_height() == (1856, 928)
    fig, _ = _figure(slides=True, slot="column", height=100)  # slides override the recipe's slot
    assert fig.canvas.get_width_height() == (1280, 720)


def test_a_slides_clock_title_and_legend_keep_clear_of_the_frames_edges():
    """A projector may crop a slide's edges (review B-L7: the clock and legend sat 4-13 px from them):
    a slide's title and figure legend stay at least 16 image px inside the 1280 x 720 frame."""
    ctx = FigureContext(theme=LIGHT, slides=True)
    with use(LIGHT):
        fig, ax = ctx.subplots(height=300)
        (line,) = ax.plot([0, 1], [0, 1], label="a line")
        title = fig.suptitle("step 40 of 40")
        legend = fig.legend(handles=[line], loc="outside lower center")
        fig.canvas.draw()
    r = fig.canvas.get_renderer()
    for artist in (title, *legend.get_texts()):
        box = artist.get_window_extent(r)
        assert box.y0 >= 16 and box.y1 <= 720 - 16, (artist, box)


def test_legacy_figsize_is_read_as_an_aspect():
    fig, _ = _figure(figsize=(9.6, 4.8))
    assert fig.canvas.get_width_height() == (1376, 688)


def test_unknown_slot_and_missing_height_are_named():
    with pytest.raises(ValueError, match="unknown figure slot 'page'"):
        slot("page")
    with pytest.raises(ValueError, match="column"):
        SLOTS["column"].figsize()


def test_default_text_is_at_least_12_css_px_and_a_small_label_is_caught():
    fig, ax = _figure(height=300)
    assert measure(fig, SLOTS["column"])["min_text_px"] >= 12
    ax.text(0.5, 0.5, "tiny", fontsize=7)
    result = measure(fig, SLOTS["column"])
    assert result["min_text_px"] == 7 and result["smallest_text"] == "tiny"


def test_hidden_and_off_canvas_text_is_not_counted():
    fig, ax = _figure(height=300)
    ax.text(0.5, 0.5, "hidden", fontsize=5, visible=False)
    ax.text(50, 50, "far away", fontsize=5, clip_on=False)
    ax.set_xlim(0, 1), ax.set_ylim(0, 1)
    assert min(s.px for s in text_sizes(fig, 688)) >= 12


def test_slide_text_is_measured_in_slide_pixels():
    fig, _ = _figure(slides=True)
    assert measure(fig, SLOTS["slide"])["min_text_px"] >= MIN_SLIDE_TEXT_PX


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_diverging_map_is_centred_on_the_background_and_ends_in_the_class_colours(theme):
    mid = np.array(theme.cmap_div(0.5)[:3])
    assert np.abs(mid - np.array(to_rgb(theme.bg))).max() < 2 / 255
    low, high = np.array(theme.cmap_div(0.0)[:3]), np.array(theme.cmap_div(1.0)[:3])
    assert np.abs(low - np.array(to_rgb(theme.classes[0]))).max() < 2 / 255
    assert np.abs(high - np.array(to_rgb(theme.classes[1]))).max() < 2 / 255
    assert np.abs(np.array(theme.cmap_class(0.5)[:3]) - np.array(to_rgb(theme.bg))).max() < 2 / 255


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_series_colours_never_collide_with_class_colours(theme):
    for s in theme.series:
        for c in theme.classes:
            assert np.linalg.norm(_lab(s) - _lab(c)) > 20, f"{theme.name}: series {s} is too close to class {c}"


def _lab(c):
    """CIE L*a*b* (D65) of a colour, for a perceptual distance."""
    rgb = np.array(to_rgb(c))
    lin = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ lin
    xyz /= [0.95047, 1.0, 1.08883]
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_neuron_outputs_have_their_own_signed_scale_apart_from_every_class_colour(theme):
    mid = np.array(theme.cmap_out(0.5)[:3])
    assert np.abs(mid - np.array(to_rgb(theme.bg))).max() < 2 / 255
    for end in (theme.cmap_out(0.0), theme.cmap_out(1.0)):
        for c in theme.classes:
            assert np.linalg.norm(_lab(end[:3]) - _lab(c)) > 20, f"{theme.name}: output end {end} is near class {c}"


def test_a_narrower_figure_is_shown_at_its_own_width():
    fig, _ = _figure(width=480, height=420)
    assert fig.canvas.get_width_height(physical=True) == (960, 840)
    assert measure(fig, SLOTS["column"])["px_per_css"] == 2.0
    with pytest.raises(ValueError, match="width must be within"):
        SLOTS["column"].figsize(height=100, width=700)


def test_numbers_drawn_in_figures_use_a_true_minus_like_the_ticks_beside_them():
    import matplotlib.pyplot as plt
    from nnviz.render.plots.images import number_grid
    from nnviz.render.theme import LIGHT, MINUS, number

    assert number(-0.5) == MINUS + "0.50" and number(0.25, "{:+.1f}") == "+0.2"
    assert number(-1.5e-5, "{:.1e}") == MINUS + "1.5e" + MINUS + "05"
    fig, ax = plt.subplots()
    try:
        number_grid(ax, LIGHT, [[-0.5, 0.25]], x=0, y=1)
        assert {t.get_text() for t in ax.texts} >= {MINUS + "0.50", "0.25"}
        assert not any("-" in t.get_text() for t in ax.texts)
    finally:
        plt.close(fig)
