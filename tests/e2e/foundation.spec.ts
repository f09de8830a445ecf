// Foundation: the app boots on the sample API, every route renders, language and deep links
// survive a reload, a broken config.json and an unknown route get their own pages.
import { test, expect, gotoApp, apiJson } from './helpers';
import { routePaths, servicePath, UNKNOWN } from './fixtures';

// UI conventions the app implements (keep every selector here).
const SEL = {
  heading: 'h1',
  datasetVersion: '[data-testid=dataset-version]',
  langSwitch: '[data-testid=lang-switch]',
  configError: '[data-testid=config-error]',
  notFound: '[data-testid=not-found]',
  // States that must not appear on a healthy page.
  crash: '[data-testid=crash]',
  loadError: '[data-testid=load-error]',
};

const PERSIAN = /[\u0600-\u06FF]/;
const LATIN_WORD = /[A-Za-z]{3,}/;

type Meta = { dataset_version: string };

test.describe('boot', () => {
  test('the app boots on the sample API', async ({ page }) => {
    const { dataset_version: version } = apiJson<Meta>('meta.json');
    await gotoApp(page, '/');
    await expect(page.locator(SEL.heading)).toHaveCount(1);
    await expect(page.locator(SEL.heading)).toHaveText(/\S/);
    // The footer shows the dataset version from meta.json once it has loaded.
    await expect(page.locator(SEL.datasetVersion)).toContainText(version);
  });
});

test.describe('a panic', () => {
  // The release stops the WebAssembly at once on a panic (panic=immediate-abort,
  // scripts/build.sh): the page sees a WebAssembly.RuntimeError, which startup.js turns into the
  // bilingual "reload" screen. Thrown here as the trap would be, from a task of the running app.
  test.use({ allowedPageErrors: [[/unreachable/, /not a trap/], { scope: 'test' }] });
  test('replaces the frozen page with the reload screen', async ({ page }) => {
    await gotoApp(page, '/services');
    await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
    const crash = page.locator(SEL.crash);
    await expect(crash).toBeVisible();
    await expect(crash.locator('h1[lang=fa]')).toHaveText('مشکلی پیش آمد');
    await expect(crash.locator('[lang=en] a')).toHaveText('Reload the page');
    await expect(page.locator('h1')).toHaveCount(1);
    // A rejected promise with the trap, too; and other errors are not a crash.
    await gotoApp(page, '/services');
    await page.evaluate(() => { Promise.reject(new Error('not a trap')); });
    await page.waitForTimeout(300);
    await expect(crash).toHaveCount(0);
    await page.evaluate(() => { Promise.reject(new WebAssembly.RuntimeError('unreachable')); });
    await expect(crash).toBeVisible();
  });
});

test.describe('every route renders its h1', () => {
  // Every route of the app (tests/e2e/fixtures.ts); the 404 page has its own test below.
  for (const route of routePaths(['not-found'])) {
    test(route, async ({ page }) => {
      await gotoApp(page, route);
      const h1 = page.locator(SEL.heading);
      await expect(h1).toHaveCount(1);
      await expect(h1).toHaveText(/\S/);
      await expect(page.locator(SEL.notFound)).toHaveCount(0);
      await expect(page.locator(SEL.configError)).toHaveCount(0);
      await expect(page.locator(SEL.crash)).toHaveCount(0);
      await expect(page.locator(SEL.loadError)).toHaveCount(0);
    });
  }
});

test('language switch flips dir and lang, and survives a reload', async ({ page }) => {
  const html = page.locator('html');
  await gotoApp(page, '/', { locale: 'fa' });
  await expect(page.locator(SEL.heading)).toBeVisible();
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'fa');

  await page.locator(SEL.langSwitch).click();
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(html).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(page.locator(SEL.heading)).toBeVisible();
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(html).toHaveAttribute('lang', 'en');

  await page.locator(SEL.langSwitch).click();
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'fa');
});

test('a deep link survives a reload', async ({ page }) => {
  const path = servicePath();
  await gotoApp(page, path);
  const h1 = page.locator(SEL.heading);
  // The page shows a generic heading while services.json loads; compare the loaded one.
  await page.waitForLoadState('networkidle');
  await expect(h1).not.toHaveText('خدمت');
  const before = (await h1.textContent())?.trim();
  await page.reload();
  await expect(h1).toHaveText(before ?? '');
  expect(new URL(page.url()).pathname.endsWith(path)).toBe(true);
});

test.describe('configuration errors', () => {
  // page.route does not see requests a service worker answers; keep the worker out of the way.
  test.use({ serviceWorkers: 'block' });

  test('a broken config.json shows a bilingual error page', async ({ page }) => {
    await page.route('**/config.json', (r) =>
      r.fulfill({ body: '{not json', contentType: 'application/json' }),
    );
    await gotoApp(page, '/');
    const error = page.locator(SEL.configError);
    await expect(error).toBeVisible();
    await expect(error.locator('[lang=fa]').first()).toHaveText(PERSIAN);
    await expect(error.locator('[lang=en]').first()).toHaveText(LATIN_WORD);
  });

  test('a config without api_base_url names the missing key', async ({ page }) => {
    await page.route('**/config.json', (r) =>
      r.fulfill({ body: JSON.stringify({ default_locale: 'fa' }), contentType: 'application/json' }),
    );
    await gotoApp(page, '/');
    await expect(page.locator(SEL.configError)).toContainText('api_base_url');
  });

  // The release build prints nothing for `{:?}` (-Z fmt-debug=none, scripts/build.sh): the
  // messages an operator reads must still quote what was wrong.
  test('an unknown default_locale is quoted in the message', async ({ page }) => {
    await page.route('**/config.json', (r) =>
      r.fulfill({
        body: JSON.stringify({ api_base_url: 'api/v1/', default_locale: 'de' }),
        contentType: 'application/json',
      }),
    );
    await gotoApp(page, '/');
    await expect(page.locator(SEL.configError)).toContainText('not "de"');
  });
});

test('an unknown route shows the 404 page', async ({ page }) => {
  await gotoApp(page, UNKNOWN.path);
  const notFound = page.locator(SEL.notFound);
  await expect(notFound).toBeVisible();
  await expect(notFound.locator(SEL.heading)).toHaveText(/\S/);
});
