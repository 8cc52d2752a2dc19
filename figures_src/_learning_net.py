"""The chapter "Forward propagation and learning": its example net and the backward pass written
out by hand, shared by learning.py (the net and its first layer in numbers) and
learning_passes.py (the forward pass and backpropagation, animated)."""
import numpy as np

from nnviz.engine import MLP

SIZES = [5, 2, 2, 1]
SAMPLE = np.array([[0.9, 0.1, 0.6, 0.3, 0.8]])  # one example with five inputs
TARGET = np.array([1.0])                          # ... whose right answer is 1
NET_SEED = 5
BACKPROP_LR = 2.0                                 # the step size of the one update the animation shows


def example_net():
    """The 5-2-2-1 sigmoid net of the chapter: weights uniform in [-2, 2], biases in [-1, 1], seeded."""
    net = MLP(SIZES, activation="sigmoid", output="sigmoid")
    rng = np.random.default_rng(NET_SEED)
    net.set_weights([(rng.uniform(-2, 2, (m, n)), rng.uniform(-1, 1, n)) for m, n in zip(SIZES, SIZES[1:])])
    return net

def backprop_errors(net, X, y):
    """Every neuron's error delta = dL/dz for the loss L = mean (a - y)^2, by the chain rule.

    Output layer: dL/da = 2 (a - y) / (number of outputs and samples), and a = sigmoid(z) has
    da/dz = a (1 - a), so delta = dL/da * a (1 - a). Each hidden layer takes the deltas of the
    layer above back through the same weights: delta_l = (delta_{l+1} @ W_{l+1}^T) * a_l (1 - a_l).
    Written out for sigmoid layers (every layer of this chapter's net). Returns one array
    (n_samples, width) per layer after the input.
    """
    acts = net.forward(X, return_all=True)
    a = acts[-1]
    Y = np.asarray(y, dtype=float).reshape(a.shape)
    delta = 2.0 * (a - Y) / a.size * a * (1.0 - a)
    deltas = [delta]
    for l in range(len(acts) - 2, 0, -1):
        W_above = net.weights[l][0]
        delta = (delta @ W_above.T) * acts[l] * (1.0 - acts[l])
        deltas.insert(0, delta)
    return deltas


def weight_gradients(net, X, deltas):
    """dL/dW = a_prev^T @ delta and dL/db = sum of delta, per layer: the gradient the errors give."""
    acts = net.forward(X, return_all=True)
    return [(acts[l].T @ d, d.sum(axis=0)) for l, d in enumerate(deltas)]


def mse(a, y):
    """The mean squared error of outputs `a` against targets `y` (both flattened), a float."""
    return float(np.mean((np.asarray(a).ravel() - np.asarray(y).ravel()) ** 2))
