/* The search page (search.html): Pagefind's script and index load on first use (focus or
   typing in the box, or a ?q= in the address), never with the page. Results and filters
   (tag, service, industry, year) update as the visitor types; the address keeps the query.
   A big site's index comes in shards (pagefind/shards.json lists them with their languages):
   the first holding the page's language is loaded, the others holding it are merged in. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var d = root.dataset;
  // One index for the whole site, whatever the page's language: pagefind/ under the site's
  // root, which is also the base of the pages' URLs.
  var bundle = d.index.slice(0, d.index.lastIndexOf("/") + 1);
  var base = bundle.replace(/pagefind\/$/, "");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var filterBox = document.getElementById("search-filters");
  var form = root.querySelector("form");
  var FILTERS = ["tag", "service", "industry", "year"];
  var chosen = {};
  var loading = null;
  var timer = null;
  var asked = 0;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function pagefind() {
    if (!loading) {
      loading = fetch(d.index, { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error("no search index");
        return response.json();
      }).then(function (manifest) {
        var picked = shardsFor(manifest.shards);
        var options = { excerptLength: 24, baseUrl: base };
        return import(bundle + picked.shards[0].path + "pagefind.js").then(function (pf) {
          return pf.options(options).then(function () { return pf.init(); })
            .then(function () {
              return Promise.all(picked.shards.slice(1).map(function (shard) {
                var merged = { excerptLength: options.excerptLength, baseUrl: options.baseUrl };
                if (picked.language) merged.language = picked.language;
                return pf.mergeIndex(bundle + shard.path, merged);
              }));
            })
            .then(function () { return pf.filters(); })
            .then(function (filters) { showFilters(filters); return pf; });
        });
      });
      loading.catch(function () { status.textContent = d.statusFailed; });
    }
    return loading;
  }

  /* The shards holding the language Pagefind picks for this page: its <html lang>, else that
     language without its region, else the language with the most pages (as Pagefind picks
     within one bundle; `language` then names it for the merged shards). */
  function shardsFor(shards) {
    var lang = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
    function holding(key) { return shards.filter(function (s) { return key in s.languages; }); }
    var found = holding(lang);
    if (found.length) return { shards: found };
    found = holding(lang.split("-")[0]);
    if (found.length) return { shards: found };
    var pages = {};
    shards.forEach(function (s) {
      Object.keys(s.languages).forEach(function (key) { pages[key] = (pages[key] || 0) + s.languages[key]; });
    });
    var top = Object.keys(pages).sort(function (a, b) { return pages[b] - pages[a] || (a < b ? -1 : 1); })[0];
    return { shards: holding(top), language: top };
  }

  function showFilters(filters) {
    var any = false;
    var title = document.createElement("h3");
    title.className = "search__filters-title";
    title.textContent = d.filtersTitle;
    filterBox.appendChild(title);
    FILTERS.forEach(function (name) {
      var values = Object.keys(filters[name] || {}).sort();
      if (!values.length) return;
      any = true;
      var set = document.createElement("fieldset");
      set.className = "search__filter";
      var legend = document.createElement("legend");
      legend.textContent = d["filter" + name.charAt(0).toUpperCase() + name.slice(1)];
      set.appendChild(legend);
      values.forEach(function (value, i) {
        var id = "search-filter-" + name + "-" + i;
        var box = document.createElement("input");
        box.type = "checkbox"; box.id = id; box.name = name; box.value = value;
        box.checked = (chosen[name] || []).indexOf(value) >= 0;
        var label = document.createElement("label");
        label.htmlFor = id;
        label.textContent = value + " (" + filters[name][value] + ")";
        var row = document.createElement("span");
        row.className = "search__option";
        row.appendChild(box); row.appendChild(label);
        set.appendChild(row);
      });
      filterBox.appendChild(set);
    });
    if (!any) filterBox.removeChild(title);
  }

  function readChoices() {
    chosen = {};
    Array.prototype.forEach.call(filterBox.querySelectorAll("input:checked"), function (box) {
      (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(chosen).forEach(function (name) {
      chosen[name].forEach(function (value) { params.append(name, value); });
    });
    var text = params.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++asked;
    remember(query);
    var filters = {};
    Object.keys(chosen).forEach(function (name) { filters[name] = { any: chosen[name] }; });
    if (!query && !Object.keys(filters).length) { list.textContent = ""; status.textContent = ""; return; }
    status.textContent = d.statusLoading;
    pagefind().then(function (pf) {
      return pf.search(query || null, { filters: filters });
    }).then(function (search) {
      if (!search) return null;
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (results) {
      if (ticket !== asked || !results) return;
      list.textContent = "";
      results.forEach(function (r) {
        var item = document.createElement("li");
        item.className = "search__result";
        var link = document.createElement("a");
        link.href = r.url;
        link.textContent = (r.meta && r.meta.title) || r.url;
        var heading = document.createElement("h3");
        heading.className = "search__result-title";
        heading.appendChild(link);
        var excerpt = document.createElement("p");
        excerpt.innerHTML = r.excerpt;   // Pagefind escapes the page text and adds only <mark>
        item.appendChild(heading); item.appendChild(excerpt);
        list.appendChild(item);
      });
      var values = { query: query, num: results.length };
      status.textContent = fill(results.length === 0 ? d.statusNone : results.length === 1 ? d.statusOne : d.statusMany, values);
    }).catch(function () { status.textContent = d.statusFailed; });
  }

  function later() { clearTimeout(timer); timer = setTimeout(run, 180); }

  var params = new URLSearchParams(location.search);
  FILTERS.forEach(function (name) { if (params.getAll(name).length) chosen[name] = params.getAll(name); });
  input.value = params.get("q") || "";
  input.addEventListener("focus", pagefind, { once: true });
  input.addEventListener("input", later);
  filterBox.addEventListener("change", function () { readChoices(); run(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  if (input.value || Object.keys(chosen).length) run();
})();
