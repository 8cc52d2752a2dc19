"""One neuron: the figures of the first chapter.

The reader sees a bell curve (the Gaussian density), two classes of one-number examples drawn
from two such bells, and the sigmoid that turns a number into a probability: first swept by
hand (w sets the steepness, b shifts the boundary), then drawn as a one-neuron network, then
trained by gradient descent until it sits on top of a reference logistic regression.
"""
import functools
import math

import numpy as np
from matplotlib.colors import LogNorm

from nnviz.build import figure
from nnviz.engine import MLP, SGD, activations, datasets
from nnviz.render import Animation, diagrams
from nnviz.render.animate import freeze_layout, paced_fps
from nnviz.render.theme import MINUS
from nnviz.render.plots import curves

MEAN = 1.5            # the classes are Gaussians of unit width centred at -MEAN and +MEAN
N_PER_CLASS = 100
XLIM = (-5.0, 5.0)
FIT_START = (-1.0, 2.0)  # a deliberately bad starting neuron (w, b) for the training animation
FIT_LR, FIT_EPOCHS = 0.2, 300
REF_LR, REF_EPOCHS = 1.0, 4000
TOLERANCE = 1e-6         # largest |p_ours - p_reference| the comparison may show
SUPERSCRIPTS = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


# ---------------------------------------------------------------- data and training


@functools.cache
def samples(seed=0):
    """The two classes: x (200,) and labels y (200,), 100 draws around each mean."""
    return datasets.two_gaussians(n_per_class=N_PER_CLASS, seed=seed, mean=MEAN, sigma=1.0)



def neuron(w, b):
    """A one-neuron network (1 input, sigmoid output) with the given weight and bias."""
    return MLP([1, 1], output="sigmoid").set_weights([([[w]], [b])])


@functools.cache
def trained_from_bad_start(seed=0):
    """Full-batch gradient descent from FIT_START: (w, b) and the loss at every epoch (0 = start)."""
    x, y = samples(seed)
    net = neuron(*FIT_START)
    hist = net.fit(x[:, None], y, loss="bce", optimizer=SGD(lr=FIT_LR), epochs=FIT_EPOCHS,
                   batch_size=None, record_every=1)
    params = np.array([(W[0, 0], b[0]) for _, [(W, b)] in hist.snapshots])
    return params, np.array([hist.initial_loss, *hist.loss])


@functools.cache
def converged_neuron(seed=0):
    """Our neuron trained long enough to reach the minimum of the loss, and scikit-learn's."""
    x, y = samples(seed)
    net = MLP([1, 1], output="sigmoid", seed=seed)
    net.fit(x[:, None], y, loss="bce", optimizer=SGD(lr=REF_LR), epochs=REF_EPOCHS, batch_size=None)
    from sklearn.linear_model import LogisticRegression  # the reference; imported only when drawn

    ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(x[:, None], y)
    return net, ref


# ---------------------------------------------------------------- figures


@figure("one-neuron/gaussian-pdf", kind="png",
        caption="The unit Gaussian density: highest at x = 0 (height {peak}) and symmetric. The shaded "
                "area, {area}, is the chance that one draw lands between -1 and 1; the whole area is 1.",
        alt="A bell-shaped curve over x from -3 to 3, peaking at 0.4 at x = 0, with the part between "
            "-1 and 1 shaded.")
def gaussian_pdf(ctx):
    x = np.linspace(-3, 3, 301)
    pdf = np.exp(-x**2 / 2) / math.sqrt(2 * math.pi)
    inside = np.abs(x) <= 1

    fig, ax = ctx.subplots(height=290)
    ax.plot(x, pdf, color=ctx.theme.accent)
    ax.fill_between(x[inside], pdf[inside], color=ctx.theme.accent, alpha=0.2, linewidth=0)
    area = ctx.fact("area", math.erf(1 / math.sqrt(2)), "{:.3f}")
    ax.text(0, 0.12, f"area {area:.3f}", ha="center", color=ctx.theme.fg)
    ctx.fact("peak", pdf.max(), "{:.3f}")
    ax.set_xlabel("x")
    ax.set_ylabel("probability density")
    ax.set_ylim(0, 0.45)
    return fig


@figure("one-neuron/two-classes-scatter", kind="png",
        caption="{n} examples of one number each, drawn at the height of their category. A border at "
                "x = 0 (dashed) puts all but {wrong} of them on the right side.",
        alt="Two rows of dots: category 0 at height 0, mostly left of zero; category 1 at height 1, "
            "mostly right of zero; a dashed vertical line at x = 0.")
def two_classes_scatter(ctx):
    x, y = samples(ctx.seed)
    fig, ax = ctx.subplots(height=260)
    curves.category_points(ax, ctx.theme, x, y)
    ax.axvline(0, color=ctx.theme.muted, linestyle="--", linewidth=1.2)
    ctx.fact("n", len(x))
    ctx.fact("wrong", int(np.sum((x > 0) != (y == 1))))
    ax.set_xlim(*XLIM)
    ax.set_ylim(-0.4, 1.6)
    ax.set_xlabel("x")
    ax.set_ylabel("category")
    ax.legend(loc="upper left", frameon=False)
    return fig


@figure("one-neuron/two-classes-hist", kind="png",
        caption="The same examples counted in 50 bins of width {width}. The dashed curves are the counts "
                "the two Gaussians predict; the more examples, the closer the bars get to them.",
        alt="Two overlapping histograms, one centred at -1.5 and one at 1.5, each with a dashed bell "
            "curve on top.")
def two_classes_hist(ctx):
    x, y = samples(ctx.seed)
    fig, ax = ctx.subplots(height=290)
    width = curves.class_histograms(ax, ctx.theme, x, y, bins=50, range=XLIM)
    ctx.fact("width", width, "{:.1f}")
    grid = np.linspace(*XLIM, 301)
    for k, mean in enumerate((-MEAN, MEAN)):
        expected = N_PER_CLASS * width * np.exp(-(grid - mean) ** 2 / 2) / math.sqrt(2 * math.pi)
        ax.plot(grid, expected, "--", color=ctx.theme.fg, linewidth=1.3,
                label="expected from the Gaussians" if k else None)
    ax.set_xlim(*XLIM)
    ax.set_xlabel("x")
    ax.set_ylabel("examples per bin")
    ax.legend(loc="upper left", frameon=False)
    return fig


def _sweep():
    """The (w, b, caption) path of the sigmoid-family animation, one entry per frame."""
    t = lambda n: np.linspace(0, 1, n)  # noqa: E731
    steep = [(w, 0.0, "w sets the steepness") for w in np.geomspace(0.3, 4.0, 22)]
    shift = [(4.0, b, "b shifts the boundary (at x = \u2212b / w)") for b in 6 * np.sin(2 * np.pi * t(28))]
    flip = [(w, 0.0, "a negative w swaps the sides") for w in np.linspace(4.0, -2.0, 20)]
    return steep + shift + flip


@figure("one-neuron/sigmoid-family", kind="anim",
        caption="The sigmoid of $wx + b$ over the two classes while w and b change: w makes the step "
                "steeper or gentler, b slides the boundary (dashed, where the curve crosses 0.5) left and "
                "right, and a negative w turns the curve around. The shading shows which category each "
                "side is given; the numbers above the plot say how many examples that gets right.",
        alt="An S-shaped curve over two rows of dots; it first sharpens into a step, then slides left "
            "and right, then flattens and flips downwards.")
def sigmoid_family(ctx):
    x, y = samples(ctx.seed)
    path = _sweep()

    fig, ax = ctx.subplots(height=360)
    view = curves.probability_curve(ax, ctx.theme, x, y, xlim=XLIM)
    # on a phone the sentence takes a line of its own above the numbers
    title = fig.suptitle("", x=0.02, ha="left", fontsize=14) if ctx.narrow else ax.set_title("", loc="left")
    # the numbers sit above the plot, where they can never cover the curve
    numbers = ax.set_title("", loc="right", family="DejaVu Sans Mono", fontsize=12)
    ax.set_xlabel("x")
    ax.set_ylabel(r"$\sigma(w\,x + b)$")

    def update(i):
        w, b, what = path[i]
        net = neuron(w, b)
        correct = net.accuracy(x[:, None], y)
        view.update(net.predict_proba(view.grid[:, None]))
        numbers.set_text(f"w = {w:+.2f}  b = {b:+.2f}  correct {correct:4.0%}".replace("-", "\u2212"))
        title.set_text(what)

    update(0)
    freeze_layout(fig)
    # the still: the end of the first phase, w = 4 and b = 0, the sharp classifier the sweep reaches
    # (the last frame has a negative w that gets most examples wrong)
    poster = max(i for i, (_, _, what) in enumerate(path) if what == path[0][2])
    labels = [f"w = {w:+.2f}, b = {b:+.2f}".replace("-", "\u2212") for w, b, _ in path]  # the player's clock
    return Animation(fig, update, frames=len(path), fps=12, hold_last=1.0, poster=poster, labels=labels,
                     clock="setting")


@figure("one-neuron/one-neuron-diagram", kind="svg",
        caption="The smallest network: one input x, one neuron. The edge multiplies x by the weight w; "
                "the neuron adds the bias b and squashes the sum $z = wx + b$ with the sigmoid into a "
                "probability.",
        alt="A diagram: an input node x connected by an edge labelled w to a neuron that adds b and "
            "applies a sigmoid, whose output is the probability of category 1.")
def one_neuron_diagram(ctx):
    fig, ax = ctx.subplots(height=230)  # drawn large (18-px text): the chapter's one diagram, not a thumbnail
    diagrams.draw_neuron(ax, ctx.theme, ["$x$"], weights=["$w$"], bias="$+b$", output="probability",
                         note="$\\sigma(wx+b)$", fontsize=18)
    return fig


@figure("one-neuron/sigmoid-slope", kind="png",
        caption="The sigmoid (the S-shaped curve) and its slope $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$ as "
                "the engine computes it (the bell-shaped curve). The dots are slopes measured numerically, "
                "$(\\sigma(z + h) - \\sigma(z - h)) / 2h$: "
                "they sit on the curve, within {fd_gap}. The slope is largest, {max_slope}, at $z = 0$, where "
                "the neuron is least sure, and almost 0 far out, where it is sure.",
        alt="An S-shaped curve rising from 0 to 1 over z from -6 to 6, and below it a bell-shaped curve "
            "peaking at 0.25 at z = 0, with dots lying on the bell curve.")
def sigmoid_slope(ctx):
    # data: the engine's sigmoid and its derivative, and central differences to check the formula
    sig = activations.get("sigmoid")
    z = np.linspace(-6, 6, 241)
    a = sig.value(z)
    slope = sig.derivative(a)  # the engine writes it as a (1 - a), from the activation a = sigma(z)
    z_dots, h = np.arange(-6.0, 6.5, 1.0), 1e-5
    measured = (sig.value(z_dots + h) - sig.value(z_dots - h)) / (2 * h)
    ctx.fact("max_slope", slope.max(), "{:.2f}")
    ctx.fact("fd_gap", np.abs(measured - sig.derivative(sig.value(z_dots))).max(), "{:.0e}")

    # draw: the curve and its slope on one axis, the measured slopes as dots
    th = ctx.theme
    fig, ax = ctx.subplots(height=280)
    ax.plot(z, a, color=th.fg, label="\u03c3(z)")
    ax.plot(z, slope, color=th.accent, label="\u03c3'(z) = \u03c3(z) (1 \u2212 \u03c3(z))")
    ax.plot(z_dots, measured, "o", color=th.accent, markersize=6, markerfacecolor=th.bg, markeredgewidth=1.5,
            label="slope measured numerically", zorder=3)
    ax.annotate(f"largest slope {slope.max():.2f}", (0, slope.max()), xytext=(12, 12), textcoords="offset points",
                fontsize=12, color=th.fg, arrowprops=dict(arrowstyle="-", color=th.muted, lw=1))
    ax.set_xlim(-6.3, 6.3)
    ax.set_ylim(-0.03, 1.05)
    ax.set_xlabel("z")
    ax.legend(loc="upper left", frameon=False)
    return fig


@figure("one-neuron/one-neuron-fit", kind="anim",
        caption="Gradient descent at work: starting from a poor guess (w = {w0}, b = {b0}), each of "
                "{epochs} full passes over the data nudges w and b downhill on the loss (the loss curve). The curve "
                "turns round and its boundary settles near x = {edge}.",
        alt="Left: an S-shaped curve over two rows of dots, first pointing the wrong way, turning round "
            "and settling with its crossing point near zero. Right: the loss falling quickly, then "
            "levelling off.")
def one_neuron_fit(ctx):
    x, y = samples(ctx.seed)
    params, loss = trained_from_bad_start(ctx.seed)
    epochs = np.arange(len(loss))
    frames = np.unique(np.round(np.geomspace(1, len(loss), 64)).astype(int)) - 1  # fast early, slow late
    ctx.fact("w0", FIT_START[0], "{:g}")
    ctx.fact("b0", FIT_START[1], "{:g}")
    ctx.fact("epochs", FIT_EPOCHS)
    ctx.fact("lr", FIT_LR, "{:g}")
    w_end, b_end = params[-1]
    ctx.fact("w_end", w_end, "{:.2f}")
    ctx.fact("b_end", b_end, "{:.2f}")
    ctx.fact("edge", -b_end / w_end, "{:.2f}")
    fig, (ax, ax_loss) = ctx.subplots(1, 2, height=304, width_ratios=[1.6, 1])  # 608 image px: a multiple of 16
    view = curves.probability_curve(ax, ctx.theme, x, y, xlim=XLIM)
    # the numbers sit above the plot, where they can never cover the curve
    numbers = ax.set_title("", loc="left", family="DejaVu Sans Mono", fontsize=12)
    ax.set_xlabel("x")
    ax.set_ylabel("probability of category 1")
    curve = curves.training_curve(ax_loss, ctx.theme, loss, epochs=epochs, log_epochs=True)
    ax_loss.set_xlabel("epoch (log scale)")
    ax_loss.set_ylabel("cross-entropy loss")
    ax_loss.set_ylim(bottom=0)

    def update(i):
        e = frames[i]
        w, b = params[e]
        view.update(neuron(w, b).predict_proba(view.grid[:, None]))
        numbers.set_text(f"epoch {e:3d}   w = {w:+.2f}   b = {b:+.2f}".replace("-", "\u2212"))
        curve.update(e)

    update(0)
    freeze_layout(fig)
    return Animation(fig, update, frames=len(frames), fps=paced_fps(len(frames)), hold_first=1.5, hold_last=2.0,
                     labels=[f"epoch {e}" for e in frames], clock="epoch")


@figure("one-neuron/one-neuron-vs-reference", kind="png",
        caption="Our neuron (w = {w_ours}, b = {b_ours}) after {epochs} epochs of gradient descent and "
                "scikit-learn's unregularised LogisticRegression (w = {w_ref}, b = {b_ref}) on the same "
                "{n} examples. The curves lie on top of each other: they never differ by more than "
                "{max_gap} (bottom panel, drawn in units of {gap_unit}).",
        alt="Two S-shaped probability curves drawn exactly on top of each other over two rows of dots, "
            "and below them a strip showing their tiny difference.")
def one_neuron_vs_reference(ctx):
    x, y = samples(ctx.seed)
    net, ref = converged_neuron(ctx.seed)
    grid = np.linspace(*XLIM, 401)
    p_ours = np.ravel(net.predict_proba(grid[:, None]))
    p_ref = ref.predict_proba(grid[:, None])[:, 1]
    (W, b), = net.weights
    ctx.fact("n", len(x))
    ctx.fact("epochs", REF_EPOCHS)
    ctx.fact("w_ours", W[0, 0], "{:.4f}")
    ctx.fact("b_ours", b[0], "{:.4f}")
    ctx.fact("w_ref", ref.coef_[0, 0], "{:.4f}")
    ctx.fact("b_ref", ref.intercept_[0], "{:.4f}")
    ctx.fact("w_diff", abs(W[0, 0] - ref.coef_[0, 0]), "{:.1e}")
    ctx.fact("b_diff", abs(b[0] - ref.intercept_[0]), "{:.1e}")
    gap = ctx.fact("max_gap", np.max(np.abs(p_ours - p_ref)), "{:.1e}")
    ctx.fact("tolerance", TOLERANCE, "{:.0e}")
    ctx.fact("w_bayes", 2 * MEAN, "{:g}")
    ctx.fact("p_at_4", float(np.ravel(net.predict_proba(np.array([[4.0]])))[0]), "{:.3%}")  # far into category 1  # the exact log-odds of two unit Gaussians at -m, +m is 2 m x

    exponent = int(np.floor(np.log10(max(gap, 1e-300))))  # the gap is drawn in units of 10^exponent
    ctx.fact("gap_exponent", exponent)
    ctx.fact("gap_unit", "10" + str(exponent).translate(SUPERSCRIPTS))

    fig, (ax, ax_gap) = ctx.subplots(2, 1, height=420, height_ratios=[3, 1.2], sharex=True)
    curves.category_points(ax, ctx.theme, x, y, alpha=0.35)
    ax.plot(grid, p_ref, color=ctx.theme.series[0], linewidth=5, alpha=0.6, label="scikit-learn")
    ax.plot(grid, p_ours, color=ctx.theme.fg, linewidth=1.6, label="our neuron")
    ax.set_yticks([0, 0.5, 1])
    ax.set_ylabel("probability of category 1")
    ax.legend(loc="upper left", frameon=False, fontsize=12)
    ax_gap.axhline(0, color=ctx.theme.grid, linewidth=1)
    unit = 10.0 ** exponent
    ax_gap.plot(grid, (p_ours - p_ref) / unit, color=ctx.theme.fg, linewidth=1.4)
    ax_gap.set_ylim(-1.5 * gap / unit, 1.5 * gap / unit)
    ax_gap.set_ylabel(f"ours \u2212 ref.\n(\u00d7 $10^{{{exponent}}}$)")
    ax_gap.set_xlabel("x")
    ax_gap.set_xlim(*XLIM)
    return fig


def loss_surface(x, y, w, b):
    """The mean cross-entropy of the neuron sigma(w x + b) on (x, y) at every (w, b) of the grids `w`, `b`
    (equal shapes): the landscape gradient descent walks on."""
    z = w[..., None] * x + b[..., None]
    # -[y log s(z) + (1 - y) log(1 - s(z))] = log(1 + e^z) - y z, written to stay finite for large |z|
    return np.mean(np.logaddexp(0.0, z) - y * z, axis=-1)


LOSS_SURFACE_W = (-2.0, 4.5, 261)  # the loss-surface figure's grid: w from, to, points
LOSS_SURFACE_B = (-2.5, 3.0, 221)  # b from, to, points


def loss_surface_grid(x, y):
    """(ws, bs, L, levels) of the loss-surface figure: its (221, 261) grid over (w, b), the loss
    there, and its 16 contour levels, geometric from 1.01 x the least loss to the largest (its
    colour scale, viridis on a log scale; the weight-and-bias explorable's key uses the same)."""
    ws, bs = np.meshgrid(np.linspace(*LOSS_SURFACE_W), np.linspace(*LOSS_SURFACE_B))
    L = loss_surface(x, y, ws, bs)
    return ws, bs, L, np.geomspace(L.min() * 1.01, L.max() * 1.001, 16)


@figure("one-neuron/loss-surface", kind="png",
        caption="The loss as a landscape over the neuron's two knobs: each point (w, b) is one neuron, "
                "coloured by its cross-entropy on the {n} examples (darker: lower). Gradient descent starts "
                "at the poor guess w = {w0}, b = {b0} (loss {loss0}) and walks downhill, each dot one epoch of "
                "the first {shown}, to w = {w_end}, b = {b_end} after {epochs} epochs (loss {loss_end}). The "
                "star is the bottom of the valley, w = {w_min}, b = {b_min} (loss {loss_min}). Each step is the "
                "slope times the step size, so the steps shrink as the ground flattens: most of the epochs are "
                "spent on the last, gentle stretch.",
        alt="A contour map over w from -2 to 4.5 and b from -2.5 to 3, dark in a long valley around w = 3, "
            "b = 0; a path of dots runs from the upper left down into the valley and along it towards a star.")
def loss_surface_figure(ctx):
    th = ctx.theme
    x, y = samples(ctx.seed)
    params, loss = trained_from_bad_start(ctx.seed)
    net, _ = converged_neuron(ctx.seed)
    (W, b), = net.weights
    w_min, b_min = W[0, 0], b[0]
    ws, bs, L, levels = loss_surface_grid(x, y)
    ctx.fact("n", len(x))
    ctx.fact("w0", FIT_START[0], "{:g}")
    ctx.fact("b0", FIT_START[1], "{:g}")
    ctx.fact("loss0", loss[0], "{:.2f}")
    ctx.fact("epochs", FIT_EPOCHS)
    ctx.fact("w_end", params[-1, 0], "{:.2f}")
    ctx.fact("b_end", params[-1, 1], "{:.2f}")
    ctx.fact("loss_end", loss[-1], "{:.3f}")
    ctx.fact("w_min", w_min, "{:.2f}")
    ctx.fact("b_min", b_min, "{:.2f}")
    ctx.fact("loss_min", float(loss_surface(x, y, np.array(w_min), np.array(b_min))), "{:.3f}")
    shown = ctx.fact("shown", 40)  # epochs marked by a dot; the rest of the path is the line

    fig, ax = ctx.subplots(height=430, narrow_height=520)
    filled = ax.contourf(ws, bs, L, levels=levels, cmap=th.cmap_seq, norm=LogNorm(), extend="min")
    ax.contour(ws, bs, L, levels=levels, colors=[th.bg], linewidths=0.4, alpha=0.5)
    path = params  # row 0: the start, row e: after epoch e
    ax.plot(path[:, 0], path[:, 1], color=th.fg, lw=1.6, zorder=3)
    ax.plot(path[:shown, 0], path[:shown, 1], "o", color=th.fg, markersize=3.5, markerfacecolor=th.bg,
            markeredgewidth=1.0, zorder=4, label="gradient descent, one dot per epoch")
    ax.plot(*FIT_START, "o", color=th.fg, markersize=8, zorder=5)
    ax.annotate(f"start: w = {FIT_START[0]:g}, b = {FIT_START[1]:g}".replace("-", MINUS), FIT_START,
                xytext=(8, 8), textcoords="offset points", fontsize=12, color=th.fg,
                bbox=dict(facecolor=th.bg, edgecolor="none", alpha=0.85, pad=1.5))
    ax.plot(w_min, b_min, "*", color=th.bg, markeredgecolor=th.fg, markersize=15, zorder=6, label="minimum")
    ax.set_xlabel("weight w")
    ax.set_ylabel("bias b")
    # on a phone the key goes under the map and the legend's two entries one above the other
    bar = fig.colorbar(filled, ax=ax, label="cross-entropy loss", shrink=0.9, location=ctx.pick("right", "bottom"),
                       aspect=ctx.pick(20, 30))
    bar.set_ticks([0.2, 0.3, 0.5, 1, 2, 3], labels=["0.2", "0.3", "0.5", "1", "2", "3"])
    bar.minorticks_off()
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=ctx.pick(2, 1), frameon=False)
    return fig
