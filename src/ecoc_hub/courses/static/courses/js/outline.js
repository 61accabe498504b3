// The course outline editor (issue 14). Without JavaScript the Up, Down and
// "Move to" buttons are plain forms; with it they move the item in place,
// keep the focus on the button and announce the new position, and modules
// and lessons can also be dragged by their handle (mouse, pen or touch).
// Every change is saved by the server, whose answer (the saved order) is
// what the page shows: a refused change puts everything back.
(() => {
  "use strict";
  const root = document.querySelector("[data-outline]");
  if (!root) return;
  const list = root.querySelector("[data-modules]");
  const status = root.querySelector("[data-outline-status]");
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;

  const modules = () => [...list.querySelectorAll(":scope > [data-module-id]")];
  const lessonsOf = (module) => [...module.querySelectorAll("[data-lesson-id]")];
  const readLayout = () =>
    modules().map((m) => [
      Number(m.dataset.moduleId),
      lessonsOf(m).map((l) => Number(l.dataset.lessonId)),
    ]);

  const announce = (text) => {
    // Emptied first, so that the same sentence twice is read twice.
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = text;
    }, 100);
  };

  const refresh = () => {
    modules().forEach((module, index) => {
      module.querySelector("[data-module-heading]").textContent = root.dataset.heading
        .replace("{n}", String(index + 1))
        .replace("{title}", module.dataset.title);
      const empty = module.querySelector("[data-empty-module]");
      if (empty) empty.hidden = lessonsOf(module).length > 0;
      module.querySelectorAll("[data-lesson-id] select[name=module]").forEach((select) => {
        select.value = module.dataset.moduleId;
      });
    });
  };

  const applyLayout = (layout) => {
    const byId = new Map(modules().map((m) => [Number(m.dataset.moduleId), m]));
    const lessons = new Map(
      [...root.querySelectorAll("[data-lesson-id]")].map((l) => [Number(l.dataset.lessonId), l]),
    );
    layout.forEach(([moduleId, lessonIds]) => {
      const module = byId.get(moduleId);
      if (!module) return;
      list.appendChild(module);
      const ol = module.querySelector("[data-lessons]");
      lessonIds.forEach((id) => {
        const lesson = lessons.get(id);
        if (lesson) ol.appendChild(lesson);
      });
    });
    refresh();
  };

  const send = async (url, body) => {
    let response;
    let data = null;
    try {
      response = await fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrf },
      });
      data = await response.json();
    } catch {
      throw new Error(root.dataset.failed);
    }
    if (data && Array.isArray(data.layout)) applyLayout(data.layout);
    if (!response.ok || !data) throw new Error((data && data.error) || root.dataset.failed);
    return data.message;
  };

  // The buttons: sent in the background, the focus stays where it was.
  root.addEventListener("submit", async (event) => {
    const form = event.target.closest("[data-outline-move]");
    if (!form) return;
    event.preventDefault();
    const button = event.submitter || form.querySelector("button");
    const body = new FormData(form);
    if (button && button.name) body.append(button.name, button.value);
    try {
      announce(await send(form.action, body));
    } catch (error) {
      announce(error.message);
    }
    if (button) {
      button.focus({ preventScroll: true });
      button.scrollIntoView({ block: "nearest" });
    }
  });

  // Dragging by the handle, with pointer events (mouse, pen and touch alike).
  let drag = null;
  root.querySelectorAll("[data-drag-handle]").forEach((handle) => {
    handle.hidden = false;
  });

  const place = (event) => {
    const under = document.elementFromPoint(event.clientX, event.clientY);
    if (!under || !root.contains(under)) return;
    const selector = drag.kind === "module" ? "[data-module-id]" : "[data-lesson-id]";
    const target = under.closest(selector);
    if (target && target !== drag.item && !drag.item.contains(target)) {
      const box = target.getBoundingClientRect();
      const before = event.clientY < box.top + box.height / 2;
      target.parentNode.insertBefore(drag.item, before ? target : target.nextSibling);
    } else if (!target && drag.kind === "lesson") {
      // Over another module but not over one of its lessons (an empty one):
      // the lesson goes to its end.
      const module = under.closest("[data-module-id]");
      if (module && !module.contains(drag.item)) {
        module.querySelector("[data-lessons]").appendChild(drag.item);
      }
    }
    refresh();
  };

  const finish = async (cancelled) => {
    if (!drag) return;
    const done = drag;
    drag = null;
    done.item.classList.remove("is-dragging");
    root.classList.remove("is-drag-active");
    document.removeEventListener("pointermove", onMove);
    const after = readLayout();
    if (cancelled) {
      applyLayout(done.before);
      return;
    }
    if (JSON.stringify(after) === JSON.stringify(done.before)) return;
    const body = new FormData();
    body.append("layout", JSON.stringify(after));
    body.append("moved", `${done.kind}:${done.id}`);
    try {
      announce(await send(root.dataset.saveUrl, body));
    } catch (error) {
      announce(error.message);
    }
  };

  const onMove = (event) => {
    if (drag && event.pointerId === drag.pointerId) {
      event.preventDefault();
      place(event);
    }
  };

  root.addEventListener("pointerdown", (event) => {
    const handle = event.target.closest("[data-drag-handle]");
    if (!handle || drag || event.button !== 0) return;
    const lesson = handle.closest("[data-lesson-id]");
    const item = lesson || handle.closest("[data-module-id]");
    event.preventDefault();
    drag = {
      item,
      kind: lesson ? "lesson" : "module",
      id: lesson ? item.dataset.lessonId : item.dataset.moduleId,
      before: readLayout(),
      pointerId: event.pointerId,
    };
    item.classList.add("is-dragging");
    root.classList.add("is-drag-active");
    document.addEventListener("pointermove", onMove);
  });
  document.addEventListener("pointerup", (event) => {
    if (drag && event.pointerId === drag.pointerId) finish(false);
  });
  document.addEventListener("pointercancel", () => finish(true));
  document.addEventListener("keydown", (event) => {
    if (drag && event.key === "Escape") finish(true);
  });
})();
