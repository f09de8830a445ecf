import { defineConfig, devices } from '@playwright/test';

// Browser tests run against a built dist/ served by nginx with the production config
// (scripts/test.sh starts it and sets PISHKHAN_BASE_URL). Chromium is Debian's, never a download.
export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: true,
  fullyParallel: true,
  retries: 0,
  workers: 2,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.PISHKHAN_BASE_URL ?? 'http://127.0.0.1:8089',
    screenshot: 'only-on-failure',
    trace: 'off',
    // page.route does not see requests answered by an active service worker, and a worker left
    // from one navigation would serve cached data to the next: blocked everywhere except the
    // offline tests (tests/e2e/offline.spec.ts: test.use({ serviceWorkers: 'allow' })).
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
          // --no-sandbox: CI runs as root. The rest keep Chromium off the (closed) network.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
