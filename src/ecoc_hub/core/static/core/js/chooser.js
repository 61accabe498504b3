// A filterable chooser for a list of checkboxes (core.forms.ChooserWidget).
// The WAI-ARIA APG combobox with a list box popup: typing filters the names,
// the arrow keys move through the matches, Enter or a click chooses one, and
// Escape closes the list. The chosen ones are shown as chips with a remove
// button. The checkboxes stay the form's inputs (hidden, ticked by this
// script), so without this file the page works the same with the plain list.
(function () {
  "use strict";
  var count = 0;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function fill(template, name) {
    return (template || "").replace("{name}", name);
  }

  function setup(root) {
    var boxes = Array.prototype.slice.call(root.querySelectorAll('input[type="checkbox"]'));
    if (!boxes.length) return;
    var id = "chooser-" + ++count;
    var text = root.dataset;
    var fieldset = root.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    if (legend && !legend.id) legend.id = id + "-legend";

    var items = boxes.map(function (box) {
      var label = root.querySelector('label[for="' + box.id + '"]');
      var name = (label ? label.textContent : box.value).trim();
      return {
        box: box,
        row: label ? label.parentNode : box.parentNode,
        name: name,
        own: words(name),
        words: words(name + " " + (box.getAttribute("data-terms") || "")),
      };
    });
    // In the order they were chosen: the server lists the chosen ones first.
    var order = items.filter(function (item) { return item.box.checked; });

    var chips = document.createElement("ul");
    chips.className = "chooser-chips";
    chips.setAttribute("aria-label", text.textChosen);
    var hint = document.createElement("p");
    hint.id = id + "-hint";
    hint.className = "helptext";
    hint.textContent = text.textHint;
    var input = document.createElement("input");
    input.type = "text";
    input.id = id + "-input";
    input.className = "chooser-input";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    if (legend) input.setAttribute("aria-labelledby", legend.id);
    var described = [hint.id];
    if (fieldset && fieldset.getAttribute("aria-describedby")) {
      described.push(fieldset.getAttribute("aria-describedby"));
    }
    input.setAttribute("aria-describedby", described.join(" "));
    if (root.hasAttribute("data-required")) input.setAttribute("aria-required", "true");
    if (root.closest(".has-error")) input.setAttribute("aria-invalid", "true");
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "chooser-list";
    list.setAttribute("role", "listbox");
    if (legend) list.setAttribute("aria-labelledby", legend.id);
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    var options = root.querySelector(".chooser-options");
    [chips, hint, input, list, status].forEach(function (el) {
      root.insertBefore(el, options);
    });
    root.classList.add("chooser-ready");

    var shown = [];
    var active = -1;

    function renderChips() {
      chips.textContent = "";
      order.forEach(function (item) {
        var chip = document.createElement("li");
        chip.className = "chip";
        var name = document.createElement("span");
        name.textContent = item.name;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "chip-remove";
        remove.setAttribute("aria-label", fill(text.textRemove, item.name));
        remove.textContent = "\u00d7";
        remove.addEventListener("click", function () {
          unchoose(item);
          input.focus();
        });
        chip.appendChild(name);
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
      chips.hidden = order.length === 0;
      // The form sends the boxes in page order: keep it the chosen order.
      for (var i = order.length - 1; i >= 0; i--) {
        order[i].row.parentNode.insertBefore(order[i].row, order[i].row.parentNode.firstChild);
      }
    }
    function choose(item) {
      item.box.checked = true;
      order.push(item);
      renderChips();
      status.textContent = fill(text.textAdded, item.name);
    }
    function unchoose(item) {
      item.box.checked = false;
      order = order.filter(function (other) { return other !== item; });
      renderChips();
      status.textContent = fill(text.textRemoved, item.name);
    }
    function matches(list, query) {
      return query.every(function (part) {
        return list.some(function (word) { return word.indexOf(part) === 0; });
      });
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function filter() {
      var query = words(input.value);
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!query.length) {
        shown = [];
        close();
        return;
      }
      // Names that match first, then those found by another name or a code.
      var found = items.filter(function (item) {
        return !item.box.checked && matches(item.words, query);
      });
      shown = found.filter(function (item) { return matches(item.own, query); });
      shown = shown.concat(found.filter(function (item) { return shown.indexOf(item) < 0; }));
      shown.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = id + "-option-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.name;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the text box
        });
        option.addEventListener("click", function () {
          pick(index);
        });
        list.appendChild(option);
      });
      if (!shown.length) {
        var none = document.createElement("li");
        none.className = "chooser-none";
        none.setAttribute("role", "option");
        none.setAttribute("aria-disabled", "true");
        none.setAttribute("aria-selected", "false");
        none.textContent = text.textNone;
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function move(step) {
      if (!shown.length) return;
      active = (active + step + shown.length) % shown.length;
      Array.prototype.forEach.call(list.children, function (option, index) {
        option.setAttribute("aria-selected", index === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", id + "-option-" + active);
      list.children[active].scrollIntoView({ block: "nearest" });
    }
    function pick(index) {
      var item = shown[index];
      if (!item) return;
      choose(item);
      input.value = "";
      shown = [];
      list.textContent = "";
      close();
      input.focus();
    }

    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) filter();
        move(event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Enter") {
        // Enter chooses (the first match if none is active); never submits.
        if (input.value.trim()) event.preventDefault();
        if (!list.hidden && shown.length) pick(active >= 0 ? active : 0);
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
        }
      }
    });
    input.addEventListener("blur", close);
    renderChips();
  }

  function init() {
    document.querySelectorAll("[data-chooser]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
