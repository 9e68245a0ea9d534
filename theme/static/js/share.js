// The copy-link button beside the share links. Hidden without JavaScript
// (a button that does nothing would be a dead control); site.css shows it
// under html.js from the first paint, so it never pops in. Here it copies
// the article's canonical URL, and the result is announced.

const button = document.querySelector(".share-copy");
const status = document.querySelector(".share-status");

async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http pages have no async clipboard: the old way, from a selection.
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.className = "visually-hidden";
  document.body.append(field);
  field.select();
  const done = document.execCommand("copy");
  field.remove();
  if (!done) throw new Error("copy refused");
}

if (button && status) {
  button.addEventListener("click", async () => {
    const url = button.dataset.url;
    try {
      await copy(url);
      status.textContent = "คัดลอกลิงก์แล้ว";
    } catch {
      status.textContent = `คัดลอกไม่สำเร็จ กรุณาคัดลอกลิงก์นี้เอง: ${url}`;
    }
  });
}
