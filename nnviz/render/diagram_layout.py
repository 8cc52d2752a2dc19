"""Closed-form layered layout for network diagrams: pure geometry and specs (plain dicts that
`diagrams.py` draws), no matplotlib. Data units: one unit = the gap between two nodes of a layer.

Node keys: `(l, i)`, node i of layer l (i = "b": bias node of layer l, feeding layer l + 1); the
ops style adds `("mult", l, i, j)`, `("sum", l, j)`, `("act", l, j)` between layers l - 1 and l.
Edge and weight keys `(l, i, j)`: node i of layer l - 1 to node j of layer l (i = "b": bias).
"""
from __future__ import annotations

import numpy as np

# Activation glyphs: (function, value range shown). Aliases map the engine's names.
_GLYPHS = {
    "identity": (lambda z: z, (-1.0, 1.0)),
    "sigmoid": (lambda z: 1.0 / (1.0 + np.exp(-5.0 * z)), (-0.08, 1.08)),
    "tanh": (lambda z: np.tanh(2.5 * z), (-1.1, 1.1)),
    "relu": (lambda z: np.maximum(z, 0.0), (-0.25, 1.0)),
    "step": (lambda z: (z > 0).astype(float), (-0.08, 1.08)),
}
_ALIASES = {"linear": "identity", "logistic": "sigmoid", "softmax": "sigmoid", "heaviside": "step",
            "leaky_relu": "relu"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
# Half width and height of each node kind, in data units ("text" nodes are measured when drawn).
HALF = {"circle": (0.3, 0.3), "square": (0.25, 0.25), "box": (0.42, 0.23), "sum": (0.23, 0.23),
        "act": (0.23, 0.23), "neuron": (0.55, 0.55), "text": (0.0, 0.0)}
MIN_FONT = 12.0  # node labels shrink to fit, down to this size (points = CSS px: the design system's minimum)
MAX_SCALE = 58.0  # points per data unit at most (at 11 pt text): small diagrams keep the scale of large ones
LABEL_SPOTS = (0.5, 0.4, 0.6, 0.32, 0.68, 0.25, 0.75, 0.18, 0.82)  # where along an edge a label may sit


def activation_name(name):
    """The glyph name for an activation (None / "none" -> None); ValueError if unknown."""
    if name is None or name == "none":
        return None
    key = _ALIASES.get(str(name).lower(), str(name).lower())
    if key not in _GLYPHS:
        raise ValueError(f"no glyph for activation {name!r}; known: {sorted(_GLYPHS) + sorted(_ALIASES)}")
    return key


def glyph_curve(name, n=49):
    """Points of a small activation plot in the unit box [-1, 1]^2, and the y of value 0."""
    f, (lo, hi) = _GLYPHS[activation_name(name)]
    z = np.linspace(-1.0, 1.0, n)
    scale = lambda v: -0.8 + 1.6 * (v - lo) / (hi - lo)  # noqa: E731
    return 0.85 * z, scale(f(z)), float(scale(0.0))


def layer_name(l, n_layers):
    """How an error message names layer l: 'layer 0 (input)', 'layer 2 (hidden 2)' ..."""
    return f"layer {l} ({'input' if l == 0 else 'output' if l == n_layers - 1 else f'hidden {l}'})"


def role_of(l, n_layers):
    return "input" if l == 0 else "output" if l == n_layers - 1 else "hidden"


def network_spec(net_or_sizes, weights=None):
    """(sizes, params or None, hidden activation, output activation) from sizes or a network.

    A network is any object with `.weights` = [(W (n_in, n_out), b (n_out,)), ...] and
    optionally `.sizes`, `.activation`, `.output`; `weights` overrides its parameters.
    """
    hidden_act = output_act = None
    sizes = net_or_sizes
    if hasattr(net_or_sizes, "weights"):
        params = list(net_or_sizes.weights)
        sizes = getattr(net_or_sizes, "sizes", None)
        if sizes is None and params:
            sizes = [np.shape(params[0][0])[0]] + [np.shape(p[0])[1] for p in params]
        hidden_act, output_act = getattr(net_or_sizes, "activation", None), getattr(net_or_sizes, "output", None)
        weights = params if weights is None else weights
    try:
        sizes = list(sizes)
    except TypeError:
        raise ValueError(f"layer sizes must be a list of positive integers, got {net_or_sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(f"a network needs at least two layers (input and output), got sizes {sizes}")
    for l, s in enumerate(sizes):
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"{layer_name(l, len(sizes))} has size {s!r}; every layer needs a positive "
                             f"integer number of nodes (sizes {sizes})")
    sizes = [int(s) for s in sizes]
    return sizes, (None if weights is None else check_weights(weights, sizes)), hidden_act, output_act


def check_weights(weights, sizes):
    """[(W, b)] as float arrays, checked against `sizes` (items may be bare W; b is then None)."""
    n, weights, out = len(sizes), list(weights), []
    if len(weights) != n - 1:
        raise ValueError(f"weights has {len(weights)} layers of parameters but sizes {sizes} need {n - 1} "
                         f"(one per layer after the input)")
    for l, item in enumerate(weights, start=1):
        pair = isinstance(item, (tuple, list)) and len(item) == 2 and np.ndim(item[0]) == 2
        W, b = item if pair else (item, None)
        W = np.asarray(W, dtype=float)
        if W.shape != (sizes[l - 1], sizes[l]):
            raise ValueError(f"weights into {layer_name(l, n)}: W has shape {W.shape}, expected "
                             f"{(sizes[l - 1], sizes[l])} (n_in, n_out)")
        if b is not None:
            b = np.asarray(b, dtype=float).reshape(-1)
            if b.shape != (sizes[l],):
                raise ValueError(f"bias of {layer_name(l, n)} has {b.size} values, expected {sizes[l]}")
        out.append((W, b))
    return out


def weight_of(params, key):
    """The weight an edge key (l, i, j) carries: W[i, j] into layer l, or the bias b[j] (i = "b")."""
    l, i, j = key
    W, b = params[l - 1]
    return (None if b is None else float(b[j])) if i == "b" else float(W[i, j])


def per_layer(name, value, sizes, default):
    """Expand a per-node option: None (defaults), False (blank) or, per layer, None / False / a list."""
    n = len(sizes)
    value = [value] * n if value is None or value is False or value is True else list(value)
    if len(value) != n:
        raise ValueError(f"{name} has {len(value)} entries but the network has {n} layers {sizes}")
    out = []
    for l, entry in enumerate(value):
        if entry is None or entry is True:
            entry = [default(l, i) for i in range(sizes[l])]
        elif entry is False:
            entry = [""] * sizes[l]
        elif len(list(entry)) != sizes[l]:
            raise ValueError(f"{name} for {layer_name(l, n)} has {len(list(entry))} entries, expected {sizes[l]}")
        out.append(["" if e is None else str(e) for e in entry])
    return out


def check_keys(name, mapping, sizes, edges=False):
    """Validate the keys of a {(l, i): ...} or {(l, i, j): ...} option against the sizes."""
    n = len(sizes)
    for key in mapping:
        l = key[0] if isinstance(key, tuple) and key and isinstance(key[0], (int, np.integer)) else -1
        ok = 0 <= l < n and len(key) == 2 + edges and (key[1] == "b" or key[1] in range(sizes[l - edges]))
        if not (ok and (not edges or (l >= 1 and key[2] in range(sizes[l])))):
            form = "(l, i, j): node i of layer l-1 to node j of layer l" if edges else "(l, i): node i of layer l"
            raise ValueError(f"{name} key {key!r} ({layer_name(l, n) if l >= 0 else 'no layer'}) is not in a "
                             f"network of sizes {sizes}; keys are {form}")


def visible(n, max_nodes):
    """Indices drawn for a layer of n nodes and the slot of the ellipsis (None if all fit)."""
    if n <= max_nodes:
        return list(range(n)), None
    head = max(1, (max_nodes - 1) // 2)
    return list(range(head)) + list(range(n - max(1, max_nodes - 1 - head), n)), head


def _column(count, dy, centre=0.0):
    return [centre + ((count - 1) / 2 - k) * dy for k in range(count)]


def compact_layout(sizes, bias=False, max_nodes=10, dx=2.4, dy=1.0):
    """Node centres {(l, i): (x, y)} and ellipsis centres [(l, x, y)] of the compact style.

    Layers stand left to right, each centred vertically, first node on top; bias nodes share
    a row above the tallest layer.
    """
    pos, dots = {}, []
    slots = [len(visible(s, max_nodes)[0]) + (s > max_nodes) for s in sizes]
    for l, s in enumerate(sizes):
        shown, gap = visible(s, max_nodes)
        ys = _column(slots[l], dy)
        if gap is not None:
            dots.append((l, l * dx, ys[gap]))
            ys = ys[:gap] + ys[gap + 1:]
        pos.update({(l, i): (l * dx, y) for i, y in zip(shown, ys)})
    if bias:
        pos.update({(l, "b"): (l * dx, (max(slots) - 1) / 2 * dy + 1.1 * dy) for l in range(len(sizes) - 1)})
    return pos, dots


def ops_layout(sizes, activations, bias=True, dy=1.0, gaps=(1.5, 1.35, 0.8, 0.9)):
    """Positions of the explicit-operations style: node -> x w boxes -> sum -> glyph -> node.

    Returns ({key: (x, y)}, [(src, dst, weight key or None)]). Multiply boxes are grouped by
    the node they feed, so each group sits beside its sum box; each node of the next layer
    sits level with its sum.
    """
    pos, edges, x = {}, [], 0.0
    g_mult, g_sum, g_act, g_node = gaps
    pos.update({(0, i): (x, y) for i, y in enumerate(_column(sizes[0], dy))})
    for l in range(1, len(sizes)):
        rows = (["b"] if bias else []) + list(range(sizes[l - 1]))
        if bias:
            pos[(l - 1, "b")] = (x, max(pos[(l - 1, i)][1] for i in range(sizes[l - 1])) + dy)
        centres = _column(sizes[l], len(rows) * 0.72 * dy + 0.45 * dy)
        xm, x = x + g_mult, x + g_mult + g_sum
        for j, c in enumerate(centres):
            for i, y in zip(rows, _column(len(rows), 0.72 * dy, c)):
                pos[("mult", l, i, j)] = (xm, y)
                edges += [((l - 1, i), ("mult", l, i, j), (l, i, j)),
                          (("mult", l, i, j), ("sum", l, j), (l, i, j))]
            pos[("sum", l, j)] = (x, c)
        last = "sum"
        if activations[l - 1] is not None:
            x, last = x + g_act, "act"
            for j, c in enumerate(centres):
                pos[("act", l, j)] = (x, c)
                edges.append((("sum", l, j), ("act", l, j), None))
        x += g_node
        for j, c in enumerate(centres):
            pos[(l, j)] = (x, c)
            edges.append(((last, l, j), (l, j), None))
    return pos, edges


def place_columns(columns, dx=2.4, dy=1.0):
    """{name: (x, y)} for columns of node names, left to right, each centred, first on top
    (None leaves an empty slot)."""
    return {name: (c * dx, y) for c, names in enumerate(columns)
            for name, y in zip(names, _column(len(names), dy)) if name is not None}


def frame(lo, hi, w_pt, h_pt, pad=0.3, max_scale=MAX_SCALE):
    """Axis limits around content from `lo` to `hi` in an axes of w_pt x h_pt points, centred,
    with `pad` units around and at most `max_scale` points per unit (then at the axes' aspect)."""
    w, h = hi[0] - lo[0] + 2 * pad, hi[1] - lo[1] + 2 * pad
    grow = max(1.0, min(w_pt / w, h_pt / h) / max_scale)
    w, h = w * grow, h * grow
    if grow > 1:
        w, h = max(w, h * w_pt / h_pt), max(h, w * h_pt / w_pt)
    cx, cy = (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def compact_spacing(sizes, aspect, bias, max_nodes):
    """(dx, dy) spreading compact layers to fill an axes of width / height `aspect`, within limits."""
    tall = min(max(sizes), max_nodes) + (1.1 if bias else 0) + 1.6
    return float(np.clip((aspect * tall - 1.4) / (len(sizes) - 1), 1.8, 3.6)), 1.0


def activations(activation, n, hidden_act=None, output_act=None):
    """Glyph names for the n - 1 layers after the input: one name for all, a list, or the net's own."""
    acts = ([hidden_act] * (n - 2) + [output_act] if activation is None else
            [activation] * (n - 1) if isinstance(activation, str) else list(activation))
    if len(acts) != n - 1:
        raise ValueError(f"activation has {len(acts)} entries, expected {n - 1} (one per layer after the input)")
    return [activation_name(a) for a in acts]


def bounds(boxes, pad=0.0):
    """(x0, y0, x1, y1) around [((x, y), (half width, half height))], `pad` units wider."""
    return (min(x - w for (x, _), (w, _) in boxes) - pad, min(y - h for (_, y), (_, h) in boxes) - pad,
            max(x + w for (x, _), (w, _) in boxes) + pad, max(y + h for (_, y), (_, h) in boxes) + pad)


def beside(xy, half, side):
    """(position, ha, va) of a text on `side` ("left", "right", "above", "below") of a node."""
    (x, y), (hw, hh) = xy, half
    return {"left": ((x - hw - 0.1, y), "right", "center"), "right": ((x + hw + 0.1, y), "left", "center"),
            "above": ((x, y + hh + 0.07), "center", "bottom"),
            "below": ((x, y - hh - 0.07), "center", "top")}[side]


def clip_to_shape(centre, towards, shape, half):
    """Point where the ray from `centre` to `towards` leaves a node of `shape` (a kind) and half-size."""
    c, d = np.asarray(centre, float), np.asarray(towards, float) - np.asarray(centre, float)
    norm = np.hypot(*d)
    if norm == 0:
        return tuple(c)
    d = d / norm
    if shape in ("circle", "neuron"):
        return tuple(c + d * half[0])
    return tuple(c + d * min(half[0] / abs(d[0]) if d[0] else np.inf, half[1] / abs(d[1]) if d[1] else np.inf))


# ---- node, edge and text specs of the diagrams (plain dicts; diagrams.py draws them) ----------
def _default_name(style, sizes, acts):
    def name(l, i):
        if 0 < l < len(sizes) - 1:
            return ""
        if l == 0 or style == "ops":
            return f"$x_{{{i + 1}}}$" if l == 0 else f"${'y' if acts[-1] else 'v'}_{{{i}}}$"
        return "$\\hat{y}$" if sizes[-1] == 1 else f"$\\hat{{y}}_{{{i + 1}}}$"
    return name


def _layer_texts(names, sizes, style, pos, bottom):
    n, ops = len(sizes), style == "ops"
    count = n - 1 if ops else n
    if names is True:
        names = ([f"layer {ROMAN[l]}" for l in range(count)] if ops else ["input"]
                 + (["hidden"] if n == 3 else [f"hidden {l}" for l in range(1, n - 1)]) + ["output"])
    names = list(names or [])
    if names and len(names) != count:
        raise ValueError(f"layer_labels has {len(names)} entries, expected {count} "
                         f"({'one per block of operations' if ops else 'one per layer'} of sizes {sizes})")
    xs = ([(pos[("mult", l, 0, 0)][0] + pos[("sum", l, 0)][0]) / 2 for l in range(1, n)] if ops
          else [pos[(l, i)][0] for l in range(n) for i in [min(i for (ll, i) in pos if ll == l and i != "b")]])
    return [dict(xy=(x, bottom), text=s, role="layer", va="top") for x, s in zip(xs, names)]


def compact_specs(sizes, acts, *, bias, labels, layer_labels, edge_labels, notes, show_activation,
                  max_nodes, dx, dy, label_pos):
    """(nodes, edges, texts) specs of the compact style: circles and lines."""
    n = len(sizes)
    pos, dots = compact_layout(sizes, bias, max_nodes, dx, dy)
    names = per_layer("labels", labels, sizes, _default_name("compact", sizes, acts))
    notes = dict(notes or {})
    check_keys("notes", notes, sizes)
    nodes = []
    for (l, i), xy in pos.items():
        spec = dict(key=(l, i), xy=xy, note=notes.get((l, i)))
        if i == "b":
            nodes.append(dict(spec, kind="square", role="bias", label="$1$"))
        else:
            nodes.append(dict(spec, kind="circle", role=role_of(l, n), label=names[l][i], label_pos=label_pos,
                              half=0.36 if label_pos == "outside" else None,  # room for numbers
                              activation=acts[l - 1] if show_activation and l > 0 else None,
                              note_side=("below" if xy[1] < 0 else "above") if 0 < l < n - 1 else None))
    shown = [[i for (ll, i) in pos if ll == l and i != "b"] for l in range(n)]
    edges = [dict(key=(l, i, j), src=(l - 1, i), dst=(l, j), weight_key=(l, i, j))
             for l in range(1, n) for i in (["b"] if bias else []) + shown[l - 1] for j in shown[l]]
    if edge_labels == "auto":
        edge_labels = len(edges) <= 12
    if edge_labels is True:
        edge_labels = {(l, i, j): f"$b_{{{j + 1}}}$" if i == "b" else f"$W_{{{i + 1},{j + 1}}}$"
                       for l, i, j in (e["key"] for e in edges)}
    edge_labels = dict(edge_labels or {})
    check_keys("edge_labels", edge_labels, sizes, edges=True)
    for e in edges:
        e["label"] = edge_labels.get(e["key"])
    texts = [dict(xy=(x, y), text="\u22ee", role="ellipsis") for _, x, y in dots]
    bottom = min(y for _, y in pos.values()) - 0.3 * dy - 0.3
    return nodes, edges, texts + _layer_texts(layer_labels, sizes, "compact", pos, bottom)


def top_to_bottom(pos: dict, squeeze: float = 0.62, stagger: float = 0.22) -> dict:
    """The explicit-operations layout `pos` turned to run from top to bottom, for a narrow page:
    a layer's column becomes a row (x = old y, y = -old x times `squeeze`), and since a row of
    multiply boxes is wider than the column it was, neighbouring boxes sit `stagger` above and
    below the row, so boxes of text-driven width never touch."""
    out = {}
    for key, (x, y) in pos.items():
        nx, ny = y, -x * squeeze
        if key[0] == "mult":
            _, _, i, _ = key
            ny += stagger if (0 if i == "b" else i + 1) % 2 else -stagger
        out[key] = (nx, ny)
    return out


def ops_specs(sizes, acts, *, bias, labels, layer_labels, dy, vertical=False):
    """(nodes, edges, texts) specs of the explicit-operations style (`vertical`: top to bottom)."""
    n = len(sizes)
    for l, s in enumerate(sizes):
        if s > 8:
            raise ValueError(f"{layer_name(l, n)} has {s} nodes; the explicit-operations style draws "
                             f"every multiply and sum, so keep layers at 8 nodes or fewer")
    pos, edge_list = ops_layout(sizes, acts, bias, dy)
    if vertical:
        if layer_labels:
            raise ValueError("layer_labels are placed under a left-to-right layout: not with vertical=True")
        pos = top_to_bottom(pos)
    names = per_layer("labels", labels, sizes, _default_name("ops", sizes, acts))
    nodes = []
    for key, xy in pos.items():
        if key[0] == "mult":
            _, l, i, j = key
            sub = f"{0 if i == 'b' else i + 1}{j}"
            nodes.append(dict(key=key, xy=xy, kind="box", role="op", label=f"$\\times\\,w_{{{sub}}}$"))
        elif key[0] in ("sum", "act"):
            nodes.append(dict(key=key, xy=xy, kind=key[0], role=role_of(key[1], n),
                              label="$\\Sigma$" if key[0] == "sum" else "",
                              activation=acts[key[1] - 1] if key[0] == "act" else None))
        elif key[1] == "b":
            nodes.append(dict(key=key, xy=xy, kind="box", role="bias", label="$x_0 = 1$"))
        else:
            nodes.append(dict(key=key, xy=xy, kind="circle", role=role_of(key[0], n), label=names[key[0]][key[1]],
                              half=(0.26, 0.26)))
    edges = [dict(key=(s, d), src=s, dst=d, weight_key=w) for s, d, w in edge_list]
    bottom = min(y for _, y in pos.values()) - 0.6 * dy
    return nodes, edges, _layer_texts(layer_labels, sizes, "ops", pos, bottom)


def neuron_specs(inputs, weights, bias, activation, output, bias_node, features, features_label, note, dx):
    """(nodes, edges, groups) for `draw_neuron`: inputs [-> features] -> neuron -> output."""
    inputs, features = list(inputs), list(features or [])
    if not inputs:
        raise ValueError("draw_neuron needs at least one input label")
    ins, feats = [f"in{k}" for k in range(len(inputs))], [f"f{k}" for k in range(len(features))]
    pos = place_columns([ins] + ([feats] if feats else []) + [["neuron"], ["out"]], dx)
    nodes = {k: dict(xy=pos[k], label=s, role="input") for k, s in zip(ins, inputs)}
    edges = []
    for k, (label, uses) in zip(feats, features):
        nodes[k] = dict(xy=pos[k], kind="box", role="hidden", label=label)
        for u in uses:
            if not 0 <= u < len(inputs):
                raise ValueError(f"feature {label!r} uses input {u}, but there are {len(inputs)} inputs")
            edges.append((ins[u], k))
    last = feats or ins
    if weights == "auto":
        weights = [f"$w_{{{k + 1}}}$" for k in range(len(last))]
    weights = list(weights or [None] * len(last))
    if len(weights) != len(last):
        raise ValueError(f"weights has {len(weights)} labels for {len(last)} edges into the neuron")
    edges += [(k, "neuron", w) for k, w in zip(last, weights)]
    inner = "$\\Sigma$" if bias_node or not bias else f"$\\Sigma$\n{bias}"
    nodes["neuron"] = dict(xy=pos["neuron"], kind="neuron", role="output", label=inner,
                           activation=activation, note=note, note_side="below")
    if bias_node:
        x, top = pos[last[0]][0], max(pos[k][1] for k in last)
        xy = (x + 0.6 * dx, top) if feats else (x, top + 1.0)  # with features: beside their box and its label
        nodes["bias"] = dict(xy=xy, kind="square", role="bias", label="$1$")
        edges.append(("bias", "neuron", bias))
    if output:
        nodes["out"] = dict(xy=(pos["out"][0] - 0.25 * dx, 0.0), kind="text", role="output", label=output)
        edges.append(("neuron", "out", dict(arrow=True)))
    return nodes, edges, ([dict(members=feats, label=features_label)] if feats else [])
