"""From logistic regression to neural networks, part 1: what logistic regression can draw.

The reader sees logistic regression draw a straight boundary through two-feature data: a
good one where a line separates the classes, a poor one where the border is a parabola.
Adding the square of a feature bends the boundary; drawn as graphs, the model and its
hand-made features already look like networks. (Real networks learning the parabola
themselves: logistic_to_nn_hidden.py.)
"""
import functools

import numpy as np
from matplotlib.ticker import MaxNLocator

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
    field = fields.decision_map(ax, ctx.theme, net.predict_proba, X, y)
    fields.probability_key(fig, field, ax)
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
    field = fields.decision_map(ax, ctx.theme, net.predict_proba, X, y)
    fields.probability_key(fig, field, ax)
    fields.mark_errors(ax, ctx.theme, X, net.predict(X) != y)
    # the key sits above the plane, like the data figures' keys: inside it would cover points
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=ctx.pick(3, 2), frameon=False)
    return fig


@figure("logistic-to-nn/logreg-squared-feature", kind="png",
        caption="Give the same model a third input, $x_1^2$, and its boundary, a flat plane in the three "
                "inputs $(x_1, x_2, x_1^2)$, bends into a parabola in the plane of $x_1$ and $x_2$: {accuracy} "
                "correct. Ringed points are misclassified.",
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
    field = fields.decision_map(ax, ctx.theme, lambda P: net.predict_proba(squared(P)), X, y)
    fields.probability_key(fig, field, ax)
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
                         bias_node=True, output="$P(y{=}1)$", fontsize=16)
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


@figure("logistic-to-nn/squared-lift", kind="png",
        caption="Why the squared feature works: each point lifted to the three inputs the model sees, "
                "$(x_1, x_1^2, x_2)$. The points now lie on a curved sheet, and the model's boundary is a flat "
                "plane through it, class 1 above and class 0 below: {accuracy} correct. One view is at an angle; "
                "the other looks along the plane, which then shows as a line.",
        alt="Two 3-D views of the parabola data lifted onto a curved sheet, with a flat translucent plane "
            "cutting through it; in the right view the plane is seen edge-on as a line with one class on "
            "each side.")
def squared_lift(ctx):
    th = ctx.theme
    X, y = data("parabola", ctx.seed)
    net, _ = logistic_regression("parabola", "squared", seed=ctx.seed)
    ctx.fact("accuracy", net.accuracy(squared(X), y), "{:.0%}")
    (W, b), = net.weights
    (w1, w2, w3), w0 = W[:, 0], b[0]
    # axes (x1, x1^2, x2), x2 upwards: the plane w0 + w1 x1 + w2 x2 + w3 x1^2 = 0 is x2 = f(x1, x1^2)
    s_max = float(np.max(X[:, 0] ** 2))
    g1, gs = np.meshgrid(np.linspace(X[:, 0].min(), X[:, 0].max(), 12), np.linspace(0, s_max, 12))
    plane = -(w0 + w1 * g1 + w3 * gs) / w2
    limits = [(X[:, 0].min(), X[:, 0].max()), (0.0, s_max), (X[:, 1].min() - 0.2, X[:, 1].max() + 0.2)]
    ranges = np.array([hi - lo for lo, hi in limits])  # as the box's sides: one unit as long on every axis
    normal = np.array([w1, w3, w2])  # the plane's normal in (x1, x1^2, x2)
    # edge-on: look along a direction inside the plane, 12 degrees above the horizontal
    elev = np.radians(12)
    phi = np.arctan2(normal[1], normal[0])
    azim = phi + np.arccos(np.clip(-normal[2] * np.tan(elev) / np.hypot(*normal[:2]), -1, 1))
    # the plane's outline inside the box (in the edge-on view it is the line between the classes)
    ts = np.linspace(0, 1, 200)
    x1s = np.concatenate([limits[0][0] + ts * ranges[0], np.full(200, limits[0][1]),
                          limits[0][1] - ts * ranges[0], np.full(200, limits[0][0])])
    ss = np.concatenate([np.zeros(200), ts * s_max, np.full(200, s_max), s_max - ts * s_max])
    x2s = -(w0 + w1 * x1s + w3 * ss) / w2
    inside = (x2s >= limits[2][0]) & (x2s <= limits[2][1])
    edge = (np.where(inside, x1s, np.nan), np.where(inside, ss, np.nan), np.where(inside, x2s, np.nan))
    fig = ctx.figure(height=380, narrow_height=720)  # on a phone the two views one above the other
    for k, (el, az, title) in enumerate(((52, -70, "at an angle"),
                                         (np.degrees(elev), np.degrees(azim), "along the plane"))):
        ax = fig.add_subplot(*ctx.pick((1, 2), (2, 1)), k + 1, projection="3d")
        ax.set_proj_type("ortho")
        ax.set_box_aspect(ranges, zoom=0.9)
        ax.plot_surface(g1, gs, np.where((plane >= limits[2][0]) & (plane <= limits[2][1]), plane, np.nan),
                        color=th.muted, alpha=0.28, linewidth=0, shade=False)
        # the curved sheet every point lies on, (x1, x1^2, x2): a few of its lines, so the sheet is seen
        sheet_x1 = np.linspace(*limits[0], 60)
        for x2 in np.linspace(*limits[2], 5):
            ax.plot(sheet_x1, sheet_x1 ** 2, np.full_like(sheet_x1, x2), color=th.grid, lw=1.0, zorder=1)
        ax.plot(*edge, color=th.fg, lw=1.6, label="the model's plane" if k == 0 else None)
        for c in (0, 1):
            pts = X[y == c]
            ax.scatter(pts[:, 0], pts[:, 0] ** 2, pts[:, 1], s=8, color=th.classes[c], depthshade=False,
                       label=f"class {c}")
        ax.set(xlim=limits[0], ylim=limits[1], zlim=limits[2])
        ax.view_init(elev=el, azim=az)
        ax.set_xlabel("$x_1$", labelpad=-4)
        ax.set_ylabel("$x_1^2$", labelpad=-4)
        ax.set_zlabel("$x_2$", labelpad=2)
        ax.tick_params(pad=-2)
        for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
            axis.set_major_locator(MaxNLocator(3))
        for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
            axis.set_pane_color((0, 0, 0, 0))
        ax.set_title(title, fontsize=13)
    fig.legend(*fig.axes[0].get_legend_handles_labels(), loc="outside lower center", frameon=False, ncols=3)
    return fig
