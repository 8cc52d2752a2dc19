"""What networks learn, the graphs: the operations of a network drawn one by one (multiply,
sum, activation), from linear regression to a multi-layer perceptron, and the usual compact form.

The random-weight families of the chapter are drawn by random_families.py.
"""
from nnviz.build import figure
from nnviz.render import diagrams

CHAPTER = "random-families"

DIAGRAMS = [
    ("ops-linear-1-1", (1, 1), {}, (440, 220),
     "Linear regression as a network: the bias node x0 = 1 and the input x1 are each multiplied by a weight, "
     "and the products are summed into the output.",
     "A small graph: two input nodes, x0 = 1 and x1, each feeding a multiply box, both boxes feeding one sum box "
     "that gives the output."),
    ("ops-linear-3-1", (3, 1), {}, (440, 320),
     "More inputs, same recipe: each input gets its own weight, and one sum adds all the products.",
     "A graph with a bias node and three inputs, each through its own multiply box into one sum box."),
    ("ops-two-layers", (1, 1, 1), {"layer_labels": True}, (688, 260),
     "One layer's output becomes the next layer's input; each layer has its own bias node.",
     "Two copies of the one-input linear graph in a row, the output of the first feeding the input of the "
     "second, each with its own bias node."),
    ("ops-hidden", (1, 2, 1), {"layer_labels": True}, (688, 340),
     "The first layer now makes two outputs, shared with the second layer: they are the hidden nodes.",
     "A two-layer graph where the first layer has two sum boxes whose outputs both feed the second layer's "
     "multiply boxes and its single sum."),
    ("ops-mlp", (1, 2, 2, 1), {"activation": "tanh", "spacing": (None, 1.3)}, (688, 370),
     "A multi-layer perceptron with every operation drawn: multiply, sum, then tanh, layer after layer.",
     "A three-layer graph from one input to one output through two hidden layers of two nodes, each node "
     "a sum box followed by a small tanh curve, with a bias node in every layer."),
    ("compact-mlp", (1, 2, 2, 1), {"layer_labels": True}, (560, 230),
     "The same network in the usual compact form: circles for nodes, lines for weights; sums, activations "
     "and bias nodes are implied.",
     "Circles in four columns (1, 2, 2 and 1) joined by lines between neighbouring columns."),
]


def declare_diagram(name, sizes, options, size, caption, alt):
    """Register one diagram, `size` = (width, height) in CSS px (small graphs narrower than the column)."""
    style = "compact" if name.startswith("compact") else "ops"

    # on a phone the widest graph (ops-mlp: every operation of a 1-2-2-1 net) runs from top to bottom
    vertical = name == "ops-mlp"

    @figure(f"{CHAPTER}/{name}", kind="svg", caption=caption, alt=alt)
    def draw(ctx):
        fig, ax = ctx.subplots(slot="column", width=size[0], height=size[1],
                               narrow_height=640 if vertical else None)
        diagrams.draw_network(ax, list(sizes), ctx.theme, style=style, vertical=vertical and ctx.narrow, **options)
        return fig


for _spec in DIAGRAMS:
    declare_diagram(*_spec)
