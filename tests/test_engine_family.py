"""Random families: one call equals the nets one by one, bit for bit."""

import numpy as np
import pytest

from nnviz.engine import MLP, random_family


@pytest.fixture(scope="module")
def grid():
    g = np.linspace(-2, 2, 7)
    return np.c_[np.repeat(g, 7), np.tile(g, 7)]


@pytest.mark.parametrize("sizes,activation,output", [
    ([2, 16, 16, 1], "tanh", None), ([2, 16, 16, 3], "relu", "softmax"), ([2, 1], "identity", "sigmoid"),
])
def test_the_batched_forward_equals_each_net_on_its_own(grid, sizes, activation, output):
    fam = random_family(sizes, activation=activation, output=output, n=9, seed=0)
    together = fam.forward(grid)
    alone = np.stack([fam.net(i).forward(grid) for i in range(9)])
    assert np.array_equal(together, alone)  # bit for bit: the same operations in the same order


def test_forward_returns_nets_by_points_by_outputs(grid):
    assert random_family([2, 16, 16, 3], n=49, seed=0).forward(grid).shape == (49, len(grid), 3)


def test_one_input_families_accept_a_plain_vector_of_points():
    assert random_family([1, 11, 9, 1], n=5).forward(np.linspace(-1, 1, 30)).shape == (5, 30, 1)


def test_the_same_seed_draws_the_same_family(grid):
    first, again = (random_family([2, 8, 1], seed=4).forward(grid) for _ in range(2))
    assert np.array_equal(first, again)


def test_uniform_weights_stay_within_low_and_high():
    fam = random_family([2, 64, 1], n=20, seed=0, low=-0.5, high=0.25)
    values = np.concatenate([a.ravel() for pair in fam.weights for a in pair])
    assert values.min() >= -0.5 and values.max() <= 0.25


def test_weights_are_exposed_stacked_by_net():
    fam = random_family([2, 16, 1], n=7)
    assert [(W.shape, b.shape) for W, b in fam.weights] == [((7, 2, 16), (7, 16)), ((7, 16, 1), (7, 1))]


def test_a_deep_linear_family_still_draws_straight_lines():
    x = np.linspace(-3, 3, 25)
    curves = random_family([1, 16, 16, 1], activation="identity", n=10, seed=0).forward(x)[:, :, 0]
    assert np.allclose(np.diff(curves, n=2, axis=1), 0, atol=1e-9)


def test_a_normal_distribution_can_replace_the_uniform_one():
    fam = random_family([1, 200, 1], n=50, seed=0, distribution="normal", std=2.0)
    assert abs(fam.weights[0][0].std() - 2.0) < 0.1


def test_a_member_is_an_ordinary_mlp():
    assert isinstance(random_family([2, 4, 1], n=3)[1], MLP)


@pytest.mark.parametrize("sizes,activation,output", [([2, 16, 16, 1], "tanh", None), ([1, 11, 9, 1], "relu", "tanh")])
def test_every_layer_with_return_all_equals_each_net_on_its_own(grid, sizes, activation, output):
    fam = random_family(sizes, activation=activation, output=output, n=4, seed=1)
    x = grid if sizes[0] == 2 else grid[:, :1]
    together = fam.forward(x, return_all=True)
    for i in range(4):
        alone = fam.net(i).forward(x, return_all=True)
        assert all(np.array_equal(t[0 if l == 0 else i], a) for l, (t, a) in enumerate(zip(together, alone)))


def test_a_family_holds_at_most_the_result_and_one_net_in_memory():
    import tracemalloc

    grid = np.random.default_rng(0).uniform(-1, 1, (20_000, 2))
    fam = random_family([2, 16, 16, 1], n=10, seed=0)
    tracemalloc.start()
    fam.forward(grid)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    result, one_net = 10 * 20_000 * 8, 3 * 20_000 * 16 * 8  # the output, and a net's two hidden layers + slack
    assert peak < result + one_net  # all nets at once needed 10 * 2 * 20_000 * 16 * 8 = 51 MB
