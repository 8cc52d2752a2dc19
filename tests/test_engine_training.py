"""Training: the engine reaches the reference solution, learns curved borders, and is reproducible."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from nnviz.engine import MLP, SGD, History, datasets


@pytest.fixture(scope="module")
def gaussians():
    return datasets.two_gaussians(n_per_class=100, seed=0)


@pytest.fixture(scope="module")
def xor():
    return datasets.xor(n=200, seed=0)


def test_one_neuron_trained_by_full_batch_descent_matches_sklearn_logistic_regression(gaussians):
    x, y = gaussians
    reference = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(x[:, None], y)
    net = MLP([1, 1], output="sigmoid", seed=0)
    net.fit(x, y, loss="bce", optimizer=SGD(lr=1.0, momentum=0.9), epochs=1000, batch_size=None)
    (W, b), = net.weights
    ours = np.r_[W.ravel(), b]
    theirs = np.r_[reference.coef_.ravel(), reference.intercept_]
    assert np.allclose(ours, theirs, rtol=0.01, atol=0)


def test_a_hidden_layer_learns_xor_beyond_95_percent_accuracy(xor):
    X, y = xor
    net = MLP([2, 8, 1], activation="tanh", output="sigmoid", seed=0)
    net.fit(X, y, optimizer=SGD(lr=0.1, momentum=0.9), epochs=100, batch_size=32)
    assert net.accuracy(X, y) > 0.95


def test_a_softmax_net_learns_the_three_arm_spiral():
    X, y = datasets.spiral(n=300, seed=0)
    net = MLP([2, 32, 3], activation="tanh", output="softmax", seed=0)
    hist = net.fit(X, y, loss="ce", optimizer=SGD(lr=0.2, momentum=0.9), epochs=300, batch_size=32)
    assert hist.accuracy[-1] > 0.9


def test_the_same_seed_gives_identical_training_runs(xor):
    X, y = xor
    runs = []
    for _ in range(2):
        net = MLP([2, 6, 1], seed=3)
        hist = net.fit(X, y, optimizer=SGD(lr=0.1, momentum=0.9), epochs=20, batch_size=16)
        runs.append((hist.loss, net.copy_weights()))
    (loss_a, params_a), (loss_b, params_b) = runs
    assert loss_a == loss_b and all(np.array_equal(p, q) for pa, pb in zip(params_a, params_b) for p, q in zip(pa, pb))


def test_different_seeds_give_different_initial_weights():
    assert not np.array_equal(MLP([2, 6, 1], seed=0).weights[0][0], MLP([2, 6, 1], seed=1).weights[0][0])


def test_fit_returns_one_loss_and_one_accuracy_per_epoch(xor):
    X, y = xor
    hist = MLP([2, 4, 1], seed=0).fit(X, y, epochs=7, batch_size=50)
    assert isinstance(hist, History) and (len(hist.loss), len(hist.accuracy), hist.epochs) == (7, 7, list(range(1, 8)))


def test_regression_histories_have_no_accuracy():
    X = np.linspace(-1, 1, 20)
    hist = MLP([1, 4, 1], output="identity", seed=0).fit(X, X**2, epochs=3)
    assert hist.accuracy is None and len(hist.loss) == 3


def test_snapshots_are_taken_at_epoch_zero_every_record_every_epochs_and_at_the_end(xor):
    X, y = xor
    hist = MLP([2, 4, 1], seed=0).fit(X, y, epochs=12, batch_size=50, record_every=5)
    assert [epoch for epoch, _ in hist.snapshots] == [0, 5, 10, 12]


def test_each_recorded_loss_belongs_to_the_snapshot_of_the_same_epoch(xor):
    X, y = xor
    net = MLP([2, 4, 1], seed=0)
    hist = net.fit(X, y, optimizer=SGD(lr=0.5), epochs=6, batch_size=32, record_every=3)
    replayed = net.with_weights(hist.weights_at(3)).loss_and_gradients(X, y)[0]
    assert replayed == pytest.approx(hist.loss[2], rel=1e-12)


def test_snapshots_are_copies_that_later_training_does_not_change(xor):
    X, y = xor
    net = MLP([2, 4, 1], seed=0)
    first = net.fit(X, y, epochs=1, record_every=1).snapshots[-1][1]
    kept = [(W.copy(), b.copy()) for W, b in first]
    net.fit(X, y, epochs=5)
    assert all(np.array_equal(W, V) for (W, _), (V, _) in zip(first, kept))


def test_the_callback_sees_every_epoch_with_its_loss(xor):
    X, y = xor
    seen = []
    def record(epoch, net, logs):
        seen.append((epoch, logs["loss"]))

    hist = MLP([2, 4, 1], seed=0).fit(X, y, epochs=4, callback=record)
    assert seen == list(zip([1, 2, 3, 4], hist.loss))


def test_a_callback_returning_true_stops_training(xor):
    X, y = xor
    hist = MLP([2, 4, 1], seed=0).fit(X, y, epochs=50, callback=lambda epoch, net, logs: epoch == 3)
    assert hist.epochs == [1, 2, 3]


def test_momentum_changes_the_trajectory(xor):
    X, y = xor
    plain = MLP([2, 4, 1], seed=0).fit(X, y, optimizer=SGD(lr=0.1), epochs=5, batch_size=32).loss
    heavy = MLP([2, 4, 1], seed=0).fit(X, y, optimizer=SGD(lr=0.1, momentum=0.9), epochs=5, batch_size=32).loss
    assert plain != heavy


def test_full_batch_gradient_descent_lowers_the_loss_every_epoch_with_a_small_rate(gaussians):
    x, y = gaussians
    hist = MLP([1, 1], seed=0).fit(x, y, optimizer=SGD(lr=0.1), epochs=30, batch_size=None)
    assert np.all(np.diff(np.r_[hist.initial_loss, hist.loss]) < 0)


def test_a_diverging_run_stops_with_an_error_naming_the_epoch_and_suggesting_a_smaller_rate():
    X = np.linspace(-10, 10, 50)
    net = MLP([1, 1], output="identity", seed=0)
    with pytest.raises(ValueError, match=r"epoch \d+.*smaller learning rate"):
        net.fit(X, 3 * X, loss="mse", optimizer=SGD(lr=100.0), epochs=1000)


def test_weights_are_live_arrays_edited_in_place():
    net = MLP([1, 1], output="identity", seed=0)
    W, b = net.weights[0]
    W[...] = 2.0
    b[...] = 1.0
    assert net.forward(np.array([[3.0]]))[0, 0] == 7.0


def test_set_weights_replays_a_snapshot_into_the_net():
    net = MLP([2, 3, 1], seed=0)
    other = MLP([2, 3, 1], seed=1)
    net.set_weights(other.copy_weights())
    X = np.ones((4, 2))
    assert np.array_equal(net.forward(X), other.forward(X))


def test_with_weights_leaves_the_original_net_unchanged():
    net = MLP([2, 3, 1], seed=0)
    before = net.copy_weights()
    net.with_weights(MLP([2, 3, 1], seed=1).weights)
    assert all(np.array_equal(W, V) for (W, _), (V, _) in zip(net.weights, before))


def test_a_copied_net_trains_independently(xor):
    X, y = xor
    net = MLP([2, 4, 1], seed=0)
    twin = net.copy()
    twin.fit(X, y, epochs=3)
    assert not np.array_equal(net.weights[0][0], twin.weights[0][0])


def test_forward_with_return_all_lists_every_layer_input_first():
    net = MLP([2, 5, 3, 1], seed=0)
    X = np.zeros((4, 2))
    assert [a.shape for a in net.forward(X, return_all=True)] == [(4, 2), (4, 5), (4, 3), (4, 1)]


def test_predict_thresholds_a_sigmoid_at_one_half():
    net = MLP([1, 1], output="sigmoid").set_weights([(np.array([[1.0]]), np.array([0.0]))])
    assert net.predict(np.array([-2.0, -0.1, 0.1, 2.0])).tolist() == [0, 0, 1, 1]


def test_predict_takes_the_argmax_of_a_softmax():
    net = MLP([1, 3], output="softmax").set_weights([(np.array([[-1.0, 0.0, 1.0]]), np.zeros(3))])
    assert net.predict(np.array([-5.0, 5.0])).tolist() == [0, 2]


def test_predict_proba_of_a_single_sigmoid_output_is_one_dimensional():
    assert MLP([2, 3, 1], seed=0).predict_proba(np.zeros((5, 2))).shape == (5,)


def test_loss_and_gradients_returns_arrays_shaped_like_the_weights():
    net = MLP([2, 3, 2], output="softmax", seed=0)
    _, grads = net.loss_and_gradients(np.ones((4, 2)), [0, 1, 1, 0])
    assert [(dW.shape, db.shape) for dW, db in grads] == [(W.shape, b.shape) for W, b in net.weights]
