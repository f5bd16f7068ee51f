// Configured from this file rather than an inline script, so the page works under a
// Content-Security-Policy without 'unsafe-inline' for scripts. withDefaultFonts: false keeps
// the browser from fetching fonts from Scalar's servers.
window.Scalar.createApiReference('#app', {
  url: '/openapi/v1.json',
  withDefaultFonts: false,
  hideDownloadButton: false,
  defaultOpenAllTags: true,
  metaData: { title: 'Recommend API reference' },
});
