"""Training an MLP: the epoch loop over (shuffled) mini-batches, the loss it records, and the
divergence check. ``MLP.fit`` checks its arguments and calls ``train``; the backward pass
itself is the network's (``MLP._backward``).

The functions take the net and work on its flat parameter array (``net._theta``) and its
gradient (``net._grad``), whose per-layer views the layers hold.
"""

from __future__ import annotations

import math

import numpy as np

from .history import History, TrainingDiverged

MONITORS = ("full", "batches")
EVAL_ROWS = 8192         # rows per chunk when the whole training set is evaluated
DIVERGENCE_FACTOR = 10.0  # a loss above this many times max(start, constant answer) has diverged


class Buffers:
    """Work arrays for one batch size, allocated once per ``fit``."""

    def __init__(self, widths, batch):
        shapes = [(batch, w) for w in widths[1:]]
        self.x = np.empty((batch, widths[0]))                # the batch's inputs, gathered ...
        self.y = np.empty(shapes[-1])                        # ... and targets, when shuffling
        self.z = np.empty(shapes[-1])                        # the output layer's pre-activation
        self.acts = [None] + [np.empty(s) for s in shapes]  # acts[0] is the batch itself
        self.grad = [np.empty(s) for s in shapes]           # dL/da of each layer
        self.tmp = [np.empty(s) for s in shapes]            # activation derivatives
        self.delta = np.empty(shapes[-1])                   # dL/dz of the output layer


def train_batch(net, x, Y, loss, buf, optimizer):
    """Forward, backward and one optimiser step on the batch (x, Y).

    Returns the batch's output layer pre-activation z and output a, as they were
    before the step (buffers, overwritten by the next batch of the same size).
    """
    acts = buf.acts
    acts[0] = x
    last = len(net._layers) - 1
    for i, layer in enumerate(net._layers):
        if i == last:  # keep z: the running batch loss is computed from it
            z = layer.pre_activation(acts[i], out=buf.z)
            layer.activation.value(z, out=acts[i + 1])
        else:
            layer.forward(acts[i], out=acts[i + 1])
    net._backward(acts, Y, loss, buf, net._dW, net._db)
    optimizer.step(net._theta, net._grad)
    return buf.z, acts[-1]


def evaluate(net, X, Y, loss, kind):
    """Loss (and accuracy) on the whole of (X, Y), EVAL_ROWS rows at a time.

    Chunks keep the memory at a few MB whatever the number of samples; a set of at most
    EVAL_ROWS rows is done in one pass, as before chunking.
    """
    n = len(X)
    total = correct = 0.0
    last = len(net._layers) - 1
    for s in range(0, n, EVAL_ROWS):
        x, Yc = X[s:s + EVAL_ROWS], Y[s:s + EVAL_ROWS]
        a = x
        for i, layer in enumerate(net._layers):  # hidden activations in place; the output keeps z
            z = layer.pre_activation(a)
            a = layer.activation.value(z, out=z if i < last else None)
        total += loss.value(z, a, Yc) * len(x)
        if kind is not None:
            correct += accuracy(a, Yc, kind) * len(x)
    logs = {"loss": total / n}
    if kind is not None:
        logs["accuracy"] = correct / n
    return logs


def train(net, X, Y, fn, kind, optimizer, epochs, batch_size, callback, record_every, shuffle, monitor):
    """Train `net` in place on checked arguments (see ``MLP.fit``); returns its History.

    X (n, n_inputs) and Y (n, n_outputs) are the engine's arrays; fn is the loss object and
    kind "sigmoid", "softmax" or None (no accuracy). Raises TrainingDiverged as ``MLP.fit`` says.
    """
    n = len(X)
    size = n if batch_size is None else min(batch_size, n)
    starts = range(0, n, size)
    buffers = {m: Buffers(net._widths, m) for m in {min(size, n - s) for s in starts}}
    batches = [(s, s + min(size, n - s), buffers[min(size, n - s)]) for s in starts]
    shuffle = shuffle and len(batches) > 1
    optimizer.reset(net.n_params)

    start = evaluate(net, X, Y, fn, kind)
    hist = History(loss_name=fn.name, initial_loss=start["loss"], initial_accuracy=start.get("accuracy"),
                   accuracy=[] if kind else None, monitor=monitor)
    if record_every:
        hist.snapshots.append((0, net.copy_weights()))
    limit = DIVERGENCE_FACTOR * max(start["loss"], constant_answer_loss(fn.name, Y), 1e-300)
    sound = net._theta.copy()  # the weights to return to if an epoch diverges
    by_batches = monitor == "batches"
    for epoch in range(1, epochs + 1):
        total = correct = 0.0
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported just below
            order = net._shuffle_rng.permutation(n) if shuffle else None
            for s, e, buf in batches:
                if shuffle:  # gather this batch only: memory O(batch), not O(n)
                    x = np.take(X, order[s:e], axis=0, out=buf.x)
                    Yb = np.take(Y, order[s:e], axis=0, out=buf.y)
                else:
                    x, Yb = X[s:e], Y[s:e]
                z, a = train_batch(net, x, Yb, fn, buf, optimizer)
                if by_batches:
                    total += fn.value(z, a, Yb) * (e - s)
                    if kind is not None:
                        correct += accuracy(a, Yb, kind) * (e - s)
            if by_batches:
                logs = {"loss": total / n}
                if kind is not None:
                    logs["accuracy"] = correct / n
            else:
                logs = evaluate(net, X, Y, fn, kind)
        problem = divergence(logs["loss"], limit, start["loss"], net._theta)
        if problem:
            net._theta[...] = sound
            lr = getattr(optimizer, "lr", None)
            err = TrainingDiverged(
                f"training diverged at epoch {epoch}: {problem} with {optimizer!r}; "
                + (f"try a smaller learning rate (e.g. lr={lr / 10:g})" if lr is not None
                   else "try a smaller learning rate")
                + ", or scale the inputs to about unit size. The network keeps its weights "
                f"from the end of epoch {epoch - 1}."
            )
            err.epoch, err.history = epoch, hist
            raise err
        sound[...] = net._theta
        hist.epochs.append(epoch)
        hist.loss.append(logs["loss"])
        if kind:
            hist.accuracy.append(logs["accuracy"])
        stop = callback is not None and callback(epoch, net, dict(logs, epoch=epoch)) is True
        if record_every and (epoch % record_every == 0 or epoch == epochs or stop):
            hist.snapshots.append((epoch, net.copy_weights()))
        if stop:
            break
    return hist



def constant_answer_loss(loss_name, Y):
    """The loss of a net that gives the same answer to every sample, the divergence yardstick.

    bce: answering 1/2 to each of k yes/no questions costs k log 2; ce: 1/k to each of
    k classes costs log k; mse: answering each output's mean costs its variance (the
    mean over outputs).
    """
    k = Y.shape[1]
    if loss_name == "bce":
        return k * math.log(2.0)
    if loss_name == "ce":
        return math.log(k)
    return float(Y.var(axis=0).mean())


def divergence(loss, limit, start, theta):
    """What went wrong at the end of an epoch, or "" when nothing did."""
    if not math.isfinite(loss):
        return f"the loss became {'NaN' if math.isnan(loss) else 'infinite'}"
    if not np.isfinite(theta).all():
        return "the weights became infinite or NaN"
    if loss > limit:
        return (f"the loss grew from {start:.4g} to {loss:.4g}, more than {DIVERGENCE_FACTOR:g} times "
                "the larger of its starting value and a constant answer's loss")
    return ""


def accuracy(a, Y, kind):
    if kind == "softmax":
        return float(np.mean(a.argmax(axis=1) == Y.argmax(axis=1)))
    return float(np.mean((a > 0.5) == (Y > 0.5)))
