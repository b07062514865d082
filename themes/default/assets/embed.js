/* Click-to-load video: nothing is requested from YouTube or Vimeo (no cookie, no
   script) until the visitor presses play; then the player's iframe (youtube-nocookie,
   Vimeo with dnt=1) replaces the placeholder. Without JavaScript the link opens the video. */
(function () {
  var boxes = document.querySelectorAll(".embed[data-embed]");
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].querySelector(".embed__play").addEventListener("click", function (event) {
      var box = event.currentTarget.parentNode;
      var frame = document.createElement("iframe");
      event.preventDefault();
      frame.src = box.getAttribute("data-embed");
      frame.title = box.getAttribute("data-title");
      frame.allow = "autoplay; fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      box.replaceChildren(frame);
      box.classList.add("embed--on");
      frame.focus();
    });
  }
})();
