"""Network diagrams: layout counts, labels that never collide, weights shown truthfully,
clear errors for bad input, and byte-identical SVG on a rebuild."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from nnviz.render.diagram_artists import DIM  # noqa: E402
from nnviz.render.diagrams import draw_graph, draw_network, draw_neuron  # noqa: E402
from nnviz.render.theme import DARK, LIGHT, use  # noqa: E402


@pytest.fixture(params=[LIGHT, DARK], ids=["light", "dark"])
def theme(request):
    with use(request.param):
        yield request.param
    plt.close("all")


@pytest.fixture
def ax(theme):
    fig, ax = plt.subplots(figsize=(7, 4))
    return ax


class TinyNet:
    """Anything with `.weights` [(W, b)], like the engine's MLP."""

    def __init__(self, sizes, seed=0):
        rng = np.random.default_rng(seed)
        self.sizes, self.activation, self.output = list(sizes), "tanh", "sigmoid"
        self.weights = [(rng.uniform(-1, 1, (a, b)), rng.uniform(-1, 1, b)) for a, b in zip(sizes, sizes[1:])]


def weights_input1(ax, theme):
    d = draw_network(ax, [5, 2, 2, 1], theme, layer_labels=True,
                     edge_labels={(1, 0, 0): "$W_{1,1}$", (1, 0, 1): "$W_{1,2}$"})
    d.highlight(nodes=[(0, 0), (1, 0), (1, 1)], edges=d.edges_from(0, 0), color=theme.accent)
    return d


CURRICULUM = {
    "one-neuron-diagram": lambda ax, th: draw_neuron(ax, th, ["$x$"], weights=["$w$"], bias="$+b$",
                                                     output="probability", note="$\\sigma(wx+b)$"),
    "logreg-graph": lambda ax, th: draw_neuron(ax, th, ["$x_1$", "$x_2$"], weights=["$w_1$", "$w_2$"],
                                               bias="$w_0$", bias_node=True, output="$P(y{=}1)$"),
    "handcrafted-graph": lambda ax, th: draw_neuron(
        ax, th, ["$x_1$", "$x_2$"], features=[("$x_1$", [0]), ("$x_1^2$", [0]), ("$\\sin x_1$", [0]),
                                              ("$x_2$", [1]), ("$\\sqrt{x_2}$", [1])],
        features_label="black box: hand-made features", weights="auto", bias="$w_0$", bias_node=True,
        output="$P(y{=}1)$"),
    "logreg-as-neuron": lambda ax, th: draw_neuron(ax, th, ["$X$"], weights=["$B_1$"], bias="$+B_0$",
                                                   output="probability"),
    "network-5-2-2-1": lambda ax, th: draw_network(ax, [5, 2, 2, 1], th, layer_labels=True),
    "weights-input1": weights_input1,
    "mlp-detectors": lambda ax, th: draw_network(
        ax, [4, 2, 1], th, show_activation=True, activation="sigmoid", labels=[None, False, False],
        layer_labels=["pixels", "detectors", "output"],
        notes={(1, 0): "left stairs", (1, 1): "right stairs", (2, 0): "stairs?"}),
    "ops-linear-1-1": lambda ax, th: draw_network(ax, [1, 1], th, style="ops"),
    "ops-linear-3-1": lambda ax, th: draw_network(ax, [3, 1], th, style="ops"),
    "ops-two-layers": lambda ax, th: draw_network(ax, [1, 1, 1], th, style="ops", layer_labels=True),
    "ops-hidden": lambda ax, th: draw_network(ax, [1, 2, 1], th, style="ops", layer_labels=True),
    "ops-mlp": lambda ax, th: draw_network(ax, [1, 2, 2, 1], th, style="ops", activation="tanh",
                                           layer_labels=True),
    "compact-mlp": lambda ax, th: draw_network(ax, [1, 2, 2, 1], th, layer_labels=True),
}


# ---- layout ------------------------------------------------------------------------------------
def test_each_layer_draws_one_node_per_unit(ax, theme):
    d = draw_network(ax, [3, 4, 2], theme)
    assert [len(d.layer_nodes(l)) for l in range(3)] == [3, 4, 2]


def test_edge_count_is_sum_of_fan_in_times_fan_out(ax, theme):
    d = draw_network(ax, [3, 4, 2], theme)
    assert len(d.edges) == 3 * 4 + 4 * 2


def test_bias_nodes_add_one_edge_per_receiving_node(ax, theme):
    d = draw_network(ax, [3, 4, 2], theme, bias=True)
    assert len(d.edges) == 3 * 4 + 4 * 2 + 4 + 2


def test_bias_nodes_are_squares_present_only_when_asked(theme):
    _, (a, b) = plt.subplots(1, 2)
    with_bias, without = draw_network(a, [2, 3, 1], theme, bias=True), draw_network(b, [2, 3, 1], theme)
    kinds = [with_bias.nodes[(l, "b")].kind for l in (0, 1)]
    assert kinds == ["square", "square"] and (2, "b") not in with_bias.nodes
    assert not any(k[1] == "b" for k in without.nodes)


def test_ops_style_draws_a_multiply_box_per_weight_and_a_sum_per_node(ax, theme):
    d = draw_network(ax, [2, 3, 1], theme, style="ops", activation="tanh")
    kinds = [n.kind for n in d.nodes.values()]
    assert (kinds.count("box") - 2, kinds.count("sum"), kinds.count("act")) == ((2 + 1) * 3 + (3 + 1), 4, 4)


def test_wide_layer_shows_first_and_last_nodes_around_an_ellipsis(ax, theme):
    d = draw_network(ax, [2, 30, 1], theme, max_nodes=9)
    shown = sorted(k[1] for k in d.layer_nodes(1))
    assert shown == [0, 1, 2, 3, 26, 27, 28, 29] and [t.get_text() for t in d.texts] == ["\u22ee"]


@pytest.mark.parametrize("name", sorted(CURRICULUM))
def test_curriculum_diagram_labels_never_overlap(ax, theme, name):
    d = CURRICULUM[name](ax, theme)
    assert (d.overlaps(), d.dropped_labels) == ([], [])


def test_every_edge_label_is_drawn_on_a_small_net(ax, theme):
    d = draw_network(ax, [2, 3, 2], theme, edge_labels=True)
    assert (d.overlaps(), d.dropped_labels) == ([], [])


# ---- weights and values ------------------------------------------------------------------------
def test_edge_colour_and_width_follow_sign_and_magnitude(ax, theme):
    W = np.array([[2.0, -0.5]])
    d = draw_network(ax, [1, 2], theme, weights=[(W, np.zeros(2))])
    strong, weak = d.edges[(1, 0, 0)].line, d.edges[(1, 0, 1)].line
    blue, red = np.array(to_rgb(theme.cmap_div(1.0))), np.array(to_rgb(theme.cmap_div(0.0)))
    near = lambda c, ref: np.linalg.norm(np.array(to_rgb(c)) - ref)  # noqa: E731
    assert near(strong.get_color(), blue) < near(strong.get_color(), red)
    assert near(weak.get_color(), red) < near(weak.get_color(), blue)
    assert strong.get_linewidth() > weak.get_linewidth()


def test_edges_are_neutral_without_weights(ax, theme):
    d = draw_network(ax, [2, 2], theme)
    assert {to_rgb(e.line.get_color()) for e in d.edges.values()} == {to_rgb(theme.roles["edge"])}


def test_network_object_supplies_its_own_weights(ax, theme):
    net = TinyNet([2, 3, 1])
    d = draw_network(ax, net, theme)
    assert len({e.line.get_linewidth() for e in d.edges.values()}) > 1


def test_node_values_set_fill_and_number(ax, theme):
    d = draw_network(ax, [2, 3, 1], theme, label_pos="outside")
    d.set_node_values(1, [-1.0, 0.0, 1.0], vmin=-1, vmax=1)
    nodes = [d.nodes[(1, i)] for i in range(3)]
    assert [n.value.get_text() for n in nodes] == ["\u22121.00", "0.00", "1.00"]
    assert to_rgb(nodes[0].patch.get_facecolor()) != to_rgb(nodes[2].patch.get_facecolor())


def test_highlight_fades_everything_else(ax, theme):
    d = draw_network(ax, [2, 2, 1], theme)
    d.highlight(layers=[1], edges=d.edges_into(1, 0))
    assert (d.nodes[(1, 0)].patch.get_alpha(), d.nodes[(0, 0)].patch.get_alpha()) == (None, DIM)


# ---- bad input -------------------------------------------------------------------------------
@pytest.mark.parametrize("sizes, where", [([2, 0, 1], "layer 1 (hidden 1)"), ([3, -2], "layer 1 (output)"),
                                          ([], "at least two layers"), ([2, 2.5, 1], "layer 1")])
def test_bad_sizes_raise_value_error_naming_the_layer(ax, theme, sizes, where):
    with pytest.raises(ValueError, match=where.replace("(", r"\(").replace(")", r"\)")):
        draw_network(ax, sizes, theme)


def test_weights_of_the_wrong_shape_name_the_layer(ax, theme):
    with pytest.raises(ValueError, match=r"layer 2 \(output\).*\(3, 1\)"):
        draw_network(ax, [2, 3, 1], theme, weights=[np.zeros((2, 3)), np.zeros((2, 1))])


def test_labels_of_the_wrong_length_name_the_layer(ax, theme):
    with pytest.raises(ValueError, match=r"layer 1 \(hidden 1\) has 2 entries, expected 3"):
        draw_network(ax, [2, 3, 1], theme, labels=[None, ["a", "b"], None])


def test_node_values_of_the_wrong_length_name_the_layer(ax, theme):
    d = draw_network(ax, [2, 3, 1], theme)
    with pytest.raises(ValueError, match=r"layer 1 \(hidden 1\) has 3 nodes"):
        d.set_node_values(1, [0.5, 0.5])


def test_edge_label_for_a_missing_edge_names_the_layer(ax, theme):
    with pytest.raises(ValueError, match=r"layer 1 \(output\)"):
        draw_network(ax, [2, 1], theme, edge_labels={(1, 5, 0): "w"})


def test_custom_graph_edge_to_unknown_node_is_refused(ax, theme):
    with pytest.raises(ValueError, match="unknown node 'z'"):
        draw_graph(ax, theme, {"a": dict(xy=(0, 0))}, [("a", "z")])


# ---- determinism ---------------------------------------------------------------------------------
def _svg(theme):
    fig, ax = plt.subplots(figsize=(7, 4))
    draw_network(ax, TinyNet([3, 4, 2]), theme, bias=True, layer_labels=True)
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "nnviz"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return buf.getvalue()


def test_same_inputs_give_identical_svg(theme):
    assert _svg(theme) == _svg(theme)


def test_vertical_ops_layout_runs_top_to_bottom_on_a_phone_width_without_overlaps(theme):
    """ops-mlp's narrow variant: every operation of a 1-2-2-1 net on a 360-px page, layers downwards."""
    fig = plt.figure(figsize=(3.6, 6.4), dpi=100)
    d = draw_network(fig.add_subplot(), [1, 2, 2, 1], theme, style="ops", activation="tanh", vertical=True)
    y = {key: node.xy[1] for key, node in d.nodes.items()}
    assert y[(0, 0)] > y[("sum", 1, 0)] > y[(1, 0)] > y[(2, 0)] > y[(3, 0)]
    assert (d.overlaps(), d.dropped_labels) == ([], [])


def test_vertical_ops_layout_refuses_layer_labels(ax, theme):
    with pytest.raises(ValueError, match="vertical"):
        draw_network(ax, [1, 2, 1], theme, style="ops", layer_labels=True, vertical=True)
