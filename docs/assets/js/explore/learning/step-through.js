/* The 5-2-2-1 net stepped through by hand (explorables/learning.py exports it): forward layer by
   layer, backward layer by layer, then the update, and again. Nodes show z, a and their error
   delta; edges their weight, then their change, each layer on its own scale so the first layer's
   small blame still shows; the [W] @ [X] + [Bias] = [Z] matrices of a layer, each weight cell
   linked to its edge (hover or focus a cell and the edge lights up). */
(function () {
  "use strict";
  var X = window.nnvizExplore;
  var ID = "learning/step-through";
  var STAGES = ["the input", "forward: hidden layer 1", "forward: hidden layer 2", "forward: the output and its cost",
                "backward: the output's error", "backward: hidden layer 2's errors", "backward: hidden layer 1's errors",
                "update: every weight moves by \u2212\u03b7 times its gradient"];

  /* The layer whose matrices each stage shows: the one being computed (0 = keep the reader's choice). */
  var STAGE_MATRIX = [1, 1, 2, 3, 3, 2, 1, 0];

  /* Forward, backward (mean squared error, sigmoid layers) and the update, as nnviz.engine does them. */
  function model(data) {
    var act = data.activation;
    function forward(layers, x) { return X.forward(layers, x, act, act); }
    function backward(layers, x, y) {
      var f = forward(layers, x), acts = f.acts, out = acts[acts.length - 1], L = layers.length;
      var loss = 0, delta = [];
      for (var k = 0; k < out.length; k++) {
        loss += (out[k] - y[k]) * (out[k] - y[k]);
        var g = (out[k] - y[k]) * (2 / out.length);   // dL/da of the mean squared error
        delta.push(g * ((1 - out[k]) * out[k]));      // times sigmoid'(z) = a (1 - a)
      }
      var deltas = [], dW = [], db = [];
      for (var l = L - 1; l >= 0; l--) {
        deltas.unshift(delta);
        dW.unshift(acts[l].map(function (a) { return delta.map(function (dj) { return a * dj; }); }));
        db.unshift(delta.slice());
        if (l) {
          var below = acts[l], W = layers[l].W;
          delta = below.map(function (a, i) {
            var s = 0;
            for (var j = 0; j < delta.length; j++) s += delta[j] * W[i][j];
            return s * ((1 - a) * a);
          });
        }
      }
      return { loss: loss / out.length, zs: f.zs, acts: acts, deltas: deltas, dW: dW, db: db };
    }
    function step(layers, grads, lr) {
      return layers.map(function (Lr, l) {
        return { W: Lr.W.map(function (row, i) { return row.map(function (w, j) { return w - lr * grads.dW[l][i][j]; }); }),
                 b: Lr.b.map(function (b, j) { return b - lr * grads.db[l][j]; }) };
      });
    }
    return { forward: forward, backward: backward, step: step };
  }

  function mount(app) {
    var d = app.data, m = app.model, el = app.el, sizes = d.sizes, nL = sizes.length - 1;
    var state = { layers: d.layers, history: [], stage: 0, updates: 0, edge: null, matrix: 1 };
    var info = m.backward(state.layers, d.x, d.y);

    // what is known at the current stage
    function knownZ(l) { return state.stage >= l && state.stage >= 1 && l >= 1 && l <= Math.min(state.stage, nL); }
    function knownDelta(l) { return state.stage >= 4 && l >= nL - (state.stage - 4); }

    var controls = el("div", { "class": "nnviz-x-controls" });
    app.body.appendChild(controls);
    var buttons = el("div", { "class": "nnviz-x-buttons" });
    var back = app.button("\u25c0 Back", function () { go(-1); });
    var fwd = app.button("Forward \u25b6", function () { go(1); });
    var reset = app.button("Start again", function () {
      state.layers = d.layers; state.history = []; state.stage = 0; state.updates = 0; update(true);
    });
    buttons.appendChild(back); buttons.appendChild(fwd); buttons.appendChild(reset);
    controls.appendChild(buttons);
    var stageText = el("p", { "class": "nnviz-x-panel-title", "aria-hidden": "true" });
    controls.appendChild(stageText);

    // ---------------------------------------------------------------- the diagram
    var pos = [];
    var diagram = app.canvas(app.body, {
      label: "The 5-2-2-1 network: each node with its weighted input z, its output a and its error delta = dC/dz; " +
             "each edge by its weight, or by its change once the errors are known",
      height: function (w) { return w < 500 ? 380 : 340; },
      draw: function (g, W, H) {
        var pal = app.palette(), out = X.ramp(pal.out);  // a node's signed error: theme.cmap_out, no class colour
        var cols = [0.07, 0.37, 0.65, 0.9].map(function (f) { return Math.round(14 + f * (W - 60)); });
        pos = sizes.map(function (n, l) {
          var out = [];
          for (var i = 0; i < n; i++) out.push([cols[l], 24 + (H - 80) * (n === 1 ? 0.5 : i / (n - 1))]);
          return out;
        });
        // edges: the weight, or its change once that layer's errors are known; each layer its own scale
        for (var l = 0; l < nL; l++) {
          var showChange = knownDelta(l + 1), Wl = state.layers[l].W, top = 0;
          var value = function (i, j) { return showChange ? -d.lr * info.dW[l][i][j] : Wl[i][j]; };
          Wl.forEach(function (row, i) { row.forEach(function (_, j) { top = Math.max(top, Math.abs(value(i, j))); }); });
          Wl.forEach(function (row, i) {
            row.forEach(function (_, j) {
              var v = value(i, j), lit = state.edge && state.edge[0] === l && state.edge[1] === i && state.edge[2] === j;
              g.strokeStyle = lit ? pal.accent : X.alpha(pal.classes[v > 0 ? 1 : 0], state.edge ? 0.35 : 0.85);
              g.lineWidth = lit ? 5 : 0.8 + 5 * Math.abs(v) / (top || 1);
              g.beginPath(); g.moveTo(pos[l][i][0], pos[l][i][1]); g.lineTo(pos[l + 1][j][0], pos[l + 1][j][1]); g.stroke();
            });
          });
        }
        // nodes: filled by their error once known (each layer its own scale), numbers below
        g.font = X.font(12); g.textAlign = "center"; g.textBaseline = "top";
        pos.forEach(function (layer, l) {
          var role = l === 0 ? "input" : l === nL ? "output" : "hidden", top = 0;
          if (l && knownDelta(l)) info.deltas[l - 1].forEach(function (v) { top = Math.max(top, Math.abs(v)); });
          layer.forEach(function (p, i) {
            var fill = l && knownDelta(l) ? out(0.5 + 0.5 * info.deltas[l - 1][i] / (top || 1)) : pal.roles[role];
            X.dot(g, p[0], p[1], 13, fill, pal.muted, 1.2);
            var lines = l === 0 ? ["x " + X.fmt(d.x[i], 2)] : [];
            if (l && knownZ(l)) lines.push("z " + X.fmt(info.zs[l - 1][i], 2), "a " + X.fmt(info.acts[l][i], 2));
            if (l && knownDelta(l)) lines.push("\u03b4 " + X.fmt(info.deltas[l - 1][i], 3));
            lines.forEach(function (t, k) {  // on a background plate, so no edge crosses the numbers
              var tw = g.measureText(t).width;
              g.fillStyle = X.alpha(pal.bg, 0.9); g.fillRect(p[0] - tw / 2 - 3, p[1] + 15 + 14 * k, tw + 6, 15);
              g.fillStyle = pal.fg; g.fillText(t, p[0], p[1] + 16 + 14 * k);
            });
          });
        });
      }
    });

    // ---------------------------------------------------------------- the matrices of one layer
    var matrixControls = el("div", { "class": "nnviz-x-controls" });
    app.body.appendChild(matrixControls);
    var layerChoice = app.choice("matrices of layer", [[1, "hidden 1"], [2, "hidden 2"], [3, "output"]], 1, function (l) {
      state.matrix = l; state.edge = null; buildMatrices(); diagram.redraw();
    });
    matrixControls.appendChild(layerChoice.el);
    var matrices = el("div", { "class": "nnviz-x-matrices" });
    app.body.appendChild(matrices);

    function column(title, values, known) {
      var t = el("table", { "class": "nnviz-x-table nnviz-x-matrix" }), head = el("caption", {}, title);
      t.appendChild(head);
      var body = el("tbody");
      values.forEach(function (v) {
        var tr = el("tr"); tr.appendChild(el("td", {}, known ? X.fmt(v, 2) : "?")); body.appendChild(tr);
      });
      t.appendChild(body);
      return t;
    }
    function buildMatrices() {
      matrices.textContent = "";
      var l = state.matrix - 1, Wl = state.layers[l].W, nIn = Wl.length, nOut = Wl[0].length;
      var inputKnown = l === 0 || knownZ(l), changeKnown = knownDelta(l + 1);
      var w = el("table", { "class": "nnviz-x-table nnviz-x-matrix" });
      w.appendChild(el("caption", {}, "[W]"));
      var body = el("tbody");
      for (var j = 0; j < nOut; j++) {
        var tr = el("tr");
        for (var i = 0; i < nIn; i++) {
          var change = changeKnown ? ", change " + X.signed(-d.lr * info.dW[l][i][j], 3) : "";
          var td = el("td", { tabindex: "0", "data-edge": l + "," + i + "," + j,
                              "aria-label": "weight from " + (l ? "neuron " : "input ") + (i + 1) + " to neuron " + (j + 1) +
                                            ": " + X.fmt(Wl[i][j], 2) + change }, X.fmt(Wl[i][j], 2));
          (function (edge, text) {
            var on = function () { light(edge, text); }, off = function () { light(null); };
            td.addEventListener("mouseenter", on); td.addEventListener("focus", on);
            td.addEventListener("mouseleave", off); td.addEventListener("blur", off);
          })([l, i, j], td.getAttribute("aria-label"));
          tr.appendChild(td);
        }
        body.appendChild(tr);
      }
      w.appendChild(body);
      matrices.appendChild(w);
      matrices.appendChild(el("span", { "class": "nnviz-x-op" }, "@"));
      matrices.appendChild(column(l ? "[A]" : "[X]", info.acts[l], inputKnown));
      matrices.appendChild(el("span", { "class": "nnviz-x-op" }, "+"));
      matrices.appendChild(column("[Bias]", state.layers[l].b, true));
      matrices.appendChild(el("span", { "class": "nnviz-x-op" }, "="));
      matrices.appendChild(column("[Z]", info.zs[l], knownZ(l + 1)));
    }
    function light(edge, text) {
      state.edge = edge;
      matrices.querySelectorAll("td[data-edge]").forEach(function (td) {
        td.classList.toggle("nnviz-x-lit", !!edge && td.getAttribute("data-edge") === edge.join(","));
      });
      diagram.redraw();
      if (app.state) app.state.edge = edge;
      if (edge) app.announce(text.charAt(0).toUpperCase() + text.slice(1) + ".", false);
    }

    function go(dir) {
      if (dir > 0) {
        if (state.stage < STAGES.length - 1) state.stage++;
        else {  // apply the update: the next round starts from the new weights
          state.history.push(state.layers);
          state.layers = m.step(state.layers, info, d.lr);
          state.updates++; state.stage = 0;
        }
      } else if (state.stage > 0) state.stage--;
      else if (state.history.length) { state.layers = state.history.pop(); state.updates--; state.stage = STAGES.length - 1; }
      update(true);
    }
    function update(now) {
      info = m.backward(state.layers, d.x, d.y);
      if (STAGE_MATRIX[state.stage]) {  // the matrices follow the layer being computed
        state.matrix = STAGE_MATRIX[state.stage]; state.edge = null; layerChoice.set(state.matrix);
      }
      back.disabled = state.stage === 0 && !state.history.length;
      stageText.textContent = "Update " + state.updates + ", " + STAGES[state.stage];
      buildMatrices(); diagram.redraw();
      var out = info.acts[nL][0], s = state.stage;
      var layerValues = function (l) {  // the z and a of layer l, node by node
        return info.zs[l - 1].map(function (z, i) {
          return (sizes[l] > 1 ? "node " + (i + 1) + " " : "") + "z " + X.fmt(z, 2) + ", a " + X.fmt(info.acts[l][i], 2);
        }).join("; ");
      };
      var text = "Update " + state.updates + ", " + STAGES[s] +
        (s === 1 || s === 2 ? ": " + layerValues(s) : "") +
        (s === 3 ? ": z " + X.fmt(info.zs[nL - 1][0], 2) + ", a" : "") +
        (s >= 3 ? (s === 3 ? " = " : ": ") + "output " + X.fmt(out, 3) + " for target " + X.fmt(d.y[0], 0) + ", cost " + X.fmt(info.loss, 4) : "") +
        (state.stage >= 4 ? "; errors " + info.deltas.slice(Math.max(0, nL - (state.stage - 3))).map(function (ds) {
          return ds.map(function (v) { return X.fmt(v, 3); }).join(" and "); }).join("; ") : "") + ".";
      app.announce(text, now);
      app.state = { stage: state.stage, updates: state.updates, loss: info.loss, output: out, edge: state.edge,
                    matrix: state.matrix };
    }
    update(true);
  }

  var CAPTION = "Try it: press Forward to compute the net one layer at a time (each node's weighted input z and " +
    "output a), then its cost for the target, then backward each layer's errors \u03b4 = \u2202C/\u2202z and every " +
    "weight's change, then the update; Forward again starts the next round from the new weights, Back undoes. " +
    "Edges show their weight, and their change once the errors have reached them, each layer on its own scale. " +
    "A node's fill is its error \u03b4 once known (purple negative, green positive). Below, the matrices of the " +
    "layer being computed: hover over or focus a weight to light its edge.";

  X.register(ID, { model: model, mount: mount, caption: CAPTION });
})();
