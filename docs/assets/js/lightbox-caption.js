// The enlarged figure keeps its caption (checked by tests/test_site_trust.py): each lightbox link
// gets its figure's caption as GLightbox's description, read when the lightbox starts (this
// deferred script runs before DOMContentLoaded, when GLightbox reads its links' attributes).
(function () {
  document.querySelectorAll("a.glightbox").forEach(function (link) {
    if (link.hasAttribute("data-description")) return;
    const figure = link.closest("figure");
    const caption = figure && figure.querySelector("figcaption");
    if (caption && caption.textContent.trim()) link.setAttribute("data-description", caption.innerHTML.trim());
  });
})();
