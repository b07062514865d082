/* Gallery lightbox (partials/lightbox.html): each gallery image becomes a button opening
   it large in a native <dialog>; arrow keys and swipes move between images, Escape or the
   close button closes it and focus goes back to the image it came from. */
(function () {
  "use strict";
  var dialog = document.getElementById("lightbox");
  if (!dialog || !dialog.showModal) return;
  var figures = Array.prototype.slice.call(document.querySelectorAll(".gallery__item"))
    .filter(function (figure) { return figure.querySelector(":scope > picture, :scope > img"); });  // not videos
  if (!figures.length) return;
  var img = dialog.querySelector(".lightbox__img");
  var caption = dialog.querySelector(".lightbox__caption");
  var counter = dialog.querySelector(".lightbox__counter");
  var d = dialog.dataset;
  var current = 0;
  var opener = null;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function largest(picture) {
    var source = picture.querySelector("img");
    return { src: source.currentSrc || source.src, alt: source.alt };
  }

  var items = figures.map(function (figure, index) {
    var picture = figure.querySelector("picture") || figure.querySelector("img");
    var cap = figure.querySelector("figcaption");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "lightbox__open";
    var info = largest(picture);
    button.setAttribute("aria-label", fill(d.openLabel, { num: index + 1, total: figures.length, alt: info.alt }));
    picture.parentNode.insertBefore(button, picture);
    button.appendChild(picture);
    button.addEventListener("click", function () { open(index, button); });
    return { picture: picture, caption: cap ? cap.textContent : "", button: button };
  });

  function show(index) {
    current = (index + items.length) % items.length;
    var item = items[current];
    var info = largest(item.picture);
    var full = item.picture.querySelector("img");
    img.src = full.getAttribute("src") || info.src;   // the largest fallback variant
    img.alt = info.alt;
    caption.textContent = item.caption || info.alt;
    counter.textContent = fill(d.counter, { num: current + 1, total: items.length });
  }

  function open(index, from) {
    opener = from;
    show(index);
    dialog.showModal();
  }

  dialog.querySelector(".lightbox__prev").addEventListener("click", function () { show(current - 1); });
  dialog.querySelector(".lightbox__next").addEventListener("click", function () { show(current + 1); });
  dialog.querySelector(".lightbox__close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
    else if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
  });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener("close", function () { if (opener) opener.focus(); });

  var startX = null;
  dialog.addEventListener("pointerdown", function (event) { startX = event.clientX; });
  dialog.addEventListener("pointerup", function (event) {
    if (startX === null) return;
    var dx = event.clientX - startX;
    startX = null;
    if (Math.abs(dx) > 40) show(current + (dx < 0 ? 1 : -1));
  });
})();
