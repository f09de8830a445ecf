// Shared helpers of the post-build stages (tools/postbuild.mjs runs them).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The first 16 hex digits of the SHA-256 of `data`: the content hash in shipped file names. */
export const hash16 = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);

/** The full SHA-256 (hex) of a file. */
export const sha256File = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Stops the build: the driver prints `postbuild: <message>` and exits non-zero. */
export class PostbuildError extends Error {}
export function fail(message) {
  throw new PostbuildError(message);
}

/** Every file under `dir`, recursively, as paths that start with `dir`. */
export function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
