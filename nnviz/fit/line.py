"""What the fit figures draw over one plotted feature, in the file's units: the fitted curve over
the rows (regression), the probability of each class (classification), and each hidden neuron's
curve. The one-feature counterpart of maps.py's plane (the commonest first try: one input).

    view = LineView(run, n=200, max_points=1200)   # the x grid, the rows shown, the held inputs
    out = view.outputs(weights)                    # (n, n_out) over the grid
    fit = FitCurves(ax, theme, view, out)          # curves and rows; fit.update(other_out) per frame
    view.points(ax, theme)                         # the rows alone (the data figure)

With more than one input, the inputs not plotted are held at their training median (one-hot
groups at their most common category), as on the plane: `view.held_note` says so.
"""
from __future__ import annotations

import numpy as np

from . import maps
from .text import plain

STRIP = 0.11  # classification: each class's rows in a strip this far apart below the probability axis


class LineView:
    """The plotted feature's axis: a grid over the rows' range and a seeded sample of the rows."""

    def __init__(self, run, n: int, max_points: int):
        data = run.data
        self.run, self.data = run, data
        (i,) = data.plot
        self.names = (data.inputs[i],)
        self.train = data.raw(data.X_train)[:, [i]]
        self.test = data.raw(data.X_test)[:, [i]]
        both = np.concatenate([self.train[:, 0], self.test[:, 0]])
        lo, hi = float(both.min()), float(both.max())
        pad = 0.05 * (hi - lo) if hi > lo else 0.5
        self.x = np.linspace(lo - pad, hi + pad, max(2 * n, 100))
        self.extent = (self.x[0], self.x[-1])
        self._X = data.plane_points(self.x[:, None])
        maps.sample_shown_rows(self, data.seed, max_points)
        jitter = np.random.default_rng([data.seed, 2])
        self._jitter = (jitter.uniform(-1, 1, len(self.train)), jitter.uniform(-1, 1, len(self.test)))

    where = property(lambda self: self.names[0])
    held_note = maps.PlaneView.held_note
    sample_note = maps.PlaneView.sample_note
    labels = maps.PlaneView.labels

    def outputs(self, weights) -> np.ndarray:
        """The network's output along the grid with `weights`: (n_grid, n_out)."""
        return maps.forward(weights, self._X, self.run.result.output, self.run.settings.activation)

    def hidden(self, weights) -> list[np.ndarray]:
        """Every hidden layer's output along the grid: [(n_grid, width), ...]."""
        return maps.hidden_layers(weights, self._X, self.run.settings.activation)

    def heights(self):
        """Where the shown rows sit vertically: their value (regression), or their class's strip
        below the probability axis, jittered within it (classification)."""
        ytr, yte = self.labels()
        if self.data.task == "regress":
            return self.data.y_raw(ytr), self.data.y_raw(yte)
        jtr, jte = self._jitter[0][self.show_train], self._jitter[1][self.show_test]
        return (-STRIP * (ytr + 1) + 0.03 * jtr, -STRIP * (yte + 1) + 0.03 * jte)

    def points(self, ax, theme, size: float = 18, legend: bool = True):
        """Train rows filled, test rows as rings, coloured by class (classification) or in the
        train/test series colours (regression), over the plotted feature."""
        tr, te = self.train[self.show_train, 0], self.test[self.show_test, 0]
        htr, hte = self.heights()
        ytr, yte = self.labels()
        if self.data.task == "classify":
            colours = np.array(maps.class_colours(theme, len(self.data.classes)))
            ctr, cte = colours[ytr.astype(int)], colours[yte.astype(int)]
        else:
            ctr, cte = theme.series[0], theme.series[1]
        ax.scatter(tr, htr, s=size, c=ctr, edgecolors=theme.bg, linewidths=0.6, zorder=3)
        ax.scatter(te, hte, s=size * 1.6, facecolors="none", edgecolors=cte, linewidths=1.6, zorder=4)
        ax.set_xlabel(plain(self.names[0]))
        ax.set_xlim(self.extent)
        k = len(self.data.classes)
        if self.data.task == "classify":
            ax.set_ylim(-STRIP * (k + 0.6), 1.05)
            ax.set_yticks([0, 0.5, 1])
            ax.set_ylabel("probability")
            ax.axhline(0, color=theme.grid, linewidth=0.8, zorder=1)
        else:
            lo, hi = maps.value_range(self.data)
            pad = 0.06 * (hi - lo)
            ax.set_ylim(lo - pad, hi + pad)
            ax.set_ylabel(plain(self.data.target))
        ax.grid(True, color=theme.grid, linewidth=0.5, alpha=0.6)
        if legend and self.data.task == "classify":
            maps.legend_points(ax, theme, self.data)
        elif legend:  # the rows' own colours: train and test series
            from matplotlib.lines import Line2D

            handles = [Line2D([], [], ls="", marker="o", color=theme.series[0], markeredgecolor=theme.bg,
                              label="train"),
                       Line2D([], [], ls="", marker="o", markerfacecolor="none", markeredgecolor=theme.series[1],
                              markeredgewidth=1.6, label="test")]
            ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False,
                      handletextpad=0.2, columnspacing=0.9)


class FitCurves:
    """The network's answer along the plotted feature: one probability curve per class in its
    colour (classification; the rows in strips below), or the fitted curve over the rows."""

    def __init__(self, ax, theme, view: LineView, out):
        self.view, self.data = view, view.data
        k = len(self.data.classes)
        if self.data.task == "classify":
            colours = maps.class_colours(theme, k)
            self.lines = [ax.plot(view.x, np.zeros_like(view.x), color=colours[c], linewidth=2.2, zorder=2)[0]
                          for c in range(k)]
        else:
            self.lines = [ax.plot(view.x, np.zeros_like(view.x), color=theme.fg, linewidth=2.2, zorder=5)[0]]
        self.update(out)

    def curves(self, out) -> list[np.ndarray]:
        if self.data.task == "regress":
            return [self.data.y_raw(out[:, 0])]
        if out.shape[1] == 1:  # one sigmoid: P(second class)
            return [1.0 - out[:, 0], out[:, 0]]
        return [out[:, c] for c in range(out.shape[1])]

    def artists(self) -> list:
        return list(self.lines)

    def update(self, out):
        for line, y in zip(self.lines, self.curves(out)):
            line.set_ydata(y)
        return self


def fit_axes(ax, theme, run, weights, size: float = 14) -> FitCurves:
    """The rows and the network's curves with `weights` on `ax`."""
    view = run.view()
    view.points(ax, theme, size=size)
    return FitCurves(ax, theme, view, view.outputs(weights))


class NeuronCurves:
    """One small axes per hidden neuron of a layer: its output along the plotted feature."""

    def __init__(self, axes, theme, x, values, centre: float, half: float):
        self.lines = []
        for j, ax in enumerate(axes.flat):
            if j >= values.shape[1]:
                ax.set_axis_off()
                continue
            ax.axhline(centre, color=theme.grid, linewidth=0.8)
            self.lines.append(ax.plot(x, values[:, j], color=theme.series[0], linewidth=1.6)[0])
            ax.set_xlim(x[0], x[-1])
            ax.set_ylim(centre - half * 1.08, centre + half * 1.08)
            ax.set_xticks([])
            ax.set_yticks([])

    @property
    def images(self) -> list:  # what animations redraw (the maps' name)
        return self.lines

    def update(self, values):
        for j, line in enumerate(self.lines):
            line.set_ydata(values[:, j])
        return self
