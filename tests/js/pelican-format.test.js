// The CMS's custom format (plugins/thai_cms/admin/pelican-format.js): every
// Markdown file of content/ read and written again is the same bytes, also
// after the entry data went through JSON (as Decap keeps it, immutable);
// an edit changes its line only; a new article is what `invoke check`
// knows. tests/test_cms_build.py checks the fields the build gives it.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { LAYOUT, pelicanFormat } from "../../plugins/thai_cms/admin/pelican-format.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CONTENT = join(ROOT, "content");
const TEMPLATE = readFileSync(join(CONTENT, "news", "_template.md"), "utf8");

// The fields as the build gives them (thai_cms/fields.py): the header keys of
// _template.md in order, Tags a list, then the body.
const FIELDS = [
  ...pelicanFormat([]).fromFile(TEMPLATE)[LAYOUT].entries
    .map(({ name, key }) => ({ name, key, list: name === "tags" })),
  { name: "body", key: "body" },
];
const format = pelicanFormat(FIELDS);

function markdownFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

const FILES = markdownFiles(CONTENT);

test("the template documents the fields the issue names", () => {
  assert.deepEqual(FIELDS.map((field) => field.key), [
    "Title", "Date", "Category", "Tags", "Slug", "Summary", "Image", "ImageAlt", "Source",
    "Author", "body"]);
});

test("every Markdown file of content/ is written back byte for byte", () => {
  assert.ok(FILES.length >= 37, `${FILES.length} files`);
  for (const path of FILES) {
    const text = readFileSync(path, "utf8");
    const data = format.fromFile(text);
    assert.equal(format.toFile(data), text, relative(ROOT, path));
    // Decap keeps entry data as Immutable maps: plain JSON values come back.
    assert.equal(format.toFile(JSON.parse(JSON.stringify(data))), text, relative(ROOT, path));
  }
});

test("fields are read as Pelican reads them", () => {
  const path = join(CONTENT, "news", "2024", "cabinet-durian-export-china.md");
  const data = format.fromFile(readFileSync(path, "utf8"));
  assert.equal(data.slug, "cabinet-durian-export-china");
  assert.match(data.date, /^2024-\d\d-\d\d \d\d:\d\d$/);
  assert.ok(Array.isArray(data.tags) && data.tags.length > 0);
  assert.ok(data.body.length > 100 && !data.body.startsWith("\n"));
});

test("an edited field changes its own line only; an emptied one goes", () => {
  for (const path of FILES.filter((p) => p.includes(`${join("news", "20")}`))) {
    const text = readFileSync(path, "utf8");
    const data = format.fromFile(text);
    const edited = format.toFile({ ...data, title: "หัวข้อใหม่", summary: "" });
    const before = text.split("\n");
    const after = edited.split("\n");
    const titleLine = before.findIndex((line) => line.startsWith("Title:"));
    assert.equal(after[titleLine], "Title: หัวข้อใหม่", path);
    assert.deepEqual(after.filter((l) => !l.startsWith("Title:")),
      before.filter((l) => !l.startsWith("Title:") && !l.startsWith("Summary:")), path);
  }
});

test("a new field goes where the template puts it; tags are joined as editors write them", () => {
  const text = "Title: ข่าว\nDate: 2024-01-15 09:30\nCategory: ด้านเศรษฐกิจ\nAuthor: กอง\n\nเนื้อหา\n";
  const data = format.fromFile(text);
  const written = format.toFile({
    ...data, tags: ["ทุเรียน", " ส่งออก "], image: "images/2024/x.jpg", imagealt: "ภาพ",
  });
  assert.equal(written, "Title: ข่าว\nDate: 2024-01-15 09:30\nCategory: ด้านเศรษฐกิจ\n"
    + "Tags: ทุเรียน, ส่งออก\nImage: images/2024/x.jpg\nImageAlt: ภาพ\nAuthor: กอง\n\nเนื้อหา\n");
});

test("a new entry: the template's order and spelling, a blank line, the body", () => {
  const written = format.toFile({
    body: "ย่อหน้าแรก\n\nย่อหน้าที่สอง", title: "  หัวข้อ\nสองบรรทัด ", date: "2024-01-15 09:30",
    category: "ด้านสังคม", slug: "hua-kho", imagealt: "", image: "", tags: [],
  });
  assert.equal(written, "Title: หัวข้อ สองบรรทัด\nDate: 2024-01-15 09:30\nCategory: ด้านสังคม\n"
    + "Slug: hua-kho\n\nย่อหน้าแรก\n\nย่อหน้าที่สอง\n");
  const again = format.fromFile(written);
  assert.equal(again.title, "หัวข้อ สองบรรทัด");
  assert.equal(format.toFile(again), written);
});

test("odd files keep every byte: BOM, CRLF, fences, tabs, continuations, repeats, no body", () => {
  const odd = [
    "\ufeffTitle: ก\r\nDate: 2024-01-15 09:30\r\n\r\nเนื้อ\r\nหา\r\n",
    "---\nTitle: ก\nTags:  a ,b,,c  \n...\nbody\n",
    "Title:\tก\nSummary: หนึ่ง\n    สอง\n\tสาม\nStatus: draft\n\n",
    "Title: ก\nTitle: ข\nModified: 2024-02-01 10:00\n\nbody",
    "Title: only a header",
    "no header at all\n\nKey: not metadata\n",
    "",
    "\n\nTitle: after blank lines\n",
    "Title: ก\r",
  ];
  for (const text of odd) {
    const data = format.fromFile(text);
    assert.equal(format.toFile(data), text, JSON.stringify(text));
    assert.equal(format.toFile(JSON.parse(JSON.stringify(data))), text, JSON.stringify(text));
  }
  const repeated = format.fromFile(odd[3]);
  assert.equal(repeated.title, "ก");
  assert.equal(repeated.modified, "2024-02-01 10:00");
  const fenced = format.fromFile(odd[1]);
  assert.deepEqual(fenced.tags, ["a", "b", "c"]);
  assert.equal(fenced.body, "body\n");
  assert.equal(format.fromFile(odd[2]).summary, "หนึ่ง\nสอง\nสาม");
  // An edit keeps the file's line endings; a field added after a last line
  // without one gets one.
  assert.equal(format.toFile({ ...format.fromFile(odd[0]), author: "กอง" }),
    "\ufeffTitle: ก\r\nDate: 2024-01-15 09:30\r\nAuthor: กอง\r\n\r\nเนื้อ\r\nหา\r\n");
  assert.equal(format.toFile({ ...format.fromFile(odd[4]), body: "เนื้อหา" }),
    "Title: only a header\n\nเนื้อหา\n");
});
