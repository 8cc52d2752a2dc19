"""The chapter's 5-2-2-1 net stepped through by hand: forward layer by layer (every node's z and a),
then backward (every node's error delta = dC/dz, every edge's change), then the update, and again;
the [W] @ [X] + [Bias] = [Z] matrices of a layer beside the diagram, each cell linked to its edge.

Numbers from the chapter's figure scripts (figures_src/_learning_net.py) and nnviz.engine: the
example net's weights, its one example and target, and the step size of the chapter's update. The
page runs the forward pass, the backward pass (mean squared error) and the update itself.
"""
from __future__ import annotations

import numpy as np

from nnviz.engine import SGD
from nnviz.explore import chapters

ID = "learning/step-through"
STEPS = 3  # update steps the test vectors follow


def _chapter():
    return chapters.script("_learning_net.py")


def export() -> dict:
    mod = _chapter()
    net = mod.example_net()
    return {"sizes": list(mod.SIZES), "x": mod.SAMPLE[0], "y": mod.TARGET, "lr": mod.BACKPROP_LR,
            "layers": [{"W": W, "b": b} for W, b in net.weights], "activation": "sigmoid", "loss": "mse"}


def vectors() -> dict:
    """The engine's numbers over STEPS updates of the example net on its example: each step's
    pre-activations, activations, deltas, gradients and loss, and the weights after the step
    (the engine's own SGD step, lr = the chapter's)."""
    mod = _chapter()
    net = mod.example_net()
    steps = []
    for _ in range(STEPS):
        zs = net.pre_activations(mod.SAMPLE)
        acts = net.forward(mod.SAMPLE, return_all=True)
        loss, grads, deltas = net.loss_and_gradients(mod.SAMPLE, mod.TARGET[None, :], loss="mse", return_deltas=True)
        net.fit(mod.SAMPLE, mod.TARGET[None, :], loss="mse", optimizer=SGD(lr=mod.BACKPROP_LR), epochs=1,
                shuffle=False)
        steps.append({"z": [z[0] for z in zs], "a": [a[0] for a in acts], "delta": [d[0] for d in deltas],
                      "dW": [g[0] for g in grads], "db": [g[1] for g in grads], "loss": loss,
                      "after": [{"W": W.copy(), "b": b.copy()} for W, b in net.weights]})
    return {"steps": steps}
