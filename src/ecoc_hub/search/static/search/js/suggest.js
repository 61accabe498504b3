// Title suggestions for the search box: the ARIA 1.2 combobox pattern.
// htmx fetches the options into the listbox; this file opens and closes it
// and moves the active option with the keyboard. Without it the form works.
(function () {
  "use strict";

  function setup(input) {
    var listbox = document.getElementById(input.getAttribute("aria-controls"));
    if (!listbox) return;
    var active = -1;

    function options() {
      return Array.prototype.slice.call(listbox.querySelectorAll('[role="option"]'));
    }
    function open() {
      var hasOptions = options().length > 0 && input.value.trim().length > 1;
      listbox.hidden = !hasOptions;
      input.setAttribute("aria-expanded", hasOptions ? "true" : "false");
      if (!hasOptions) input.removeAttribute("aria-activedescendant");
    }
    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function activate(index) {
      var items = options();
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.detail && event.detail.target === listbox) {
        active = -1;
        open();
      }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (listbox.hidden) open();
        if (listbox.hidden) return;
        event.preventDefault();
        activate(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
        var href = options()[active].getAttribute("data-href");
        if (href) {
          event.preventDefault();
          window.location.assign(href);
        }
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("input", function () {
      if (input.value.trim().length < 2) close();
    });
    input.addEventListener("blur", function () {
      // Later, so that a click on an option is still handled.
      window.setTimeout(close, 200);
    });
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep focus in the input while clicking
      var option = event.target.closest('[role="option"]');
      var href = option && option.getAttribute("data-href");
      if (href) window.location.assign(href);
    });
  }

  function init() {
    document.querySelectorAll('input[role="combobox"][aria-controls]').forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
