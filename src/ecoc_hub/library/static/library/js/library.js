// Library search: changing the sort order or a facet submits the form.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("library-search");
  if (!form) return;
  form.addEventListener("change", (event) => {
    if (event.target.matches("#search-sort, .facet-input")) {
      form.requestSubmit();
    }
  });
});
