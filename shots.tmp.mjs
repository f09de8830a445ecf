import { chromium } from 'playwright';
const base = process.env.BASE || 'http://127.0.0.1:8070';
const out = process.env.OUT || '/tmp/shots';
const shots = JSON.parse(process.argv[2]);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const s of shots) {
  const ctx = await browser.newContext({ viewport: s.vp || { width: 360, height: 740 }, locale: 'fa-IR', geolocation: s.geo, permissions: s.geo ? ['geolocation'] : [] });
  const page = await ctx.newPage();
  page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', s.name, m.text().slice(0, 200)); });
  if (s.noindex) await page.route('**/api/v1/meta.json', async (route) => { const r = await route.fetch(); const j = await r.json(); delete j.index; await route.fulfill({ response: r, json: j }); });
  if (s.en) await page.addInitScript(() => localStorage.setItem('pishkhan.locale', 'en'));
  await page.goto(base + s.path);
  for (const a of s.actions || []) {
    if (a.fill) await page.fill(a.fill, a.text);
    if (a.press) await page.press(a.press, a.key);
    if (a.click) await page.click(a.click);
    if (a.wait) await page.waitForTimeout(a.wait);
  }
  await page.waitForTimeout(s.wait || 2500);
  await page.screenshot({ path: `${out}/${s.name}.png`, fullPage: !!s.full });
  console.log(s.name, page.url());
  if (s.text) console.log((await page.locator('main').innerText()).slice(0, s.text));
  await ctx.close();
}
await browser.close();
