"""Bad input fails at the boundary with a ValueError that names the problem."""

import numpy as np
import pytest

from nnviz.engine import MLP, SGD, random_family


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    return rng.normal(size=(10, 2)), rng.integers(0, 2, 10)


def test_nan_in_X_is_reported_as_nan(data):
    X, y = data
    X[3, 1] = np.nan
    with pytest.raises(ValueError, match="X contains NaN"):
        MLP([2, 3, 1]).fit(X, y, epochs=1)


def test_infinity_in_y_is_reported_with_the_nan_check(data):
    X, _ = data
    y = np.zeros(10)
    y[0] = np.inf
    with pytest.raises(ValueError, match="y contains NaN or infinite"):
        MLP([2, 3, 1], output="identity").fit(X, y, epochs=1)


def test_nan_in_X_is_caught_by_predict_too(data):
    X, _ = data
    X[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        MLP([2, 3, 1]).predict(X)


def test_a_wrong_feature_count_names_both_widths(data):
    X, y = data
    with pytest.raises(ValueError, match="X has 2 features but the network expects 3"):
        MLP([3, 4, 1]).fit(X, y, epochs=1)


def test_a_label_beyond_the_softmax_outputs_is_named(data):
    X, _ = data
    with pytest.raises(ValueError, match="label 3 but the network's softmax has 2 outputs"):
        MLP([2, 4, 2], output="softmax").fit(X, [0, 1, 3, 0, 1, 0, 1, 0, 1, 0], epochs=1)


def test_fractional_class_labels_are_refused_for_cross_entropy(data):
    X, _ = data
    with pytest.raises(ValueError, match="integer class labels"):
        MLP([2, 4, 3], output="softmax").fit(X, np.full(10, 0.5), epochs=1)


def test_labels_other_than_0_and_1_are_refused_for_binary_cross_entropy(data):
    X, _ = data
    with pytest.raises(ValueError, match="expects labels 0 or 1.*got 2"):
        MLP([2, 4, 1], output="sigmoid").fit(X, np.full(10, 2), loss="bce", epochs=1)


def test_targets_with_the_wrong_number_of_outputs_are_refused(data):
    X, _ = data
    with pytest.raises(ValueError, match="1 value\\(s\\) per sample but the network has 3 outputs"):
        MLP([2, 3], output="identity").fit(X, np.zeros(10), loss="mse", epochs=1)


def test_x_and_y_of_different_lengths_are_refused(data):
    X, y = data
    with pytest.raises(ValueError, match="X has 10 samples but y has 9"):
        MLP([2, 3, 1]).fit(X, y[:9], epochs=1)


def test_an_unknown_activation_lists_the_valid_names():
    with pytest.raises(ValueError, match="unknown activation 'sigmod'; valid names: identity, relu, sigmoid, tanh"):
        MLP([2, 3, 1], activation="sigmod")


def test_an_unknown_output_lists_the_valid_names_including_softmax():
    with pytest.raises(ValueError, match="unknown output 'softmaxx'; valid names: .*softmax"):
        MLP([2, 3, 1], output="softmaxx")


def test_an_unknown_loss_lists_the_valid_names(data):
    X, y = data
    with pytest.raises(ValueError, match="unknown loss 'hinge'; valid names: bce, ce, mse"):
        MLP([2, 3, 1]).fit(X, y, loss="hinge", epochs=1)


def test_softmax_is_refused_as_a_hidden_activation():
    with pytest.raises(ValueError, match="only valid for the output layer"):
        MLP([2, 3, 2], activation="softmax", output="softmax")


def test_a_loss_that_needs_another_output_says_which(data):
    X, y = data
    with pytest.raises(ValueError, match="loss 'bce' needs output='sigmoid'"):
        MLP([2, 3, 1], output="identity").fit(X, y, loss="bce", epochs=1)


def test_softmax_with_a_single_output_is_refused():
    with pytest.raises(ValueError, match="at least 2 output units"):
        MLP([2, 3, 1], output="softmax")


@pytest.mark.parametrize("sizes", [[2], [2, 0, 1], [2, 2.5, 1], "abc", 3])
def test_bad_sizes_are_refused(sizes):
    with pytest.raises(ValueError, match="sizes"):
        MLP(sizes)


@pytest.mark.parametrize("kwargs,message", [
    ({"epochs": -1}, "epochs"), ({"batch_size": 0}, "batch_size"), ({"record_every": 0}, "record_every"),
])
def test_bad_training_settings_are_named(data, kwargs, message):
    X, y = data
    with pytest.raises(ValueError, match=message):
        MLP([2, 3, 1]).fit(X, y, **kwargs)


@pytest.mark.parametrize("kwargs,message", [
    ({"lr": 0}, "lr"), ({"lr": float("nan")}, "lr"), ({"momentum": 1.0}, "momentum"),
])
def test_bad_optimiser_settings_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SGD(**kwargs)


def test_set_params_refuses_arrays_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"layer 0: expected W \(2, 3\)"):
        MLP([2, 3, 1]).set_params([(np.zeros((3, 2)), np.zeros(3)), (np.zeros((3, 1)), np.zeros(1))])


def test_predict_proba_needs_a_probability_output():
    with pytest.raises(ValueError, match="predict_proba needs output='sigmoid' or output='softmax'"):
        MLP([2, 1], output="identity").predict_proba(np.zeros((1, 2)))


def test_random_family_refuses_an_unknown_distribution():
    with pytest.raises(ValueError, match="unknown distribution 'cauchy'; valid names: uniform, normal"):
        random_family([1, 4, 1], distribution="cauchy")


def test_random_family_checks_the_feature_count():
    with pytest.raises(ValueError, match="X has 2 features but the network expects 1"):
        random_family([1, 4, 1], n=3).forward(np.zeros((5, 2)))
