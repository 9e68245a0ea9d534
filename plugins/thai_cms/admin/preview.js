// The preview beside the form: the article or page as the site shows it,
// with the site's stylesheet and markup (theme/templates/article.html,
// page.html), its Thai date (Buddhist era) and the URL it will have; an
// empty Slug shows the one the first save will give (slugs.js).

import { contentUrl, longThaiDate } from "./article-view.js";

export function registerPreviews(CMS, site, slugs) {
  const { createClass, h } = window;
  for (const href of site.previewStyles) CMS.registerPreviewStyle(href);

  /** The slug given, or the one the first save will give (after a fetch). */
  const slugState = {
    getInitialState() {
      return { made: "" };
    },
    slugOf(data, collection) {
      const given = data.get("slug");
      if (given) return given;
      const title = data.get("title") || "";
      if (this.askedFor !== title) { // asked once per title
        this.askedFor = title;
        slugs.forTitle(title, collection)
          .then((made) => { if (this.askedFor === title) this.setState({ made }); })
          .catch(() => {});
      }
      return this.state.made;
    },
  };

  function urlLine(url) {
    return h("p", { className: "article-meta cms-preview-url" },
      `ที่อยู่หน้าเว็บ: ${url || "(ใส่หัวข้อและวันที่ก่อน)"}`);
  }

  const NewsPreview = createClass({
    ...slugState,
    render() {
      const { entry, widgetFor, getAsset } = this.props;
      const data = entry.get("data");
      const slug = this.slugOf(data, "news");
      const date = data.get("date") || "";
      const image = data.get("image");
      const tags = data.get("tags") ? [...data.get("tags")] : [];
      const source = data.get("source");
      return h("main", { id: "main", className: "container" },
        h("article", { className: "article", lang: "th" },
          h("header", { className: "article-header" },
            h("p", { className: "article-category" }, data.get("category") || ""),
            h("h1", { className: "article-title" }, data.get("title") || ""),
            h("p", { className: "article-meta" },
              h("time", { dateTime: date.replace(" ", "T") }, longThaiDate(date, site.calendar)),
              data.get("author") ? [" · ", h("span", { className: "article-author", key: "a" },
                data.get("author"))] : null),
            data.get("summary") ? h("p", { className: "article-lead" }, data.get("summary")) : null),
          image ? h("figure", { className: "article-image" },
            h("img", { src: getAsset(image)?.toString(), alt: data.get("imagealt") || "" })) : null,
          h("div", { className: "article-body" }, widgetFor("body")),
          h("footer", { className: "article-footer" },
            source ? h("p", { className: "article-source" }, "ที่มา: ", source) : null,
            tags.length ? h("ul", { className: "tag-list", "aria-label": "แท็ก" },
              tags.map((tag) => h("li", { key: tag }, `#${tag}`))) : null)),
        urlLine(contentUrl(site.urls.news, { date, slug })));
    },
  });

  const PagePreview = createClass({
    ...slugState,
    render() {
      const { entry, widgetFor } = this.props;
      const data = entry.get("data");
      const slug = this.slugOf(data, "pages");
      return h("main", { id: "main", className: "container" },
        h("article", { className: "page" },
          h("h1", { className: "page-title" }, data.get("title") || ""),
          h("div", { className: "article-body" }, widgetFor("body"))),
        urlLine(contentUrl(site.urls.pages, { slug })));
    },
  });

  CMS.registerPreviewTemplate("news", NewsPreview);
  CMS.registerPreviewTemplate("pages", PagePreview);
}
