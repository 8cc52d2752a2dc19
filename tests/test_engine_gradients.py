"""Backpropagation agrees with finite differences, and the numerics survive extreme inputs."""

import numpy as np
import pytest

from nnviz.engine import MLP

HIDDEN = ["identity", "sigmoid", "tanh", "relu"]
# (loss, output, output width): every loss with every output it accepts, one and several outputs
HEADS = [
    ("mse", "identity", 1), ("mse", "identity", 3),
    ("mse", "sigmoid", 1), ("mse", "sigmoid", 3),
    ("mse", "tanh", 1), ("mse", "tanh", 3),
    ("mse", "relu", 1), ("mse", "relu", 3),
    ("mse", "softmax", 3),
    ("bce", "sigmoid", 1), ("bce", "sigmoid", 3),
    ("ce", "softmax", 2), ("ce", "softmax", 3),
]


def make_targets(loss, width, n, rng):
    if loss == "ce":
        return rng.integers(0, width, n)
    if loss == "bce":
        y = rng.integers(0, 2, (n, width))
    else:
        y = rng.normal(size=(n, width))
    return y[:, 0] if width == 1 else y


def finite_difference_gradients(net, X, y, loss, h=1e-5):
    """Central differences (L(p + h) - L(p - h)) / 2h, one parameter at a time, through the public API."""
    grads = []
    for W, b in net.weights:
        pair = []
        for P in (W, b):
            G = np.zeros_like(P)
            for idx in np.ndindex(P.shape):
                old = P[idx]
                P[idx] = old + h
                up = net.loss_and_gradients(X, y, loss=loss)[0]
                P[idx] = old - h
                down = net.loss_and_gradients(X, y, loss=loss)[0]
                P[idx] = old
                G[idx] = (up - down) / (2 * h)
            pair.append(G)
        grads.append(pair)
    return grads


def flat(grads):
    return np.concatenate([g.ravel() for pair in grads for g in pair])


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("loss,output,width", HEADS)
def test_backprop_gradients_match_central_finite_differences(hidden, loss, output, width):
    rng = np.random.default_rng(7)
    net = MLP([3, 5, 4, width], activation=hidden, output=output, seed=1, init="uniform")
    X = rng.normal(size=(6, 3))
    y = make_targets(loss, width, 6, rng)
    _, analytic = net.loss_and_gradients(X, y, loss=loss)
    numeric = finite_difference_gradients(net, X, y, loss)
    a, n = flat(analytic), flat(numeric)
    assert np.linalg.norm(a - n) / (np.linalg.norm(a) + np.linalg.norm(n)) < 1e-6


def test_a_net_without_hidden_layer_gets_exact_gradients_too():
    rng = np.random.default_rng(0)
    net = MLP([2, 1], output="sigmoid", seed=0)
    X, y = rng.normal(size=(8, 2)), rng.integers(0, 2, 8)
    a = flat(net.loss_and_gradients(X, y)[1])
    n = flat(finite_difference_gradients(net, X, y, None))
    assert np.linalg.norm(a - n) / (np.linalg.norm(a) + np.linalg.norm(n)) < 1e-6


def test_returned_deltas_are_the_bias_gradients_per_sample():
    rng = np.random.default_rng(0)
    net = MLP([2, 4, 3], output="softmax", seed=0)
    X, y = rng.normal(size=(5, 2)), np.array([0, 1, 2, 1, 0])
    _, grads, deltas = net.loss_and_gradients(X, y, return_deltas=True)
    assert all(np.allclose(d.sum(axis=0), db) for d, (_, db) in zip(deltas, grads))


@pytest.mark.filterwarnings("error")
def test_sigmoid_and_bce_at_logits_of_plus_minus_1000_stay_finite_without_warnings():
    net = MLP([1, 1], output="sigmoid").set_weights([(np.array([[1000.0]]), np.array([0.0]))])
    X = np.array([[-1.0], [1.0]])
    p = net.predict_proba(X)
    loss, grads = net.loss_and_gradients(X, [1, 0], loss="bce")  # both answers wrong by z = 1000
    assert (p.tolist(), loss, np.isfinite(flat(grads)).all()) == ([0.0, 1.0], 1000.0, True)


@pytest.mark.filterwarnings("error")
def test_softmax_and_ce_at_logits_of_plus_minus_1000_stay_finite_without_warnings():
    W = np.array([[1000.0, -1000.0, 0.0]])
    net = MLP([1, 3], output="softmax").set_weights([(W, np.zeros(3))])
    X = np.array([[1.0], [-1.0]])
    p = net.predict_proba(X)
    loss, grads = net.loss_and_gradients(X, [1, 1], loss="ce")
    assert np.allclose(p, [[1, 0, 0], [0, 1, 0]]) and loss == pytest.approx(1000.0) and np.isfinite(flat(grads)).all()


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_activations_at_pre_activations_of_plus_minus_1000_raise_no_warning(hidden):
    net = MLP([1, 2, 1], activation=hidden, output="sigmoid")
    net.set_weights([(np.array([[1000.0, -1000.0]]), np.zeros(2)), (np.array([[1.0], [1.0]]), np.zeros(1))])
    loss, grads = net.loss_and_gradients(np.array([[-1.0], [1.0]]), [0, 1])
    assert np.isfinite(loss) and np.isfinite(flat(grads)).all()


def test_binary_cross_entropy_equals_the_textbook_formula_on_moderate_logits():
    rng = np.random.default_rng(0)
    net = MLP([2, 1], output="sigmoid", seed=0)
    X, y = rng.normal(size=(20, 2)), rng.integers(0, 2, 20)
    p = net.predict_proba(X)
    textbook = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert net.loss_and_gradients(X, y, loss="bce")[0] == pytest.approx(textbook, rel=1e-12)


def test_cross_entropy_equals_the_textbook_formula_on_moderate_logits():
    rng = np.random.default_rng(0)
    net = MLP([2, 3], output="softmax", seed=0)
    X, y = rng.normal(size=(20, 2)), rng.integers(0, 3, 20)
    p = net.predict_proba(X)
    textbook = -np.mean(np.log(p[np.arange(20), y]))
    assert net.loss_and_gradients(X, y, loss="ce")[0] == pytest.approx(textbook, rel=1e-12)


def test_mean_squared_error_is_the_mean_over_samples_and_outputs():
    rng = np.random.default_rng(0)
    net = MLP([2, 3], output="identity", seed=0)
    X, y = rng.normal(size=(10, 2)), rng.normal(size=(10, 3))
    assert net.loss_and_gradients(X, y, loss="mse")[0] == pytest.approx(np.mean((net.forward(X) - y) ** 2))
