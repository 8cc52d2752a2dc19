/* One neuron by hand (explorables/one_neuron.py exports its numbers): sliders for w and b; the
   sigmoid over the two classes with its boundary, the loss and the accuracy follow; beside it the
   loss over (w, b) as contours with the reader's point, its downhill direction, the path gradient
   descent took from a poor start, the trained neuron and the reference. */
(function () {
  "use strict";
  var X = window.nnvizExplore;
  var ID = "one-neuron/weight-and-bias";
  var MARGIN = { left: 58, right: 12, top: 12, bottom: 46 };
  var CELL = 2;  // the loss map's bands are coloured every CELL CSS px
  var NODE = 4;  // ... from the loss computed every NODE cells, bilinear (in log loss) in between
  var HEAD = 9;  // the length of an arrow's head (core's arrow), CSS px

  /* The neuron's numbers, as nnviz.engine computes them (MLP([1, 1], output="sigmoid"), loss "bce"). */
  function model(data) {
    var xs = data.x, ys = data.y, n = xs.length;
    function proba(w, b, x) { return X.sigmoid(x * w + b); }
    function lossGrad(w, b) {
      var loss = 0, dw = 0, db = 0;
      for (var i = 0; i < n; i++) {
        var z = xs[i] * w + b;
        loss += X.softplus((1 - 2 * ys[i]) * z);      // -log p of the right answer
        var delta = (X.sigmoid(z) - ys[i]) * (1 / n);  // dL/dz, fused sigmoid + cross-entropy
        dw += xs[i] * delta;
        db += delta;
      }
      return { loss: loss / n, dw: dw, db: db };
    }
    function correct(w, b) {
      var right = 0;
      for (var i = 0; i < n; i++) if ((proba(w, b, xs[i]) > 0.5) === (ys[i] > 0.5)) right++;
      return right;
    }
    function loss(w, b) {
      var sum = 0;
      for (var i = 0; i < n; i++) sum += X.softplus((1 - 2 * ys[i]) * (xs[i] * w + b));
      return sum / n;
    }
    return {
      proba: proba, lossGrad: lossGrad, loss: loss, correct: correct,
      accuracy: function (w, b) { return correct(w, b) / n; }
    };
  }

  function mount(app) {
    var d = app.data, m = app.model, el = app.el;
    var state = { w: d.start[0], b: d.start[1], epoch: 0 };
    var last = d.path.w.length - 1;

    var panels = el("div", { "class": "nnviz-x-panels" });
    var left = el("div", { "class": "nnviz-x-panel" }), right = el("div", { "class": "nnviz-x-panel" });
    panels.appendChild(left); panels.appendChild(right);
    app.body.appendChild(panels);

    // ---------------------------------------------------------------- the curve over the samples
    var curve = app.canvas(left, {
      label: "The neuron's probability of category 1 over x, with the samples of both categories",
      height: function (w) { return Math.max(240, Math.min(330, w * 0.78)); },
      draw: function (g, W, H) {
        var pal = app.palette();
        var box = { x: MARGIN.left, y: MARGIN.top, w: W - MARGIN.left - MARGIN.right, h: H - MARGIN.top - MARGIN.bottom };
        var sx = X.scale(d.xlim[0], d.xlim[1], box.x, box.x + box.w);
        var sy = X.scale(-0.12, 1.12, box.y + box.h, box.y);
        var edge = -state.b / state.w;
        // each side shaded in the colour of the category it is given
        var cut = isFinite(edge) ? Math.min(Math.max(sx(edge), box.x), box.x + box.w) : (state.b > 0 ? box.x : box.x + box.w);
        var rightIs1 = state.w > 0 || (state.w === 0 && state.b > 0);
        g.fillStyle = X.alpha(pal.classes[rightIs1 ? 0 : 1], 0.10);
        g.fillRect(box.x, box.y, cut - box.x, box.h);
        g.fillStyle = X.alpha(pal.classes[rightIs1 ? 1 : 0], 0.10);
        g.fillRect(cut, box.y, box.x + box.w - cut, box.h);
        X.axes(g, pal, box, { sx: sx, sy: sy, yticks: [0, 0.5, 1], xlabel: "x", ylabel: "probability of category 1" });
        // the trained neuron and the reference (they coincide), then the reader's neuron
        line(g, sx, sy, d.reference.w, d.reference.b, X.alpha(pal.series[0], 0.45), 6, []);
        line(g, sx, sy, d.trained.w, d.trained.b, pal.series[0], 1.5, [5, 4]);
        for (var i = 0; i < d.x.length; i++) {
          var k = d.y[i];
          var wrong = (m.proba(state.w, state.b, d.x[i]) > 0.5) !== (k > 0.5);
          X.dot(g, sx(d.x[i]), sy(k + jitter(i)), 4, X.alpha(pal.classes[k], 0.6), wrong ? pal.fg : null, 1.2);
        }
        line(g, sx, sy, state.w, state.b, pal.fg, 2.5, []);
        if (isFinite(edge) && edge >= d.xlim[0] && edge <= d.xlim[1]) {
          g.save(); g.setLineDash([6, 4]); g.strokeStyle = pal.fg; g.lineWidth = 1.2;
          g.beginPath(); g.moveTo(sx(edge), box.y); g.lineTo(sx(edge), box.y + box.h); g.stroke(); g.restore();
        }
      }
    });
    /* A small fixed vertical offset per sample, so that the density of the 200 dots reads: the golden-ratio
       sequence (i * 0.618...) mod 1, spread over +-0.04 in probability; deterministic, no random draw. */
    function jitter(i) { return 0.08 * ((i * 0.6180339887498949) % 1 - 0.5); }
    function line(g, sx, sy, w, b, color, width, dash) {
      g.save();
      g.setLineDash(dash); g.strokeStyle = color; g.lineWidth = width; g.lineJoin = "round";
      g.beginPath();
      for (var i = 0; i <= 200; i++) {
        var x = d.xlim[0] + (d.xlim[1] - d.xlim[0]) * i / 200;
        var px = sx(x), py = sy(m.proba(w, b, x));
        if (i) g.lineTo(px, py); else g.moveTo(px, py);
      }
      g.stroke(); g.restore();
    }

    // ---------------------------------------------------------------- the loss over (w, b)
    /* The colour scale of the static figure one-neuron/loss-surface: the theme's sequential map, log-scaled
       from its first level to its last, each band between two levels in the colour of their geometric mean,
       below the first in the darkest colour, above the last (only this wider plane has such) in the brightest.
       Darker: lower, as in the figure, and a colour means the same loss in both. */
    var key = d.lossKey.levels, kLo = Math.log(key[0]), kHi = Math.log(key[key.length - 1]);
    function lossT(L) {
      if (!(L >= key[0])) return 0;
      for (var k = 0; k + 1 < key.length; k++) {
        if (L < key[k + 1]) return (0.5 * (Math.log(key[k]) + Math.log(key[k + 1])) - kLo) / (kHi - kLo);
      }
      return 1;
    }
    app.lossColor = function (L) { return X.ramp(app.palette().seq).rgb(lossT(L)).map(Math.round); };
    var fill = { id: "", canvas: null }, grid = { id: "", logLoss: null };
    /* log loss at the centre of every CELL px cell of the plane: the engine's loss at every NODE-th cell,
       bilinear in between (the loss is smooth at this scale; a first paint costs ~1/NODE^2 of the sums) */
    function logLosses(box, sx, sy, nx, ny) {
      var id = [box.w, box.h].join(" ");
      if (grid.id === id) return grid.logLoss;
      var gx = Math.ceil((nx - 1) / NODE) + 1, gy = Math.ceil((ny - 1) / NODE) + 1, nodes = new Float64Array(gx * gy);
      for (var q = 0; q < gy; q++) {
        for (var p = 0; p < gx; p++) {
          nodes[q * gx + p] = Math.log(m.loss(sx.inv(box.x + (p * NODE + 0.5) * CELL), sy.inv(box.y + (q * NODE + 0.5) * CELL)));
        }
      }
      var out = new Float64Array(nx * ny);
      for (var j = 0; j < ny; j++) {
        var q0 = Math.min(gy - 2, Math.floor(j / NODE)), fy = j / NODE - q0;
        for (var i = 0; i < nx; i++) {
          var p0 = Math.min(gx - 2, Math.floor(i / NODE)), fx = i / NODE - p0, k = q0 * gx + p0;
          out[j * nx + i] = (nodes[k] * (1 - fx) + nodes[k + 1] * fx) * (1 - fy) +
                            (nodes[k + gx] * (1 - fx) + nodes[k + gx + 1] * fx) * fy;
        }
      }
      grid.id = id; grid.logLoss = out;
      return out;
    }
    function filled(pal, box, sx, sy) {  // the bands, cached for one size and palette
      var id = [box.w, box.h, pal.name].join(" ");
      if (fill.id === id) return fill.canvas;
      var nx = Math.ceil(box.w / CELL), ny = Math.ceil(box.h / CELL), logLoss = logLosses(box, sx, sy, nx, ny);
      var c = document.createElement("canvas"); c.width = nx; c.height = ny;
      var cg = c.getContext("2d"), img = cg.createImageData(nx, ny), ramp = X.ramp(pal.seq);
      for (var j = 0; j < ny; j++) {
        for (var i = 0; i < nx; i++) {
          var rgb = ramp.rgb(lossT(Math.exp(logLoss[j * nx + i]))), o = 4 * (j * nx + i);
          img.data[o] = rgb[0]; img.data[o + 1] = rgb[1]; img.data[o + 2] = rgb[2]; img.data[o + 3] = 255;
        }
      }
      cg.putImageData(img, 0, 0);
      fill.id = id; fill.canvas = c;
      return c;
    }
    var contour = app.canvas(right, {
      label: "The loss over the weight w and the bias b as coloured bands, darker where it is lower, with the " +
             "current neuron, the path of gradient descent, the trained neuron and the reference",
      height: function (w) { return Math.max(240, Math.min(330, w * 0.78)); },
      draw: function (g, W, H) {
        var pal = app.palette();
        var box = { x: MARGIN.left, y: MARGIN.top, w: W - MARGIN.left - MARGIN.right, h: H - MARGIN.top - MARGIN.bottom };
        var sx = X.scale(d.wRange[0], d.wRange[1], box.x, box.x + box.w);
        var sy = X.scale(d.bRange[0], d.bRange[1], box.y + box.h, box.y);
        contour.sx = sx; contour.sy = sy; contour.box = box;
        g.save();
        g.beginPath(); g.rect(box.x, box.y, box.w, box.h); g.clip();
        g.imageSmoothingEnabled = false;
        g.drawImage(filled(pal, box, sx, sy), box.x, box.y, Math.ceil(box.w / CELL) * CELL, Math.ceil(box.h / CELL) * CELL);
        g.restore();
        X.axes(g, pal, box, { sx: sx, sy: sy, xlabel: "weight w", ylabel: "bias b" });
        g.save();
        g.beginPath(); g.rect(box.x, box.y, box.w, box.h); g.clip();
        g.strokeStyle = X.alpha(pal.bg, 0.5); g.lineWidth = 0.8;  // the levels, as in the figure
        d.contours.forEach(function (c) {
          c.lines.forEach(function (pts) {
            g.beginPath();
            for (var i = 0; i < pts.length; i += 2) {
              if (i) g.lineTo(sx(pts[i]), sy(pts[i + 1])); else g.moveTo(sx(pts[i]), sy(pts[i + 1]));
            }
            g.stroke();
          });
        });
        // the descent path, up to the epoch on the scrubber, faint beyond it
        [[last, X.alpha(pal.series[1], 0.35)], [state.epoch === null ? -1 : state.epoch, pal.series[1]]].forEach(function (p) {
          g.strokeStyle = p[1]; g.lineWidth = 2;
          g.beginPath();
          for (var i = 0; i <= p[0]; i++) {
            if (i) g.lineTo(sx(d.path.w[i]), sy(d.path.b[i])); else g.moveTo(sx(d.path.w[i]), sy(d.path.b[i]));
          }
          g.stroke();
        });
        X.dot(g, sx(d.path.w[0]), sy(d.path.b[0]), 4, pal.series[1]);
        // where the path ends: its last epoch, short of the long-trained neuron
        var ex = sx(d.path.w[last]), ey = sy(d.path.b[last]);
        X.dot(g, ex, ey, 3.5, pal.series[1]);
        g.font = X.font(12); g.textAlign = "right"; g.textBaseline = "bottom";
        g.lineJoin = "round"; g.strokeStyle = pal.bg; g.lineWidth = 4;
        g.strokeText("epoch " + last, ex - 5, ey - 5);
        g.fillStyle = pal.series[1]; g.fillText("epoch " + last, ex - 5, ey - 5);
        // the reference and the trained neuron, each on a halo of the background (the map is dark there)
        X.dot(g, sx(d.reference.w), sy(d.reference.b), 8, null, pal.bg, 5.5);
        X.dot(g, sx(d.reference.w), sy(d.reference.b), 8, null, pal.series[0], 2.5);
        cross(g, sx(d.trained.w), sy(d.trained.b), 6, pal.bg, 5.5);
        cross(g, sx(d.trained.w), sy(d.trained.b), 6, pal.series[0], 2.5);
        // the reader's neuron and the way downhill (minus the gradient, drawn at a fixed scale)
        var lg = m.lossGrad(state.w, state.b);
        var px = sx(state.w), py = sy(state.b);
        var gx = -lg.dw * (sx(1) - sx(0)), gy = -lg.db * (sy(1) - sy(0));
        var len = Math.sqrt(gx * gx + gy * gy), room = 60;  // drawn 3 x len, at most 180 px
        if (len > room) { gx *= room / len; gy *= room / len; }
        contour.arrow = 3 * Math.sqrt(gx * gx + gy * gy);  // drawn length, CSS px
        if (contour.arrow < HEAD) contour.arrow = 0;        // shorter than its head: no arrow (a flat spot)
        if (app.state) app.state.arrow = contour.arrow;
        if (contour.arrow) X.arrow(g, px, py, px + gx * 3, py + gy * 3, pal.accent, 2);
        X.dot(g, px, py, 6, pal.fg, pal.bg, 2);
        g.restore();
      }
    });
    // the key: the figure's bands and its ticks, on the same log scale
    var bar = app.canvas(right, {
      label: "Colour key of the loss: darker is lower; from " + X.fmt(key[0], 2) + " to " + X.fmt(key[key.length - 1], 2) +
             " on a log scale, the same colours as the loss-surface figure",
      height: function () { return 50; },
      draw: function (g, W) {
        var pal = app.palette(), ramp = X.ramp(pal.seq);
        var x0 = MARGIN.left, x1 = W - MARGIN.right, y = 4, h = 12;
        var sx = function (L) { return x0 + (x1 - x0) * (Math.log(L) - kLo) / (kHi - kLo); };
        for (var k = 0; k + 1 < key.length; k++) {
          g.fillStyle = ramp(lossT(Math.sqrt(key[k] * key[k + 1])));
          g.fillRect(Math.floor(sx(key[k])), y, Math.ceil(sx(key[k + 1]) - Math.floor(sx(key[k]))), h);
        }
        g.strokeStyle = pal.muted; g.lineWidth = 1; g.strokeRect(x0 + 0.5, y + 0.5, x1 - x0 - 1, h);
        g.fillStyle = pal.fg; g.font = X.font(12); g.textAlign = "center"; g.textBaseline = "top";
        [0.2, 0.3, 0.5, 1, 2, 3].forEach(function (t) {
          var px = sx(t);
          g.beginPath(); g.moveTo(px, y + h); g.lineTo(px, y + h + 4); g.stroke();
          g.fillText(String(t), px, y + h + 5);
        });
        g.textAlign = "right"; g.textBaseline = "top";
        g.fillText("loss", x0 - 6, y);
        g.textAlign = "left";
        g.fillText("darker: lower", x0, y + h + 20);
      }
    });
    function cross(g, x, y, r, color, width) {
      g.strokeStyle = color; g.lineWidth = width; g.lineCap = "round";
      g.beginPath(); g.moveTo(x - r, y - r); g.lineTo(x + r, y + r); g.moveTo(x - r, y + r); g.lineTo(x + r, y - r); g.stroke();
    }

    // pointer: press or drag on the contour plot to put the neuron there
    var drag = false;
    function pick(ev) {
      if (!contour.sx) return;
      var r = contour.canvas.getBoundingClientRect();
      var w = contour.sx.inv(ev.clientX - r.left), b = contour.sy.inv(ev.clientY - r.top);
      set(Math.round(w * 100) / 100, Math.round(b * 100) / 100, null);
    }
    /* A drag on this plane moves the neuron, on a touch screen too: the page does not take it for a scroll
       (the explorables' canvases otherwise let a vertical swipe scroll). The page still scrolls from
       anywhere else, the curve beside it included. */
    contour.canvas.style.touchAction = "none";
    contour.canvas.addEventListener("pointerdown", function (ev) {
      drag = true; pick(ev);
      if (contour.canvas.setPointerCapture) contour.canvas.setPointerCapture(ev.pointerId);
    });
    contour.canvas.addEventListener("pointermove", function (ev) { if (drag) pick(ev); });
    contour.canvas.addEventListener("pointerup", function () { drag = false; });
    contour.canvas.addEventListener("pointercancel", function () { drag = false; });

    app.legend(app.body, [
      { text: "your neuron \u03c3(w x + b)", kind: "line", color: function () { return app.palette().fg; } },
      { text: "category 0", kind: "dot", color: function () { return app.palette().classes[0]; } },
      { text: "category 1", kind: "dot", color: function () { return app.palette().classes[1]; } },
      { text: "trained (" + d.trained.epochs + " epochs)", kind: "dash", color: function () { return app.palette().series[0]; } },
      { text: "scikit-learn reference", kind: "ring", color: function () { return app.palette().series[0]; } },
      { text: "gradient descent from (" + X.fmt(d.start[0], 0) + ", " + X.fmt(d.start[1], 0) + "), " + last + " epochs",
        kind: "line",
        color: function () { return app.palette().series[1]; } },
      { text: "downhill (\u2212 gradient)", kind: "line", color: function () { return app.palette().accent; } }
    ]);

    // ---------------------------------------------------------------- controls
    var controls = el("div", { "class": "nnviz-x-controls" });
    app.body.appendChild(controls);
    var ws = app.slider({ parent: controls, label: "weight w", min: d.wRange[0], max: d.wRange[1], step: 0.01,
                          value: state.w, onInput: function (v) { set(v, state.b, null); } });
    var bs = app.slider({ parent: controls, label: "bias b", min: d.bRange[0], max: d.bRange[1], step: 0.01,
                          value: state.b, onInput: function (v) { set(state.w, v, null); } });
    var es = app.slider({ parent: controls, label: "descent epoch", min: 0, max: last, step: 1, value: 0,
                          format: function (v) { return String(v); },
                          valueText: function (v) { return "epoch " + v + " of " + last; },
                          onInput: function (v) { set(d.path.w[v], d.path.b[v], v); } });
    var buttons = el("div", { "class": "nnviz-x-buttons" });
    buttons.appendChild(app.button("Poor start", function () { set(d.path.w[0], d.path.b[0], 0, true); }));
    buttons.appendChild(app.button("One descent step", function () {
      var lg = m.lossGrad(state.w, state.b);
      set(state.w - d.lr * lg.dw, state.b - d.lr * lg.db, state.epoch < last && onPath() ? state.epoch + 1 : null, true);
    }));
    buttons.appendChild(app.button("Trained neuron", function () { set(d.trained.w, d.trained.b, null, true); }));
    controls.appendChild(buttons);

    function onPath() {
      return state.w === d.path.w[state.epoch] && state.b === d.path.b[state.epoch];
    }

    function set(w, b, epoch, now) {
      state.w = Math.min(d.wRange[1], Math.max(d.wRange[0], w));
      state.b = Math.min(d.bRange[1], Math.max(d.bRange[0], b));
      if (epoch !== null && epoch !== undefined) { state.epoch = epoch; es.set(epoch); }
      else {  // moved off the path: the epoch slider claims no epoch
        state.epoch = null;
        es.row.querySelector("output").textContent = "\u2014";
        es.input.setAttribute("aria-valuetext", "off the descent path");
      }
      ws.set(state.w); bs.set(state.b);
      curve.redraw(); contour.redraw();
      var lg = m.lossGrad(state.w, state.b), right = m.correct(state.w, state.b);
      var edge = -state.b / state.w;
      var text = "w " + X.fmt(state.w, 2) + ", b " + X.fmt(state.b, 2) +
        (isFinite(edge) ? "; boundary at x = " + X.fmt(edge, 2) : "; no boundary") +
        "; loss " + X.fmt(lg.loss, 3) + "; " + right + " of " + d.x.length + " right (" + X.pct(right / d.x.length) + ")" +
        "; slope \u2202L/\u2202w " + X.fmt(lg.dw, 3) + ", \u2202L/\u2202b " + X.fmt(lg.db, 3) + ".";
      app.announce(text, now);
      app.state = { w: state.w, b: state.b, epoch: state.epoch, loss: lg.loss, dw: lg.dw, db: lg.db, correct: right,
                    arrow: contour.arrow };
    }
    set(state.w, state.b, 0, true);
  }

  var CAPTION = "Try it: move the sliders, or press and drag on the loss map, to set w and b. The " +
    "first plot: the neuron's curve over the examples, its boundary (dashed) where the curve crosses one half, and the " +
    "examples it gets wrong ringed. The map: the loss of every (w, b) in bands of colour, darker where it is lower, " +
    "with the same colours as the loss-surface figure below (its key under the map); the arrow points downhill, and " +
    "vanishes where the ground is flat. The epoch slider walks the path gradient descent took from a poor " +
    "start (its last epoch is marked; the trained neuron, the cross, trained much longer); once you move the neuron " +
    "off that path, the slider shows a dash (\u2014) instead of an epoch. \u201cOne descent step\u201d takes one step " +
    "of gradient descent from wherever you are. " +
    "The samples sit at 0 and 1, each nudged up or down a little so that their density shows.";

  X.register(ID, { model: model, mount: mount, caption: CAPTION });
})();
