// Shared test data of the browser tests, in one place: the route list (every route of the app
// with a representative URL), the sample ids the specs share, and pickers that choose an office,
// a service or a licence from the built sample API (dist/api/v1, or PISHKHAN_DIST) instead of
// literals scattered through the specs. Rules (distances, folding, licence flags) are not here:
// their expected results are golden cases in tests/golden/cases.json (tests/e2e/golden.ts).
import { apiJson } from './helpers';
import type { Page, Route } from '@playwright/test';

/** Provinces the specs use, by ISO 3166-2 code. */
export const PROVINCE = {
  /** Tehran: the province of the route list, the office page and the licence registry. */
  tehran: 'IR-23',
  /** Qom: a small province, quick to load, used by the finder's filter tests. */
  qom: 'IR-25',
  /** Alborz: Karaj, whose name the sample data spells with Persian and with Arabic letters. */
  alborz: 'IR-30',
} as const;

/** The service of the service-page route: a Pishkhan service with a documents checklist. */
export const SERVICE_ID = 'smart-id-card';

/** Ids that do not exist in the sample data. */
export const UNKNOWN = {
  office: 'IR-23-99999',
  licence: '23-9999-999999',
  path: '/no-such-page',
} as const;

type Offices = { offices: { id: string }[] };
type Licences = { licences: { number: string }[] };
type Services = { services: { id: string }[] };

/** The first office of a province's document (IR-23-00001 for Tehran). */
export function pickOfficeId(province: string = PROVINCE.tehran): string {
  const office = apiJson<Offices>(`provinces/${province}/offices.json`).offices[0];
  if (!office) throw new Error(`provinces/${province}/offices.json has no offices`);
  return office.id;
}

/** The first licence number of a province's register. */
export function pickLicenceNumber(province: string = PROVINCE.tehran): string {
  const licence = apiJson<Licences>(`provinces/${province}/licences.json`).licences[0];
  if (!licence) throw new Error(`provinces/${province}/licences.json has no licences`);
  return licence.number;
}

/** SERVICE_ID, checked against services.json (it is the catalogue's first service). */
export function pickServiceId(): string {
  const ids = apiJson<Services>('services.json').services.map((s) => s.id);
  if (!ids.includes(SERVICE_ID)) throw new Error(`services.json has no service ${SERVICE_ID}`);
  return SERVICE_ID;
}

/** Path of an office's page. */
export const officePath = (id: string = pickOfficeId(), province: string = PROVINCE.tehran) =>
  `/offices/${province}/${encodeURIComponent(id)}`;
/** Path of a service's page. */
export const servicePath = (id: string = pickServiceId()) => `/services/${encodeURIComponent(id)}`;
/** Path of a licence's page. */
export const licencePath = (number: string = pickLicenceNumber(), province: string = PROVINCE.tehran) =>
  `/licences/${province}/${encodeURIComponent(number)}`;

/** The kinds of page the app has (README, "Routes"), and the 404 page. */
export type RouteKind =
  | 'home'
  | 'finder'
  | 'finder-province'
  | 'office'
  | 'services'
  | 'service'
  | 'licences'
  | 'licence'
  | 'dashboard'
  | 'about'
  | 'not-found';

export type AppRoute = { kind: RouteKind; path: string };

/** Every route of the app, with a representative URL, in the order of the README's table. */
export function appRoutes(): AppRoute[] {
  return [
    { kind: 'home', path: '/' },
    { kind: 'finder', path: '/offices' },
    { kind: 'finder-province', path: `/offices?province=${PROVINCE.tehran}` },
    { kind: 'office', path: officePath() },
    { kind: 'services', path: '/services' },
    { kind: 'service', path: servicePath() },
    { kind: 'licences', path: '/licences' },
    { kind: 'licence', path: licencePath() },
    { kind: 'dashboard', path: '/dashboard' },
    { kind: 'about', path: '/about' },
    { kind: 'not-found', path: UNKNOWN.path },
  ];
}

/** The paths of appRoutes(), without the kinds listed in `except`. */
export function routePaths(except: RouteKind[] = []): string[] {
  return appRoutes()
    .filter((r) => !except.includes(r.kind))
    .map((r) => r.path);
}

/** Test input typed with Persian digits (۰–۹) instead of ASCII ones, e.g. an office code or a
 * licence number as a Persian keyboard writes it. (The app folds them back: tests/golden/cases.json.) */
export function toPersianDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

type Meta = { dataset_version: string; index?: { dataset_version: string } };

/** Serves meta.json changed by `edit` (an older API without an index, a stale index …).
 * page.route does not see the service worker's requests: use with serviceWorkers 'block'. */
export async function editMeta(page: Page, edit: (meta: Meta) => void): Promise<void> {
  await page.route('**/api/v1/meta.json', async (route: Route) => {
    const response = await route.fetch();
    const meta = (await response.json()) as Meta;
    edit(meta);
    await route.fulfill({ response, json: meta });
  });
}

/** The API as one without an index layer (docs/api.md, "Index documents"): the province path. */
export const withoutIndex = (page: Page) => editMeta(page, (m) => delete m.index);
