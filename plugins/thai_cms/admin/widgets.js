// The form's own widgets (Decap's createClass and h, React without JSX):
// - thai-slug: the Slug, typed or made from the title as `invoke new` makes
//   it (a button shows it now; an empty Slug is filled when the entry is
//   first saved, cms.js);
// - image-alt: ImageAlt, required when there is a lead Image (the form
//   refuses to save without it, with the Thai message of the field's
//   `missing`, as `invoke check` refuses the file: image-no-alt).

function currentData(props) {
  const entry = props.getEntry ? props.getEntry() : props.entry;
  return entry ? entry.get("data") : null;
}

function textInput(props, extra = {}) {
  const { forID, value, onChange, classNameWrapper, setActiveStyle, setInactiveStyle } = props;
  return window.h("input", {
    id: forID, type: "text", className: classNameWrapper, value: value || "",
    onChange: (event) => onChange(event.target.value), onFocus: setActiveStyle,
    onBlur: setInactiveStyle, ...extra,
  });
}

const TextPreview = (props) => window.h("p", {}, props.value || "");

export function registerWidgets(CMS, slugs) {
  const { createClass, h } = window;

  const SlugControl = createClass({
    getInitialState() {
      return { error: "" };
    },
    fill() {
      const data = currentData(this.props);
      const collection = (this.props.getEntry ? this.props.getEntry() : this.props.entry)
        ?.get("collection");
      slugs.forTitle(data?.get("title"), collection)
        .then((slug) => this.props.onChange(slug))
        .catch((error) => this.setState({ error: `สร้าง slug ไม่ได้: ${error.message}` }));
    },
    render() {
      return h("div", {},
        textInput(this.props, {
          placeholder: "เว้นว่างไว้ได้: ระบบสร้างจากหัวข้อข่าวเมื่อบันทึก", spellCheck: false,
          autoComplete: "off", lang: "en",
        }),
        h("button", { type: "button", className: "thai-slug-fill", onClick: () => this.fill() },
          "สร้างจากหัวข้อข่าว"),
        this.state.error ? h("p", { role: "alert" }, this.state.error) : null);
    },
  });

  const AltControl = createClass({
    isValid() {
      const image = currentData(this.props)?.get("image");
      if (image && !String(this.props.value || "").trim()) {
        return { error: { type: "CUSTOM", message: this.props.field.get("missing") } };
      }
      return true;
    },
    render() {
      return textInput(this.props);
    },
  });

  CMS.registerWidget("thai-slug", SlugControl, TextPreview);
  CMS.registerWidget("image-alt", AltControl, TextPreview);
}
