"""What the fit figures draw over the plane of the two plotted features, in the file's units.

    view = PlaneView(run)                       # the grid, the points shown, the held inputs
    out = view.outputs(weights)                 # the network's output over the grid
    field = class_field(ax, theme, view, out)   # or value_field(...) for regression
    field.update(view.outputs(other_weights))   # in an animation frame
    view.points(ax, theme)                      # train (filled) and test (ringed) points

With more than two inputs, the inputs not plotted are held at their training median (one-hot
groups at their most common category): `view.held_note` says so for captions.
"""
from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap, to_rgb
from matplotlib.lines import Line2D

from nnviz.render.plots import fields

from .text import plain

# after the theme's five (Okabe-Ito blue, orange, green, pink, sky blue): the rest of Okabe and
# Ito's set (vermillion, yellow) then hues none of those is close to; past about 8 classes no
# set stays distinct, and the legend names every class
EXTRA_CLASS_COLOURS = ("#d55e00", "#c9b400", "#7b52ab", "#8d6e63", "#7f7f7f", "#1b3a6b", "#6b8e23", "#b22222",
                       "#ff7f50", "#20b2aa", "#483d8b", "#daa520", "#2f4f4f", "#bc8f8f", "#000080")


def class_colours(theme, k: int) -> list[str]:
    """k distinct colours: the theme's class colours first."""
    colours = list(theme.classes) + [c for c in EXTRA_CLASS_COLOURS if c not in theme.classes]
    return colours[:k]


def _mix(colour, bg, amount):
    c, b = np.array(to_rgb(colour)), np.array(to_rgb(bg))
    return amount * c + (1 - amount) * b


def sample_shown_rows(view, seed: int, max_points: int) -> None:
    """Sets view.show_train and view.show_test (sorted row indices), view.shown and view.total:
    a seeded sample of at most about `max_points` rows, the same share of train and test, so a
    large file's figures stay readable and quick to draw (the plane's and the line's)."""
    rng = np.random.default_rng(seed)
    total = len(view.train) + len(view.test)
    share = min(1.0, max_points / total)
    view.show_train = np.sort(rng.permutation(len(view.train))[: max(1, round(share * len(view.train)))])
    view.show_test = np.sort(rng.permutation(len(view.test))[: max(1, round(share * len(view.test)))])
    view.shown = len(view.show_train) + len(view.show_test)
    view.total = total


class PlaneView:
    """The plot plane of a run: a grid over the points' range, and a seeded sample of the points."""

    def __init__(self, run, n: int, max_points: int):
        data = run.data
        self.run, self.data = run, data
        i, j = data.plot
        self.names = (data.inputs[i], data.inputs[j])
        self.train = data.raw(data.X_train)[:, [i, j]]
        self.test = data.raw(data.X_test)[:, [i, j]]
        self.grid = fields.plane_grid(np.vstack([self.train, self.test]), n=n)
        self._X = data.plane_points(self.grid.points)
        sample_shown_rows(self, data.seed, max_points)

    @property
    def where(self) -> str:
        """The plotted features, for captions: 'a and b'."""
        return f"{self.names[0]} and {self.names[1]}"

    @property
    def held_note(self) -> str:
        """'' when every input is plotted, else a sentence for captions."""
        if self.data.n_inputs <= len(self.names):
            return ""
        others = [n for k, n in enumerate(self.data.features) if n not in self.names]
        text = ", ".join(others[:4]) + (f" and {len(others) - 4} more" if len(others) > 4 else "")
        cats = " (text features at their most common value)" if self.data.groups else ""
        what = "map" if len(self.names) == 2 else "curve"
        return (f" The other inputs ({text}) are held at their training median{cats} over the whole {what}, "
                f"so the {what} is one slice through them: a row whose other values are far from the median can "
                "sit where the network answers otherwise and still be predicted right.")

    @property
    def sample_note(self) -> str:
        if self.shown == self.total:
            return ""
        return f" For legibility {self.shown} of the {self.total} rows are drawn (a seeded random sample)."

    def outputs(self, weights) -> np.ndarray:
        """The network's output over the grid with `weights`: (n_grid, n_out)."""
        return forward(weights, self._X, self.run.result.output, self.run.settings.activation)

    def hidden(self, weights) -> list[np.ndarray]:
        """Every hidden layer's output over the grid: [(n_grid, width), ...]."""
        return hidden_layers(weights, self._X, self.run.settings.activation)

    def labels(self):
        return self.data.y_train[self.show_train], self.data.y_test[self.show_test]

    def points(self, ax, theme, size: float = 18, legend: bool = True, cmap=None, norm=None):
        """Train points filled, test points as rings, coloured by class (or by value with `cmap`)."""
        tr, te = self.train[self.show_train], self.test[self.show_test]
        ytr, yte = self.labels()
        if self.data.task == "classify":
            colours = np.array(class_colours(theme, len(self.data.classes)))
            ctr, cte = colours[ytr.astype(int)], colours[yte.astype(int)]
        else:
            ctr, cte = cmap(norm(self.data.y_raw(ytr))), cmap(norm(self.data.y_raw(yte)))
        ax.scatter(tr[:, 0], tr[:, 1], s=size, c=ctr, edgecolors=theme.bg, linewidths=0.6, zorder=3)
        ax.scatter(te[:, 0], te[:, 1], s=size * 1.6, facecolors="none", edgecolors=cte, linewidths=1.6, zorder=4)
        if self.data.task == "regress":  # ring colour alone is hard to see on a same-coloured field
            ax.scatter(te[:, 0], te[:, 1], s=size * 3.2, facecolors="none", edgecolors=theme.fg,
                       linewidths=0.5, zorder=4)
        ax.set_xlabel(plain(self.names[0]))
        ax.set_ylabel(plain(self.names[1]))
        ax.set_xlim(self.grid.extent[:2])
        ax.set_ylim(self.grid.extent[2:])
        ax.set_box_aspect(1)
        if legend:
            legend_points(ax, theme, self.data, cmap is None)


def legend_points(ax, theme, data, classes: bool = True, loc="lower center", anchor=(0.5, 1.0)):
    handles = []
    if classes and data.task == "classify":
        for name, colour in zip(data.classes, class_colours(theme, len(data.classes))):
            handles.append(Line2D([], [], ls="", marker="o", color=colour, markeredgecolor=theme.bg, label=plain(name)))
    grey = theme.muted
    handles.append(Line2D([], [], ls="", marker="o", color=grey, markeredgecolor=theme.bg, label="train"))
    handles.append(Line2D([], [], ls="", marker="o", markerfacecolor="none", markeredgecolor=grey,
                          markeredgewidth=1.6, label="test"))
    ncols = min(len(handles), 4)
    return ax.legend(handles=handles, loc=loc, bbox_to_anchor=anchor, ncols=ncols, frameon=False,
                     handletextpad=0.2, columnspacing=0.9)


# ---------------------------------------------------------------- the network, without the engine's API


def _act(name, z):
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "sigmoid":
        return 0.5 * (1.0 + np.tanh(0.5 * z))
    return z


def hidden_layers(weights, X, activation) -> list[np.ndarray]:
    a, outs = X, []
    for W, b in weights[:-1]:
        a = _act(activation, a @ W + b)
        outs.append(a)
    return outs


def forward(weights, X, output, activation) -> np.ndarray:
    """The network's output for inputs X (n, n_inputs), from its weights [(W, b), ...]: the same
    forward pass as the engine's MLP (z = a W + b, then the activation), done here so that a
    frame costs a few products and needs no network object."""
    hidden = hidden_layers(weights, X, activation)
    W, b = weights[-1]
    z = (hidden[-1] if hidden else X) @ W + b
    if output == "softmax":
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)
    return _act(output, z)


# ---------------------------------------------------------------- fields


class ClassField:
    """Decision regions of k classes: each grid point in its predicted class's colour, paler where
    the network is less sure (10 bands of confidence), and the borders between classes as lines."""

    def __init__(self, ax, theme, view: PlaneView, out, bands: int = 10):
        self.ax, self.theme, self.view, self.bands = ax, theme, view, bands
        k = len(view.data.classes)
        self.k = k
        self.binary = out.shape[1] == 1
        if self.binary:
            self.field = fields.probability_field(ax, theme, view.grid, out[:, 0], bands=bands)
            return
        self.colours = np.array([_mix(c, theme.bg, 1.0) for c in class_colours(theme, k)])
        self.bg = np.array(to_rgb(theme.bg))
        self.image = ax.imshow(self._rgb(out), origin="lower", extent=view.grid.extent, aspect="auto",
                               interpolation="bilinear", zorder=0)
        self.lines = None
        self._borders(out)

    def _rgb(self, out):
        pred = out.argmax(axis=1)
        top = out.max(axis=1)
        sure = np.clip((top - 1 / self.k) / (1 - 1 / self.k), 0, 1)
        sure = np.ceil(sure * self.bands) / self.bands  # flat bands, like the two-class maps
        amount = 0.08 + 0.42 * sure
        rgb = amount[:, None] * self.colours[pred] + (1 - amount[:, None]) * self.bg
        return rgb.reshape(*self.view.grid.shape, 3)

    def _borders(self, out):
        """A smooth line where the predicted class changes: for each class k, the zero contour
        of p_k - max(other p), which is positive exactly where k is predicted."""
        for line in self.lines or []:
            line.remove()
        self.lines = []
        pred = out.argmax(axis=1)
        for k in np.unique(pred):
            others = np.delete(out, k, axis=1).max(axis=1)
            margin = self.view.grid.image(out[:, k] - others)
            if margin.min() < 0 < margin.max():
                self.lines.append(self.ax.contour(self.view.grid.x1, self.view.grid.x2, margin, levels=[0.0],
                                                  colors=[self.theme.fg], linewidths=1.2, zorder=2))

    def artists(self) -> list:
        """The artists `update` changes (contours are re-created and need no listing)."""
        return [self.field.image] if self.binary else [self.image]

    def update(self, out):
        if self.binary:
            self.field.update(out[:, 0])
            return self
        self.image.set_data(self._rgb(out))
        self._borders(out)
        return self


class ValueField:
    """A regression surface: the prediction in 10 colour bands of the theme's sequential map, with
    contour lines; the points use the same colours, so a point matching its background is fitted."""

    def __init__(self, ax, theme, view: PlaneView, out, vmin: float, vmax: float, bands: int = 10):
        from matplotlib.colors import Normalize
        import matplotlib

        self.ax, self.theme, self.view = ax, theme, view
        base = matplotlib.colormaps[theme.cmap_seq]
        self.cmap = ListedColormap(base(np.linspace(0.05, 0.95, bands)))
        self.norm = Normalize(vmin, vmax)
        self.levels = np.linspace(vmin, vmax, bands + 1)
        self.image = ax.imshow(view.grid.image(self._values(out)), origin="lower", extent=view.grid.extent,
                               aspect="auto", cmap=self.cmap, norm=self.norm, interpolation="nearest",
                               alpha=0.75, zorder=0)
        self.lines = None
        self._lines(out)

    def _values(self, out):
        return self.view.data.y_raw(out[:, 0])

    def _lines(self, out):
        if self.lines is not None:
            self.lines.remove()
        img = self.view.grid.image(self._values(out))
        self.lines = self.ax.contour(self.view.grid.x1, self.view.grid.x2, img, levels=self.levels,
                                     colors=[self.theme.bg], linewidths=0.6, zorder=1)

    def artists(self) -> list:
        return [self.image]

    def update(self, out):
        self.image.set_data(self.view.grid.image(self._values(out)))
        self._lines(out)
        return self


def field(ax, theme, view: PlaneView, out):
    """The right field for the task, drawn from outputs `out` (n_grid, n_out)."""
    if view.data.task == "classify":
        return ClassField(ax, theme, view, out)
    lo, hi = value_range(view.data)
    return ValueField(ax, theme, view, out, lo, hi)


def value_range(data):
    y = data.y_raw(np.concatenate([data.y_train, data.y_test]))
    return float(y.min()), float(y.max())
