import { chromium } from 'playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await (await browser.newContext()).newPage();
page.on('console', m => console.log('console', m.type(), m.text().slice(0,200)));
await page.addInitScript(() => localStorage.setItem('pishkhan.locale', 'en'));
await page.goto('http://127.0.0.1:8070' + process.argv[2]);
await page.waitForTimeout(4000);
console.log(page.url(), (await page.locator('main').innerText()).slice(0, 500));
await browser.close();
