"""The artists of one network diagram and what can be done to them: `Diagram` holds the nodes,
edges, texts and groups drawn on an axes, fits labels and frames the content (`relayout`), and
restyles them frame by frame for animations (values, edge weights, highlights).

Built by the functions of nnviz.render.diagrams (draw_network, draw_graph, draw_neuron), which
place the nodes with nnviz.render.diagram_layout.
"""
from __future__ import annotations

from types import SimpleNamespace

import matplotlib as mpl
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle

from . import diagram_layout as lay
from .theme import FONT, number


class Node(SimpleNamespace):
    """A drawn node: key, xy, kind, role, half [hw, hh] (data units), face colour, fontsize; its
    artists patch, label (its name), value (number shown by set_values), note, glyph [lines];
    fit: the label sits inside the node and shrinks to fit."""


DIM = 0.3  # the opacity of faded context: still there on a projector (0.18 vanished; review B-L7)


class Edge(SimpleNamespace):
    """A drawn edge: key, src, dst, line (Line2D or arrow), label (Text or None), weight_key, ends,
    base (colour, width) outside highlights."""


class Diagram:
    """The drawn artists (`nodes`, `edges` by key; `texts`, `groups`) and methods to restyle them."""

    def __init__(self, ax, theme, fontsize=None, sizes=None, style=None):
        self.ax, self.theme, self.fs = ax, theme, float(fontsize or mpl.rcParams["font.size"])
        self.nodes, self.edges, self.texts, self.groups = {}, {}, [], []
        self.sizes, self.style, self.dropped_labels, self._limits = sizes, style, [], None
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()

    # ---- building -------------------------------------------------------------------------------
    def add_node(self, key, xy, kind="circle", role="hidden", label="", activation=None, half=None,
                 note=None, note_side=None, face=None, label_pos="inside", fontsize=None):
        if kind not in lay.HALF:
            raise ValueError(f"node {key!r}: unknown kind {kind!r}; use one of {sorted(lay.HALF)}")
        th, ax, (x, y) = self.theme, self.ax, map(float, xy)
        hw, hh = np.broadcast_to(lay.HALF[kind] if half is None else half, (2,)).astype(float)
        face = face or (th.bg if role == "op" else th.roles.get(role, th.bg))
        n = Node(key=key, xy=(x, y), kind=kind, role=role, half=[hw, hh], face=face, patch=None, note=None,
                 fontsize=float(fontsize or self.fs), glyph=[])
        style = dict(facecolor=face, edgecolor=th.fg, linewidth=1.2, zorder=2)
        if kind in ("circle", "neuron"):
            n.patch = ax.add_patch(Circle((x, y), hw, **style))
        elif kind == "box":
            n.patch = ax.add_patch(FancyBboxPatch((x - hw, y - hh), 2 * hw, 2 * hh,
                                                  boxstyle="round,pad=0,rounding_size=0.07", **style))
        elif kind != "text":
            n.patch = ax.add_patch(Rectangle((x - hw, y - hh), 2 * hw, 2 * hh, **style))
        glyph = activation is not None and kind in ("circle", "neuron", "act")
        if glyph:
            at = {"circle": (x, y, 0.55 * hw), "act": (x, y, 0.8 * hw), "neuron": (x + 0.45 * hw, y, 0.4 * hw)}
            n.glyph = self._glyph(activation, *at[kind])
        if kind == "neuron":
            n.glyph.append(ax.add_line(Line2D([x, x], [y - hw, y + hw], color=th.fg, lw=1.0, zorder=3)))
        side = {"input": "left", "output": "right", "bias": "left"}.get(role, "above")
        n.fit = label_pos == "inside" and not (kind == "circle" and glyph)
        n.label = (self._text((x - 0.45 * hw if kind == "neuron" else x, y), label or "", n.fontsize) if n.fit
                   else self._text(None, label or "", 0.95 * n.fontsize, node=n, side=side))
        n.value = self._text((x, y), "", max(FONT["small"], 0.85 * self.fs), visible=False)
        if note:  # on the name's usual side, or across when the name already sits there
            flip = {"above": "below"}.get(side, "above") if not n.fit and label else side
            n.note = self._text(None, note, max(FONT["small"], 0.95 * self.fs), node=n, side=note_side or flip)
        self.nodes[key] = n
        return n

    def add_edge(self, key, src, dst, label=None, arrow=False, weight_key=None, color=None, width=1.3,
                 linestyle="-"):
        for end in (src, dst):
            if end not in self.nodes:
                raise ValueError(f"edge {key!r} joins unknown node {end!r}")
        style = dict(color=color or self.theme.roles.get("edge", self.theme.muted), lw=width,
                     linestyle=linestyle, zorder=1)
        line = (self.ax.add_patch(FancyArrowPatch((0, 0), (1, 1), arrowstyle="-|>", mutation_scale=13,
                                                  shrinkA=0, shrinkB=0, **style)) if arrow
                else self.ax.add_line(Line2D([0, 1], [0, 1], solid_capstyle="butt", **style)))
        text = self._text((0, 0), label, max(FONT["small"], 0.9 * self.fs), zorder=5, bg=True) if label else None
        self.edges[key] = Edge(key=key, src=src, dst=dst, line=line, label=text, weight_key=weight_key,
                               base=(style["color"], width))

    def add_text(self, xy, text, role="text", **kw):
        size = kw.pop("fontsize", max(FONT["small"], self.fs * (1.6 if role == "ellipsis" else 0.95)))
        self.texts.append(self._text(xy, text, size, bg=role == "ellipsis", **kw))
        return self.texts[-1]

    def add_group(self, members, label=None, pad=0.22):
        box = self.ax.add_patch(FancyBboxPatch((0, 0), 1, 1, boxstyle="round,pad=0,rounding_size=0.15",
                                               facecolor=self.theme.grid, alpha=0.35, edgecolor=self.theme.muted,
                                               linestyle=(0, (4, 3)), lw=1.3, zorder=0))
        self.groups.append((list(members), box, self._text((0, 0), label or "", max(FONT["small"], 0.95 * self.fs), va="bottom"), pad))

    def _text(self, xy, s, fontsize, visible=True, node=None, side=None, bg=False, **kw):
        if node is not None:  # beside a node
            xy, kw["ha"], kw["va"] = lay.beside(node.xy, node.half, side)
        kw = {"ha": "center", "va": "center", "color": self.theme.fg, "zorder": 4, "in_layout": False, **kw}
        t = self.ax.text(xy[0], xy[1], s, fontsize=fontsize, visible=visible, **kw)
        if bg:
            t.set_bbox(dict(boxstyle="round,pad=0.12", facecolor=self.theme.bg, edgecolor="none"))
        return t

    def _glyph(self, name, cx, cy, s):
        gx, gy, y0 = lay.glyph_curve(name)
        axes = dict(color=self.theme.muted, lw=0.7, zorder=3)
        return [self.ax.add_line(Line2D([cx - s, cx + s], [cy + y0 * s] * 2, **axes)),
                self.ax.add_line(Line2D([cx, cx], [cy - 0.9 * s, cy + 0.9 * s], **axes)),
                self.ax.add_line(Line2D(cx + gx * s, cy + gy * s, color=self.theme.fg, lw=1.6, zorder=3))]

    # ---- layout: fit labels, route edges, frame the content, place edge labels ---------------------
    def relayout(self):
        """Redo the layout for the current figure size; returns the diagram."""
        fig, ax = self.ax.figure, self.ax
        for _ in range(5):
            if (engine := fig.get_layout_engine()) is not None:
                engine.execute(fig)
            ax.apply_aspect()
            r = fig.canvas.get_renderer()
            self._fit_labels(r)
            for e in self.edges.values():
                self._route(e)
            self._fit_groups()
            if self._set_limits(r):
                break
        ax.apply_aspect()
        self._place_edge_labels(fig.canvas.get_renderer())
        return self

    def _fit_labels(self, r):
        t = self.ax.transData.transform
        self._ppu = ppu = t((1, 0))[0] - t((0, 0))[0]  # pixels per data unit
        for n in self.nodes.values():
            n.label.set_fontsize(n.fontsize if n.fit or n.kind == "text" else 0.95 * n.fontsize)
            bb = n.label.get_window_extent(r)
            if n.kind == "text":
                n.half = [bb.width / 2 / ppu + 0.05, bb.height / 2 / ppu + 0.05]
            if n.kind == "text" or not n.fit or not n.label.get_text():
                continue
            hw, hh = n.half
            room_w = {"neuron": 0.8 * hw, "circle": 1.7 * hw}.get(n.kind, 2 * hw - 0.12) * ppu
            room_h = (1.6 if n.kind == "circle" else 1.8) * hh * ppu
            scale = min(1.0, room_w / max(bb.width, 1e-9), room_h / max(bb.height, 1e-9))
            n.label.set_fontsize(max(lay.MIN_FONT, n.fontsize * scale))
            need = n.label.get_window_extent(r).width / ppu / 2 + 0.07
            if n.kind == "box" and need > hw:  # boxes grow to hold their text at the smallest size
                n.half[0] = need
                n.patch.set_bounds(n.xy[0] - need, n.xy[1] - hh, 2 * need, 2 * hh)

    def _route(self, e):
        a, b = self.nodes[e.src], self.nodes[e.dst]
        e.ends = lay.clip_to_shape(a.xy, b.xy, a.kind, a.half), lay.clip_to_shape(b.xy, a.xy, b.kind, b.half)
        if isinstance(e.line, FancyArrowPatch):
            e.line.set_positions(*e.ends)
        else:
            e.line.set_data(*zip(*e.ends))

    def _fit_groups(self):
        for members, box, text, pad in self.groups:
            x0, y0, x1, y1 = lay.bounds([(self.nodes[m].xy, self.nodes[m].half) for m in members], pad)
            box.set_bounds(x0, y0, x1 - x0, y1 - y0)
            text.set_position(((x0 + x1) / 2, y1 + 0.06))

    def _artists(self, lines=True):
        for n in self.nodes.values():
            yield from (a for a in (n.patch, n.label, n.value, n.note) if a is not None)
        if lines:
            yield from (e.line for e in self.edges.values())
        yield from self.texts
        for _, box, text, _ in self.groups:
            yield from (box, text)

    def _extents(self, r, lines=True):
        return [a.get_window_extent(r) for a in self._artists(lines)
                if a.get_visible() and not (hasattr(a, "get_text") and not a.get_text())]

    def _set_limits(self, r):
        """Frame the content; True once the frame no longer moves."""
        boxes, inv = self._extents(r), self.ax.transData.inverted()
        lo, hi = inv.transform([(min(b.x0 for b in boxes), min(b.y0 for b in boxes)),
                                (max(b.x1 for b in boxes), max(b.y1 for b in boxes))])
        box, fig = self.ax.get_position(original=True), self.ax.figure
        want = lay.frame(lo, hi, box.width * fig.get_figwidth() * 72, box.height * fig.get_figheight() * 72,
                         max_scale=lay.MAX_SCALE * self.fs / 11.0)
        old, self._limits = self._limits, want
        self.ax.set(xlim=want[:2], ylim=want[2:])
        return old is not None and np.allclose(old, want, atol=0.01 * (want[1] - want[0]))

    def _place_edge_labels(self, r):
        """Put each edge label at the first spot along its edge that collides with nothing drawn."""
        taken = [b.padded(2) for b in self._extents(r, lines=False)]
        frame, self.dropped_labels = self.ax.get_window_extent(r), []
        for e in self.edges.values():
            if e.label is None:
                continue
            (xa, ya), (xb, yb) = e.ends
            e.label.set_visible(True)
            for t in lay.LABEL_SPOTS:
                e.label.set_position((xa + t * (xb - xa), ya + t * (yb - ya)))
                bb = e.label.get_window_extent(r).padded(2)
                if frame.contains(*bb.p0) and frame.contains(*bb.p1) and not any(map(bb.overlaps, taken)):
                    taken.append(bb)
                    break
            else:
                e.label.set_visible(False)
                self.dropped_labels.append(e.key)

    # ---- queries ------------------------------------------------------------------------------------
    def label_texts(self):
        """Every visible, non-empty text (node labels, numbers, notes, edge labels, layer labels ...)."""
        out = [a for a in self._artists() if hasattr(a, "get_text")] + [e.label for e in self.edges.values()]
        return [t for t in out if t is not None and t.get_visible() and t.get_text()]

    def overlaps(self):
        """Pairs of texts whose drawn extents overlap (empty when the layout is clean)."""
        self.ax.figure.canvas.draw()
        r, texts = self.ax.figure.canvas.get_renderer(), self.label_texts()
        bbs = [t.get_window_extent(r).padded(-0.5) for t in texts]
        return [(texts[a].get_text(), texts[b].get_text()) for a in range(len(texts))
                for b in range(a + 1, len(texts)) if bbs[a].overlaps(bbs[b])]

    def edges_from(self, layer, i):
        return [k for k, e in self.edges.items() if e.src == (layer, i)]

    def edges_into(self, layer, j):
        return [k for k, e in self.edges.items() if e.dst == (layer, j)]

    def layer_nodes(self, layer):
        return [k for k in self.nodes if isinstance(k, tuple) and len(k) == 2 and k[0] == layer]

    # ---- restyling, for animations -----------------------------------------------------------------
    def set_values(self, values, cmap=None, vmin=None, vmax=None, fmt="{:.2f}", numbers=True):
        """Fill nodes {key: value} from `cmap` (default: diverging if any value < 0) and print the value."""
        vals = np.array(list(values.values()), dtype=float)
        div = vmin < 0 if vmin is not None else bool(vals.size and vals.min() < 0)
        cmap = cmap or (self.theme.cmap_div if div else self.theme.cmap_seq)
        cmap = mpl.colormaps[cmap] if isinstance(cmap, str) else cmap
        top = float(np.max(np.abs(vals), initial=1e-12))
        vmin, vmax = (-top if div else 0.0) if vmin is None else vmin, top if vmax is None else vmax
        for key, v in values.items():
            n, rgb = self.nodes[key], cmap(float(np.clip((v - vmin) / ((vmax - vmin) or 1.0), 0, 1)))
            n.patch.set_facecolor(rgb)
            if numbers:  # the number replaces the name (if inside) and the glyph
                dark = np.dot(to_rgb(rgb), (0.299, 0.587, 0.114)) < 0.55
                room, s = 1.75 * n.half[0] * self._ppu * 72 / self.ax.figure.dpi, number(v, fmt)  # in points
                n.value.set(text=s, fontsize=min(max(FONT["small"], 0.85 * self.fs), room / (0.55 * max(len(s), 5))), visible=True,
                            color="#f5f5f5" if dark else "#111111")
                for a in (n.label, *n.glyph):
                    a.set_visible(a is n.label and not n.fit)

    def set_node_values(self, layer, values, **kw):
        """One value per node of `layer` (its full size; nodes hidden behind the ellipsis are skipped)."""
        if (values := np.asarray(values, dtype=float).reshape(-1)).size != self.sizes[layer]:
            raise ValueError(f"{lay.layer_name(layer, len(self.sizes))} has {self.sizes[layer]} nodes, "
                             f"got {values.size} values")
        self.set_values({(layer, i): v for i, v in enumerate(values) if (layer, i) in self.nodes}, **kw)

    def clear_values(self):
        """Undo set_values: role colours, names and glyphs back."""
        for n in self.nodes.values():
            n.value.set_visible(False)
            for a in filter(None, (n.patch, n.label, *n.glyph)):
                a.set(visible=True, **({"facecolor": n.face} if a is n.patch else {}))

    def set_edge_weights(self, weights, vmax=None):
        """Colour each edge by its weight's sign (theme.cmap_div) and width by |w|; [(W, b)] per layer."""
        params = lay.check_weights(weights, self.sizes)
        ws = {k: lay.weight_of(params, e.weight_key) for k, e in self.edges.items() if e.weight_key}
        top = vmax or max([abs(w) for w in ws.values() if w is not None] + [1e-12])
        span = 3.0 * min(1.0, np.sqrt(30 / max(len(ws), 1)))  # thinner lines when there are many
        for k, w in ((k, w) for k, w in ws.items() if w is not None):
            m, e = min(abs(w) / top, 1.0), self.edges[k]
            e.base = (self.theme.cmap_div(0.5 + np.sign(w) * (0.22 + 0.28 * m)), 0.6 + span * m)
            e.line.set(color=e.base[0], linewidth=e.base[1])
            if isinstance(k[0], tuple) and k[0][0] == "mult":
                self.nodes[k[0]].label.set_text("$\\times$ " + number(w))

    def highlight(self, nodes=(), edges=(), layers=(), dim=DIM, color=None):
        """Fade everything except the given nodes, edges and whole layers (to opacity `dim`); `color`
        redraws the kept edges in that colour, 1.6 times wider."""
        keep, keep_edges = set(nodes) | {k for layer in layers for k in self.layer_nodes(layer)}, set(edges)
        for k, n in self.nodes.items():
            for a in filter(None, (n.patch, n.label, n.value, n.note, *n.glyph)):
                a.set_alpha(None if k in keep else dim)
        for k, e in self.edges.items():
            c, w = (color, 1.6 * e.base[1]) if color and k in keep_edges else e.base
            e.line.set(color=c, linewidth=w, alpha=None if k in keep_edges else dim)
            if e.label is not None:
                e.label.set_alpha(None if k in keep_edges else dim)

    def reset_highlight(self):
        self.highlight(nodes=list(self.nodes), edges=list(self.edges))
