"""Data sets: seeded, plain arrays, built by the rules their docstrings state."""

import numpy as np
import pytest

from nnviz.engine import datasets

GENERATORS_2D = [datasets.separable, datasets.parabola, datasets.circles, datasets.xor, datasets.moons, datasets.spiral]


@pytest.mark.parametrize("make", [datasets.two_gaussians, datasets.stairs, *GENERATORS_2D])
def test_the_same_seed_gives_the_same_data(make):
    (Xa, ya), (Xb, yb) = make(seed=5), make(seed=5)
    assert np.array_equal(Xa, Xb) and np.array_equal(ya, yb)


@pytest.mark.parametrize("make", [datasets.two_gaussians, datasets.stairs, *GENERATORS_2D])
def test_another_seed_gives_other_data(make):
    assert not np.array_equal(make(seed=0)[0], make(seed=1)[0])


@pytest.mark.parametrize("make", GENERATORS_2D)
def test_two_dimensional_sets_are_float_points_with_integer_labels(make):
    X, y = make(n=120, seed=0)
    assert (X.shape, X.dtype, y.shape, y.dtype.kind) == ((120, 2), np.float64, (120,), "i")


def test_two_gaussians_are_centred_at_minus_and_plus_one_and_a_half():
    x, y = datasets.two_gaussians(n_per_class=20_000, seed=0)
    assert np.allclose([x[y == 0].mean(), x[y == 1].mean(), x[y == 0].std()], [-1.5, 1.5, 1.0], atol=0.03)


def test_two_gaussians_default_to_100_samples_per_class():
    x, y = datasets.two_gaussians()
    assert x.shape == (200,) and np.bincount(y).tolist() == [100, 100]


def test_without_noise_the_parabola_labels_are_exactly_above_or_below_the_border():
    X, y = datasets.parabola(n=300, seed=0, noise=0.0)
    assert np.array_equal(y, (X[:, 1] > X[:, 0] ** 2 - 1).astype(int))


def test_the_separable_set_is_split_by_the_diagonal_line():
    X, y = datasets.separable(n=200, seed=0)
    assert np.mean((X.sum(axis=1) > 0) == y) > 0.97


def test_stairs_are_500_images_of_four_pixels_from_white_0_to_black_255():
    X, y = datasets.stairs()
    assert X.shape == (500, 4) and X.min() >= 0 and X.max() <= 255 and np.array_equal(X, np.round(X))


def test_half_the_stairs_images_are_staircases():
    assert np.bincount(datasets.stairs(seed=0)[1]).tolist() == [250, 250]


def test_every_stairs_label_follows_the_staircase_rule():
    X, y = datasets.stairs(n=2000, seed=0, multiclass=True)
    assert np.array_equal(datasets.is_stairs(X), y)


def test_a_staircase_has_a_dark_bottom_row_and_one_white_top_pixel():
    X, y = datasets.stairs(seed=0)
    steps = X[y == 1]
    assert (steps[:, 2:] >= 150).all() and ((steps[:, :2] <= 10).sum(axis=1) == 1).all()


def test_xor_labels_the_diagonal_corners_alike():
    X, y = datasets.xor(n=400, seed=0, noise=0.0)
    assert np.array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))


def test_spiral_has_one_balanced_class_per_arm():
    assert np.bincount(datasets.spiral(n=300, classes=3, seed=0)[1]).tolist() == [100, 100, 100]
