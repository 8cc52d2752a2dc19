"""Forward propagation and learning: how a network computes its answer, and how it learns from its error.

What the reader sees:
- network-5-2-2-1: a net with 5 inputs, two hidden layers of 2 neurons and one output, coloured by role;
- logreg-as-neuron: logistic regression with one feature is a single neuron (B1 on the edge, B0 and
  the sigmoid inside the node);
- weights-input1: the two connections leaving input 1, labelled W1,1 and W1,2;
- matrix-forward: one layer's forward pass as [W] @ [X] + [Bias] = [Z] with the real numbers of one
  example, beside the diagram they belong to;
- forward-pass: the same example flowing through the net, each layer lighting up with its activations;
- backprop-errors: the backward pass on the diagram: each neuron's error (its share of the blame)
  from the engine's own chain rule, then the weight changes they call for.

How gradient descent walks down a cost surface is drawn by learning_cost_surface.py.
"""
from __future__ import annotations

import numpy as np

from nnviz.build import figure
from nnviz.engine import MLP
from nnviz.render import Animation, diagrams
from nnviz.render.plots import descent, images

# ------------------------------------------------------------------------- the chapter's example net

SIZES = [5, 2, 2, 1]
SAMPLE = np.array([[0.9, 0.1, 0.6, 0.3, 0.8]])  # one example with five inputs
TARGET = np.array([1.0])                          # ... whose right answer is 1
NET_SEED = 5
BACKPROP_LR = 2.0                                 # the step size of the one update the animation shows


def example_net():
    """The 5-2-2-1 sigmoid net of the chapter: weights uniform in [-2, 2], biases in [-1, 1], seeded."""
    net = MLP(SIZES, activation="sigmoid", output="sigmoid")
    rng = np.random.default_rng(NET_SEED)
    net.set_weights([(rng.uniform(-2, 2, (m, n)), rng.uniform(-1, 1, n)) for m, n in zip(SIZES, SIZES[1:])])
    return net


def first_layer_example(ctx):
    """The chapter's net and every layer's activations for SAMPLE; publishes the first hidden
    layer's two activations as facts a1 and a2 (both matrix figures quote them)."""
    net = example_net()
    acts = net.forward(SAMPLE, return_all=True)
    ctx.fact("a1", acts[1][0, 0], "{:.2f}")
    ctx.fact("a2", acts[1][0, 1], "{:.2f}")
    return net, acts


def backprop_errors(net, X, y):
    """Every neuron's error delta = dL/dz for the loss L = mean (a - y)^2, by the chain rule.

    Output layer: dL/da = 2 (a - y) / (number of outputs and samples), and a = sigmoid(z) has
    da/dz = a (1 - a), so delta = dL/da * a (1 - a). Each hidden layer takes the deltas of the
    layer above back through the same weights: delta_l = (delta_{l+1} @ W_{l+1}^T) * a_l (1 - a_l).
    Written out for sigmoid layers (every layer of this chapter's net). Returns one array
    (n_samples, width) per layer after the input.
    """
    acts = net.forward(X, return_all=True)
    a = acts[-1]
    Y = np.asarray(y, dtype=float).reshape(a.shape)
    delta = 2.0 * (a - Y) / a.size * a * (1.0 - a)
    deltas = [delta]
    for l in range(len(acts) - 2, 0, -1):
        W_above = net.weights[l][0]
        delta = (delta @ W_above.T) * acts[l] * (1.0 - acts[l])
        deltas.insert(0, delta)
    return deltas


def weight_gradients(net, X, deltas):
    """dL/dW = a_prev^T @ delta and dL/db = sum of delta, per layer: the gradient the errors give."""
    acts = net.forward(X, return_all=True)
    return [(acts[l].T @ d, d.sum(axis=0)) for l, d in enumerate(deltas)]


def mse(a, y):
    return float(np.mean((np.asarray(a).ravel() - np.asarray(y).ravel()) ** 2))


# ------------------------------------------------------------------------- diagrams

@figure("learning/network-5-2-2-1", kind="svg", seed=0,
        caption="A small network: five inputs, two hidden layers of two neurons each, and one output. "
                "Every line is a connection with its own weight; data flows left to right.",
        alt="Network diagram: five input circles on the left, two columns of two hidden-neuron circles, "
            "and one output circle on the right, every node joined to every node of the next layer.")
def network_5_2_2_1(ctx):
    fig, ax = ctx.subplots(height=330)
    diagrams.draw_network(ax, SIZES, ctx.theme, layer_labels=True)
    return fig


@figure("learning/logreg-as-neuron", kind="svg", seed=0,
        caption="Logistic regression with one feature is a single neuron: the slope B1 lives on the "
                "connection, the intercept B0 and the sigmoid live inside the neuron.",
        alt="Diagram: an input X joined by an edge labelled B1 to one neuron that holds B0 and a sigmoid "
            "curve, with an arrow to the output, a probability.")
def logreg_as_neuron(ctx):
    fig, ax = ctx.subplots(height=200)
    diagrams.draw_neuron(ax, ctx.theme, ["$X$"], weights=["$B_1$"], bias="$B_0$", output="probability")
    return fig


@figure("learning/weights-input1", kind="svg", seed=0,
        caption="The two connections that leave input 1. W1,1 carries it to hidden neuron 1, W1,2 to "
                "hidden neuron 2: the first index names where a connection starts, the second where it ends.",
        alt="The 5-2-2-1 network diagram with everything faded except input 1, the two first-layer "
            "hidden neurons, named neuron 1 and neuron 2, and the two edges between them, labelled W1,1 "
            "and W1,2.")
def weights_input1(ctx):
    fig, ax = ctx.subplots(height=330)
    d = diagrams.draw_network(ax, SIZES, ctx.theme, layer_labels=True,
                              edge_labels={(1, 0, 0): "$W_{1,1}$", (1, 0, 1): "$W_{1,2}$"})
    d.highlight(nodes=[(0, 0), (1, 0), (1, 1)], edges=d.edges_from(0, 0))
    for i, va in ((0, "bottom"), (1, "top")):  # name the two ends, so the second index can be read off
        (x, y), r = d.nodes[(1, i)].xy, d.nodes[(1, i)].half[1]
        d.add_text((x, y + (1.25 * r if va == "bottom" else -1.25 * r)), f"neuron {i + 1}", va=va, fontsize=13)
    d.relayout()
    return fig


@figure("learning/matrix-forward", kind="png", seed=0,
        caption="The first hidden layer of the forward pass with real numbers: [W] @ [X] + [Bias] = [Z]. "
                "Each row of [W] holds the five weights into one neuron (orange positive, blue negative, "
                "as on the edges of the next figure); the sigmoid then turns each entry of [Z] into that "
                "neuron's activation, {a1} and {a2}. [X] and [A] are shaded by value from 0 (dark) to 1 "
                "(bright), like the nodes of the network figures.",
        alt="A matrix equation: a 2 by 5 weight matrix, times a 5 by 1 column of inputs 0.9, 0.1, 0.6, "
            "0.3, 0.8, plus a 2 by 1 bias column, equals a 2 by 1 column Z; an arrow labelled sigmoid "
            "leads to the two activations.")
def matrix_forward(ctx):
    # data and model: one example through the chapter's net, the page's [W] @ [X] + [Bias]
    net, acts = first_layer_example(ctx)
    W, b = net.weights[0]
    z = W.T @ SAMPLE[0] + b  # the engine stores W as (inputs, neurons): the page's [W] is its transpose
    ctx.fact("z1", z[0], "{:.2f}")
    ctx.fact("z2", z[1], "{:.2f}")
    ctx.fact("output", acts[-1][0, 0], "{:.2f}")

    # draw: the equation, every matrix coloured by its quantity's one scale
    th = ctx.theme
    fig, ax = ctx.subplots(height=190)
    top = float(np.abs(W).max())
    w_fill, w_ink = images.cell_colors(W.T, th.cmap_div, -top, top)
    x_fill, x_ink = images.cell_colors(SAMPLE.T, th.cmap_seq, 0, 1)
    a_fill, a_ink = images.cell_colors(acts[1].T, th.cmap_seq, 0, 1)
    images.matrix_equation(ax, th, [
        dict(values=W.T, facecolors=w_fill, text_colors=w_ink, label="[W]  2 \u00d7 5"),
        "@", dict(values=SAMPLE.T, facecolors=x_fill, text_colors=x_ink, label="[X]  5 \u00d7 1"),
        "+", dict(values=b[:, None], label="[Bias]  2 \u00d7 1"),
        "=", dict(values=z[:, None], label="[Z]  2 \u00d7 1"),
        "->\u03c3", dict(values=acts[1].T, facecolors=a_fill, text_colors=a_ink, label="[A]  2 \u00d7 1"),
    ], cell=(0.86, 0.5), fontsize=13)
    return fig


@figure("learning/matrix-forward-map", kind="png", seed=0,
        caption="Where the matrices live on the network: [X] is the input layer, [W] the ten connections "
                "into the first hidden layer, and [Bias] and [Z] sit inside its two neurons, which turn [Z] "
                "into [A] = \u03c3([Z]): the numbers they show are their activations {a1} and {a2}. Node fill is the value on one scale from 0 (dark) to 1 "
                "(bright); edge colour is the weight's sign (orange positive, blue negative), its width "
                "the weight's size.",
        alt="The 5-2-2-1 network with the five input values written in the input nodes and the two "
            "activations in the first hidden layer; the ten edges into that layer are highlighted, the "
            "rest of the network is faded. Labels above the columns read [X], [W] and [Bias], [Z] \u2192 [A].")
def matrix_forward_map(ctx):
    # data and model: the same example, the same layer
    net, acts = first_layer_example(ctx)

    # draw: the diagram with values in the nodes and the matrices named above their places
    th = ctx.theme
    fig, ax = ctx.subplots(height=400)
    d = diagrams.draw_network(ax, net, th, layer_labels=True, label_pos="outside", fontsize=13)
    d.set_node_values(0, acts[0], vmin=0, vmax=1, cmap=th.cmap_seq)
    d.set_node_values(1, acts[1], vmin=0, vmax=1, cmap=th.cmap_seq)
    d.highlight(layers=[0, 1], edges=[k for k in d.edges if k[0] == 1])
    top_y = d.nodes[(0, 0)].xy[1] + 0.6
    for xy, text in ((d.nodes[(0, 0)].xy, "[X]"), (d.nodes[(1, 0)].xy, "[Bias], [Z] \u2192 [A]"),
                     (np.mean([d.nodes[(0, 0)].xy, d.nodes[(1, 0)].xy], axis=0), "[W]")):
        d.add_text((xy[0], top_y), text, va="bottom", color=th.accent, fontsize=14)
    d.relayout()
    return fig


# ------------------------------------------------------------------------- forward pass (anim)

ACTIVATION_KEY = "node fill: activation, dark 0 to bright 1      edge: weight, orange +, blue \u2212, width = size"
# CSS px: 848 image px (a multiple of 16, for the video encoder); with DIAGRAM_SPACING it leaves room for
# 12-px numbers such as -0.295 inside the nodes
DIAGRAM_HEIGHT = 424
DIAGRAM_SPACING = (2.4, 1.0)  # (between layers, between nodes) in node gaps: narrow enough for the labels beside


def _pulse_positions(d, layer, t):
    """Points a fraction t along every edge into `layer` (for signals travelling along them)."""
    return np.array([np.add(e.ends[0], t * np.subtract(e.ends[1], e.ends[0]))
                     for k, e in d.edges.items() if k[0] == layer])


def _plain_nodes(d, theme):
    """Every node unfilled (no role tint), so that in an animation a fill always means a value."""
    for node in d.nodes.values():
        node.face = theme.bg
        node.patch.set_facecolor(theme.bg)


def _timeline(schedule):
    """[(phase, frame within phase)] for a schedule [(phase, number of frames), ...]."""
    return [(phase, j) for phase, n in schedule for j in range(n)]


LAYER_NAMES = ["first hidden layer", "second hidden layer", "output"]


def _phases(steps, hold=1.0):
    """The player's clock for a timeline ("phase 2 of 6: output") and a pause at the end of each phase."""
    names = list(dict.fromkeys(phase for phase, _ in steps))
    text = lambda p: p if isinstance(p, str) else f"{p[0]} {p[1]}"  # noqa: E731
    labels = [f"phase {names.index(p) + 1} of {len(names)}: {text(p)}" for p, _ in steps]
    ends = {i: hold for i in range(len(steps) - 1) if steps[i][0] != steps[i + 1][0]}
    return {"labels": labels, "holds": ends}


@figure("learning/forward-pass", kind="anim", seed=0,
        caption="Forward propagation: the five inputs enter on the left; each layer computes "
                "[W] @ [X] + [Bias] = [Z] from what it receives, applies the sigmoid, [A] = \u03c3([Z]), and "
                "its neurons light up with the result, until the output says {output}.",
        alt="Animation on the 5-2-2-1 network diagram: the input nodes fill with their values, dots travel "
            "along the edges to the first hidden layer whose nodes then fill with colour and numbers, and "
            "so on through the second hidden layer to the output.")
def forward_pass(ctx):
    # data and model
    net = example_net()
    acts = [a[0] for a in net.forward(SAMPLE, return_all=True)]
    ctx.fact("output", acts[-1][0], "{:.2f}")

    # draw: the diagram, moving dots for the signals, a colour key on top and a narration below
    th = ctx.theme
    fig, ax = ctx.subplots(height=DIAGRAM_HEIGHT)
    fig.suptitle(ACTIVATION_KEY, fontsize=12, color=th.muted)
    say = fig.supxlabel("second hidden layer: weigh and add, [W] @ [X] + [Bias] = [Z]", fontsize=13)
    d = diagrams.draw_network(ax, net, th, layer_labels=True, label_pos="outside", fontsize=13,
                              spacing=DIAGRAM_SPACING)
    _plain_nodes(d, th)  # a node is filled only once its activation is known
    (pulses,) = ax.plot([], [], "o", color=th.fg, markersize=6, zorder=6)  # neutral: colours here mean a sign
    descent.freeze_layout(fig)

    steps = _timeline([("inputs", 6)] + [(p, n) for l in range(1, len(SIZES))
                                         for p, n in ((("travel", l), 9), (("fill", l), 5))] + [("done", 6)])

    def update(i):
        phase, j = steps[i]
        d.clear_values()
        d.set_node_values(0, acts[0], vmin=0, vmax=1, cmap=th.cmap_seq)
        pulses.set_data([], [])
        if phase == "inputs":
            d.highlight(layers=[0])
            say.set_text("the example's five inputs [X] enter on the left")
            return
        if phase == "done":
            for l in range(1, len(SIZES)):
                d.set_node_values(l, acts[l], vmin=0, vmax=1, cmap=th.cmap_seq)
            d.reset_highlight()
            say.set_text(f"the network's answer: {acts[-1][0]:.2f}")
            return
        step, layer = phase
        for l in range(1, layer + (step == "fill")):
            d.set_node_values(l, acts[l], vmin=0, vmax=1, cmap=th.cmap_seq)
        d.highlight(layers=list(range(layer + 1)), edges=[e for e in d.edges if e[0] == layer])
        if step == "travel":
            pts = _pulse_positions(d, layer, (j + 1) / 10)
            pulses.set_data(pts[:, 0], pts[:, 1])
            say.set_text(f"{LAYER_NAMES[layer - 1]}: weigh and add, [W] @ [X] + [Bias] = [Z]")
        else:
            say.set_text(f"{LAYER_NAMES[layer - 1]}: squash with the sigmoid, [A] = \u03c3([Z])")

    return Animation(fig, update, frames=len(steps), fps=8, hold_last=2.0, clock="phase", **_phases(steps))


# ------------------------------------------------------------------------- backpropagation (anim)

FORWARD_KEY = "numbers beside the neurons: activations a      edge width: size of the weight"
ERROR_KEY = "node fill and number: error \u03b4, one scale for all layers (blue < 0: z should rise, orange > 0: fall)"
UPDATE_KEY = "edge colour: weight change, one scale (orange: up, blue: down, width = size)      node fill: error \u03b4"


def _plain_edges(d, params, theme, below=None):
    """Edges in the neutral edge colour, width by |weight| (all of them, or those into layers < `below`):
    no colour, so that colour can mean the error and the weight change."""
    top = max(float(np.abs(W).max()) for W, _ in params)
    for (l, i, j), e in d.edges.items():
        if below is not None and l >= below:
            continue
        e.base = (theme.roles["edge"], 0.6 + 2.4 * abs(params[l - 1][0][i, j]) / top)
        e.line.set(color=e.base[0], linewidth=e.base[1])


def _activation_labels(acts):
    """Per layer: the texts beside the nodes (inputs: x_i = value; others: a = value, output: y-hat)."""
    out = [[f"$x_{{{i + 1}}}$ = {v:.2f}" for i, v in enumerate(acts[0])]]
    out += [[f"a = {v:.2f}" for v in a] for a in acts[1:-1]]
    return out + [[f"$\\hat{{y}}$ = {acts[-1][0]:.2f}"]]


@figure("learning/backprop-errors", kind="anim", seed=0,
        caption="Backpropagation on the example. The output says {before} where the target is 1, a squared "
                "error of {loss_before}. That error is handed back through the same weights: each neuron's "
                "fill and number is its own error \u03b4 = \u2202C/\u2202z, exactly as the engine's backward pass "
                "computes it, all on one colour scale, so you can watch it shrink on its way back (its size is "
                "{output_error_size} at the output, at most {hidden1_error} in the first hidden layer). Then every "
                "weight moves by \u2212{lr} \u00d7 (activation sending) \u00d7 (error receiving), and the same "
                "example costs {loss_after}.",
        alt="Animation on the 5-2-2-1 network diagram, activations written beside the nodes. The output node "
            "fills blue with its error, dots travel backwards along the edges and each hidden layer's nodes "
            "fill with their much paler errors and numbers; then the edges turn orange or blue, layer by "
            "layer from the output, to show how much each weight changes; finally the new forward pass and "
            "the smaller cost are shown.")
def backprop_errors_anim(ctx):
    # data and model: forward pass, every neuron's error by the chain rule, one gradient step
    net = example_net()
    acts = [a[0] for a in net.forward(SAMPLE, return_all=True)]
    deltas = [d[0] for d in backprop_errors(net, SAMPLE, TARGET)]
    updates = [(-BACKPROP_LR * dW, -BACKPROP_LR * db)
               for dW, db in weight_gradients(net, SAMPLE, [d[None, :] for d in deltas])]
    after = net.with_weights([(W + dW, b + db) for (W, b), (dW, db) in zip(net.weights, updates)])
    new = [a[0] for a in after.forward(SAMPLE, return_all=True)]
    loss_before, loss_after = mse(acts[-1], TARGET), mse(new[-1], TARGET)
    ctx.fact("before", acts[-1][0], "{:.2f}")
    ctx.fact("after", new[-1][0], "{:.2f}")
    ctx.fact("loss_before", loss_before, "{:.3f}")
    ctx.fact("loss_after", loss_after, "{:.3f}")
    ctx.fact("lr", BACKPROP_LR, "{:g}")
    ctx.fact("output_error", deltas[-1][0], "{:+.3f}")
    ctx.fact("output_error_size", abs(deltas[-1][0]), "{:.3f}")
    ctx.fact("hidden2_error", np.abs(deltas[1]).max(), "{:.3f}")
    ctx.fact("hidden1_error", np.abs(deltas[0]).max(), "{:.3f}")
    ctx.fact("change_out", np.abs(updates[-1][0]).max(), "{:.3f}")
    ctx.fact("change_hidden1", np.abs(updates[0][0]).max(), "{:.3f}")

    # draw: the diagram, dots for the travelling errors, a colour key on top and a narration below
    th = ctx.theme
    L = len(SIZES) - 1
    err_top = float(np.abs(deltas[-1]).max())                       # one scale for every layer's error
    change_top = max(float(np.abs(dW).max()) for dW, _ in updates)  # one scale for every weight change
    fig, ax = ctx.subplots(height=DIAGRAM_HEIGHT)
    key = fig.suptitle(ERROR_KEY, fontsize=12, color=th.muted)
    say = fig.supxlabel(r"hidden layer 2: $\delta_j = \sigma'(z_j)\,\Sigma_k\, W_{j,k}\,\delta_k$", fontsize=13)
    labels = _activation_labels(acts)
    d = diagrams.draw_network(ax, net, th, layer_labels=True, label_pos="outside", fontsize=13, spacing=DIAGRAM_SPACING,
                              labels=[labels[0], None, None, labels[-1]],
                              notes={(l, i): labels[l][i] for l in range(1, L) for i in range(SIZES[l])})
    _plain_nodes(d, th)  # a fill always means an error, never a role
    (pulses,) = ax.plot([], [], "o", color=th.fg, markersize=6, zorder=6)  # neutral: colours here mean a sign
    descent.freeze_layout(fig)

    steps = _timeline([("forward", 8), ("output", 8)]
                      + [(p, n) for l in range(L - 1, 0, -1) for p, n in ((("travel", l), 8), (("fill", l), 5))]
                      + [(("update", l), 6) for l in range(L, 0, -1)] + [("after", 10)])

    def show_activations(state):
        texts = _activation_labels(state)
        for l in range(1, L):
            for i in range(SIZES[l]):
                d.nodes[(l, i)].note.set_text(texts[l][i])
        d.nodes[(L, 0)].label.set_text(texts[L][0])

    def show_errors(layers):
        for l in layers:
            d.set_node_values(l, deltas[l - 1], vmin=-err_top, vmax=err_top, cmap=th.cmap_div, fmt="{:.3f}")

    def update(i):
        phase, j = steps[i]
        d.clear_values()
        _plain_edges(d, net.weights, th)
        d.reset_highlight()
        show_activations(acts)
        pulses.set_data([], [])
        key.set_text(ERROR_KEY)
        if phase in ("forward", "after"):
            state = acts if phase == "forward" else new
            if phase == "after":
                _plain_edges(d, after.weights, th)
                show_activations(new)
            key.set_text(FORWARD_KEY)
            say.set_text(("after one step: " if phase == "after" else "forward pass: ")
                         + f"output {state[-1][0]:.2f}, target 1, cost ({state[-1][0]:.2f} \u2212 1)\u00b2"
                         f" \u2248 {mse(state[-1], TARGET):.3f}")
            return
        if phase == "output":
            show_errors([L])
            d.highlight(layers=[L])
            say.set_text(r"the output's error: $\delta = 2\,(\hat{y} - y)\,\hat{y}\,(1 - \hat{y})$ = "
                         + f"{deltas[-1][0]:+.3f}".replace("-", "\u2212"))
            return
        step, layer = phase
        if step in ("travel", "fill"):
            show_errors(range(L, layer - (step == "fill"), -1))
            d.highlight(layers=[layer, layer + 1], edges=[e for e in d.edges if e[0] == layer + 1])
            if step == "travel":
                pts = _pulse_positions(d, layer + 1, 1 - (j + 1) / 9)
                pulses.set_data(pts[:, 0], pts[:, 1])
            say.set_text(f"hidden layer {layer}: " + r"$\delta_j = \sigma'(z_j)\,\Sigma_k\, W_{j,k}\,\delta_k$")
            return
        # step == "update": weight changes drawn from the output layer down to `layer`
        show_errors(range(1, L + 1))
        d.set_edge_weights(updates, vmax=change_top)
        _plain_edges(d, net.weights, th, below=layer)  # layers not updated yet keep their neutral edges
        d.highlight(layers=range(layer - 1, L + 1), edges=[e for e in d.edges if e[0] >= layer])  # updated so far
        key.set_text(UPDATE_KEY)
        say.set_text(f"weights into {'the output' if layer == L else f'hidden layer {layer}'}: "
                     + r"$\Delta W_{j,k} = -\eta\,a_j\,\delta_k$" + f", \u03b7 = {BACKPROP_LR:g}")

    # the still: the last update frame, with every error and every weight change on show
    poster = max(i for i, (phase, _) in enumerate(steps) if phase == ("update", 1))
    return Animation(fig, update, frames=len(steps), fps=6, hold_last=2.5, poster=poster, clock="phase",
                     **_phases(steps))
