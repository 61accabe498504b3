// PDF viewer built on pdfjs-dist: opens at #page=N, keeps the hash in step.
const root = document.getElementById("pdf-viewer");

function pageFromHash() {
  const match = /(?:^#|&)page=(\d+)/.exec(window.location.hash);
  return match ? parseInt(match[1], 10) : 1;
}

async function start() {
  if (!root) return;
  const pdfjs = await import(root.dataset.pdfjs);
  pdfjs.GlobalWorkerOptions.workerSrc = root.dataset.worker;
  const canvas = document.getElementById("pdf-canvas");
  const input = document.getElementById("pdf-page");
  const count = document.getElementById("pdf-count");
  const status = document.getElementById("pdf-status");
  const textBox = document.getElementById("pdf-text");
  let doc;
  try {
    doc = await pdfjs.getDocument({ url: root.dataset.file, isEvalSupported: false }).promise;
  } catch (error) {
    status.textContent = root.dataset.error;
    return;
  }
  count.textContent = String(doc.numPages);
  input.max = String(doc.numPages);
  let current = 0;
  let rendering = null;

  async function show(number) {
    number = Math.min(Math.max(1, number || 1), doc.numPages);
    if (number === current) return;
    current = number;
    input.value = String(number);
    if (pageFromHash() !== number) {
      history.replaceState(null, "", "#page=" + number);
    }
    const page = await doc.getPage(number);
    const width = Math.min(root.clientWidth || 800, 1000);
    const base = page.getViewport({ scale: 1 });
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: (width / base.width) * ratio });
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    canvas.style.width = viewport.width / ratio + "px";
    if (rendering) rendering.cancel();
    rendering = page.render({ canvasContext: canvas.getContext("2d"), viewport });
    try {
      await rendering.promise;
    } catch (error) {
      return; // cancelled by a newer page
    }
    const text = await page.getTextContent();
    textBox.textContent = text.items.map((item) => item.str).join(" ");
    canvas.dataset.page = String(number);
  }

  document.getElementById("pdf-prev").addEventListener("click", () => show(current - 1));
  document.getElementById("pdf-next").addEventListener("click", () => show(current + 1));
  input.addEventListener("change", () => show(parseInt(input.value, 10)));
  window.addEventListener("hashchange", () => show(pageFromHash()));
  await show(pageFromHash());
}

start();
