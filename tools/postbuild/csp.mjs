// Post-build stage 2: a strict Content Security Policy (`script-src 'self'`, no inline script).
// Trunk writes its module loader inline into index.html; this stage moves it into a
// content-hashed external file, boot-<hash>.js, loaded from the deployment's public URL.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, hash16 } from './util.mjs';

export function csp({ staging, publicUrl }) {
  const htmlPath = join(staging, 'index.html');
  let html = readFileSync(htmlPath, 'utf8');

  const inline = /<script type="module">([\s\S]*?)<\/script>/;
  const match = html.match(inline);
  if (!match) {
    fail('no inline module script found in index.html; did Trunk change its loader?');
  }
  const code = match[1].trim() + '\n';
  const file = `boot-${hash16(code)}.js`;
  writeFileSync(join(staging, file), code);
  html = html.replace(inline, `<script type="module" src="${publicUrl}${file}"></script>`);
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
    fail('index.html still has an inline script');
  }
  writeFileSync(htmlPath, html);
  console.log(`postbuild: loader moved to ${file}`);
}
