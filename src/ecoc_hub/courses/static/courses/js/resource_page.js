// A library-resource lesson opens the library's PDF viewer at the page the
// author chose: the viewer reads #page=N, so set it unless one is given.
(function () {
  "use strict";
  var root = document.getElementById("pdf-viewer");
  if (!root || /(?:^#|&)page=\d+/.test(window.location.hash)) return;
  var page = parseInt(root.dataset.startPage || "1", 10);
  if (page > 1) history.replaceState(null, "", "#page=" + page);
})();
