"""Network diagrams drawn with matplotlib alone: a closed-form layered layout, both themes.

Each function draws into an existing `ax` with a `Theme` and returns a `Diagram` whose artists an
animation restyles frame by frame (node fills and numbers, edge colours, highlights) without drawing
anew. `draw_network` styles: "compact" (circles and lines; real weights colour edges blue > 0 / red
< 0, width |w|) and "ops" (bias node x0 = 1, a "x w_ij" box per edge, a sum box and an activation
glyph per node). `draw_neuron`: one neuron and its inputs; `draw_graph`: any hand-placed graph.

Curriculum diagrams (7x4 in figure unless noted; `theme` = `ctx.theme`)::

    draw_neuron(ax, theme, ["$x$"], weights=["$w$"], bias="$+b$", output="probability",
                note="$\\sigma(wx+b)$")                                  # one-neuron-diagram
    draw_neuron(ax, theme, ["$x_1$", "$x_2$"], weights=["$w_1$", "$w_2$"], bias="$w_0$",
                bias_node=True, output="$P(y{=}1)$")                      # logreg-graph
    draw_neuron(ax, theme, ["$x_1$", "$x_2$"], features=[("$x_1$", [0]), ("$x_1^2$", [0]),
                ("$\\sin x_1$", [0]), ("$x_2$", [1]), ("$\\sqrt{x_2}$", [1])], weights="auto",
                features_label="black box: hand-made features", bias="$w_0$", bias_node=True,
                output="$P(y{=}1)$")                                      # handcrafted-graph
    draw_neuron(ax, theme, ["$X$"], weights=["$B_1$"], bias="$+B_0$", output="probability")  # logreg-as-neuron
    draw_network(ax, [5, 2, 2, 1], theme, layer_labels=True)              # network-5-2-2-1
    d = draw_network(ax, [5, 2, 2, 1], theme, layer_labels=True,          # weights-input1
                     edge_labels={(1, 0, 0): "$W_{1,1}$", (1, 0, 1): "$W_{1,2}$"})
    d.highlight(nodes=[(0, 0), (1, 0), (1, 1)], edges=d.edges_from(0, 0), color=theme.accent)
    draw_network(ax, [4, 2, 1], theme, show_activation=True, activation="sigmoid",
                 labels=[None, False, False], layer_labels=["pixels", "detectors", "output"],
                 notes={(1, 0): "left stairs", (1, 1): "right stairs", (2, 0): "stairs?"})  # mlp-detectors
    draw_network(ax, [1, 1], theme, style="ops")                          # ops-linear-1-1
    draw_network(ax, [3, 1], theme, style="ops")                          # ops-linear-3-1
    draw_network(ax, [1, 1, 1], theme, style="ops", layer_labels=True)    # ops-two-layers
    draw_network(ax, [1, 2, 1], theme, style="ops", layer_labels=True)    # ops-hidden
    draw_network(ax, [1, 2, 2, 1], theme, style="ops", activation="tanh",
                 layer_labels=True)                                       # ops-mlp (9x4.5 in)
    draw_network(ax, [1, 2, 2, 1], theme, layer_labels=True)              # compact-mlp

Animating: `d = draw_network(ax, net, theme, label_pos="outside")`, then per frame
`d.set_node_values(l, acts[l], vmin=-1, vmax=1)`, `d.set_edge_weights(params)`, `d.highlight(layers=[l])`,
`d.clear_values()`, `d.reset_highlight()`. After changing the figure's size or layout: `d.relayout()`.
The `Diagram` and its artists are in nnviz.render.diagram_artists.
"""
from __future__ import annotations

from . import diagram_layout as lay
from .diagram_artists import Diagram, Edge, Node  # noqa: F401  (Edge, Node: their old home)


# ---- public entry points ---------------------------------------------------------------------------
def draw_network(ax, net_or_sizes, theme, style="compact", *, weights=None, bias=None, labels=None,
                 layer_labels=None, edge_labels=None, notes=None, activation=None, show_activation=False,
                 label_pos="inside", max_nodes=10, spacing=None, fontsize=None, vertical=False):
    """Draw a layered network from layer sizes or an object with `.weights` [(W, b)].

    style "compact" or "ops" (bias on unless bias=False). weights [(W (n_in, n_out), b)] colour edges.
    labels: per layer None (defaults), False or one string per node. layer_labels: True or one per
    layer (per block in "ops"). edge_labels: True, "auto" (if <= 12 edges) or {(l, i, j): text}.
    notes {(l, i): text} beside nodes. activation: a name or one per layer after the input (default:
    the net's .activation / .output). label_pos="outside" keeps names beside nodes showing values.
    Layers over `max_nodes` show their ends around a "⋮". vertical (style "ops" only, without
    layer_labels): the layers run from top to bottom, for a narrow page (diagram_layout.top_to_bottom)."""
    if style not in ("compact", "ops"):
        raise ValueError(f"style must be 'compact' or 'ops', got {style!r}")
    sizes, params, hidden_act, output_act = lay.network_spec(net_or_sizes, weights)
    acts = lay.activations(activation, len(sizes), hidden_act, output_act)
    d = Diagram(ax, theme, fontsize, sizes, style)
    if spacing is None:  # spread compact layers to the axes' aspect
        box, fig = ax.get_position(original=True), ax.figure
        aspect = box.width * fig.get_figwidth() / (box.height * fig.get_figheight())
        spacing = lay.compact_spacing(sizes, aspect, bias, max_nodes)
    if style == "compact":
        nodes, edges, texts = lay.compact_specs(
            sizes, acts, bias=bool(bias), labels=labels, layer_labels=layer_labels, edge_labels=edge_labels,
            notes=notes, show_activation=show_activation, max_nodes=max(3, int(max_nodes)),
            dx=spacing[0], dy=spacing[1], label_pos=label_pos)
    else:
        nodes, edges, texts = lay.ops_specs(sizes, acts, bias=bias is not False, labels=labels,
                                            layer_labels=layer_labels, dy=spacing[1], vertical=vertical)
    for spec in nodes:
        d.add_node(**spec)
    for spec in edges:
        d.add_edge(**spec)
    for spec in texts:
        d.add_text(spec.pop("xy"), spec.pop("text"), **spec)
    if params is not None:
        d.set_edge_weights(params)
    return d.relayout()


def draw_graph(ax, theme, nodes, edges, groups=(), fontsize=None):
    """Draw a hand-placed graph. nodes {name: dict(xy=(x, y), kind="circle"|"square"|"box"|"sum"|
    "act"|"neuron"|"text", role="input"|"hidden"|"output"|"bias"|"op", label=, activation=, note=,
    note_side=, half=)} (`diagram_layout.place_columns` gives columns). edges: (src, dst), (src, dst,
    label) or (src, dst, dict(label=, arrow=, color=, width=, linestyle=)). groups: dict(members=,
    label=), a dashed box around the members. Raises ValueError for a graph without nodes."""
    if not nodes:
        raise ValueError("draw_graph needs at least one node in nodes, got none")
    d = Diagram(ax, theme, fontsize)
    for key, spec in nodes.items():
        d.add_node(key, **spec)
    for src, dst, *rest in edges:
        opts = (rest[0] if isinstance(rest[0], dict) else {"label": rest[0]}) if rest else {}
        d.add_edge((src, dst), src, dst, **opts)
    for g in groups:
        d.add_group(**g)
    return d.relayout()


def draw_neuron(ax, theme, inputs, weights=None, bias=None, activation="sigmoid", output=None, *,
                bias_node=False, features=None, features_label=None, note=None, dx=2.4, fontsize=13):
    """One neuron drawn as "sum | activation glyph": inputs (optionally through a dashed box of
    hand-made `features` [(label, [input indices used])]) in, an arrow to `output` out. `bias` is
    written inside the neuron, or labels the edge from a "1" node with `bias_node`. weights: one
    label per incoming edge, or "auto". Node keys: "in0".., "f0".., "bias", "neuron", "out".
    """
    nodes, edges, groups = lay.neuron_specs(inputs, weights, bias, activation, output, bias_node,
                                            features, features_label, note, dx)
    return draw_graph(ax, theme, nodes, edges, groups, fontsize)
