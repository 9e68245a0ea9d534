// Building DOM from text: every string becomes a text node, never HTML, so
// nothing from an article or a query can turn into markup.

/** el("a", {href, class}, "text", childNode, ...) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
