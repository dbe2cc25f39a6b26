/* Défis: the little behaviour the pages need, in a static file so the Content-Security-Policy
   can forbid inline scripts and style attributes. htmx.onLoad runs on the first page and on
   every fragment htmx swaps in. */
(function () {
  "use strict";

  function showProgress(root) {
    root.querySelectorAll("[data-progress]").forEach(function (bar) {
      var value = parseInt(bar.getAttribute("data-progress"), 10);
      if (isNaN(value)) { return; }
      bar.style.width = Math.max(0, Math.min(100, value)) + "%";
    });
  }

  if (window.htmx) {
    window.htmx.onLoad(showProgress);
  } else {
    document.addEventListener("DOMContentLoaded", function () { showProgress(document); });
  }
})();
