// Progressive enhancements shared by every page. Pages work without it.
document.documentElement.classList.add("js");

// The error summary (GOV.UK pattern): focus moves to it when the page loads,
// and each link moves focus to its field with the field's label in view.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) return;
    event.preventDefault();
    const group = input.closest("fieldset") || input.closest(".form-row");
    const legend = group && group.querySelector("legend, label");
    (legend || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
});
