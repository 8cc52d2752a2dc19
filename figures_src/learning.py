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
    net.set_params([(rng.uniform(-2, 2, (m, n)), rng.uniform(-1, 1, n)) for m, n in zip(SIZES, SIZES[1:])])
    return net


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
        W_above = net.params[l][0]
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
    fig, ax = ctx.subplots(figsize=(7.0, 4.0))
    diagrams.draw_network(ax, SIZES, ctx.theme, layer_labels=True)
    return fig


@figure("learning/logreg-as-neuron", kind="svg", seed=0,
        caption="Logistic regression with one feature is a single neuron: the slope B1 lives on the "
                "connection, the intercept B0 and the sigmoid live inside the neuron.",
        alt="Diagram: an input X joined by an edge labelled B1 to one neuron that holds B0 and a sigmoid "
            "curve, with an arrow to the output, a probability.")
def logreg_as_neuron(ctx):
    fig, ax = ctx.subplots(figsize=(6.4, 2.8))
    diagrams.draw_neuron(ax, ctx.theme, ["$X$"], weights=["$B_1$"], bias="$B_0$", output="probability")
    return fig


@figure("learning/weights-input1", kind="svg", seed=0,
        caption="The two connections that leave input 1. W1,1 carries it to hidden neuron 1, W1,2 to "
                "hidden neuron 2: the first index names where a connection starts, the second where it ends.",
        alt="The 5-2-2-1 network diagram with everything faded except input 1, the two first-layer "
            "hidden neurons and the two edges between them, labelled W1,1 and W1,2.")
def weights_input1(ctx):
    fig, ax = ctx.subplots(figsize=(7.0, 4.0))
    d = diagrams.draw_network(ax, SIZES, ctx.theme, layer_labels=True,
                              edge_labels={(1, 0, 0): "$W_{1,1}$", (1, 0, 1): "$W_{1,2}$"})
    d.highlight(nodes=[(0, 0), (1, 0), (1, 1)], edges=d.edges_from(0, 0))
    return fig


@figure("learning/matrix-forward", kind="png", seed=0,
        caption="One layer of the forward pass with real numbers. The first hidden layer computes "
                "[W] @ [X] + [Bias] = [Z] (each row of [W] holds the weights into one neuron, coloured "
                "like its edges), then the sigmoid turns [Z] into the activations {a1} and {a2} shown in "
                "the neurons.",
        alt="Top: the 5-2-2-1 network with the five input values written in the input nodes and the two "
            "activations in the first hidden layer; the edges into that layer are highlighted. Bottom: "
            "the same numbers as a matrix product: a 2 by 5 weight matrix times a 5 by 1 input column, "
            "plus a 2 by 1 bias column, equals a 2 by 1 column Z, and sigmoid of Z gives the activations.")
def matrix_forward(ctx):
    # data and model: one example through the chapter's net
    net = example_net()
    acts = net.forward(SAMPLE, return_all=True)
    W, b = net.params[0]
    z = SAMPLE @ W + b
    ctx.fact("a1", acts[1][0, 0], "{:.2f}")
    ctx.fact("a2", acts[1][0, 1], "{:.2f}")
    ctx.fact("z1", z[0, 0], "{:.2f}")
    ctx.fact("z2", z[0, 1], "{:.2f}")
    ctx.fact("output", acts[-1][0, 0], "{:.2f}")

    # draw: the diagram with values on top, the equation below
    th = ctx.theme
    fig = ctx.figure(figsize=(9.6, 6.4))
    top, bottom = fig.subplots(2, 1, height_ratios=[1.25, 1.0])
    d = diagrams.draw_network(top, net, th, layer_labels=True, label_pos="outside")
    d.set_node_values(0, acts[0], vmin=0, vmax=1, cmap=th.cmap_seq)
    d.set_node_values(1, acts[1], vmin=0, vmax=1, cmap=th.cmap_seq)
    d.highlight(layers=[0, 1], edges=[k for k in d.edges if k[0] == 1])
    top_y = d.nodes[(0, 0)].xy[1] + 0.55
    for xy, text in ((d.nodes[(0, 0)].xy, "[X]"), (d.nodes[(1, 0)].xy, "[Bias], [Z]"),
                     (np.mean([d.nodes[(0, 0)].xy, d.nodes[(1, 0)].xy], axis=0), "[W]")):
        d.add_text((xy[0], top_y), text, va="bottom", color=th.accent)
    d.relayout()

    w_fill = [[d.edges[(1, i, j)].line.get_color() for i in range(SIZES[0])] for j in range(SIZES[1])]
    x_fill, x_ink = images.cell_colors(SAMPLE.T, th.cmap_seq, 0, 1)
    a_fill, a_ink = images.cell_colors(acts[1].T, th.cmap_seq, 0, 1)
    images.matrix_equation(bottom, th, [
        # the page's [W] has one row per neuron; the engine stores W the other way, (inputs, neurons)
        dict(values=W.T, cell=(0.95, 0.5), facecolors=w_fill, label="[W]  weights, 2 x 5: one row per neuron"),
        "@", dict(values=SAMPLE.T, facecolors=x_fill, text_colors=x_ink, label="[X]  inputs, 5 x 1"),
        "+", dict(values=b[:, None], label="[Bias]"),
        "=", dict(values=z.T, label="[Z]"),
        "->sigmoid", dict(values=acts[1].T, facecolors=a_fill, text_colors=a_ink, label="activations"),
    ])
    return fig


# ------------------------------------------------------------------------- forward pass (anim)

ACTIVATION_KEY = "nodes: activation (dark = 0, bright = 1)    edges: weight (blue +, red \u2212, thicker = larger)"


def _pulse_positions(d, layer, t):
    """Points a fraction t along every edge into `layer` (for signals travelling along them)."""
    return np.array([np.add(e.ends[0], t * np.subtract(e.ends[1], e.ends[0]))
                     for k, e in d.edges.items() if k[0] == layer])


def _timeline(schedule):
    """[(phase, frame within phase)] for a schedule [(phase, number of frames), ...]."""
    return [(phase, j) for phase, n in schedule for j in range(n)]


@figure("learning/forward-pass", kind="anim", seed=0,
        caption="Forward propagation: the five inputs enter on the left; each layer multiplies what it "
                "receives by its weights, adds its biases and applies the sigmoid, and its neurons light up "
                "with the result, until the output says {output}.",
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
    fig, ax = ctx.subplots(figsize=(9.6, 4.8))
    fig.suptitle(ACTIVATION_KEY, fontsize=12, color=th.muted)
    say = fig.supxlabel("second hidden layer: weigh the inputs and add the biases, z = x W + b", fontsize=12)
    d = diagrams.draw_network(ax, net, th, layer_labels=True, label_pos="outside")
    (pulses,) = ax.plot([], [], "o", color=th.accent, markersize=6, zorder=6)
    descent.freeze_layout(fig)

    names = ["first hidden layer", "second hidden layer", "output"]
    steps = _timeline([("inputs", 6)] + [(p, n) for l in range(1, len(SIZES))
                                         for p, n in ((("travel", l), 9), (("fill", l), 5))] + [("done", 6)])

    def update(i):
        phase, j = steps[i]
        d.clear_values()
        d.set_node_values(0, acts[0], vmin=0, vmax=1, cmap=th.cmap_seq)
        pulses.set_data([], [])
        if phase == "inputs":
            d.highlight(layers=[0])
            say.set_text("the example's five inputs enter on the left")
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
            say.set_text(f"{names[layer - 1]}: weigh the inputs and add the biases, z = x W + b")
        else:
            say.set_text(f"{names[layer - 1]}: squash with the sigmoid, a = sigmoid(z)")

    return Animation(fig, update, frames=len(steps), fps=8, hold_last=2.0)


# ------------------------------------------------------------------------- backpropagation (anim)

ERROR_KEY = "nodes: error dL/dz (red < 0: z should rise, blue > 0: z should fall; shade relative to its layer)"
UPDATE_KEY = ("edges: change of each weight (blue: up, red: down, thicker = larger change)    "
              "sending nodes: activation, receiving nodes: error")


@figure("learning/backprop-errors", kind="anim", seed=0,
        caption="Backpropagation on the example. The output says {before} where the target is 1, a squared "
                "error of {loss_before}. That error is handed back through the same weights: each neuron's "
                "fill and number is its own error dL/dz, exactly as the engine's backward pass computes it. "
                "Then every weight moves by -{lr} x (activation sending) x (error receiving), and the same "
                "example costs {loss_after}.",
        alt="Animation on the 5-2-2-1 network diagram. First the forward values fill the nodes; then the "
            "output node turns red with its error, dots travel backwards along the edges and each hidden "
            "layer's nodes fill red or blue with their errors and numbers; then the edges recolour, layer by "
            "layer from the output, to show how much each weight changes; finally the new forward pass and "
            "the smaller loss are shown.")
def backprop_errors_anim(ctx):
    # data and model: forward pass, every neuron's error by the chain rule, one gradient step
    net = example_net()
    acts = [a[0] for a in net.forward(SAMPLE, return_all=True)]
    deltas = [d[0] for d in backprop_errors(net, SAMPLE, TARGET)]
    updates = [(-BACKPROP_LR * dW, -BACKPROP_LR * db)
               for dW, db in weight_gradients(net, SAMPLE, [d[None, :] for d in deltas])]
    after = net.with_params([(W + dW, b + db) for (W, b), (dW, db) in zip(net.params, updates)])
    new = [a[0] for a in after.forward(SAMPLE, return_all=True)]
    loss_before, loss_after = mse(acts[-1], TARGET), mse(new[-1], TARGET)
    ctx.fact("before", acts[-1][0], "{:.2f}")
    ctx.fact("after", new[-1][0], "{:.2f}")
    ctx.fact("loss_before", loss_before, "{:.3f}")
    ctx.fact("loss_after", loss_after, "{:.3f}")
    ctx.fact("lr", BACKPROP_LR, "{:g}")
    ctx.fact("output_error", deltas[-1][0], "{:+.3f}")

    # draw: the diagram, dots for the travelling errors, a colour key on top and a narration below
    th = ctx.theme
    L = len(SIZES) - 1
    fig, ax = ctx.subplots(figsize=(9.6, 4.8))
    key = fig.suptitle(ERROR_KEY, fontsize=12, color=th.muted)
    say = fig.supxlabel("hidden layer 2: each neuron's error = (errors above \u00d7 weights to them) \u00d7 a (1 - a)",
                        fontsize=12)
    d = diagrams.draw_network(ax, net, th, layer_labels=True, label_pos="outside")
    (pulses,) = ax.plot([], [], "o", color=th.classes[3], markersize=6, zorder=6)
    descent.freeze_layout(fig)

    steps = _timeline([("forward", 8), ("output", 8)]
                      + [(p, n) for l in range(L - 1, 0, -1) for p, n in ((("travel", l), 8), (("fill", l), 5))]
                      + [(("update", l), 6) for l in range(L, 0, -1)] + [("after", 10)])

    def show(values, layers, errors):
        for l in layers:
            if errors:
                top = float(np.abs(values[l - 1]).max()) or 1.0
                d.set_node_values(l, values[l - 1], vmin=-top, vmax=top, cmap=th.cmap_div, fmt="{:+.3f}")
            else:
                d.set_node_values(l, values[l], vmin=0, vmax=1, cmap=th.cmap_seq)

    def update(i):
        phase, j = steps[i]
        d.clear_values()
        d.reset_highlight()
        d.set_edge_weights(net.params)
        pulses.set_data([], [])
        key.set_text(ERROR_KEY)
        if phase in ("forward", "after"):
            state = acts if phase == "forward" else new
            show(state, range(L + 1), errors=False)
            if phase == "after":
                d.set_edge_weights(after.params)
            key.set_text(ACTIVATION_KEY)
            say.set_text(f"forward pass: output {state[-1][0]:.2f}, target 1, loss ({state[-1][0]:.2f} \u2212 1)\u00b2"
                         f" = {mse(state[-1], TARGET):.3f}" + ("   (after one step)" if phase == "after" else ""))
            return
        if phase == "output":
            show(deltas, [L], errors=True)
            d.highlight(layers=[L])
            say.set_text(f"the output's error: dL/dz = 2 (a \u2212 y) a (1 \u2212 a) = {deltas[-1][0]:+.3f}")
            return
        step, layer = phase
        if step in ("travel", "fill"):
            show(deltas, range(L, layer - (step == "fill"), -1), errors=True)
            d.highlight(layers=[layer, layer + 1], edges=[e for e in d.edges if e[0] == layer + 1])
            if step == "travel":
                pts = _pulse_positions(d, layer + 1, 1 - (j + 1) / 9)
                pulses.set_data(pts[:, 0], pts[:, 1])
            say.set_text(f"hidden layer {layer}: each neuron's error = (errors above \u00d7 weights to them) \u00d7 a (1 \u2212 a)")
            return
        # step == "update": weight changes drawn from the output layer down to `layer`
        show(acts, [layer - 1], errors=False)      # the sending layer: its activations
        show(deltas, range(layer, L + 1), errors=True)  # the receiving layers: their errors
        zeros = [(np.zeros_like(W), np.zeros_like(b)) for W, b in net.params]
        d.set_edge_weights([u if l + 1 >= layer else z for l, (u, z) in enumerate(zip(updates, zeros))])
        d.highlight(layers=[layer - 1, layer], edges=[e for e in d.edges if e[0] == layer])
        key.set_text(UPDATE_KEY)
        say.set_text(f"weights into {'the output' if layer == L else f'hidden layer {layer}'} change by "
                     f"\u2212{BACKPROP_LR:g} \u00d7 (activation sending) \u00d7 (error receiving)")

    return Animation(fig, update, frames=len(steps), fps=6, hold_last=2.5)
