"""Numerics of training (issue 16): losses are never negative, tiny losses are not zero,
and a blow-up stops training with a TrainingDiverged that says what to change."""

import numpy as np
import pytest

from nnviz.engine import MLP, SGD, TrainingDiverged, datasets


def test_logistic_regression_on_separable_data_never_reports_a_negative_or_zero_loss():
    X, y = datasets.separable(200, seed=0, distance=6.0)
    hist = MLP([2, 1], seed=0).fit(X, y, optimizer=SGD(lr=5, momentum=0.9), epochs=3000)
    losses = np.array(hist.loss)
    assert losses.min() > 0  # was: 676 negative epoch losses (down to -1.8e-14) and 1453 exact zeros
    assert 1e-16 < losses[-1] < 1e-14  # the true loss is about 5e-16


@pytest.mark.parametrize("margin", [5.0, 20.0, 40.0])
def test_binary_cross_entropy_of_a_confident_right_answer_is_its_tiny_true_value(margin):
    net = MLP([1, 1], output="sigmoid").set_weights([(np.array([[margin]]), np.array([0.0]))])
    loss = net.loss_and_gradients(np.array([[1.0], [-1.0]]), [1, 0], loss="bce")[0]
    assert loss == pytest.approx(np.log1p(np.exp(-margin)), rel=1e-12)  # e.g. 4.2e-18 at margin 40


@pytest.mark.parametrize("margin", [5.0, 20.0, 40.0])
def test_cross_entropy_of_a_confident_right_answer_is_its_tiny_true_value(margin):
    W = np.array([[margin, 0.0, -margin]])
    net = MLP([1, 3], output="softmax").set_weights([(W, np.zeros(3))])
    loss = net.loss_and_gradients(np.array([[1.0]]), [0], loss="ce")[0]
    assert loss == pytest.approx(np.log1p(np.exp(-margin) + np.exp(-2 * margin)), rel=1e-12)


def test_cross_entropy_with_tied_top_classes_costs_log_2():
    net = MLP([1, 3], output="softmax").set_weights([(np.array([[50.0, 50.0, -50.0]]), np.zeros(3))])
    loss = net.loss_and_gradients(np.array([[1.0]]), [1], loss="ce")[0]
    assert loss == pytest.approx(np.log(2.0), rel=1e-12)


@pytest.fixture(scope="module")
def scaled_moons():
    X, y = datasets.moons(40, seed=0)
    return X * 100, y


def test_a_blow_up_with_finite_losses_raises_training_diverged_naming_the_learning_rate(scaled_moons):
    X, y = scaled_moons
    net = MLP([2, 16, 16, 1], activation="tanh", output="sigmoid", seed=0)
    with pytest.raises(TrainingDiverged, match=r"epoch \d+.*lr=1000.*smaller learning rate"):
        net.fit(X, y, optimizer=SGD(lr=1e3, momentum=0.9), epochs=50, batch_size=8)


def test_after_a_blow_up_the_net_keeps_its_last_sound_weights(scaled_moons):
    X, y = scaled_moons
    net = MLP([2, 16, 16, 1], activation="tanh", output="sigmoid", seed=0)
    before = net.copy_weights()
    with pytest.raises(TrainingDiverged) as caught:
        net.fit(X, y, optimizer=SGD(lr=1e3, momentum=0.9), epochs=50, batch_size=8)
    err = caught.value
    if err.epoch == 1:
        expected = before
    else:
        replay = MLP([2, 16, 16, 1], activation="tanh", output="sigmoid", seed=0)
        expected = replay.fit(X, y, optimizer=SGD(lr=1e3, momentum=0.9), epochs=err.epoch - 1,
                              batch_size=8, record_every=1).snapshots[-1][1]
    assert all(np.array_equal(W, V) and np.array_equal(b, c) for (W, b), (V, c) in zip(net.weights, expected))
    assert max(np.abs(W).max() for W, _ in net.weights) < 100  # was: weights like -6.5e153 kept
    assert len(err.history.loss) == err.epoch - 1


@pytest.mark.parametrize("output,loss,width", [("identity", "mse", 1), ("softmax", "ce", 3), ("sigmoid", "bce", 1)])
def test_every_loss_detects_a_blow_up(output, loss, width):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2)) * 100
    y = rng.normal(size=40) if loss == "mse" else rng.integers(0, max(width, 2), 40)
    net = MLP([2, 16, width], activation="relu", output=output, seed=0)
    with pytest.raises(TrainingDiverged, match="smaller learning rate"):
        net.fit(X, y, loss=loss, optimizer=SGD(lr=50.0, momentum=0.9), epochs=200, batch_size=8)
    assert all(np.isfinite(W).all() for W, _ in net.weights)


def test_a_batch_monitored_run_records_the_mean_batch_loss_and_says_so():
    X, y = datasets.xor(200, seed=0)
    hist = MLP([2, 4, 1], seed=0).fit(X, y, optimizer=SGD(lr=0.1), epochs=3, batch_size=50, monitor="batches",
                                      shuffle=False)
    replay = MLP([2, 4, 1], seed=0)
    losses = []
    for s in range(0, 200, 50):
        losses.append(replay.loss_and_gradients(X[s:s + 50], y[s:s + 50])[0])
        replay.fit(X[s:s + 50], y[s:s + 50], optimizer=SGD(lr=0.1), epochs=1)
    assert hist.monitor == "batches" and hist.loss[0] == pytest.approx(np.mean(losses), rel=1e-12)


def test_the_full_set_loss_is_the_same_in_chunks_as_in_one_pass(monkeypatch):
    import nnviz.engine.training as training

    X, y = datasets.moons(1000, seed=0)
    whole = MLP([2, 8, 1], seed=0).fit(X, y, epochs=2, batch_size=100)
    monkeypatch.setattr(training, "EVAL_ROWS", 64)
    chunked = MLP([2, 8, 1], seed=0).fit(X, y, epochs=2, batch_size=100)
    assert whole.monitor == "full"
    assert chunked.loss == pytest.approx(whole.loss, rel=1e-12) and chunked.accuracy == whole.accuracy


@pytest.mark.parametrize("monitor", ["full", "batches"])
def test_training_memory_grows_by_a_few_numbers_per_sample_not_by_the_layer_widths(monitor):
    import tracemalloc

    def peak(n):
        X, y = datasets.moons(n, seed=0)
        net = MLP([2, 16, 16, 1], seed=0)
        tracemalloc.start()
        net.fit(X, y, optimizer=SGD(lr=0.1), epochs=1, batch_size=256, monitor=monitor)
        value = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return value

    per_sample = (peak(60_000) - peak(20_000)) / 40_000
    assert per_sample < 40  # bytes: targets as floats, the epoch's order; was ~430 (whole-set layers, copies)
