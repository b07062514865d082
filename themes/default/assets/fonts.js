// Applies the web fonts (the <link data-webfonts> of partials/fonts_head.html) without letting
// them delay the first paint: on a first visit after the first frame, once they are cached (a
// page of this site was seen in this session) at once, so they are usually there for that frame.
(function () {
  var link = document.querySelector("link[data-webfonts]");
  if (!link) return;
  var apply = function () { link.media = "all"; };
  var seen = false;
  try {
    seen = sessionStorage.getItem("portfoliogen-fonts") === "1";
    sessionStorage.setItem("portfoliogen-fonts", "1");
  } catch (e) { /* storage disabled: the first-visit path each time */ }
  if (seen) apply();
  else requestAnimationFrame(function () { setTimeout(apply, 0); });
})();
