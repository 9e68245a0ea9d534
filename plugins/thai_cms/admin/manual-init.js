// Decap CMS waits for cms.js (CMS.init) instead of starting on load: the
// site's format, widgets and preview must be registered first.
window.CMS_MANUAL_INIT = true;
