/* The one script every page of the default theme (and lumen) runs, deferred: image placeholder
   colours and the phone menu's keyboard and click behaviour. One file rather than two: on a
   first visit each file is one more request before the page is complete. */

/* 1. Paints each image's placeholder colour (data-placeholder, its dominant colour)
   behind it until it loads. Set from this file rather than a style="" attribute,
   so a strict Content-Security-Policy needs no 'unsafe-inline'. */
(function () {
  var images = document.querySelectorAll("img[data-placeholder]");
  for (var i = 0; i < images.length; i++) {
    images[i].style.backgroundColor = images[i].getAttribute("data-placeholder");
  }
})();

/* 2. The phone menu (partials/site_nav.html) is a <details>: it opens and closes without
   JavaScript. This adds what a menu button should do: Escape closes it and returns focus
   to the toggle, so does a click outside, and Tab past the last link closes it. On wide
   screens (80rem, or the menu's own data-wide media query) the list is always shown;
   browsers without ::details-content get it opened. */
(function () {
  "use strict";
  var menu = document.querySelector("details.menu");
  if (!menu) return;
  var toggle = menu.querySelector("summary"), wide = window.matchMedia(menu.dataset.wide || "(min-width: 80rem)");
  function close(refocus) {
    if (!menu.open || wide.matches) return;
    menu.open = false;
    if (refocus) toggle.focus();
  }
  menu.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { e.preventDefault(); close(true); }
  });
  menu.addEventListener("focusout", function (e) {
    if (e.relatedTarget && !menu.contains(e.relatedTarget)) close(false);
  });
  document.addEventListener("click", function (e) {
    if (!menu.contains(e.target)) close(false);
  });
  function sync() {
    if (wide.matches && !CSS.supports("selector(::details-content)")) menu.open = true;
  }
  wide.addEventListener("change", sync);
  sync();
})();
