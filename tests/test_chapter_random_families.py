"""Chapter "What networks learn": the chapter declares every curriculum figure, each family
animation shows 49 different draws on fixed axes, and the regions the pictures colour are the
ones the engine's outputs give. (That every figure is built, with its files, and not blank:
test_figures_all.py.)"""
from __future__ import annotations

import hashlib

import numpy as np
import pytest
from conftest import ROOT, facts, figure_file, gif_frames, load_chapter, page_calls, run_recipe, unpublished_facts
from matplotlib.colors import to_rgb
from PIL import Image

from nnviz.engine import random_family
from nnviz.render.plots import families, surfaces
from nnviz.render.theme import LIGHT

CHAPTER, SPECS = load_chapter("random_families.py")
SPECS.update(load_chapter("random_families_diagrams.py")[1])  # the graphs live in their own script
SPECS.update(load_chapter("random_families_scale.py")[1])  # and so do saturation and unscaled inputs
PAGE = ROOT / "docs" / "random-families.md"
FAMILY_IDS = [f"random-families/{fam.name}" for fam in CHAPTER.FAMILIES]
CURRICULUM_FAMILIES = {
    "linear-1-1", "linear-2-1", "linear-1-64-1", "linear-1-16-16-1", "logistic-1-1", "logistic-2-1", "tanh-1-1",
    "tanh-1-100-1", "tanh-1-11-9-1", "tanh-2-64-1", "tanh-2-16-16-1", "relu-2-16-16-1", "classifier-1d",
    "multiclass-1d-2", "multiclass-1d-3", "multiclass-2d-2", "multiclass-2d-3",
}
DIAGRAMS = {"ops-linear-1-1", "ops-linear-3-1", "ops-two-layers", "ops-hidden", "ops-mlp", "compact-mlp"}
ONE_INPUT_TANH = [f"random-families/{fam.name}" for fam in CHAPTER.FAMILIES
                  if fam.inputs == 1 and fam.activation == "tanh"]


# ---------------------------------------------------------------- what the chapter declares


def test_the_chapter_declares_every_curriculum_figure():
    names = {spec.name for spec in SPECS.values()}
    expected = (CURRICULUM_FAMILIES | {f"{n}-grid" for n in CURRICULUM_FAMILIES} | DIAGRAMS
                | {"unscaled-inputs", "saturation"})
    assert expected <= names


def test_the_weight_range_is_a_parameter_of_every_family():
    for figure_id in FAMILY_IDS:
        params = SPECS[figure_id].params
        assert params["low"] == -1.0 and params["high"] == 1.0 and params["scaled"] is True


# ---------------------------------------------------------------- built files


@pytest.mark.parametrize("figure_id", FAMILY_IDS)
def test_each_family_animation_has_49_frames(built_figures, figure_id):
    entry = built_figures[figure_id]
    with Image.open(figure_file(entry, "gif")) as gif:
        assert gif.n_frames == 49
        assert gif.size[0] >= 640
    assert entry["frames"] == 49


@pytest.mark.parametrize("figure_id", FAMILY_IDS)
def test_every_frame_shows_a_different_draw(built_figures, figure_id):
    frames = gif_frames(figure_file(built_figures[figure_id], "gif"))
    digests = {hashlib.sha256(f.tobytes()).hexdigest() for f in frames}
    assert len(digests) == len(frames)


def test_the_page_states_the_weight_distribution(built_figures):
    stated = facts(built_figures, "random-families/tanh-1-1")["weights"]
    assert stated.startswith("uniform on [-1, 1]") and "√(3/n)" in stated


def test_every_number_on_the_page_is_published_by_a_figure(built_figures):
    assert page_calls(PAGE, "fact") and not unpublished_facts(built_figures, PAGE)


def test_the_page_shows_the_saturation_comparison_and_every_figure_it_names_exists():
    shown = {call[0] for call in page_calls(PAGE, "figure")}
    assert "random-families/saturation" in shown
    assert shown <= set(SPECS)


# ---------------------------------------------------------------- saturation and visible bends


def test_every_one_input_tanh_family_publishes_its_visible_turning_points(built_figures):
    published = {i: float(facts(built_figures, i)["bends"]) for i in ONE_INPUT_TANH}
    assert published["random-families/tanh-1-1"] == 0.0  # an S-curve never turns back
    assert published["random-families/tanh-1-100-1"] >= 1.0
    assert published["random-families/tanh-1-11-9-1"] >= 1.0


def test_scaled_weights_show_more_bends_and_fewer_flat_values_than_unscaled(built_figures):
    got = {k: float(v.rstrip("%")) for k, v in facts(built_figures, "random-families/saturation").items()
           if k.startswith(("bends_", "flat_"))}
    assert got["bends_raw_100"] < 1.0 <= got["bends_scaled_100"]
    assert got["flat_raw_100"] > 50 > 10 > got["flat_scaled_100"]
    assert got["bends_raw_11_9"] <= got["bends_scaled_11_9"]
    assert got["flat_raw_11_9"] > got["flat_scaled_11_9"]


def test_unscaled_output_sums_often_leave_the_range_where_tanh_bends(built_figures):
    got = {k: float(v.rstrip("%")) for k, v in facts(built_figures, "random-families/saturation").items()
           if k.startswith("beyond_")}
    assert got["beyond_raw_100"] > 40 > 10 > got["beyond_scaled_100"]
    assert got["beyond_raw_11_9"] >= got["beyond_scaled_11_9"]


def test_output_sums_are_what_the_output_tanh_receives():
    fam = next(f for f in CHAPTER.FAMILIES if f.name == "tanh-1-100-1")
    for scaled in (False, True):
        _, Y = CHAPTER.family_values(fam, -1.0, 1.0, 6.0, 0, scaled)
        sums = CHAPTER.output_sums(fam, -1.0, 1.0, 6.0, 0, scaled)
        assert sums.shape == Y.shape[:2]
        np.testing.assert_allclose(np.tanh(sums), Y[..., 0], atol=1e-12)


def test_the_comparison_shows_the_families_own_draws(built_figures):
    comparison = facts(built_figures, "random-families/saturation")
    assert comparison["bends_scaled_100"] == facts(built_figures, "random-families/tanh-1-100-1")["bends"]
    assert comparison["bends_scaled_11_9"] == facts(built_figures, "random-families/tanh-1-11-9-1")["bends"]


def test_scaling_multiplies_each_layer_by_root_three_over_its_inputs():
    net = random_family([1, 100, 9, 1], "tanh", n=3, seed=4, output="tanh")
    scaled = CHAPTER.scaled_by_fan_in(net)
    for (W, b), (Ws, bs), n in zip(net.weights, scaled.weights, (1, 100, 9)):
        np.testing.assert_allclose(Ws, W * np.sqrt(3 / n))
        np.testing.assert_allclose(bs, b * np.sqrt(3 / n))
    big = CHAPTER.scaled_by_fan_in(random_family([1, 400, 1], "tanh", n=200, seed=0, output="tanh"))
    assert np.var(big.weights[1][0]) == pytest.approx(1 / 400, rel=0.05)  # variance 1/n


def test_unscaled_inputs_saturate_more_than_standardised_ones(built_figures):
    published = facts(built_figures, "random-families/unscaled-inputs")
    raw, centred, std = (float(published[k].rstrip("%")) for k in ("sat_raw", "sat_centred", "sat_std"))
    assert raw > centred > std


def test_linear_families_stay_straight(built_figures):
    for name in ("linear-1-1", "linear-2-1", "linear-1-64-1", "linear-1-16-16-1"):
        assert float(facts(built_figures, f"random-families/{name}")["straightness_raw"]) < 1e-9
        assert "e-" not in facts(built_figures, f"random-families/{name}")["straightness"]  # no break at a hyphen


# ---------------------------------------------------------------- fixed axes, real values


def _limits(ax):
    lims = [ax.get_xlim(), ax.get_ylim()]
    if getattr(ax, "name", "") == "3d":
        lims.append(ax.get_zlim())
    return [tuple(map(float, lim)) for lim in lims]


@pytest.mark.parametrize("figure_id", FAMILY_IDS)
def test_axes_stay_fixed_across_a_family(figure_id):
    anim, _ = run_recipe(SPECS[figure_id])
    plot = anim.update.__self__  # the family helper the animation moves
    ax = plot.ax
    before = _limits(ax)
    for i in (0, anim.frames // 2, anim.frames - 1):
        anim.update(i)
        anim.fig.canvas.draw()
        assert _limits(ax) == before, f"{figure_id}: axes moved at frame {i}"


@pytest.mark.parametrize("figure_id", [i for i in FAMILY_IDS if "2d" not in i])
def test_every_draw_fits_inside_the_family_axes(figure_id):
    anim, _ = run_recipe(SPECS[figure_id])
    plot = anim.update.__self__
    values = plot.Z if hasattr(plot, "Z") else plot.Y
    lo, hi = plot.limits
    assert lo <= values.min() and values.max() <= hi


def test_family_values_are_the_engines_outputs():
    fam = next(f for f in CHAPTER.FAMILIES if f.name == "tanh-2-16-16-1")
    grid, Y = CHAPTER.family_values(fam, -1.0, 1.0, 6.0, 0, True)
    net = CHAPTER.scaled_by_fan_in(random_family([2, 16, 16, 1], "tanh", n=49, seed=0, low=-1.0, high=1.0,
                                                 output="tanh"))
    last = len(grid) - 1
    rows, cols = [0, 17, last // 2, last], [5, last // 3, last - 1, last]
    points = np.column_stack([grid[cols], grid[rows]])  # row i is x2 = grid[i], column j is x1 = grid[j]
    np.testing.assert_allclose(Y[:, rows, cols, :], net.forward(points), rtol=1e-12)


# ---------------------------------------------------------------- regions against the engine


@pytest.fixture(scope="module")
def three_outputs():
    """A 2-16-16-3 tanh family on a small grid, straight from the engine."""
    g = np.linspace(-6, 6, 41)
    g1, g2 = np.meshgrid(g, g)
    Y = random_family([2, 16, 16, 3], "tanh", n=5, seed=3, output="tanh").forward(np.column_stack([g1.ravel(),
                                                                                                    g2.ravel()]))
    return g, Y.reshape(5, 41, 41, 3)


def test_argmax_regions_name_the_largest_output(three_outputs):
    _, Y = three_outputs
    labels, margin = families.argmax_regions(Y)
    assert np.array_equal(labels, Y.argmax(axis=-1))
    ordered = np.sort(Y, axis=-1)
    np.testing.assert_allclose(margin, ordered[..., -1] - ordered[..., -2])


def test_region_map_colours_each_point_by_the_engines_winner(three_outputs):
    import matplotlib.pyplot as plt

    g, Y = three_outputs
    fig, ax = plt.subplots()
    try:
        regions = families.RegionFamily(ax, LIGHT, g, g, Y)
        classes = np.array([regions.colors[c] for c in range(3)])
        rng = np.random.default_rng(0)
        for i in range(len(Y)):
            rgb = regions.rgb(i)
            for r, c in rng.integers(0, len(g), size=(60, 2)):
                tint = rgb[r, c] - regions.bg  # a mix of one class colour with the background
                direction = classes - regions.bg
                cosine = direction @ tint / (np.linalg.norm(direction, axis=1) * np.linalg.norm(tint) + 1e-12)
                assert cosine.argmax() == Y[i, r, c].argmax()
    finally:
        plt.close(fig)


def test_curve_regions_follow_the_engines_outputs():
    import matplotlib.pyplot as plt

    x = np.linspace(-6, 6, 201)
    Y3 = random_family([1, 16, 16, 3], "tanh", n=4, seed=1, output="tanh").forward(x[:, None])
    Y1 = random_family([1, 11, 9, 1], "tanh", n=4, seed=1, output="tanh").forward(x[:, None])
    fig, (a, b) = plt.subplots(1, 2)
    try:
        argmax = families.CurveFamily(a, LIGHT, x, Y3, activation="tanh", regions="argmax")
        sign = families.CurveFamily(b, LIGHT, x, Y1, activation="tanh", regions="sign")
        for i in range(4):
            assert np.array_equal(argmax.categories(i), Y3[i].argmax(axis=-1))
            assert np.array_equal(sign.categories(i) == 0, Y1[i, :, 0] > 0)  # A above zero, B below
        # A cut curve colours its sides as a surface's map does: above zero like cmap_div's positive end.
        above, below = (to_rgb(c) for c in sign.region_colors)
        assert np.allclose(above, LIGHT.cmap_div(1.0)[:3], atol=0.02)
        assert np.allclose(below, LIGHT.cmap_div(0.0)[:3], atol=0.02)
        # and category A keeps that colour when several outputs name the categories (A orange, B blue, C green)
        assert [to_rgb(c) for c in argmax.region_colors] == [to_rgb(c) for c in
                                                             (LIGHT.classes[1], LIGHT.classes[0], LIGHT.classes[2])]
        assert argmax.region_colors[:2] == sign.region_colors
    finally:
        plt.close(fig)


def test_intervals_split_a_line_where_the_label_changes():
    x = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    assert families.intervals(x, [0, 0, 1, 1, 0]) == [(0.0, 1.5, 0), (1.5, 3.5, 1), (3.5, 4.0, 0)]


def test_pieces_count_connected_regions_and_the_enclosed_ones():
    ring = np.zeros((7, 7), int)
    ring[2:5, 2:5] = 1            # an island of 1 inside 0
    ring[3, 3] = 0                # with a lake of 0 inside it
    assert families.pieces(ring) == (3, 2)
    halves = np.zeros((5, 6), int)
    halves[:, 3:] = 1
    assert families.pieces(halves) == (2, 0)
    assert families.pieces(np.ones((4, 4))) == (1, 0)
    diagonal = np.eye(3, dtype=int)  # touching only at corners: 4-connected pieces are separate
    assert families.pieces(diagonal)[0] == 5
    with pytest.raises(ValueError, match="2-D"):
        families.pieces(np.zeros(5))


def test_straight_borders_cut_the_plane_in_two_and_curved_ones_often_more(built_figures):
    for figure_id in ("random-families/linear-2-1", "random-families/logistic-2-1"):
        got = facts(built_figures, figure_id)
        assert (got["pieces"], got["split"], got["islands"]) == ("2.0", "0", "0")
    for figure_id in ("random-families/tanh-2-64-1", "random-families/tanh-2-16-16-1"):
        assert int(facts(built_figures, figure_id)["split"]) > 0


def test_turning_points_count_visible_bends_only():
    x = np.linspace(0, 4 * np.pi, 801)
    assert families.turning_points(np.sin(x), tol=0.05) == 4  # two peaks, two troughs
    assert families.turning_points(x + 1e-3 * np.sin(50 * x), tol=0.05) == 0  # ripples below tol


def test_fixed_limits_cover_every_draw_of_an_unbounded_family():
    Y = np.array([[0.0, 3.0], [-7.0, 1.0]])
    lo, hi = families.value_limits(Y)
    assert lo < -7.0 and hi > 3.0
    assert families.value_limits(Y, "tanh") == pytest.approx((-1.12, 1.12))


# ---------------------------------------------------------------- surfaces: the map beside the surface


def _plane_family(n=4, m=25):
    g = np.linspace(-6, 6, m)
    net = random_family([2, 1], "identity", n=n, seed=2, output="identity")
    g1, g2 = np.meshgrid(g, g)
    Z = net.forward(np.column_stack([g1.ravel(), g2.ravel()]))[..., 0].reshape(n, m, m)
    return g, Z, net


def test_an_unbounded_familys_surface_shows_its_creases_and_a_plane_keeps_its_colours():
    """A ReLU draw is a low sheet in a box that must hold the largest draws (review A-L3): facets
    turned from the light are dimmed, so a crease shows; a plane (one facet) keeps the scale's colours."""
    import matplotlib.pyplot as plt

    g = np.linspace(-6, 6, 25)
    g1, g2 = np.meshgrid(g, g)
    fig = plt.figure()
    try:
        def colours(Z, activation=None):
            s = surfaces.SurfaceFamily(fig.add_subplot(projection="3d"), LIGHT, g, g, Z[None], activation)
            verts, drawn = s._faces(0)
            return drawn[:, :3], s.cmap(s.smooth(verts[:, :, 2].mean(axis=1)))[:, :3]
        shaded, unlit = colours(np.maximum(0.0, g1 - g2) - 0.5 * np.maximum(0.0, g2 + 1))
        assert np.abs(shaded - unlit).max() > 0.1          # some facets dimmed
        shaded, unlit = colours(0.4 * g1 - 0.3 * g2)
        assert np.allclose(shaded, unlit)                  # a plane: unchanged
        shaded, unlit = colours(np.tanh(np.maximum(0.0, g1 - g2)), "tanh")
        assert np.allclose(shaded, unlit)                  # a bounded family: unlit, as before
    finally:
        plt.close(fig)


def test_the_map_draws_its_line_where_the_engines_output_crosses_the_threshold():
    import matplotlib.pyplot as plt

    g, Z, net = _plane_family()
    fig = plt.figure()
    try:
        view = surfaces.SurfaceAndMap(fig.add_subplot(121, projection="3d"), fig.add_subplot(122), LIGHT, g, g, Z)
        for i in range(len(Z)):
            view.show(i)
            lines = [a for a in view.map.drawn if hasattr(a, "allsegs") and len(a.levels) == 1]
            (W, b), = net.weights
            if Z[i].min() < 0 < Z[i].max():
                points = np.concatenate(lines[0].allsegs[0])
                assert len(points) >= 2
                np.testing.assert_allclose(points @ W[i, :, 0] + b[i, 0], 0.0, atol=1e-9)  # on the plane's zero
            else:
                assert not lines
    finally:
        plt.close(fig)


def test_surface_and_map_share_one_banded_scale_centred_on_the_threshold():
    threshold, norm = surfaces.value_norm(np.zeros((1, 2, 2)), "sigmoid")
    assert threshold == 0.5 and norm.vmin == 0.0 and norm.vmax == 1.0
    middle = len(norm.boundaries) // 2
    assert norm.boundaries[middle] == pytest.approx(0.5)  # the cut is a band edge, not inside a band
    with pytest.raises(ValueError, match="bands"):
        surfaces.value_norm(np.zeros((1, 2, 2)), "tanh", bands=5)


def test_the_surface_may_be_coarser_than_the_map_but_keeps_the_grids_edges():
    import matplotlib.pyplot as plt

    g, Z, _ = _plane_family(m=25)
    fig = plt.figure()
    try:
        view = surfaces.SurfaceAndMap(fig.add_subplot(121, projection="3d"), fig.add_subplot(122), LIGHT, g, g, Z,
                                      step=4)
        assert view.surface.Z.shape == (len(Z), 7, 7) and view.map.Z.shape == Z.shape
        assert view.limits[0] <= Z.min() and Z.max() <= view.limits[1]
        with pytest.raises(ValueError, match="step"):
            surfaces.SurfaceAndMap(fig.add_subplot(121, projection="3d"), fig.add_subplot(122), LIGHT, g, g, Z,
                                   step=5)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("figure_id", [i for i in FAMILY_IDS if SPECS[i].name.split("/")[-1] in
                                       {f.name for f in CHAPTER.FAMILIES if f.show == "surface"}])
def test_every_surface_family_shows_its_map_and_a_colour_bar(figure_id):
    anim, _ = run_recipe(SPECS[figure_id])
    view = anim.update.__self__
    assert isinstance(view, surfaces.SurfaceAndMap)
    bars = [ax for ax in anim.fig.axes if hasattr(ax, "_colorbar")]
    assert len(bars) == 1
    lo, hi = sorted(bars[0].get_ylim())
    assert (lo, hi) == pytest.approx((view.norm.vmin, view.norm.vmax))
    for i in (0, anim.frames - 1):
        anim.update(i)
        crosses = view.Z[i].min() < view.threshold < view.Z[i].max()
        assert (len(view.map.drawn) == 2) == crosses  # the bands, and the border line wherever there is one


@pytest.mark.parametrize("name", ["multiclass-1d-3", "multiclass-2d-3"])
def test_a_three_output_classifier_still_shows_a_draw_where_every_category_wins(built_figures, name):
    entry = built_figures[f"random-families/{name}"]
    fam = next(f for f in CHAPTER.FAMILIES if f.name == name)
    spec = SPECS[f"random-families/{name}"]
    draw = entry["poster_frame"]
    assert int(entry["facts"]["poster_draw"]) == draw + 1
    p = spec.params
    _, Y = CHAPTER.family_values(fam, float(p["low"]), float(p["high"]), float(p["xmax"]), spec.seed,
                                 bool(p["scaled"]))
    labels = families.argmax_regions(Y[draw])[0]
    assert len(np.unique(labels)) == 3
