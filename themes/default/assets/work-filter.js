/* Work index filter (partials/work_filter.html): shows only the cards matching the chosen
   tag, service and industry, without a reload; the address keeps the choice (?tag=...),
   so it can be shared and the back button works. The tag pages do this without script. */
(function () {
  "use strict";
  var form = document.getElementById("work-filter");
  var data = document.getElementById("work-filter-data");
  if (!form || !data) return;
  var rows = {};
  JSON.parse(data.textContent).forEach(function (row) { rows[row.url] = row; });
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var status = form.querySelector(".work-filter__status");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".cards > li")).map(function (li) {
    var link = li.querySelector(".card__title a");
    return { li: li, row: link && rows[link.getAttribute("href")] };
  }).filter(function (card) { return card.row; });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function apply(remember) {
    var shown = 0;
    cards.forEach(function (card) {
      var match = selects.every(function (s) { return !s.value || card.row[s.name].indexOf(s.value) >= 0; });
      card.li.hidden = !match;
      if (match) shown += 1;
    });
    var d = form.dataset;
    status.textContent = shown === cards.length ? fill(d.statusAll, {}) :
      shown === 0 ? d.statusNone : fill(d.statusSome, { shown: shown, total: cards.length });
    if (remember) {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); else params.delete(s.name); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  function fromAddress() {
    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name) || "";
      s.value = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; }) ? wanted : "";
    });
    apply(false);
  }

  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("popstate", fromAddress);
  fromAddress();
  form.removeAttribute("data-pending");
})();
