// Applies the web fonts (the <link data-webfonts> of partials/fonts_head.html) without letting
// them delay the first paint: on a first visit once the first contentful paint has been shown
// (its paint timing entry; after the next frame where the browser has none), once they are
// cached (a page of this site was seen in this session) at once, so they are usually there for
// the first frame.
(function () {
  var link = document.querySelector("link[data-webfonts]");
  if (!link) return;
  var apply = function () { link.media = "all"; };
  var seen = false;
  try {
    seen = sessionStorage.getItem("portfoliogen-fonts") === "1";
    sessionStorage.setItem("portfoliogen-fonts", "1");
  } catch (e) { /* storage disabled: the first-visit path each time */ }
  if (seen) { apply(); return; }
  var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
  if (!types || types.indexOf("paint") < 0) {
    requestAnimationFrame(function () { setTimeout(apply, 0); });
    return;
  }
  // A frame can be drawn long before it is shown on a busy device: the entry is the shown one.
  new PerformanceObserver(function (list, observer) {
    if (list.getEntriesByName("first-contentful-paint").length) {
      observer.disconnect();
      apply();
    }
  }).observe({ type: "paint", buffered: true });
})();
