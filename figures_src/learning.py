"""Forward propagation and learning: how a network computes its answer, and how it learns from its error.

What the reader sees here:
- network-5-2-2-1: a net with 5 inputs, two hidden layers of 2 neurons and one output, coloured by role;
- logreg-as-neuron: logistic regression with one feature is a single neuron (B1 on the edge, B0 and
  the sigmoid inside the node);
- weights-input1: the two connections leaving input 1, labelled W1,1 and W1,2;
- matrix-forward: one layer's forward pass as [W] @ [X] + [Bias] = [Z] with the real numbers of one
  example, beside the diagram they belong to.

The forward pass and backpropagation are animated by learning_passes.py, the net they share is
_learning_net.py; how gradient descent walks down a cost surface is drawn by learning_cost_surface.py.
"""
from __future__ import annotations

import numpy as np

from nnviz.build import figure
from nnviz.render import diagrams
from nnviz.render.plots import images

from _learning_net import (  # noqa: F401  (BACKPROP_LR ... weight_gradients: this script's public names)
    BACKPROP_LR, NET_SEED, SAMPLE, SIZES, TARGET, backprop_errors, example_net, mse, weight_gradients,
)


def first_layer_example(ctx):
    """The chapter's net and every layer's activations for SAMPLE; publishes the first hidden
    layer's two activations as facts a1 and a2 (both matrix figures quote them)."""
    net = example_net()
    acts = net.forward(SAMPLE, return_all=True)
    ctx.fact("a1", acts[1][0, 0], "{:.2f}")
    ctx.fact("a2", acts[1][0, 1], "{:.2f}")
    return net, acts


# ------------------------------------------------------------------------- diagrams

@figure("learning/network-5-2-2-1", kind="svg", seed=0,
        caption="A small network: five inputs, two hidden layers of two neurons each, and one output, each "
                "layer in its own colour. Every line is a connection with its own weight; data flows left to "
                "right (arrow).",
        alt="Network diagram: five input circles on the left, two columns of two hidden-neuron circles in "
            "two different tints, and one output circle on the right, every node joined to every node of the "
            "next layer; an arrow below points from the inputs to the output.")
def network_5_2_2_1(ctx):
    th = ctx.theme
    fig, ax = ctx.subplots(height=360)
    d = diagrams.draw_network(ax, SIZES, th, layer_labels=True)
    for key in d.layer_nodes(2):  # the second hidden layer in its own tint: four layers, four colours
        d.nodes[key].face = th.roles["hidden2"]
        d.nodes[key].patch.set_facecolor(th.roles["hidden2"])
    ax.annotate("data flows this way", xy=(0.78, -0.02), xytext=(0.22, -0.02), xycoords="axes fraction",
                textcoords="axes fraction", ha="right", va="center", fontsize=12, color=th.muted,
                arrowprops=dict(arrowstyle="-|>", color=th.muted, lw=1.2, mutation_scale=14, shrinkA=0))
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
    for key in ((1, 0, 0), (1, 0, 1)):  # near the neurons, where the two edges have parted (review B-L4)
        (xa, ya), (xb, yb) = d.edges[key].ends
        d.edges[key].label.set_position((xa + 0.7 * (xb - xa), ya + 0.7 * (yb - ya)))
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
    # on a phone the equation breaks after [W] @ [X]: two rows
    fig, axes = ctx.subplots(*ctx.pick((1, 1), (2, 1)), height=190, narrow_height=320, squeeze=False,
                             **ctx.pick({}, {"height_ratios": [1.7, 1]}))
    top = float(np.abs(W).max())
    w_fill, w_ink = images.cell_colors(W.T, th.cmap_div, -top, top)
    x_fill, x_ink = images.cell_colors(SAMPLE.T, th.cmap_seq, 0, 1)
    a_fill, a_ink = images.cell_colors(acts[1].T, th.cmap_seq, 0, 1)
    terms = [
        dict(values=W.T, facecolors=w_fill, text_colors=w_ink, label="[W]  2 \u00d7 5"),
        "@", dict(values=SAMPLE.T, facecolors=x_fill, text_colors=x_ink, label="[X]  5 \u00d7 1"),
        "+", dict(values=b[:, None], label="[Bias]  2 \u00d7 1", cell=(1.0, 0.5)),
        "=", dict(values=z[:, None], label="[Z]  2 \u00d7 1", cell=(1.0, 0.5)),
        "->\u03c3", dict(values=acts[1].T, facecolors=a_fill, text_colors=a_ink, label="[A]  2 \u00d7 1"),
    ]
    for ax, row in zip(axes.flat, ctx.pick([terms], [terms[:3], terms[3:]])):
        images.matrix_equation(ax, th, row, cell=(0.86, 0.5), fontsize=13)
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
    # on a phone the layers close up, so the nodes stay large enough for their numbers
    d = diagrams.draw_network(ax, net, th, layer_labels=True, label_pos="outside", fontsize=13,
                              spacing=ctx.pick(None, (1.5, 1.0)))
    d.set_node_values(0, acts[0], vmin=0, vmax=1, cmap=th.cmap_seq)
    d.set_node_values(1, acts[1], vmin=0, vmax=1, cmap=th.cmap_seq)
    d.highlight(layers=[0, 1], edges=[k for k in d.edges if k[0] == 1])
    top_y = d.nodes[(0, 0)].xy[1] + 0.6
    w_up = ctx.pick(0.0, 0.45)  # on a phone [X] and [W] go a line up, clear of the long label beside them
    for xy, text, up in ((d.nodes[(0, 0)].xy, "[X]", w_up), (d.nodes[(1, 0)].xy, "[Bias], [Z] \u2192 [A]", 0.0),
                         (np.mean([d.nodes[(0, 0)].xy, d.nodes[(1, 0)].xy], axis=0), "[W]", w_up)):
        d.add_text((xy[0], top_y + up), text, va="bottom", color=th.accent, fontsize=14)
    d.relayout()
    return fig

