// The filters disclosure of the search pages (search/includes/facets.html).
// From 50rem it is a sidebar: open it, so that assistive technology meets
// the same open filters that the page shows. When htmx replaces the results
// and filters after a change, the disclosure keeps the state it had.
// Without this file the page works: CSS shows the sidebar on wide screens.
(function () {
  "use strict";

  var wide = window.matchMedia("(min-width: 50rem)");
  var wasOpen = null;

  function filters() {
    return document.getElementById("search-filters");
  }
  function sync() {
    var details = filters();
    if (details && wide.matches) details.open = true;
  }

  document.addEventListener("DOMContentLoaded", sync);
  wide.addEventListener("change", sync);
  document.addEventListener("htmx:beforeSwap", function () {
    var details = filters();
    wasOpen = details ? details.open : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    var details = filters();
    if (details && wasOpen !== null) details.open = wasOpen;
    sync();
  });
})();
