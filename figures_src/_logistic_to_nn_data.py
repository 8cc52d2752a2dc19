"""The chapter "From logistic regression to neural networks": its data and training settings,
shared by logistic_to_nn.py (logistic regression) and logistic_to_nn_hidden.py (hidden neurons),
so every model of the chapter learns the same points the same way."""
import functools

import numpy as np

from nnviz.engine import datasets

EPOCHS = 500
LR, BATCH = 0.1, 32  # plain stochastic gradient descent on mini-batches of 32
TRAIN_SEED = 1  # initial weights and batch order of every net of this chapter
PLANE = {"width": 480, "height": 430}  # a single figure of the input plane, CSS px


@functools.cache
def data(name, seed=0):
    """The chapter's two data sets as (X (n, 2), y (n,)): "separable" and "parabola"."""
    make = {"separable": datasets.separable, "parabola": datasets.parabola}[name]
    X, y = make(seed=seed)
    return np.asarray(X, dtype=float), np.ravel(y).astype(int)
