/* Hidden neurons at work (explorables/logistic_to_nn.py exports the nets): one epoch scrubber drives
   the decision map, every hidden neuron's map, the diagram's edge weights and the loss curve; a choice
   of 1, 2, 12 or 50 hidden neurons; hovering or focusing a hidden neuron's map highlights it, its
   edges and its line in the input plane; with 2 hidden neurons, the data seen in the hidden space. */
(function () {
  "use strict";
  var X = window.nnvizExplore;
  var ID = "logistic-to-nn/hidden-neurons";
  var MARGIN = { left: 50, right: 10, top: 10, bottom: 44 };
  var FIELD = 64;  // cells per side of the decision map

  /* The nets' forward passes as nnviz.engine computes them (tanh hidden, sigmoid output). */
  function model(data) {
    function layers(h, k) { return data.nets[String(h)].snapshots[k]; }
    return {
      layers: layers,
      forward: function (h, k, point) {
        var f = X.forward(layers(h, k), point, data.activation, data.output);
        return { hidden: f.acts[1], p: f.acts[2][0] };
      }
    };
  }

  function mount(app) {
    var d = app.data, m = app.model, el = app.el;
    var last = d.epochs.length - 1;
    var state = { h: 12, k: last, focus: -1 };

    var panels = el("div", { "class": "nnviz-x-panels" });
    app.body.appendChild(panels);
    var mapPanel = el("div", { "class": "nnviz-x-panel" }), sidePanel = el("div", { "class": "nnviz-x-panel" });
    panels.appendChild(mapPanel); panels.appendChild(sidePanel);

    function planeBox(W, H) {
      return { x: MARGIN.left, y: MARGIN.top, w: W - MARGIN.left - MARGIN.right, h: H - MARGIN.top - MARGIN.bottom };
    }
    function square(w) { return Math.min(w, 380) - MARGIN.left - MARGIN.right + MARGIN.top + MARGIN.bottom; }

    // ---------------------------------------------------------------- the decision map
    var scratch = document.createElement("canvas");
    scratch.width = FIELD; scratch.height = FIELD;
    function field(g, box, xr, yr, value, stops) {
      var c = scratch.getContext("2d"), img = c.createImageData(FIELD, FIELD), colour = X.ramp(stops).rgb, px = img.data;
      for (var r = 0; r < FIELD; r++) {
        for (var col = 0; col < FIELD; col++) {
          var u = xr[0] + (xr[1] - xr[0]) * (col + 0.5) / FIELD, v = yr[1] - (yr[1] - yr[0]) * (r + 0.5) / FIELD;
          var rgb = colour(value(u, v)), o = 4 * (r * FIELD + col);
          px[o] = rgb[0]; px[o + 1] = rgb[1]; px[o + 2] = rgb[2]; px[o + 3] = 255;
        }
      }
      c.putImageData(img, 0, 0);
      g.imageSmoothingEnabled = true;
      g.drawImage(scratch, box.x, box.y, box.w, box.h);
    }
    /* Each point in its class colour, parted from a field of the same colour by a background ring
       inside a thin foreground edge (the static figures ring their points too). */
    function points(g, sx, sy, xs, ys, pal) {
      for (var i = 0; i < xs.length; i++) {
        X.dot(g, sx(xs[i]), sy(ys[i]), 4.6, pal.fg);
        X.dot(g, sx(xs[i]), sy(ys[i]), 3.9, pal.bg);
        X.dot(g, sx(xs[i]), sy(ys[i]), 3, pal.classes[d.y[i]]);
      }
    }
    mapPanel.appendChild(el("p", { "class": "nnviz-x-panel-title" }, "The network's output over the input plane"));
    var plane = app.canvas(mapPanel, {
      label: "The network's probability of class 1 over the input plane, with the data points",
      height: square,
      draw: function (g, W, H) {
        var pal = app.palette(), box = planeBox(Math.min(W, 380), H);
        var sx = X.scale(d.x1[0], d.x1[1], box.x, box.x + box.w), sy = X.scale(d.x2[0], d.x2[1], box.y + box.h, box.y);
        field(g, box, d.x1, d.x2, function (u, v) { return m.forward(state.h, state.k, [u, v]).p; }, pal.cls);
        X.axes(g, pal, box, { sx: sx, sy: sy, xlabel: "x1", ylabel: "x2" });
        points(g, sx, sy, d.X.map(function (p) { return p[0]; }), d.X.map(function (p) { return p[1]; }), pal);
        if (state.focus >= 0) {  // the focused neuron's line: where its weighted input is 0
          var L = m.layers(state.h, state.k)[0], w1 = L.W[0][state.focus], w2 = L.W[1][state.focus], b = L.b[state.focus];
          g.save(); g.beginPath(); g.rect(box.x, box.y, box.w, box.h); g.clip();
          g.beginPath();
          if (Math.abs(w2) > Math.abs(w1)) {
            g.moveTo(sx(d.x1[0]), sy(-(w1 * d.x1[0] + b) / w2)); g.lineTo(sx(d.x1[1]), sy(-(w1 * d.x1[1] + b) / w2));
          } else {
            g.moveTo(sx(-(w2 * d.x2[0] + b) / w1), sy(d.x2[0])); g.lineTo(sx(-(w2 * d.x2[1] + b) / w1), sy(d.x2[1]));
          }
          g.strokeStyle = pal.bg; g.lineWidth = 6; g.stroke();     // a halo, so the line reads on either colour
          g.strokeStyle = pal.fg; g.lineWidth = 2.5; g.stroke();
          g.restore();
        }
      }
    });

    // ---------------------------------------------------------------- the hidden space (2 neurons only)
    /* beside the input plane it warps (on a wide page the two share a row, the loss and the diagram below;
       on a phone everything stacks in this order) */
    var hiddenSpace = el("div", { "class": "nnviz-x-panel" });
    panels.insertBefore(hiddenSpace, sidePanel);
    hiddenSpace.appendChild(el("p", { "class": "nnviz-x-panel-title" }, "The data as the hidden layer sees it"));
    var space = app.canvas(hiddenSpace, {
      label: "The data points at their two hidden outputs h1 and h2, where the output draws a straight line",
      height: square,
      draw: function (g, W, H) {
        if (state.h !== 2) return;
        var pal = app.palette(), box = planeBox(Math.min(W, 380), H), out = m.layers(2, state.k)[1];
        var sx = X.scale(-1.05, 1.05, box.x, box.x + box.w), sy = X.scale(-1.05, 1.05, box.y + box.h, box.y);
        field(g, box, [-1.05, 1.05], [-1.05, 1.05], function (u, v) {
          return X.sigmoid(u * out.W[0][0] + v * out.W[1][0] + out.b[0]);
        }, pal.cls);
        X.axes(g, pal, box, { sx: sx, sy: sy, xlabel: "h1", ylabel: "h2", xticks: [-1, 0, 1], yticks: [-1, 0, 1] });
        var hs = d.X.map(function (p) { return m.forward(2, state.k, p).hidden; });
        points(g, sx, sy, hs.map(function (h) { return h[0]; }), hs.map(function (h) { return h[1]; }), pal);
      }
    });

    // ---------------------------------------------------------------- loss curve and diagram
    var curveTitle = el("p", { "class": "nnviz-x-panel-title" }, "Loss and accuracy over training");
    sidePanel.appendChild(curveTitle);
    var curve = app.canvas(sidePanel, {
      label: "The loss and the accuracy of the network at every epoch, the current epoch marked",
      height: function () { return 170; },
      draw: function (g, W, H) {
        var pal = app.palette(), net = d.nets[String(state.h)], n = net.loss.length - 1;
        var box = { x: MARGIN.left, y: 8, w: W - MARGIN.left - 10, h: H - 8 - 44 };
        var sx = X.scale(0, Math.log1p(n), box.x, box.x + box.w), sy = X.scale(0, 1, box.y + box.h, box.y);
        var ex = function (e) { return sx(Math.log1p(e)); };
        X.axes(g, pal, box, { sx: { domain: [0, n] }, sy: sy, xticks: [], yticks: [0, 0.5, 1], xlabel: "epoch (log scale)" });
        /* the axis is log(1 + epoch): epoch 0, the start, has no place on a log scale, so it is named, not
           numbered (its label ends at the axis, under the 0 of the loss scale, clear of the tick at 1) */
        g.font = X.font(12); g.fillStyle = pal.fg; g.strokeStyle = pal.muted; g.lineWidth = 1; g.textBaseline = "top";
        var labels = [[0, "start"], [1, "1"], [10, "10"], [100, "100"], [n, String(n)]];
        labels.forEach(function (t) {
          var px = ex(t[0]);
          g.beginPath(); g.moveTo(px, box.y + box.h); g.lineTo(px, box.y + box.h + 4); g.stroke();
          g.textAlign = t[0] === 0 ? "right" : t[0] === n ? "right" : "center";
          g.fillText(t[1], t[0] === 0 ? px + 4 : t[0] === n ? px + 4 : px, box.y + box.h + 6);
        });
        app.epochTicks = labels.map(function (t) { return t[1]; });
        [[net.loss, pal.series[0]], [net.accuracy, pal.series[1]]].forEach(function (c) {
          g.strokeStyle = c[1]; g.lineWidth = 2; g.beginPath();
          c[0].forEach(function (v, e) { if (e) g.lineTo(ex(e), sy(Math.min(1, v))); else g.moveTo(ex(e), sy(Math.min(1, v))); });
          g.stroke();
        });
        var e = d.epochs[state.k];
        g.strokeStyle = pal.fg; g.lineWidth = 1.2; g.setLineDash([4, 3]);
        g.beginPath(); g.moveTo(ex(e), box.y); g.lineTo(ex(e), box.y + box.h); g.stroke(); g.setLineDash([]);
      }
    });
    app.legend(sidePanel, [
      { text: "loss", kind: "line", color: function () { return app.palette().series[0]; } },
      { text: "accuracy", kind: "line", color: function () { return app.palette().series[1]; } }
    ]);
    sidePanel.appendChild(el("p", { "class": "nnviz-x-panel-title" }, "The network: edges by weight (each layer its own scale)"));
    var diagram = app.canvas(sidePanel, {
      label: "The network as a diagram: inputs, hidden neurons and output, edges coloured by the sign of their weight",
      height: function () { return 190; },
      draw: function (g, W, H) {
        var pal = app.palette(), Ls = m.layers(state.h, state.k), h = state.h;
        var ys = function (count, i) { return 14 + (H - 28) * (count === 1 ? 0.5 : i / (count - 1)); };
        var xs = [28, W / 2, W - 28];
        var pos = [[0, 1].map(function (i) { return [xs[0], ys(2, i) * 0.5 + H * 0.25]; }),
                   Array.apply(null, Array(h)).map(function (_, j) { return [xs[1], ys(h, j)]; }),
                   [[xs[2], H / 2]]];
        Ls.forEach(function (L, li) {
          var top = 0;
          L.W.forEach(function (row) { row.forEach(function (w) { top = Math.max(top, Math.abs(w)); }); });
          L.W.forEach(function (row, i) {
            row.forEach(function (w, j) {
              var mine = state.focus < 0 || (li === 0 ? j === state.focus : i === state.focus);
              g.strokeStyle = X.alpha(pal.classes[w > 0 ? 1 : 0], mine ? 0.9 : 0.15);
              g.lineWidth = 0.5 + 4 * Math.abs(w) / (top || 1);
              g.beginPath(); g.moveTo(pos[li][i][0], pos[li][i][1]); g.lineTo(pos[li + 1][j][0], pos[li + 1][j][1]); g.stroke();
            });
          });
        });
        var r = h > 12 ? 3 : 8;
        pos.forEach(function (layer, li) {
          var role = ["input", "hidden", "output"][li];
          layer.forEach(function (p, j) {
            var on = li === 1 && j === state.focus;
            X.dot(g, p[0], p[1], li === 1 ? (on ? r + 3 : r) : 9, pal.roles[role], on ? pal.accent : pal.muted, on ? 3 : 1);
          });
        });
        g.font = X.font(12); g.fillStyle = pal.fg; g.textAlign = "left"; g.textBaseline = "middle";
        g.fillText("x1", 4, pos[0][0][1] - 18); g.fillText("x2", 4, pos[0][1][1] + 18);
        g.textAlign = "right"; g.fillText("output", W - 4, H / 2 + 22);
      }
    });

    // ---------------------------------------------------------------- the hidden neurons' maps
    var mapsTitle = el("p", { "class": "nnviz-x-panel-title" });
    app.body.appendChild(mapsTitle);
    /* the maps' colour key: a hidden neuron's output tanh(w . x + b), -1 .. +1 (theme.cmap_out) */
    var key = el("div", { "class": "nnviz-x-key", role: "img",
                          "aria-label": "Colour key of the hidden neurons' maps: output \u22121 purple, 0 background, +1 green" });
    var keyBar = el("span", { "class": "nnviz-x-key-bar", "aria-hidden": "true" });
    key.appendChild(el("span", { "aria-hidden": "true" }, "output " + X.fmt(-1, 0)));
    key.appendChild(keyBar);
    key.appendChild(el("span", { "aria-hidden": "true" }, "+1"));
    app.body.appendChild(key);
    /* one Tab stop for the whole grid (a roving tabindex): arrows, Home and End move between the maps */
    var maps = el("div", { "class": "nnviz-x-maps", role: "group",
                           "aria-label": "the hidden neurons' maps (arrow keys, Home and End move between them)" });
    app.body.appendChild(maps);
    var mapButtons = [], roving = 0;
    maps.addEventListener("keydown", function (ev) {
      var i = mapButtons.indexOf(document.activeElement);
      if (i < 0) return;
      var next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1,
                   Home: 0, End: mapButtons.length - 1 }[ev.key];
      if (next === undefined) return;
      ev.preventDefault();
      next = Math.max(0, Math.min(mapButtons.length - 1, next));
      mapButtons[next].focus();
    });
    function rove(j) {
      roving = j;
      mapButtons.forEach(function (b, k) { b.tabIndex = k === j ? 0 : -1; });
    }
    function buildMaps() {
      maps.textContent = "";
      mapsShown = "";  // new canvases: draw them
      mapButtons = [];
      roving = 0;
      mapsTitle.textContent = "Each hidden neuron's output over the plane (hover or focus one to see its line)";
      var size = state.h > 12 ? 48 : 76;
      for (var j = 0; j < state.h; j++) {
        var b = el("button", { type: "button", "class": "nnviz-x-map", "data-neuron": String(j),
                               tabindex: j === 0 ? "0" : "-1" });
        var c = el("canvas", { width: String(size * 2), height: String(size * 2), "aria-hidden": "true" });
        c.style.width = size + "px"; c.style.height = size + "px";
        b.appendChild(c);
        (function (j) {
          b.addEventListener("mouseenter", function () { setFocus(j); });
          b.addEventListener("mouseleave", function () { if (document.activeElement !== mapButtons[j]) setFocus(-1); });
          b.addEventListener("focus", function () { rove(j); setFocus(j); });
          b.addEventListener("blur", function () { setFocus(-1); });
          b.addEventListener("click", function () { setFocus(j); });
        })(j);
        maps.appendChild(b);
        mapButtons.push(b);
      }
    }
    /* The maps' borders (the focused neuron) and names now; their pictures on the next frame, and
       only when what they show changed (a hover or a focus changes just a border). */
    var mapsShown = "", mapsFrame = 0;
    function paintMaps() {
      var pal = app.palette(), L = m.layers(state.h, state.k)[0], out = m.layers(state.h, state.k)[1];
      keyBar.style.background = "linear-gradient(to right, " + pal.out.join(", ") + ")";
      mapButtons.forEach(function (b, j) {
        b.style.borderColor = j === state.focus ? pal.accent : pal.grid;
        b.setAttribute("aria-label", "hidden neuron " + (j + 1) + ": weights " + X.fmt(L.W[0][j], 2) + " and " +
          X.fmt(L.W[1][j], 2) + ", bias " + X.fmt(L.b[j], 2) + ", weight to the output " + X.fmt(out.W[j][0], 2));
      });
      if (!mapsFrame) mapsFrame = window.requestAnimationFrame(drawMaps);
    }
    function drawMaps() {
      mapsFrame = 0;
      var pal = app.palette(), shown = state.h + " " + state.k + " " + pal.out.join(" ");
      if (shown === mapsShown) return;
      mapsShown = shown;
      var L = m.layers(state.h, state.k)[0], colour = X.ramp(pal.out).rgb, n = 24;
      mapButtons.forEach(function (b, j) {
        var c = b.firstChild, g = c.getContext("2d"), img = g.createImageData(n, n), px = img.data;
        for (var r = 0; r < n; r++) for (var col = 0; col < n; col++) {
          var u = d.x1[0] + (d.x1[1] - d.x1[0]) * (col + 0.5) / n, v = d.x2[1] - (d.x2[1] - d.x2[0]) * (r + 0.5) / n;
          var t = Math.tanh(u * L.W[0][j] + v * L.W[1][j] + L.b[j]), rgb = colour((t + 1) / 2), o = 4 * (r * n + col);
          px[o] = rgb[0]; px[o + 1] = rgb[1]; px[o + 2] = rgb[2]; px[o + 3] = 255;
        }
        scratch.getContext("2d").putImageData(img, 0, 0, 0, 0, n, n);
        g.imageSmoothingEnabled = true;
        g.clearRect(0, 0, c.width, c.height);
        g.drawImage(scratch, 0, 0, n, n, 0, 0, c.width, c.height);
      });
      maps.setAttribute("data-drawn", String(+(maps.getAttribute("data-drawn") || 0) + 1));
    }

    // ---------------------------------------------------------------- controls
    var controls = el("div", { "class": "nnviz-x-controls" });
    app.body.insertBefore(controls, panels);
    var choice = app.choice("hidden neurons", d.hidden.map(function (h) { return [h, String(h)]; }), state.h, function (h) {
      state.h = h; state.focus = -1; buildMaps(); update(true);
    });
    controls.appendChild(choice.el);
    var epochs = app.slider({ parent: controls, label: "epoch", min: 0, max: last, step: 1, value: state.k,
                              format: function (k) { return String(d.epochs[k]); },
                              valueText: function (k) { return "epoch " + d.epochs[k]; },
                              onInput: function (k) { state.k = k; update(false); } });
    epochs.row.querySelector("output").style.textAlign = "left";  // the epoch by its slider, not at the figure's edge

    function setFocus(j) {
      if (state.focus === j) return;
      state.focus = j;
      if (app.state) app.state.focus = j;
      plane.redraw(); diagram.redraw(); paintMaps();
      if (j >= 0) {
        var L = m.layers(state.h, state.k)[0];
        app.announce("Hidden neuron " + (j + 1) + " of " + state.h + ": its line is " + X.fmt(L.W[0][j], 2) + " x1 " +
          X.signed(L.W[1][j], 2).replace(/^(.)/, "$1 ") + " x2 " + X.signed(L.b[j], 2).replace(/^(.)/, "$1 ") +
          " = 0; its weight to the output " + X.fmt(m.layers(state.h, state.k)[1].W[j][0], 2) + ".", false);
      }
    }
    function update(now) {
      var net = d.nets[String(state.h)], e = d.epochs[state.k];
      epochs.set(state.k);
      hiddenSpace.hidden = state.h !== 2;
      plane.redraw(); space.redraw(); curve.redraw(); diagram.redraw(); paintMaps();
      app.announce(state.h + " hidden neuron" + (state.h > 1 ? "s" : "") + ", epoch " + e + ": loss " +
        X.fmt(net.loss[e], 3) + ", accuracy " + X.pct(net.accuracy[e]) + ".", now);
      app.state = { h: state.h, epoch: e, loss: net.loss[e], accuracy: net.accuracy[e], focus: state.focus };
    }
    app.onPalette(paintMaps);
    buildMaps();
    update(true);
  }

  var CAPTION = "Try it: pick how many hidden neurons the network has and drag the epoch slider through its " +
    "training. The decision map (the probability of class 1), every hidden neuron's map (below), the diagram's " +
    "edges and the loss curve all follow the same epoch. Hover over or focus a hidden neuron's map to see its " +
    "straight line in the input plane and its edges. With 2 hidden neurons, a further plot shows every point at " +
    "its two hidden outputs: there a straight line separates the classes.";

  X.register(ID, { model: model, mount: mount, caption: CAPTION });
})();
