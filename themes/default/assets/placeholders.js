/* Paints each image's placeholder colour (data-placeholder, its dominant colour)
   behind it until it loads. Set from this file rather than a style="" attribute,
   so a strict Content-Security-Policy needs no 'unsafe-inline'. */
(function () {
  var images = document.querySelectorAll("img[data-placeholder]");
  for (var i = 0; i < images.length; i++) {
    images[i].style.backgroundColor = images[i].getAttribute("data-placeholder");
  }
})();
