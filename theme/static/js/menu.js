// The menu button of the phone header: opens and closes #site-menu (the
// navigation and the text-size control). A real <button aria-expanded>, so
// Enter and Space work and screen readers hear its state; Escape closes the
// menu and gives focus back to the button. From 48rem the CSS shows the
// menu as the navigation bar and hides the button, so nothing here applies.
// Without JavaScript the button is not shown and the menu stays open.

const button = document.querySelector(".menu-button");
const menu = button && document.getElementById(button.getAttribute("aria-controls"));

function setOpen(open) {
  button.setAttribute("aria-expanded", String(open));
  menu.classList.toggle("is-open", open);
}

if (button && menu) {
  button.addEventListener("click", () => {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
    const inside = menu.contains(document.activeElement);
    setOpen(false);
    if (inside || document.activeElement === button) button.focus();
  });
}
