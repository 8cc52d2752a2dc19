/* Typeset the math that pymdownx.arithmatex (generic mode) leaves in the page:
   <span class="arithmatex">\( ... \)</span> and <div class="arithmatex">\[ ... \]</div>.
   KaTeX is served by the site itself (assets/vendor/katex). Material announces each page on document$. */
(function () {
  "use strict";

  function typeset(root) {
    if (typeof katex === "undefined") {
      console.error("nnviz: KaTeX did not load; math is shown as TeX");
      return;
    }
    root.querySelectorAll(".arithmatex").forEach(function (el) {
      if (el.querySelector(".katex")) return;
      var source = el.textContent;
      var tex = source.trim();
      var display = el.tagName === "DIV";
      if (tex.slice(0, 2) === "\\(" && tex.slice(-2) === "\\)") {
        tex = tex.slice(2, -2);
      } else if (tex.slice(0, 2) === "\\[" && tex.slice(-2) === "\\]") {
        tex = tex.slice(2, -2);
        display = true;
      }
      try {
        katex.render(tex, el, { displayMode: display, throwOnError: true });
      } catch (err) {
        el.textContent = source;  // KaTeX empties the element before it fails: show the TeX
        console.error("nnviz: cannot typeset " + JSON.stringify(tex) + ": " + err.message);
      }
    });
  }

  document$.subscribe(function (doc) { typeset(doc.body || document.body); });
})();
