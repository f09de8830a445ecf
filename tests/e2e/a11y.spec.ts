// Accessibility: axe-core (WCAG 2.0/2.1 A and AA) with zero violations on every route, in Persian
// and English, in the light and the dark colour scheme, plus the states a route scan would miss
// (open suggestion list, map view, load error, configuration error). Then what a scanner cannot
// see: keyboard order from the skip link, a visible focus ring, focus on the new page's <h1> after
// navigation, reduced motion, 200 % text without horizontal scrolling, 44 px touch targets.
//
// Pages are built in parallel; a state whose UI does not exist yet (no search box, no map
// button) is skipped with an annotation saying so, never silently passed.
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, gotoApp, test, type Locale } from './helpers';
import { PROVINCE, routePaths } from './fixtures';

// page.route must see every request (a service worker would answer some of them itself).
test.use({ serviceWorkers: 'block' });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LOCALES: Locale[] = ['fa', 'en'];

// Every route of the app (tests/e2e/fixtures.ts), the 404 page included.
const ROUTES: string[] = routePaths();

/** One line per violation and node, readable in a test report. */
function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} [${v.impact}] ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join('; ')}`),
  );
}

/** Runs axe on the page as it is now; returns the violations, described. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return describe(result.violations);
}

/** Fails the test with every violation listed; attaches them to the report too. */
async function expectNoViolations(page: Page, testInfo: TestInfo, what: string): Promise<void> {
  const found = await axeViolations(page);
  if (found.length) {
    await testInfo.attach(`axe ${what}`, { body: found.join('\n'), contentType: 'text/plain' });
  }
  expect(found, `axe violations on ${what}`).toEqual([]);
}

/** Waits until the app has rendered a page and its data requests have settled. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('#boot')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('h1').first()).toBeVisible();
  await page.waitForLoadState('networkidle').catch(() => {});
  // No loading indicator left (a scan mid-load would judge a spinner, not the page).
  await expect(page.locator('[aria-busy=true]')).toHaveCount(0, { timeout: 15_000 }).catch(() => {});
}

test.describe('axe: zero WCAG A/AA violations', () => {
  for (const locale of LOCALES) {
    for (const route of ROUTES) {
      test(`${route} (${locale}, light and dark)`, async ({ page }, testInfo) => {
        await gotoApp(page, route, { locale });
        await settled(page);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await expectNoViolations(page, testInfo, `${route} ${locale} light`);
        await page.emulateMedia({ colorScheme: 'dark' });
        await expectNoViolations(page, testInfo, `${route} ${locale} dark`);
      });
    }

    test(`open suggestion list (${locale})`, async ({ page }, testInfo) => {
      for (const route of ['/', '/offices']) {
        await gotoApp(page, route, { locale });
        await settled(page);
        const box = page.locator('[role=combobox]').first();
        if ((await box.count()) === 0) {
          testInfo.annotations.push({ type: 'skip-state', description: `no [role=combobox] on ${route} yet` });
          continue;
        }
        await box.click();
        await box.pressSequentially(locale === 'fa' ? 'تهر' : 'Teh');
        await expect(page.locator('[role=listbox]').first()).toBeVisible();
        await expectNoViolations(page, testInfo, `${route} suggestions ${locale}`);
        await page.emulateMedia({ colorScheme: 'dark' });
        await expectNoViolations(page, testInfo, `${route} suggestions ${locale} dark`);
        await page.emulateMedia({ colorScheme: 'light' });
      }
      test.skip(
        testInfo.annotations.filter((a) => a.type === 'skip-state').length === 2,
        'no search box with suggestions has been built yet',
      );
    });

    test(`map view (${locale})`, async ({ page }, testInfo) => {
      await gotoApp(page, `/offices?province=${PROVINCE.tehran}`, { locale });
      await settled(page);
      const toggle = page.locator('[data-testid=view-map]');
      test.skip((await toggle.count()) === 0, 'the finder has no map view ([data-testid=view-map]) yet');
      await toggle.click();
      await page.waitForLoadState('networkidle').catch(() => {});
      await expectNoViolations(page, testInfo, `map view ${locale}`);
    });

    test(`load error state (${locale})`, async ({ page }, testInfo) => {
      await page.route('**/services.json', (r) => r.fulfill({ status: 500, body: 'boom' }));
      await gotoApp(page, '/services', { locale });
      await expect(page.locator('[data-testid=load-error]').first()).toBeVisible({ timeout: 15_000 });
      await expectNoViolations(page, testInfo, `/services load error ${locale}`);
    });
  }

  test('configuration error page', async ({ page }, testInfo) => {
    await page.route('**/config.json', (r) => r.fulfill({ body: '{not json', contentType: 'application/json' }));
    await gotoApp(page, '/');
    await expect(page.locator('[data-testid=config-error]')).toBeVisible();
    await expectNoViolations(page, testInfo, 'config error page');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoViolations(page, testInfo, 'config error page dark');
  });

  test('self-test: the helper reports an injected violation', async ({ page }) => {
    await gotoApp(page, '/about', { locale: 'en' });
    await settled(page);
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      img.width = 10;
      img.height = 10;
      document.querySelector('main')?.append(img);
    });
    const found = await axeViolations(page);
    expect(found.some((v) => v.startsWith('image-alt'))).toBe(true);
  });
});

test.describe('keyboard, focus, motion, zoom, touch', () => {
  for (const locale of LOCALES) {
    test(`Tab starts at the skip link, which moves focus to main (${locale})`, async ({ page }) => {
      await gotoApp(page, '/about', { locale });
      await settled(page);
      await page.keyboard.press('Tab');
      const skip = page.locator('.app-skip-link');
      await expect(skip).toBeFocused();
      await expect(skip).toBeVisible();
      await expect(skip).toHaveAttribute('href', '#main-content');
      await page.keyboard.press('Enter');
      await expect(page.locator('#main-content')).toBeFocused();
    });

    test(`Tab order: skip link, brand, main navigation, language switch; focus ring visible (${locale})`, async ({ page }) => {
      await gotoApp(page, '/about', { locale });
      await settled(page);
      const expected = [
        page.locator('.app-skip-link'),
        page.locator('.app-header__brand'),
        ...(await page.locator('.app-nav a').all()),
        page.locator('[data-testid=lang-switch]'),
      ];
      expect(expected.length).toBeGreaterThanOrEqual(7);
      for (const el of expected) {
        await page.keyboard.press('Tab');
        await expect(el).toBeFocused();
        // A visible focus indicator: an outline of at least 2 px or a box shadow, not the same colour as the background.
        const ring = await el.evaluate((e) => {
          const s = getComputedStyle(e);
          return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
        });
        expect(
          (ring.style !== 'none' && ring.width >= 2) || (ring.shadow && ring.shadow !== 'none'),
          `focus ring on ${await el.evaluate((e) => e.outerHTML.slice(0, 80))}`,
        ).toBeTruthy();
      }
    });

    test(`after navigating, focus is on the new page's h1 and the title changes (${locale})`, async ({ page }) => {
      await gotoApp(page, '/about', { locale });
      await settled(page);
      const before = await page.title();
      await page.locator('.app-nav a[href$="/services"]').click();
      await expect(page).toHaveURL(/\/services$/);
      await expect(page.locator('main h1')).toBeFocused();
      await expect.poll(() => page.title()).not.toBe(before);
    });
  }

  test('reduced motion: no animations or transitions longer than a frame', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await gotoApp(page, '/', { locale: 'fa' });
    await settled(page);
    const slow = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .map((e) => {
          const s = getComputedStyle(e);
          const secs = (v: string) => Math.max(...v.split(',').map((x) => (x.trim().endsWith('ms') ? parseFloat(x) / 1000 : parseFloat(x))));
          const longest = Math.max(secs(s.transitionDuration), secs(s.animationDuration));
          return longest > 0.02 ? `${e.tagName.toLowerCase()}.${e.className}: ${longest}s` : '';
        })
        .filter(Boolean),
    );
    expect(slow).toEqual([]);
  });

  for (const locale of LOCALES) {
    test(`200 % text: no horizontal scrolling at 1280 px (${locale})`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      const overflow: string[] = [];
      for (const route of routePaths(['finder', 'office', 'service', 'licence', 'not-found'])) {
        await gotoApp(page, route, { locale });
        await settled(page);
        await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        if (scroll > client + 1) overflow.push(`${route}: ${scroll} px wide in a ${client} px window`);
      }
      expect(overflow).toEqual([]);
    });
  }

  test('touch targets of the header controls are at least 44 × 44 px (mobile width)', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await gotoApp(page, '/', { locale: 'fa' });
    await settled(page);
    const small: string[] = [];
    for (const el of await page.locator('.app-header a, .app-header button, main button').all()) {
      if (!(await el.isVisible())) continue;
      const box = await el.boundingBox();
      if (box && (box.width < 44 || box.height < 44)) {
        small.push(`${(await el.textContent())?.trim()}: ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    expect(small).toEqual([]);
  });
});
