// Pelican's Markdown metadata (`Key: value` lines, a blank line, the body)
// as a Decap CMS custom format (CMS.registerCustomFormat). Pure: the admin
// page registers it, tests/js/pelican-format.test.js runs it on every file
// of content/.
//
// The header is read as Python-Markdown's `meta` extension reads it (which
// Pelican's reader and `invoke check` use: plugins/thai_core/rules/header.py):
// `Key: value` lines, indented continuation lines, an optional `---` fence,
// up to the first blank line. fromFile keeps, under LAYOUT, every byte it
// read (BOM, fences, each line with its own line ending, the separator), so
// that toFile writes a line again as it was when its field did not change:
// an entry opened and saved without a change is the same file, byte for
// byte. A changed field is written `Key: value` in its old place; a new one
// goes where content/news/_template.md puts it; an emptied one is left out.

/** Where fromFile keeps the file's own bytes in the entry data. */
export const LAYOUT = "_pelicanLayout";

// Python's str.strip() and \s, spelled out (JavaScript's \s differs).
const SPACE = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const EDGES = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, "g");
const META = new RegExp(`^[ ]{0,3}([A-Za-z0-9_-]+):[${SPACE}]*(.*)$`);
const MORE = /^[ ]{4,}(.*)$/;
const BEGIN = new RegExp(`^-{3}([${SPACE}].*)?$`);
const END = new RegExp(`^(-{3}|\\.{3})([${SPACE}].*)?$`);
const LINE = /([^\r\n]*)(\r\n|\r|\n|$)/y;
const BOM = "\ufeff";

export function pyStrip(text) {
  return text.replace(EDGES, "");
}

/** Python's str.expandtabs(4), as Python-Markdown expands tabs first. */
function expandTabs(line) {
  let out = "";
  for (const ch of line) out += ch === "\t" ? " ".repeat(4 - (out.length % 4)) : ch;
  return out;
}

/** [[text, line ending], ...]: every line with the ending it had. */
function splitLines(text) {
  const lines = [];
  LINE.lastIndex = 0;
  while (LINE.lastIndex < text.length) {
    const m = LINE.exec(text);
    lines.push([m[1], m[2]]);
    if (!m[2]) break;
  }
  return lines;
}

/** The form a field has in the entry data: a list (Tags) or one string. */
function fieldValue(field, values) {
  if (field?.list) {
    return values.join(",").split(",").map(pyStrip).filter(Boolean);
  }
  return values.join("\n");
}

function sameValue(a, b) {
  const empty = (v) => v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length);
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length
      && a.every((item, i) => String(item) === String(b[i]));
  }
  return String(a) === String(b);
}

/** A value as one metadata line: Pelican reads one line per field. */
function lineValue(value) {
  if (Array.isArray(value)) {
    return value.map((item) => pyStrip(String(item))).filter(Boolean).join(", ");
  }
  return String(value).split(/\r\n|\r|\n/).map(pyStrip).filter(Boolean).join(" ");
}

/**
 * The format for these fields: [{name, key, list}] in the order of
 * _template.md (name as Pelican stores it, key as editors write it).
 */
export function pelicanFormat(fields) {
  const byName = new Map(fields.map((field, rank) => [field.name, { ...field, rank }]));

  function fromFile(text) {
    const bom = text.startsWith(BOM) ? BOM : "";
    const lines = splitLines(text.slice(bom.length));
    const layout = { bom, begin: "", entries: [], separator: "", eol: "\n" };
    const data = {};
    let at = 0;
    if (lines.length && BEGIN.test(lines[0][0])) {
      layout.begin = lines[0].join("");
      at = 1;
    }
    let current = null;
    for (; at < lines.length; at++) {
      const [line, eol] = lines[at];
      if (!pyStrip(line) || END.test(line)) {
        layout.separator = line + eol;
        at += 1;
        break;
      }
      const expanded = expandTabs(line);
      const meta = META.exec(expanded);
      if (meta) {
        const name = pyStrip(meta[1].toLowerCase());
        current = { key: meta[1], name, values: [pyStrip(meta[2])], raw: line + eol, eol };
        current.repeated = layout.entries.some((entry) => entry.name === name);
        layout.entries.push(current);
        continue;
      }
      const more = MORE.exec(expanded);
      if (more && current) {
        current.values.push(pyStrip(more[1]));
        current.raw += line + eol;
        current.eol = eol;
        continue;
      }
      break; // not metadata: the body starts here
    }
    for (const entry of layout.entries) {
      entry.value = fieldValue(byName.get(entry.name), entry.values);
      delete entry.values;
      if (!entry.repeated) data[entry.name] = entry.value;
    }
    layout.eol = layout.entries[0]?.eol || lines.find(([, eol]) => eol)?.[1] || "\n";
    layout.body = lines.slice(at).map((pair) => pair.join("")).join("");
    data.body = layout.body;
    data[LAYOUT] = layout;
    return data;
  }

  function toFile(data) {
    const layout = data[LAYOUT] || {
      bom: "", begin: "", entries: [], separator: "", eol: "\n", body: undefined,
    };
    const { eol } = layout;
    const items = []; // {rank, text}: the header lines to write, in order
    let rank = -1;
    const seen = new Set();
    for (const entry of layout.entries) {
      const field = byName.get(entry.name);
      if (!field) { // a field the CMS does not edit (Modified, Status, ...): as it was
        items.push({ rank, text: entry.raw });
        continue;
      }
      rank = field.rank;
      seen.add(entry.name);
      const value = data[entry.name];
      if (entry.repeated) { // a second `Key:` line (invoke check reports it): kept while the first is
        if (sameValue(value, firstValue(layout, entry.name))) items.push({ rank, text: entry.raw });
      } else if (sameValue(value, entry.value)) {
        items.push({ rank, text: entry.raw });
      } else if (!sameValue(value, "")) {
        items.push({ rank, text: `${entry.key}: ${lineValue(value)}${entry.eol || eol}` });
      }
    }
    for (const field of fields) {
      const value = data[field.name];
      if (field.name === "body" || seen.has(field.name) || sameValue(value, "")) continue;
      const rankOf = byName.get(field.name).rank;
      let where = 0;
      items.forEach((item, i) => { if (item.rank < rankOf) where = i + 1; });
      if (where > 0 && !/[\r\n]$/.test(items[where - 1].text)) items[where - 1].text += eol;
      items.splice(where, 0, { rank: rankOf, text: `${field.key}: ${lineValue(value)}${eol}` });
    }
    const header = items.map((item) => item.text).join("");
    let body = data.body ?? "";
    if (body !== layout.body && body && !/[\r\n]$/.test(body)) body += eol;
    let separator = layout.separator;
    if (!separator && header && body) {
      separator = /[\r\n]$/.test(header) ? eol : eol + eol;
    }
    return layout.bom + layout.begin + header + separator + body;
  }

  return { fromFile, toFile };
}

function firstValue(layout, name) {
  return layout.entries.find((entry) => entry.name === name)?.value;
}
