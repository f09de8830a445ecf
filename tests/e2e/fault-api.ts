// Pointing the app at the fault-injecting test API (tests/fault-api/server.mjs), which the test
// nginx serves same-origin at /fault-api/<tag>/<spec>/v1/… (see the server for <spec>).
// The app reads its API base from config.json only, so each test overrides config.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { DIST_DIR } from './helpers';

export type FaultLogEntry = { path: string; spec: string; status: number; n: number; t: number; bearer?: boolean };

/** A tag unique to this test (and retry), so the server's counters and log are its own. */
export function faultTag(info: TestInfo): string {
  const slug = info.titlePath.join('-').replace(/[^A-Za-z0-9]+/g, '-').slice(-40);
  return `w${info.workerIndex}r${info.retry}-${Date.now().toString(36)}-${slug}`.replace(/-+$/, '');
}

/** The deployed config.json, as the base of every override. */
function realConfig(): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(join(DIST_DIR, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * Serves a config.json whose api_base_url is the fault API with `spec`, for every load of this
 * page (reloads included), with `opts.config` merged over it. Returns the relative API base.
 */
export async function useFaultApi(
  page: Page,
  tag: string,
  spec: string,
  opts: { timeoutMs?: number; config?: Record<string, unknown> } = {},
): Promise<string> {
  const base = `fault-api/${tag}/${spec}/v1`;
  const config = { ...realConfig(), api_base_url: base, request_timeout_ms: opts.timeoutMs ?? 10_000, ...opts.config };
  await page.route('**/config.json', (route) => route.fulfill({ json: config, headers: { 'cache-control': 'no-store' } }));
  return base;
}

/** The requests the fault API saw for `tag`, in order. */
export async function faultLog(request: APIRequestContext, tag: string): Promise<FaultLogEntry[]> {
  const res = await request.get(`./fault-api/_log/${tag}`);
  return (await res.json()) as FaultLogEntry[];
}

/** Ends the faults of `tag`: its later requests are served normally. */
export async function healFaults(request: APIRequestContext, tag: string): Promise<void> {
  await request.get(`./fault-api/_heal/${tag}`);
}

/** The log entries for one document (by file name, e.g. 'meta.json' or 'offices.json'). */
export function requestsFor(log: FaultLogEntry[], file: string): FaultLogEntry[] {
  return log.filter((e) => e.path === file || e.path.endsWith(`/${file}`));
}

