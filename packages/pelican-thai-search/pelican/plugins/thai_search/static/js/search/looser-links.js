// The looser reading of a query as links (ordinary search-page URLs, the
// rest of the search kept): instead of results when the strict reading
// finds nothing, or beside them where word order was checked in some
// fields only (engine.js's `looser`).

import { el } from "./dom.js";

// A glued run with one of the commonest words where nothing fixes it (no
// positions kept: word-order.js) cannot be checked for word order: say so,
// not that its words never stand together.
const UNCHECKED = "คำค้นนี้มีคำที่พบบ่อยมาก จึงตรวจไม่ได้ว่าคำอยู่ติดกันหรือไม่ ";
// Such a word keeps its neighbours only in some fields (manifest.pairFields):
// there the run was checked, and the page says where.
const FIELD_NAMES = { title: "หัวข้อ", meta: "ย่อหน้านำ", body: "เนื้อข่าว" };

/** The fields that keep pairs, in Thai: หัวข้อและย่อหน้านำ. */
function pairFieldNames({ fields, pairFields = [] }) {
  return pairFields.map((f) => FIELD_NAMES[fields[f]] || fields[f]).join("และ");
}

/**
 * Paragraphs (p.search-looser) offering the looser reading, or none.
 * @param reading  engine.js's looser: {split} or {each}, with unchecked or partial
 * @param {boolean} beside  shown beside results rather than instead of them
 * @param {(q: string) => string} hrefFor  the search page URL of a query
 */
export function looserLinks(reading, beside, hrefFor, manifest) {
  if (!reading) return [];
  const link = (q) => el("a", { href: hrefFor(q) }, el("bdi", {}, q));
  if (reading.split) {
    const where = pairFieldNames(manifest);
    const why = reading.unchecked ? UNCHECKED
      : reading.partial && beside ? `คำค้นนี้มีคำที่พบบ่อยมาก จึงตรวจคำที่อยู่ติดกันได้เฉพาะใน${where} `
        : reading.partial
          ? `ไม่พบคำเหล่านี้อยู่ติดกันใน${where} (คำค้นนี้มีคำที่พบบ่อยมาก จึงตรวจได้เฉพาะส่วนนี้) `
          : "ไม่พบคำเหล่านี้อยู่ติดกัน ";
    return [el("p", { class: "search-looser" }, why,
      el("span", {}, "ค้นหาแบบแยกคำ: ", link(reading.split)))];
  }
  return [el("p", { class: "search-looser" }, "ไม่พบข่าวที่มีครบทุกคำ ค้นหาทีละคำ: ",
    ...reading.each.map(link))];
}
