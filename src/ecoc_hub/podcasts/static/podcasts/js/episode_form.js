// The episode form: the slug follows the title until someone edits it, and
// the chapter rows can be added and removed. Without this file the server
// makes the slug from the title and the form offers empty rows and
// "Remove this chapter" boxes.
"use strict";

function slugify(text) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 110)
    .replace(/-+$/g, "");
}

document.addEventListener("DOMContentLoaded", () => {
  for (const slug of document.querySelectorAll("[data-slug-from]")) {
    const title = document.getElementById(slug.dataset.slugFrom);
    if (!title) continue;
    let follows = slug.value === "" || slug.value === slugify(title.value);
    slug.addEventListener("input", () => { follows = slug.value === ""; });
    title.addEventListener("input", () => {
      if (follows) slug.value = slugify(title.value);
    });
  }

  for (const editor of document.querySelectorAll("[data-formset]")) {
    const prefix = editor.dataset.formset;
    const total = editor.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const rows = editor.querySelector("[data-formset-rows]");
    const template = editor.querySelector("template[data-formset-template]");
    const add = editor.querySelector("[data-formset-add]");
    for (const hidden of editor.querySelectorAll(".js-only")) hidden.hidden = false;

    const enhance = (row) => {
      const box = row.querySelector("[data-formset-delete]");
      if (box) box.hidden = true;
      const remove = row.querySelector("[data-formset-remove]");
      if (!remove) return;
      remove.addEventListener("click", () => {
        const checkbox = box && box.querySelector("input[type=checkbox]");
        if (checkbox) checkbox.checked = true;
        row.hidden = true;
        add.focus();
      });
    };
    rows.querySelectorAll("[data-formset-row]").forEach(enhance);

    add.addEventListener("click", () => {
      const index = Number(total.value);
      const html = template.innerHTML.replaceAll("__prefix__", String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const row = rows.lastElementChild;
      enhance(row);
      row.querySelector("input:not([type=hidden]):not([type=checkbox])").focus();
    });
  }
});
