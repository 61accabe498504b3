// Offers the reader's own time zone in the programme's zone picker: the
// browser knows it, the server does not. Without JavaScript the picker works
// as a plain form.
(function () {
  "use strict";
  var select = document.getElementById("tz");
  if (!select || select.value) { return; }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || zone === select.dataset.eventZone) { return; }
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) { select.selectedIndex = i; return; }
  }
})();
