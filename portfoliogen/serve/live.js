// portfoliogen serve: live reload, in-place stylesheet swap and the build
// error overlay. Injected into every HTML page by the dev server only; never
// part of a built site.
(() => {
  "use strict";
  const me = document.currentScript;
  let epoch = Number(me.dataset.epoch);
  const OVERLAY_ID = "portfoliogen-error-overlay";

  function showErrors(errors) {
    let box = document.getElementById(OVERLAY_ID);
    if (!errors || errors.length === 0) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY_ID;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1rem 1.25rem;background:#1b1b1f;color:#f8f8f2;border-top:4px solid #e5484d;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -8px 24px rgba(0,0,0,.35)";
      const close = document.createElement("button");
      close.type = "button";
      close.textContent = "×";
      close.setAttribute("aria-label", "Hide the build errors");
      close.style.cssText = "float:right;font:inherit;font-size:20px;background:none;color:inherit;border:0;cursor:pointer";
      close.addEventListener("click", () => box.remove());
      const title = document.createElement("strong");
      title.textContent = "Build failed: you are seeing the last good build.";
      const list = document.createElement("pre");
      list.className = "portfoliogen-errors";
      list.style.cssText = "margin:.5rem 0 0;white-space:pre-wrap;color:#ffb4b4";
      box.append(close, title, list);
      document.body.append(box);
    }
    box.querySelector("pre").textContent = errors.join("\n");
  }

  // Hashed asset names change with their content, so the old <link> points
  // at a file the new build no longer has: fetch this page again, take its
  // stylesheet hrefs, and swap each changed <link> once the new one loaded.
  async function swapStylesheets() {
    const response = await fetch(location.href, { cache: "no-store" });
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    // A parsed document has no scripting: its <noscript> links are elements there, not here.
    const wanted = [...fresh.querySelectorAll('link[rel~="stylesheet"]')]
      .filter((l) => !l.closest("noscript")).map((l) => l.getAttribute("href"));
    const current = [...document.querySelectorAll('link[rel~="stylesheet"]')];
    if (wanted.length !== current.length) throw new Error("stylesheets added or removed");
    await Promise.all(current.map((link, i) => {
      if (link.getAttribute("href") === wanted[i]) return null;
      return new Promise((resolve, reject) => {
        const next = link.cloneNode();
        next.setAttribute("href", wanted[i]);
        next.addEventListener("load", () => { link.remove(); resolve(); });
        next.addEventListener("error", reject);
        link.after(next);
      });
    }));
  }

  // The paths this tab shows: its URL, and the 404 page's when that is what it shows.
  const mine = () => [decodeURI(location.pathname), me.dataset.page].filter(Boolean);
  const changedHere = (pages) => mine().some((path) => pages.includes(path));
  const source = new EventSource(me.dataset.events + "?epoch=" + epoch);
  source.addEventListener("hello", (e) => {
    const data = JSON.parse(e.data);
    if (data.epoch !== epoch) {   // builds finished meanwhile: reload unless they changed other pages only
      if (!data.changed || changedHere(data.changed)) { location.reload(); return; }
      epoch = data.epoch;
    }
    showErrors(data.errors);
    window.__portfoliogenLive = epoch;  // connected (tests wait for this)
  });
  source.addEventListener("build", (e) => {
    const data = JSON.parse(e.data);
    if (data.kind === "css" && data.epoch === epoch + 1) {
      swapStylesheets().then(() => { epoch = data.epoch; window.__portfoliogenLive = epoch; showErrors([]); },
                             () => location.reload());
    } else if (data.kind === "pages" && data.epoch === epoch + 1 && !changedHere(data.pages)) {
      // the build changed other pages only: this one stays as it is
      epoch = data.epoch; window.__portfoliogenLive = epoch; showErrors([]);
    } else {
      location.reload();
    }
  });
  source.addEventListener("failed", (e) => showErrors(JSON.parse(e.data).errors));
  window.addEventListener("pagehide", () => source.close());
})();
