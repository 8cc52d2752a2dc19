"""Bad input fails at the boundary with a ValueError that names the problem."""

import numpy as np
import pytest

from nnviz.engine import MLP, SGD, RandomFamily, datasets, random_family


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


def test_set_weights_refuses_arrays_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"weights: layer 0: expected W \(2, 3\)"):
        MLP([2, 3, 1]).set_weights([(np.zeros((3, 2)), np.zeros(3)), (np.zeros((3, 1)), np.zeros(1))])


def test_predict_proba_needs_a_probability_output():
    with pytest.raises(ValueError, match="predict_proba needs output='sigmoid' or output='softmax'"):
        MLP([2, 1], output="identity").predict_proba(np.zeros((1, 2)))


def test_random_family_refuses_an_unknown_distribution():
    with pytest.raises(ValueError, match="unknown distribution 'cauchy'; valid names: uniform, normal"):
        random_family([1, 4, 1], distribution="cauchy")


def test_random_family_checks_the_feature_count():
    with pytest.raises(ValueError, match="X has 2 features but the network expects 1"):
        random_family([1, 4, 1], n=3).forward(np.zeros((5, 2)))


# -- issue 16: bad arguments get a ValueError naming the argument and what is allowed ----------

@pytest.mark.parametrize("optimizer,message", [
    ("sgd", r"optimizer must be an optimiser object such as SGD\(lr=0.1.*got the string 'sgd'"),
    (SGD, r"optimizer must be .*got the class SGD itself.*SGD\(lr=...\)"),
    (0.1, r"optimizer must be .*reset and step"),
])
def test_an_optimizer_that_is_not_an_optimiser_object_is_named(data, optimizer, message):
    X, y = data
    with pytest.raises(ValueError, match=message):
        MLP([2, 3, 1]).fit(X, y, optimizer=optimizer, epochs=1)


@pytest.mark.parametrize("seed,got", [(-1, "-1"), (1.5, "1.5"), (np.random.default_rng(0), "a numpy Generator"),
                                      ("0", "'0'"), (True, "True")])
def test_a_seed_that_is_not_a_non_negative_integer_is_named(seed, got):
    message = f"seed must be None .*or a non-negative integer such as 0, got {got}"
    with pytest.raises(ValueError, match=message):
        MLP([2, 3, 1], seed=seed)
    with pytest.raises(ValueError, match=message):
        random_family([2, 3, 1], seed=seed)
    with pytest.raises(ValueError, match=message):
        datasets.moons(10, seed=seed)


def test_numpy_integer_seeds_are_accepted():
    assert np.array_equal(MLP([2, 3, 1], seed=np.int64(3)).weights[0][0], MLP([2, 3, 1], seed=3).weights[0][0])


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("where", ["fit", "predict", "y"])
def test_complex_numbers_are_refused_not_cut_to_their_real_part(data, where):
    X, y = data
    net = MLP([2, 3, 1], output="identity")
    with pytest.raises(ValueError, match=f"{'y' if where == 'y' else 'X'} holds complex numbers; only real"):
        if where == "fit":
            net.fit(X + 1j, y, epochs=1)
        elif where == "predict":
            net.predict(X + 0j)
        else:
            net.fit(X, y + 1j, epochs=1)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_weights_are_refused_by_set_weights(bad):
    net = MLP([2, 3, 1], seed=0)
    before = net.copy_weights()
    W = np.zeros((3, 1))
    W[2, 0] = bad
    with pytest.raises(ValueError, match=r"weights\[1\] W contains NaN or infinite values"):
        net.set_weights([(np.zeros((2, 3)), np.zeros(3)), (W, np.zeros(1))])
    assert all(np.array_equal(W, V) for (W, _), (V, _) in zip(net.weights, before))  # nothing half-written


def test_complex_weights_are_refused():
    with pytest.raises(ValueError, match=r"weights\[0\] b holds complex numbers"):
        MLP([1, 1]).set_weights([(np.zeros((1, 1)), np.zeros(1) + 1j)])


def test_an_init_function_returning_non_finite_or_misshapen_weights_is_named():
    with pytest.raises(ValueError, match=r"init\(rng, n_in, n_out\) contains NaN"):
        MLP([2, 3, 1], init=lambda rng, n_in, n_out: np.full((n_in, n_out), np.nan))
    with pytest.raises(ValueError, match=r"init\(rng, 2, 3\) must return an array of shape \(2, 3\)"):
        MLP([2, 3, 1], init=lambda rng, n_in, n_out: np.zeros((5, 5)))


def test_a_family_refuses_non_finite_weights_and_bounds():
    with pytest.raises(ValueError, match=r"weights\[0\] W contains NaN"):
        RandomFamily([1, 1], [(np.full((2, 1, 1), np.nan), np.zeros((2, 1)))])
    with pytest.raises(ValueError, match="low must be a finite number, got -inf"):
        random_family([1, 4, 1], low=-np.inf)
    with pytest.raises(ValueError, match="std must be a finite positive number, got inf"):
        random_family([1, 4, 1], distribution="normal", std=np.inf)
    with pytest.raises(ValueError, match=r"distribution\(rng, shape\) holds complex numbers"):
        random_family([1, 4, 1], distribution=lambda rng, shape: np.zeros(shape) + 1j)


@pytest.mark.parametrize("maker,kwargs,name", [
    (datasets.moons, {"noise": -0.1}, "noise"), (datasets.circles, {"noise": np.nan}, "noise"),
    (datasets.separable, {"spread": -1.0}, "spread"), (datasets.two_gaussians, {"sigma": -1.0}, "sigma"),
])
def test_a_negative_noise_level_in_a_data_set_is_named(maker, kwargs, name):
    with pytest.raises(ValueError, match=f"{name} must be a finite number >= 0"):
        maker(seed=0, **kwargs)


def test_an_unknown_monitor_is_named(data):
    X, y = data
    with pytest.raises(ValueError, match="unknown monitor 'epoch'; valid names: batches, full"):
        MLP([2, 3, 1]).fit(X, y, monitor="epoch", epochs=1)


def test_old_weight_names_point_to_the_new_ones():
    net = MLP([2, 3, 1])
    with pytest.raises(AttributeError, match=r"set_weights"):
        net.set_params([])
    with pytest.raises(AttributeError, match=r"net.weights"):
        net.params
