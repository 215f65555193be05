// Ad-hoc screenshots (not part of the suite): node e2e/.shoot.mjs email locale WxH path:name ...
import { launch, newPage, login, BASE_URL } from './helpers.mjs';
const [email, locale, size, ...targets] = process.argv.slice(2);
const [w, h] = size.split('x').map(Number);
const browser = await launch();
const page = await newPage(browser, { locale, viewport: { width: w, height: h } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
await login(page, email);
for (const t of targets) {
  const [p, name, full] = t.split('|');
  await page.goto(`${BASE_URL}${p}`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/hspa-shots/${name}.png`, fullPage: full === 'full' });
  console.log('shot', name, page.url());
}
console.log('jsErrors', page.jsErrors);
await browser.close();
