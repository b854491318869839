// Copies the Angular build (first argument) to the folder the API serves (second argument) and marks every script
// for eager compilation with V8's explicit compile hint, the magic comment `//# allFunctionsCalledOnLoad` on the
// first line (Chrome and Edge 136+; other engines read it as a comment).
//
// Why: V8 compiles a function lazily, on the main thread, the first time it is called. Everything in these files
// runs as soon as they load: the initial chunks when the app starts, a route's chunk when its page opens. On the
// login page that lazy compiling was 90-140 ms of main-thread time per load here (1,600 functions), which a phone
// multiplies. With the hint V8 compiles the whole file on a background thread while it downloads. Measured in
// docs/performance-frontend.md.
//
// It also lets each lazy chunk's shared code load together with the chunk instead of after it (lazy-deps.mjs), and
// puts the early script into index.html, with the preload of the code of the page the address opens, and the global
// stylesheet (inline-early.mjs).
//
// Usage: node scripts/compile-hints.mjs dist/apps/web-bundle dist/apps/web   (the web project's build target)
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlineEarlyScript, inlineStylesheet } from './inline-early.mjs';
import { preloadLazyDeps } from './lazy-deps.mjs';

const HINT = '//# allFunctionsCalledOnLoad\n';
const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: node scripts/compile-hints.mjs <angular build folder> <served folder>');
  process.exit(2);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });

const scripts = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? scripts(path) : /\.m?js$/.test(name) ? [path] : [];
  });
// esbuild's metafile (the bundle's `statsJson`): which chunk holds which page. Not served, so not kept in `to`.
const statsFile = join(from, 'browser-stats.json');
const stats = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : undefined;
rmSync(join(to, 'browser-stats.json'), { force: true });
const inlined = inlineEarlyScript(join(to, 'browser'), stats);
const inlinedStyles = inlineStylesheet(join(to, 'browser'));
const preloading = preloadLazyDeps(join(to, 'browser'));
let marked = 0;
for (const file of scripts(to)) {
  const code = readFileSync(file, 'utf8');
  if (code.startsWith(HINT)) continue;
  writeFileSync(file, HINT + code);
  marked++;
}
console.log(`compile hints: ${marked} scripts in ${to} marked for eager compilation`);
console.log(
  `early script: ${inlined ?? 'none'} inlined into index.html${stats ? ', with the preload of the opened page' : ''}`,
);
console.log(`stylesheet: ${inlinedStyles ?? 'none'} inlined into index.html`);
console.log(`lazy chunks: ${preloading} dynamic imports now start their chunk's shared code with it`);
