// Puts the early script (apps/web/src/early/resume.js, built as resume-<hash>.js) into index.html itself, so that it
// runs as soon as the HTML is read instead of one more request later. On a slow phone network that request was a
// whole round trip (over half a second) before the session refresh could even leave. The server allows exactly this
// script by its hash in the Content-Security-Policy (inlineScriptHashes in apps/api/src/common/http/web-assets.ts),
// so no other inline script can run. Called by compile-hints.mjs on the served copy of the build.
//
// The same script also starts the code of the page the address opens (PAGES below), with the app's own code: the
// router would ask for it only once the app has started, one more round trip later on a phone. esbuild's metafile
// (the bundle's browser-stats.json) says which chunk holds each page; the chunks that one imports come with it.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkGraph } from './lazy-deps.mjs';

/**
 * The pages people open straight from an address (a bookmark, a link in an e-mail, a reload): the path they answer
 * to, and the page's source file (as the route's `loadComponent` imports it). The first that matches is preloaded.
 */
export const PAGES = [
  ['^/inloggen/?$', 'apps/web/src/app/features/login/login-page.ts'],
  ['^/gezinnen/?$', 'apps/web/src/app/features/families/family-list-page.ts'],
  ['^/gezinnen/[^/]+/plan/?$', 'apps/web/src/app/features/plan/plan-page.ts'],
  ['^/gezinnen/[^/]+/?$', 'apps/web/src/app/features/family/family-page.ts'],
  ['^/ons-gezin/?$', 'apps/web/src/app/features/portal/portal-page.ts'],
];

/** Per page of PAGES, the chunks to fetch with the app: the page's own and the shared ones it imports. */
export function pageChunks(dir, stats) {
  const { lazyDeps } = chunkGraph(dir);
  const byEntry = new Map(
    Object.entries(stats.outputs)
      .filter(([, output]) => output.entryPoint)
      .map(([file, output]) => [output.entryPoint, file]),
  );
  return PAGES.map(([path, source]) => {
    const chunk = byEntry.get(source);
    // A renamed or moved page must not silently lose its preload: the build fails instead.
    if (!chunk)
      throw new Error(`inline-early: no chunk for ${source} (moved? update PAGES in scripts/inline-early.mjs)`);
    return [path, [chunk, ...lazyDeps(chunk)]];
  });
}

/**
 * Inlines the early script into index.html in `dir`, with the preload of the opened page's code when `stats` (the
 * bundle's esbuild metafile) is given; returns the script's name, or null when the build has none.
 */
export function inlineEarlyScript(dir, stats) {
  const indexPath = join(dir, 'index.html');
  const html = readFileSync(indexPath, 'utf8');
  const tag = /<script src="(resume-[\w-]+\.js)" defer><\/script>/.exec(html);
  if (!tag) return null;
  const file = join(dir, tag[1]);
  const preload = stats
    ? // Absolute addresses: the script runs before <base href="/">, on the page's own path.
      `(()=>{const p=location.pathname;for(const[r,f]of ${JSON.stringify(pageChunks(dir, stats))})if(new RegExp(r).test(p)){for(const s of f){const l=document.createElement("link");l.rel="modulepreload";l.href="/"+s;document.head.append(l)}break}})();`
    : '';
  // The session first: the page's reads wait for it, and the code is wanted no sooner than they are.
  const code = readFileSync(file, 'utf8').trim() + preload;
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

/**
 * Puts the app's global stylesheet (styles-<hash>.css, a few kB) into index.html as a <style> element. As a file it
 * was the page's only render-blocking request: nothing could paint before one more round trip, which on a phone is
 * a few hundred milliseconds for a file smaller than one network packet once compressed. The CSP's style-src
 * already allows inline styles (Angular puts each component's styles into the page the same way). Returns the
 * stylesheet's name, or null when the page links none.
 */
export function inlineStylesheet(dir) {
  const indexPath = join(dir, 'index.html');
  const html = readFileSync(indexPath, 'utf8');
  const tag = /<link rel="stylesheet" href="(styles-[\w-]+\.css)"[^>]*>/.exec(html);
  if (!tag) return null;
  const file = join(dir, tag[1]);
  const css = readFileSync(file, 'utf8').trim();
  if (/<\/style/i.test(css)) throw new Error(`${tag[1]} contains "</style" and cannot be inlined`);
  writeFileSync(
    indexPath,
    html.replace(tag[0], () => `<style>${css}</style>`),
  );
  rmSync(file);
  return tag[1];
}
