// Library search: changing the sort order or a facet submits the form.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.library-search");
  if (!form) return;
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches("#library-sort, .facet-values input[type=checkbox]")) {
      form.requestSubmit();
    }
  });
});
