import { chromium } from 'playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const page = await ctx.newPage();
page.on('console', m => console.log('console', m.type(), m.text().slice(0,200)));
page.on('request', r => { if (r.url().includes('/api/')) console.log('req', r.url().slice(-60)); });
await page.addInitScript(() => localStorage.setItem('pishkhan.locale', 'en'));
await page.goto('http://127.0.0.1:8070/offices');
await page.waitForTimeout(2500);
const box = page.locator('[role=combobox]').first();
await box.click();
await box.pressSequentially(process.env.TXT || 'Teh', { delay: Number(process.env.DELAY || 0) });
for (let i = 0; i < 3; i++) {
  await page.waitForTimeout(3000);
  console.log(await page.evaluate(() => [document.activeElement?.id, document.querySelector('[role=listbox]')?.hidden, document.querySelectorAll('[role=option]').length, location.search, document.querySelector('[data-testid=result-count]')?.innerText, document.querySelectorAll('[data-testid=office-result]').length]));
}
await browser.close();
