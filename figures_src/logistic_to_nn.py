"""From logistic regression to neural networks, part 1: what logistic regression can draw.

The reader sees logistic regression draw a straight boundary through two-feature data: a
good one where a line separates the classes, a poor one where the border is a parabola.
Adding the square of a feature bends the boundary; drawn as graphs, the model and its
hand-made features already look like networks. (Real networks learning the parabola
themselves: logistic_to_nn_hidden.py.)
"""
import functools

import numpy as np

from nnviz.build import figure
from nnviz.engine import MLP, SGD
from nnviz.render import diagrams
from nnviz.render.plots import fields

from _logistic_to_nn_data import BATCH, EPOCHS, LR, PLANE, TRAIN_SEED, data


# ---------------------------------------------------------------- data and training


def squared(X):
    """The inputs with a third feature, the square of x1."""
    return np.column_stack([X, X[:, 0] ** 2])


@functools.cache
def logistic_regression(name, features="plain", seed=0):
    """Logistic regression (a net [n_features, 1] with a sigmoid output) on data set `name`, with the
    features as given ("plain") or with x1 squared added ("squared"), trained with the chapter's
    settings; returns (net, history)."""
    X, y = data(name, seed)
    if features == "squared":
        X = squared(X)
    net = MLP([X.shape[1], 1], output="sigmoid", seed=TRAIN_SEED)
    hist = net.fit(X, y, loss="bce", optimizer=SGD(lr=LR), epochs=EPOCHS, batch_size=BATCH)
    return net, hist


# ---------------------------------------------------------------- logistic regression


@figure("logistic-to-nn/separable-data", kind="png",
        caption="{n} points described by two features. A straight line separates the two classes, apart from "
                "a few stray points.",
        alt="A scatter plot of two groups of points, one in the lower left and one in the upper right, "
            "meeting along a diagonal; a few points of each group lie among the other.")
def separable_data(ctx):
    X, y = data("separable", ctx.seed)
    ctx.fact("n", len(X))
    fig, ax = ctx.subplots(**PLANE)
    fields.data_plane(ax, ctx.theme, X, y)
    return fig


@figure("logistic-to-nn/logreg-separable", kind="png",
        caption="Logistic regression after {epochs} epochs: the shading is its probability of class 1, "
                "the line is where that probability is 0.5. It gets {accuracy} of the points right.",
        alt="The two groups of points on a background shaded from one class colour to the other, split "
            "by a straight line that runs between them.")
def logreg_separable(ctx):
    X, y = data("separable", ctx.seed)
    net, hist = logistic_regression("separable", seed=ctx.seed)
    ctx.fact("epochs", EPOCHS)
    ctx.fact("accuracy", net.accuracy(X, y), "{:.0%}")
    fig, ax = ctx.subplots(**PLANE)
    fields.decision_map(ax, ctx.theme, net.predict_proba, X, y)
    return fig


@figure("logistic-to-nn/parabola-data", kind="png",
        caption="A harder set of {n} points: the border between the classes is a parabola, not a line.",
        alt="A scatter plot where one class fills a bowl-shaped region and the other class surrounds it.")
def parabola_data(ctx):
    X, y = data("parabola", ctx.seed)
    ctx.fact("n", len(X))
    # the data were labelled by x2 > x1^2 - 1 plus noise: how many labels disagree with that border?
    noisy = (X[:, 1] > X[:, 0] ** 2 - 1) != (y == 1)
    ctx.fact("noisy", int(noisy.sum()))
    ctx.fact("border_accuracy", 1 - noisy.mean(), "{:.1%}")
    fig, ax = ctx.subplots(**PLANE)
    fields.data_plane(ax, ctx.theme, X, y)
    return fig


@figure("logistic-to-nn/logreg-parabola", kind="png",
        caption="The same model on the parabola set can only draw a straight line: only {accuracy} of the "
                "points end up on the correct side, against {baseline} for always answering the larger "
                "class. Ringed points are misclassified.",
        alt="The bowl-shaped data with a straight boundary cutting through it; many points on the wrong "
            "side are circled.")
def logreg_parabola(ctx):
    X, y = data("parabola", ctx.seed)
    net, hist = logistic_regression("parabola", seed=ctx.seed)
    ctx.fact("accuracy", net.accuracy(X, y), "{:.0%}")
    ctx.fact("baseline", max(np.mean(y), 1 - np.mean(y)), "{:.0%}")
    fig, ax = ctx.subplots(**PLANE)
    fields.decision_map(ax, ctx.theme, net.predict_proba, X, y)
    fields.mark_errors(ax, ctx.theme, X, net.predict(X) != y)
    # the key sits above the plane, like the data figures' keys: inside it would cover points
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False)
    return fig


@figure("logistic-to-nn/logreg-squared-feature", kind="png",
        caption="Give the same model a third input, $x_1^2$, and its boundary, still a straight line in "
                "(x1, x2, x1²), bends into a parabola in the plane: {accuracy} correct. Ringed points are misclassified.",
        alt="The bowl-shaped data with a curved boundary that follows the border between the classes.")
def logreg_squared_feature(ctx):
    X, y = data("parabola", ctx.seed)
    net, hist = logistic_regression("parabola", "squared", seed=ctx.seed)
    ctx.fact("accuracy", net.accuracy(squared(X), y), "{:.0%}")
    (W, b), = net.weights
    (w1, w2, w3), w0 = W[:, 0], b[0]
    for name, value in (("w0", w0), ("w1", w1), ("w2", w2), ("w3", w3)):
        ctx.fact(name, value, "{:+.2f}")
    # the boundary w0 + w1 x1 + w2 x2 + w3 x1^2 = 0, solved for x2
    ctx.fact("a", -w3 / w2, "{:.2f}")
    ctx.fact("b1", -w1 / w2, "{:+.2f}")
    ctx.fact("c", -w0 / w2, "{:+.2f}")
    fig, ax = ctx.subplots(**PLANE)
    fields.decision_map(ax, ctx.theme, lambda P: net.predict_proba(squared(P)), X, y)
    fields.mark_errors(ax, ctx.theme, X, net.predict(squared(X)) != y)
    return fig


@figure("logistic-to-nn/logreg-graph", kind="svg",
        caption="Logistic regression as a graph: the features, and a constant 1 for the bias, are "
                "multiplied by their weights, summed, and squashed by the sigmoid into a probability.",
        alt="A diagram: inputs x1, x2 and a bias node feed one output node through edges labelled with "
            "weights; the output is the probability of class 1.")
def logreg_graph(ctx):
    fig, ax = ctx.subplots(height=300)
    diagrams.draw_neuron(ax, ctx.theme, ["$x_1$", "$x_2$"], weights=["$w_1$", "$w_2$"], bias="$w_0$",
                         bias_node=True, output="$P(y{=}1)$")
    return fig


@figure("logistic-to-nn/handcrafted-graph", kind="svg",
        caption="The same model fed by a black box of hand-made features (squares, sines, roots ...). "
                "This is already a network with one hidden layer; a neural network learns the black box "
                "instead of asking us to design it.",
        alt="A diagram: inputs x1 and x2 feed a box of hand-made features such as x1 squared, sine and "
            "square root, which feed one output node together with a bias.")
def handcrafted_graph(ctx):
    fig, ax = ctx.subplots(height=360)
    diagrams.draw_neuron(ax, ctx.theme, ["$x_1$", "$x_2$"],
                         features=[("$x_1$", [0]), ("$x_2$", [1]), ("$x_1^2$", [0]), ("$\\sin x_1$", [0]),
                                   ("$\\sqrt{|x_2|}$", [1])],
                         features_label="black box: hand-made features", weights="auto", bias="$w_0$",
                         bias_node=True, output="$P(y{=}1)$")
    return fig
