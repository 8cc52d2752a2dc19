"""The captions of the report's figures: what each shows, with this run's numbers, in words."""
from __future__ import annotations

from . import maps
from .train import predict_labels


def metric_label(run) -> str:
    return "accuracy" if run.data.task == "classify" else f"RMSE of {run.data.target}"


def fmt(run, value) -> str:
    return f"{value:.1%}" if run.data.task == "classify" else f"{value:.4g}"


def caption_data(run):
    v, d = run.view(), run.data
    if run.one_feature:
        where = (f"placed along {v.where}, one strip per class, coloured by class" if d.task == "classify"
                 else f"{d.target} against {v.where}")
        return (f"The data: {len(d.X_train)} training rows (filled dots) and {len(d.X_test)} test rows (rings), "
                f"{where}.{v.sample_note}")
    what = "class" if d.task == "classify" else f"value of {d.target}"
    return (f"The data: {len(d.X_train)} training rows (filled dots) and {len(d.X_test)} test rows (rings), "
            f"placed by {v.where} and coloured by their {what}.{v.sample_note}")


def _answer(run) -> str:
    """What the network's answer looks like in the training animation."""
    d = run.data
    if run.one_feature:
        if d.task == "classify":
            return (f"The curves are the network's probability of each class along {run.view().where}, in the "
                    "classes' colours; the rows sit in one strip per class below them")
        return (f"The line is the network's prediction of {d.target} along {run.view().where}, drawn over the "
                "rows: where it passes through them, they are predicted well")
    if d.task == "classify":
        return ("The shading is the network's answer at each point of the plane (paler where it is less "
                "sure), the lines its decision boundaries")
    return ("The colour is the network's prediction at each point of the plane, in the same colours "
            "as the points: a point that matches its background is predicted well")


def caption_training(run):
    v, h = run.view(), run.result.history
    m = run.metric
    return (f"Training, epoch by epoch (epochs spaced logarithmically, dense at the start). {_answer(run)}. "
            f"Right: loss and {metric_label(run)} on the training rows and on the held-out test rows; "
            f"at the end {fmt(run, h['train_' + m][-1])} on train, {fmt(run, h['test_' + m][-1])} on "
            f"test.{v.held_note}{v.sample_note}")


def caption_regions(run):
    v, d = run.view(), run.data
    if run.one_feature:
        what = "probability of each class" if d.task == "classify" else f"fitted curve of {d.target}"
        return f"The trained network's {what} along {v.where}, over the rows.{v.held_note}"
    what = "decision regions" if d.task == "classify" else "prediction surface"
    return f"The trained network's {what} over {v.where}.{v.held_note}"


def caption_neurons(run, moving=False):
    v = run.view()
    when = "while it trains" if moving else "after training"
    if run.one_feature:
        scale = {"tanh": "from −1 to +1", "sigmoid": "from 0 to 1"}.get(run.settings.activation, "")
        return (f"Every hidden neuron's output along {v.where} {when}{' (' + scale + ')' if scale else ''}, one "
                "row per layer; the grey line is the middle of its range. Each neuron of layer 1 is one soft "
                f"step along {v.where}; later layers add such steps up into the curve the network "
                f"draws.{v.held_note}")
    # a neuron's own colours (theme.cmap_out), not the class colours: a hidden unit is a feature
    scale = {"tanh": "green near +1, purple near −1", "sigmoid": "green near 1, purple near 0"}.get(
        run.settings.activation, "green for large outputs, purple for negative ones")
    line = ("the pale band is where it changes sign" if moving else
            "the thin line is where it crosses the middle of its range")
    return (f"Every hidden neuron's output over the same plane {when} ({scale}), one row per layer; "
            f"{line}. Each neuron of layer 1 draws one soft straight border; later layers combine "
            f"them.{v.held_note}")


def caption_curves(run):
    h, m = run.result.history, run.metric
    gap = h["train_loss"][-1] - h["test_loss"][-1]
    overfit = -gap > 0.25 * abs(h["train_loss"][-1]) + 1e-9
    note = (" The test loss ends well above the training loss: the network fits the training rows better "
            "than new ones (overfitting; fewer --epochs or a smaller --hidden may help)." if overfit else "")
    return (f"Loss ({run.result.loss_name}) and {metric_label(run)} after every epoch, on the training "
            f"and the test rows. Final {metric_label(run)}: {fmt(run, h['train_' + m][-1])} train, "
            f"{fmt(run, h['test_' + m][-1])} test.{note}")


def caption_network(run):
    sizes = "-".join(map(str, run.result.sizes))
    text = (f"The trained {sizes} network: each line is a weight, orange positive and blue negative, "
            f"thicker when larger. Inputs are the standardised features.")
    d = run.data
    if d.n_inputs > 10 or len(d.classes) > 10:  # the diagram numbers them instead of naming them
        text += " Inputs x1 to x{}: {}.".format(d.n_inputs, ", ".join(d.inputs))
        if len(d.classes) > 2:
            text += " Outputs ŷ1 to ŷ{}: the probabilities of {}.".format(len(d.classes), ", ".join(d.classes))
    return text


def caption_errors(run):
    d = run.data
    if d.task == "classify":
        out = maps.forward(run.final, d.X_test, run.result.output, run.settings.activation)
        right = int((predict_labels(out) == d.y_test).sum())
        return (f"Confusion matrix on the {len(d.X_test)} test rows: row = true class, column = the "
                f"network's answer; the diagonal holds the {right} right answers.")
    return (f"Predicted against true {d.target}: on the grey diagonal the prediction is exact. Filled: "
            f"training rows; rings: test rows.{run.view().sample_note}")
