// Web fonts without a layout shift or a wait: see partials/fonts_head.html.
(function () {
  var link = document.querySelector("link[data-webfonts]"), KEY = "portfoliogen-fonts", rec;
  if (!link || !window.FontFace || !document.fonts) return;
  try { rec = sessionStorage.getItem(KEY); } catch (e) { return; }
  try { rec = JSON.parse(rec); } catch (e) {}
  if (!rec || rec.sheet !== link.href) rec = null;
  var face = function (f) {
    return new FontFace(f.family, f.src, {style: f.style, weight: f.weight, unicodeRange: f.range});
  };
  var load = function (faces) {   // kept by the page: still in the memory cache for the next
    link.faces = (link.faces || []).concat(faces);
    return Promise.all(faces.map(function (f) { return f.load(); }));
  };
  if (rec) {   // a later page: the cached faces, if ready before any text is laid out or drawn
    var late = performance.getEntriesByType("paint").length > 0;
    document.fonts.forEach(function (f) { late = late || f.status != "unloaded"; });
    requestAnimationFrame(function () { late = true; });
    var ready = rec.faces.filter(function (f) { return f.cached; }).map(face);
    load(ready).then(function () {
      if (!late) ready.forEach(function (f) { document.fonts.add(f); });
    }, function () {});
  }
  var fetchFaces = function () {
    var sheet = link.sheet, used = {}, text = document.body.textContent, i;
    if (!rec) try {
      rec = {sheet: link.href, faces: [].filter.call(sheet.cssRules, function (r) { return r.type == 5; })
        .map(function (r) {
          var get = function (name, or) { return r.style.getPropertyValue(name) || or; };
          return {family: get("font-family").replace(/^"|"$/g, ""), style: get("font-style", "normal"),
            weight: get("font-weight", "normal"), range: get("unicode-range", "U+0-10FFFF"),
            src: get("src").replace(/url\(\s*(["']?)(.*?)\1\s*\)/g, function (m, q, url) {
              return 'url("' + new URL(url, sheet.href).href + '")';
            })};
        })};
    } catch (e) { return; }
    for (i = 0; i < text.length; i++) used[text.charCodeAt(i)] = 1;
    var wanted = rec.faces.filter(function (f) {   // uncached, with a letter of the page's text
      return !f.cached && f.range.split(",").some(function (part) {   // "U+0-FF, U+4??"
        var m = /U\+([\dA-F?]+)-?([\dA-F]*)/i.exec(part), c;
        var lo = parseInt(m[1].replace(/\?/g, "0"), 16), hi = parseInt(m[2] || m[1].replace(/\?/g, "F"), 16);
        for (c in used) if (c >= lo && c <= hi) return true;
      });
    });
    load(wanted.map(face)).then(function () {
      wanted.forEach(function (f) { f.cached = true; });
      try { sessionStorage.setItem(KEY, JSON.stringify(rec)); } catch (e) {}
    }, function () {});
  };
  var waits = 2, go = function () {   // after the load event and the first contentful paint
    if (!--waits) (window.requestIdleCallback || setTimeout)(fetchFaces, {timeout: 2000});
  };
  if (document.readyState == "complete") go(); else addEventListener("load", go);
  new PerformanceObserver(function (list, obs) {
    if (list.getEntriesByName("first-contentful-paint").length) { obs.disconnect(); go(); }
  }).observe({type: "paint", buffered: true});
})();
