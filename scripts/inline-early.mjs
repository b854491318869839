// Puts the early script (apps/web/src/early/resume.js, built as resume-<hash>.js) into index.html itself, so that it
// runs as soon as the HTML is read instead of one more request later. On a slow phone network that request was a
// whole round trip (over half a second) before the session refresh could even leave. The server allows exactly this
// script by its hash in the Content-Security-Policy (inlineScriptHashes in apps/api/src/common/http/web-assets.ts),
// so no other inline script can run. Called by compile-hints.mjs on the served copy of the build.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Inlines the early script into index.html in `dir`; returns its name, or null when the build has none. */
export function inlineEarlyScript(dir) {
  const indexPath = join(dir, 'index.html');
  const html = readFileSync(indexPath, 'utf8');
  const tag = /<script src="(resume-[\w-]+\.js)" defer><\/script>/.exec(html);
  if (!tag) return null;
  const file = join(dir, tag[1]);
  const code = readFileSync(file, 'utf8').trim();
  if (/<\/script/i.test(code)) throw new Error(`${tag[1]} contains "</script" and cannot be inlined`);
  // At the top of the head, before the stylesheet: an inline script after a stylesheet waits for that stylesheet to
  // arrive (a whole round trip on a phone) before it runs. It only reads the address and the cookie.
  const page = html.replace(tag[0], '');
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(page);
  const head = page.indexOf('<head>');
  if (!charset && head < 0) throw new Error('index.html has no <head>');
  const at = charset ? charset.index + charset[0].length : head + '<head>'.length;
  writeFileSync(indexPath, `${page.slice(0, at)}<script>${code}</script>${page.slice(at)}`);
  rmSync(file);
  return tag[1];
}
