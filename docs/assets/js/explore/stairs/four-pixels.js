/* Four pixels by hand (explorables/stairs.py exports the models): the reader sets a 2x2 picture,
   0 white .. 255 black, by slider, number or by clicking a pixel; the article's perceptron score,
   its second model (logistic regression: its own weights, its own score z and sigma(z)), the
   hand-wired net's three detectors and its output, and the trained softmax net's three
   probabilities follow. */
(function () {
  "use strict";
  var X = window.nnvizExplore;
  var ID = "stairs/four-pixels";
  var PIXEL_NAMES = ["x1 (top left)", "x2 (top right)", "x3 (bottom left)", "x4 (bottom right)"];

  /* Every model's answer for a picture x (4 pixels, 0..255), as nnviz.engine computes it. */
  function model(data) {
    function dot(w, x) { var s = 0; for (var i = 0; i < x.length; i++) s += x[i] * w[i]; return s; }
    function scaled(x) { return x.map(function (v) { return v / 255; }); }
    function within(v, r) { return v >= r[0] && v <= r[1]; }
    return {
      score: function (x) { return dot(data.perceptron.w, x) + data.perceptron.b; },
      logisticScore: function (x) { return dot(data.logistic.w, x) + data.logistic.b; },
      logistic: function (x) { return X.sigmoid(dot(data.logistic.w, x) + data.logistic.b); },
      detectors: function (x) {
        var f = X.forward(data.detectors.layers, scaled(x), "sigmoid", "sigmoid");
        return { hidden: f.acts[1], output: f.acts[2][0] };
      },
      softmax: function (x) {
        var f = X.forward(data.softmax.layers, scaled(x), "sigmoid", "softmax");
        return { hidden: f.acts[1], p: f.acts[2] };
      },
      /* The data set's rule (nnviz.engine.datasets.is_stairs): 0 none, 1 rises left, 2 rises right. */
      rule: function (x) {
        var light = x.map(function (v) { return within(v, data.light); });
        var dark = x.map(function (v) { return within(v, data.dark); });
        if (light[1] && dark[0] && dark[2] && dark[3]) return 1;
        if (light[0] && dark[1] && dark[2] && dark[3]) return 2;
        return 0;
      }
    };
  }

  function mount(app) {
    var d = app.data, m = app.model, el = app.el;
    var px = d.start.slice();
    var panels = el("div", { "class": "nnviz-x-panels" });
    var left = el("div", { "class": "nnviz-x-panel nnviz-x-narrow" }), right = el("div", { "class": "nnviz-x-panel" });
    panels.appendChild(left); panels.appendChild(right);
    app.body.appendChild(panels);

    // ---------------------------------------------------------------- the picture
    var geometry = null;
    var picture = app.canvas(left, {
      label: "The 2x2 picture; click a pixel to make it white or black",
      height: function (w) { return Math.min(w, 200); },
      draw: function (g, W, H) {
        var pal = app.palette(), ink = X.ramp(window.nnvizExplorableTheme.pixels);
        var size = Math.min(W, H) - 4, x0 = (W - size) / 2, y0 = 2, cell = size / 2;
        geometry = { x0: x0, y0: y0, cell: cell };
        g.font = X.font(16, 600);
        g.textAlign = "center"; g.textBaseline = "middle";
        for (var k = 0; k < 4; k++) {
          var cx = x0 + (k % 2) * cell, cy = y0 + Math.floor(k / 2) * cell;
          g.fillStyle = ink(px[k] / 255);
          g.fillRect(cx, cy, cell, cell);
          g.strokeStyle = pal.grid; g.lineWidth = 1;
          g.strokeRect(cx + 0.5, cy + 0.5, cell - 1, cell - 1);
          g.fillStyle = px[k] > 120 ? ink(0) : ink(1);  // the figures' ink rule: readable on the pixel's grey
          g.fillText("x" + (k + 1) + " = " + Math.round(px[k]), cx + cell / 2, cy + cell / 2);
        }
        g.strokeStyle = pal.muted; g.lineWidth = 1.5;
        g.strokeRect(x0, y0, size, size);
      }
    });
    picture.canvas.addEventListener("click", function (ev) {
      if (!geometry) return;
      var r = picture.canvas.getBoundingClientRect();
      var col = Math.floor((ev.clientX - r.left - geometry.x0) / geometry.cell);
      var row = Math.floor((ev.clientY - r.top - geometry.y0) / geometry.cell);
      if (col < 0 || col > 1 || row < 0 || row > 1) return;
      var k = row * 2 + col;
      setPixel(k, px[k] < 128 ? 255 : 0, true);
    });

    var sliders = PIXEL_NAMES.map(function (name, k) {
      return app.slider({ parent: left, label: "x" + (k + 1), name: "pixel " + name, min: 0, max: 255, step: 1,
                          value: px[k], number: true, format: function (v) { return X.fmt(v, 0); }, onInput: function (v) { setPixel(k, v, false); } });
    });
    var presets = el("div", { "class": "nnviz-x-buttons" });
    presets.appendChild(el("span", { "aria-hidden": "true", "class": "nnviz-x-buttons-label" }, "The article's pictures:"));
    var pictureButtons = d.examples.pictures.map(function (pic, i) {
      var label = d.examples.labels[i] ? "stairs" : "not stairs";
      var b = app.button(String(i + 1), function () { setAll(pic); },
                         { "aria-label": "the article's picture " + (i + 1) + " (" + label + ")", "aria-pressed": "false" });
      presets.appendChild(b);
      return b;
    });
    left.appendChild(presets);

    // ---------------------------------------------------------------- the models' answers
    var table = el("table", { "class": "nnviz-x-table" });
    var body = el("tbody");
    table.appendChild(body);
    right.appendChild(table);
    var rows = {};
    function section(text) {
      var tr = el("tr"); var th = el("th", { colspan: "3", scope: "colgroup" }, text);
      tr.appendChild(th); body.appendChild(tr);
    }
    function row(key, text, centred) {
      var tr = el("tr"), name = el("th", { scope: "row" }, text), value = el("td"), cell = el("td");
      var bar = el("span", { "class": "nnviz-x-bar" + (centred ? " nnviz-x-centred" : ""), "aria-hidden": "true" });
      var fill = el("span");
      bar.appendChild(fill); cell.appendChild(bar);
      tr.appendChild(name); tr.appendChild(value); tr.appendChild(cell); body.appendChild(tr);
      rows[key] = { value: value, fill: fill, name: name };
    }
    section("Linear perceptron (the article's weights)");
    row("score", "score w \u00b7 x + b", true);
    section("Logistic regression (the article's second weights, w = [" +
            d.logistic.w.map(function (v) { return X.fmt(v, 3); }).join(", ") + "], b = " + X.fmt(d.logistic.b, 3) + ")");
    row("logisticScore", "its own score z = w \u00b7 x + b", true);
    row("logistic", "\u03c3(z) = P(stairs)");
    section("Hand-wired net: detectors (pixels / 255)");
    d.detectors.names.forEach(function (name, j) { row("det" + j, (j + 1) + ": " + name); });
    row("output", "output: P(stairs)");
    section("Trained softmax net: three classes");
    d.softmax.classes.forEach(function (name, k) { row("soft" + k, "P(" + name + ")"); });
    var verdict = el("p", { "class": "nnviz-x-caption" });
    right.appendChild(verdict);

    function bar(key, value, text, color, centred, range) {
      var r = rows[key];
      r.value.textContent = text;
      var t = Math.max(-1, Math.min(1, value / (range || 1)));
      if (centred) {
        r.fill.style.left = (t >= 0 ? 50 : 50 + 50 * t) + "%";
        r.fill.style.width = Math.abs(50 * t) + "%";
      } else {
        r.fill.style.left = "0";
        r.fill.style.width = (100 * t) + "%";
      }
      r.fill.style.background = color;
    }

    function render(now) {
      var pal = app.palette();
      var s = m.score(px), z = m.logisticScore(px), p = m.logistic(px), det = m.detectors(px), soft = m.softmax(px), rule = m.rule(px);
      bar("score", s, X.signed(s, 2), pal.classes[s > 0 ? 1 : 0], true, 1.5);
      bar("logisticScore", z, X.signed(z, 2), pal.classes[z > 0 ? 1 : 0], true, 40);
      bar("logistic", p, X.fmt(p, 3), pal.classes[1]);
      det.hidden.forEach(function (h, j) { bar("det" + j, h, X.fmt(h, 3), pal.accent); });
      bar("output", det.output, X.fmt(det.output, 3), pal.classes[1]);
      soft.p.forEach(function (q, k) { bar("soft" + k, q, X.fmt(q, 3), pal.classes[k]); });
      var names = ["not stairs", "stairs rising to the left (x1 dark, x2 white)", "stairs rising to the right (x1 white, x2 dark)"];
      verdict.textContent = "By the data set's rule this picture is " + names[rule] +
        " (dark: " + d.dark[0] + " to " + d.dark[1] + ", white: " + d.light[0] + " to " + d.light[1] + ").";
      picture.redraw();
      var best = soft.p.indexOf(Math.max.apply(null, soft.p));
      app.announce("Pixels " + px.map(Math.round).join(", ") + ". Perceptron score " + X.signed(s, 2) +
        (s > 0 ? " (stairs)" : " (not stairs)") + "; logistic regression (its own weights): score " + X.signed(z, 2) +
        ", P(stairs) " + X.fmt(p, 3) + "; detectors " +
        det.hidden.map(function (h) { return X.fmt(h, 2); }).join(", ") + ", hand-wired output " + X.fmt(det.output, 3) +
        "; softmax says " + d.softmax.classes[best] + " (" + X.fmt(soft.p[best], 3) + "). Rule: " +
        (rule ? "stairs" : "not stairs") + ".", now);
      pictureButtons.forEach(function (b, i) {
        var same = d.examples.pictures[i].every(function (v, k) { return v === px[k]; });
        b.setAttribute("aria-pressed", same ? "true" : "false");
      });
      app.state = { pixels: px.slice(), score: s, logisticScore: z, logistic: p, detectors: det.hidden, output: det.output,
                    softmax: soft.p, rule: rule };
    }
    function setPixel(k, v, fromCanvas) {
      px[k] = Math.max(0, Math.min(255, Math.round(+v)));
      if (fromCanvas) sliders[k].set(px[k]);
      render(fromCanvas);
    }
    function setAll(pic) {
      pic.forEach(function (v, k) { px[k] = v; sliders[k].set(v); });
      render(true);
    }
    app.onPalette(function () { render(true); });
    render(true);
  }

  var CAPTION = "Try it: set the four pixels with the sliders or number boxes (0 white, 255 black), click a " +
    "pixel to turn it white or black, or load one of the article's six pictures. Every model of the chapter " +
    "answers at once: the linear perceptron's score, the article's second model (logistic regression, with " +
    "its own weights: its score z and \u03c3(z), the probability of stairs), the hand-wired net's " +
    "three detectors and its output, and the trained softmax net's three probabilities.";

  X.register(ID, { model: model, mount: mount, caption: CAPTION });
})();
