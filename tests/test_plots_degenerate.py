"""Every plot helper on degenerate data: constant, single-class, all-equal (issue 16).

Data that is flat is drawn (a flat picture, not an error, not a matplotlib warning); an axis
with fewer than two distinct values gets a ValueError naming the parameter. Warnings are
errors here: "Attempting to set identical low and high xlims" means a degenerate picture.
"""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnviz.render import diagrams
from nnviz.render.plots import backdrop, curves, descent, families, fields, images, surfaces
from nnviz.render.theme import DARK, LIGHT

pytestmark = pytest.mark.filterwarnings("error")

G = np.linspace(-1, 1, 9)


def axes(projection=None):
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot(projection=projection)


def drawn(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())


# ---------------------------------------------------------------- descent


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("filled", [True, False])
@pytest.mark.parametrize("log", [True, False])
@pytest.mark.parametrize("value", [0.25, 0.0, -3.0, 1e6])
def test_cost_contours_of_a_constant_cost_is_a_plain_plane(value, log, filled, theme):
    fig, ax = axes()
    lines = descent.cost_contours(ax, theme, G, G, np.full((9, 9), value), log=log, filled=filled,
                                  label_levels=True)
    assert sum(len(seg) for segs in lines.allsegs for seg in segs) == 0  # a flat cost has no contour line
    pixels = drawn(fig)
    inside = pixels[100:200, 100:250, :3].reshape(-1, 3)
    assert len(np.unique(inside, axis=0)) == 1  # one even colour over the plane


def test_cost_contours_of_a_cost_flat_to_rounding_is_a_plain_plane():
    fig, ax = axes()
    cost = 0.25 + 1e-17 * np.arange(81).reshape(9, 9)
    assert sum(len(seg) for segs in descent.cost_contours(ax, LIGHT, G, G, cost).allsegs for seg in segs) == 0
    drawn(fig)


def test_cost_contours_still_draws_a_bowl():
    fig, ax = axes()
    b, w = np.meshgrid(G, G)
    lines = descent.cost_contours(ax, LIGHT, G, G, b ** 2 + w ** 2, levels=6, label_levels=True)
    assert len(lines.levels) == 6 and np.all(np.diff(lines.levels) > 0)
    assert sum(sum(len(seg) for seg in segs) > 0 for segs in lines.allsegs) >= 5  # the top level is the peak
    drawn(fig)


@pytest.mark.parametrize("value", [0.0, 2.0, -5.0])
def test_cost_curve_of_a_constant_cost_sits_inside_its_axes(value):
    fig, ax = axes()
    descent.cost_curve(ax, LIGHT, G, np.full(9, value), minima=[0.0, 0.5], legend=True)
    lo, hi = ax.get_ylim()
    assert lo < value < hi and hi - lo > 0.2
    descent.ball_trace(ax, LIGHT, np.zeros(4), lambda w: np.full_like(w, value)).update(3)
    drawn(fig)


def test_a_path_of_one_point_and_a_zero_gradient_draw():
    path = descent.descend(lambda t: np.zeros(2), [0.5, 0.5], lr=0.1, steps=5)
    assert np.all(path == 0.5)
    fig, ax = axes()
    descent.path_trace(ax, LIGHT, path[:1]).update(4)
    drawn(fig)


# ---------------------------------------------------------------- fields


@pytest.mark.parametrize("X, square", [
    (np.ones((5, 2)), True),                           # all equal
    (np.array([[2.0, 3.0]]), True),                    # one point
    (np.column_stack([G, np.zeros(9)]), True),         # on a horizontal line: as tall as wide
    (np.column_stack([np.full(9, 4.0), 10 * G]), True),  # on a vertical line
])
def test_plane_grid_around_points_that_do_not_spread(X, square):
    grid = fields.plane_grid(X, n=20)
    x0, x1, y0, y1 = grid.extent
    assert x1 - x0 > 0 and y1 - y0 > 0
    assert np.all((X[:, 0] > x0) & (X[:, 0] < x1) & (X[:, 1] > y0) & (X[:, 1] < y1))
    if square:
        assert np.isclose(x1 - x0, y1 - y0)
    fig, ax = axes()
    field = fields.decision_map(ax, LIGHT, lambda P: np.full(len(P), 0.5), X, np.zeros(len(X)), grid=grid)
    assert field.contour is None  # p = 0.5 everywhere: no boundary inside the plane
    drawn(fig)


@pytest.mark.parametrize("X", [np.zeros((0, 2)), np.zeros((3, 3)), np.array([[0.0, np.nan]])])
def test_plane_grid_rejects_points_it_cannot_cover(X):
    with pytest.raises(ValueError, match="X must be"):
        fields.plane_grid(X)


@pytest.mark.parametrize("p", [0.0, 0.5, 1.0])
def test_fields_of_a_constant_probability_and_one_class(p):
    X = np.random.default_rng(0).normal(size=(9, 2))
    grid = fields.plane_grid(X, n=20)
    fig = Figure(figsize=(6, 3))
    FigureCanvasAgg(fig)
    ax1, ax2, ax3, ax4 = fig.subplots(1, 4)
    field = fields.field_panel(ax1, LIGHT, grid, np.full(len(grid.points), p), X, np.ones(9))
    assert field.contour is None
    fields.data_plane(ax2, LIGHT, X, np.zeros(9))
    fields.mark_errors(ax2, LIGHT, X, np.zeros(9, bool))
    fields.neuron_maps([ax3, ax4], LIGHT, grid, np.full((len(grid.points), 2), p))
    drawn(fig)


# ---------------------------------------------------------------- curves


def test_curves_of_one_class_and_constant_values():
    fig, ax = axes()
    curves.category_points(ax, LIGHT, np.zeros(9), np.zeros(9))
    curves.class_histograms(ax, LIGHT, np.zeros(9), np.ones(9))
    view = curves.probability_curve(ax, LIGHT, G, np.ones(9))
    for p in (0.0, 0.5, 1.0):
        view.update(np.full(len(view.grid), p), "flat")
        assert np.isnan(view.boundary.get_xdata()).all()  # no boundary to draw
    drawn(fig)


@pytest.mark.parametrize("values, epochs, log", [
    (np.full(5, 0.3), None, False), ([0.3], None, False), ([0.3], None, True), (np.zeros(3), [0, 1, 2], True),
])
def test_training_curve_of_constant_or_single_values(values, epochs, log):
    fig, ax = axes()
    curves.training_curve(ax, LIGHT, values, epochs=epochs, log_epochs=log).update(5)
    lo, hi = ax.get_ylim()
    assert lo < float(np.asarray(values)[0]) < hi
    drawn(fig)


# ---------------------------------------------------------------- families and surfaces


@pytest.mark.parametrize("Y, regions", [(np.zeros((3, 9)), "sign"), (np.ones((3, 9, 3)), "argmax"),
                                        (np.full((1, 9), 3.0), None)])
def test_curve_family_of_constant_draws(Y, regions):
    fig, ax = axes()
    family = families.CurveFamily(ax, LIGHT, G, Y, regions=regions, ghosts=True)
    family.show(len(Y) - 1)
    lo, hi = ax.get_ylim()
    assert lo < float(Y.min()) <= float(Y.max()) < hi
    backdrop.freeze_static(fig, family)
    drawn(fig)


@pytest.mark.parametrize("winner", [None, 1])
def test_region_family_with_tied_or_single_winner(winner):
    Y = np.zeros((2, 9, 9, 3))
    if winner is not None:
        Y[..., winner] = 1.0
    fig, ax = axes()
    regions = families.RegionFamily(ax, LIGHT, G, G, Y)
    regions.show(1)
    assert regions.borders == []  # one region everywhere: no border
    drawn(fig)


@pytest.mark.parametrize("value, activation", [(0.0, None), (0.3, "tanh"), (0.5, "sigmoid"), (7.0, None)])
def test_surface_and_map_of_a_flat_surface(value, activation):
    fig, ax = axes("3d")
    view = surfaces.SurfaceAndMap(ax, fig.add_subplot(2, 1, 2), LIGHT, G, G, np.full((2, 9, 9), value),
                                  activation=activation)
    view.show(1)
    lo, hi = ax.get_zlim()
    assert lo < value < hi
    assert len(view.map.drawn) == 1  # the map's fill, no threshold line
    drawn(fig)


@pytest.mark.parametrize("make, name, projection", [
    (lambda ax: families.CurveFamily(ax, LIGHT, [0.0], np.zeros((2, 1))), "x", None),
    (lambda ax: families.RegionFamily(ax, LIGHT, [0.0], G, np.zeros((2, 9, 1, 2))), "x1", None),
    (lambda ax: families.RegionFamily(ax, LIGHT, G, np.zeros(9), np.zeros((2, 9, 9, 2))), "x2", None),
    (lambda ax: surfaces.SurfaceFamily(ax, LIGHT, G, [1.0], np.zeros((2, 1, 9))), "x2", "3d"),
    (lambda ax: descent.cost_curve(ax, LIGHT, np.zeros(3), np.arange(3.0)), "w", None),
    (lambda ax: curves.probability_curve(ax, LIGHT, G, np.zeros(9), xlim=(1, 1)), "xlim", None),
])
def test_an_axis_without_a_range_is_an_error_naming_it(make, name, projection):
    fig, ax = axes(projection)
    with pytest.raises(ValueError, match=rf"^{name} must hold at least two different"):
        make(ax)


# ---------------------------------------------------------------- images and diagrams


def test_images_of_constant_and_zero_values():
    fig, ax = axes()
    images.draw_image(ax, LIGHT, [0, 0, 0, 0], values=True)
    images.weight_row(ax, LIGHT, np.zeros((4, 2)), ["a", "b"], ["c", "d"])
    faces, inks = images.cell_colors(np.ones((2, 2)), LIGHT.cmap_seq, 1.0, 1.0)
    assert len({tuple(f) for row in faces for f in row}) == 1
    images.matrix_equation(ax, LIGHT, [{"values": np.zeros((2, 2)), "facecolors": faces, "text_colors": inks}])
    images.value_bars(ax, LIGHT, [0, 0], 0, 0)
    images.image_grid(ax, LIGHT, [[255] * 4], labels=["ink"])
    drawn(fig)


@pytest.mark.parametrize("call, name", [
    (lambda ax: images.value_bars(ax, LIGHT, [], 0, 0), "values"),
    (lambda ax: images.image_grid(ax, LIGHT, np.zeros((0, 4))), "images"),
])
def test_an_empty_picture_list_is_an_error_naming_it(call, name):
    fig, ax = axes()
    with pytest.raises(ValueError, match=name):
        call(ax)


def test_diagram_with_equal_node_values_and_zero_weights():
    fig, ax = axes()
    diagram = diagrams.draw_network(ax, [2, 3, 1], LIGHT)
    diagram.set_node_values(1, np.full(3, 0.4))
    faces = {tuple(diagram.nodes[(1, i)].patch.get_facecolor()) for i in range(3)}
    assert len(faces) == 1  # equal values, equal colours
    diagram.set_edge_weights([(np.zeros((2, 3)), np.zeros(3)), (np.zeros((3, 1)), np.zeros(1))])
    widths = {e.line.get_linewidth() for e in diagram.edges.values() if e.weight_key}
    assert len(widths) == 1
    diagrams.draw_neuron(ax, LIGHT, ["x1", "x2"], weights=[0, 0], bias=0)
    drawn(fig)


@pytest.mark.parametrize("draw", [
    lambda ax: diagrams.draw_network(ax, [1, 1], LIGHT),
    lambda ax: diagrams.draw_network(ax, [1, 1], LIGHT, style="ops"),
    lambda ax: diagrams.draw_network(ax, [2, 2, 1], LIGHT, weights=[(np.ones((2, 2)), np.ones(2)),
                                                                     (np.ones((2, 1)), np.ones(1))]),
    lambda ax: diagrams.draw_network(ax, [2, 1], LIGHT, style="ops", weights=[(np.zeros((2, 1)), np.zeros(1))]),
    lambda ax: diagrams.draw_neuron(ax, LIGHT, ["x"], weights=[0.0], bias=0.0, output=0.5),
    lambda ax: diagrams.draw_graph(ax, LIGHT, {"a": dict(xy=(0, 0), label="a")}, []),
], ids=["1-1", "1-1 ops", "equal weights", "zero weights ops", "one input", "one node"])
def test_smallest_and_uniform_diagrams_draw(draw):
    fig, ax = axes()
    draw(ax)
    drawn(fig)


def test_a_graph_without_nodes_is_an_error_naming_them():
    fig, ax = axes()
    with pytest.raises(ValueError, match="at least one node in nodes"):
        diagrams.draw_graph(ax, LIGHT, {}, [])
