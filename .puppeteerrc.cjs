// Puppeteer's own Chrome download cannot succeed where only the npm registry is
// reachable; agenda finds a system Chromium instead (see src/pdf/browser.ts).
module.exports = { skipDownload: true };
