// Accessibility fixes for what Material and GLightbox leave out (checked by tests/test_site_a11y*.py):
// - Material's search overlay has role="dialog" but no name (axe-core rule aria-dialog-name);
// - GLightbox's viewer is an unnamed dialog, and the enlarged image loses its alt text.
(function () {
  const search = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
  if (search) search.setAttribute("aria-label", "Search");

  // The lightbox is made by an inline script after this one: wait until every script has run.
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof lightbox !== "object" || typeof lightbox.on !== "function") return;  // eslint-disable-line no-undef
    let opener = null;  // the figure link that opened the lightbox: focus goes back to it on close
    lightbox.on("open", function () {  // eslint-disable-line no-undef
      opener = document.activeElement && document.activeElement.closest("a.glightbox");
      const box = document.getElementById("glightbox-body");
      if (box) box.setAttribute("aria-label", "Enlarged figure");
    });
    lightbox.on("close", function () {  // eslint-disable-line no-undef
      if (opener && opener.isConnected) opener.focus({preventScroll: true});
      opener = null;
    });
    lightbox.on("slide_after_load", function (data) {  // eslint-disable-line no-undef
      const shown = data.slideNode && data.slideNode.querySelector(".gslide-image img");
      const source = data.trigger && data.trigger.querySelector("img");
      if (shown && source && !shown.getAttribute("alt")) shown.setAttribute("alt", source.getAttribute("alt") || "");
    });
  });
})();
