// Renders build/icon.svg to build/icon.png (1024×1024) with Debian's chromium; electron-builder derives
// the macOS .icns and Windows .ico from that PNG. Run after changing the SVG: node scripts/make-icon.mjs
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('../build/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg.replace('<svg ', '<svg width="1024" height="1024" ')}`);
  await page.screenshot({ path: new URL('../build/icon.png', import.meta.url).pathname, omitBackground: true });
} finally {
  await browser.close();
}
