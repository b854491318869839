// Loads a lazy chunk's shared code together with the chunk, not after it.
//
// esbuild puts code that several lazy pages share (error texts, the live channel, the HTTP helpers, …) in chunks of
// its own, which a page's chunk imports statically. The browser finds those imports only once the page's chunk has
// arrived, so every page behind a `loadComponent` waited one more round trip before it could draw: on a phone over
// 4G that was about 0.6 s between the plan's chunk and its first render (docs/performance-frontend.md, sixth round).
// This rewrites every `import("./chunk-X.js")` in the build to start X's static imports at the same moment:
//   (import("./chunk-D.js").catch(() => 0), import("./chunk-X.js"))
// The comma expression is still X's promise, so callers (the router's `loadComponent`) are unchanged. A module is
// fetched and evaluated once whoever imports it first, and X's own import of D waits for the same evaluation, so
// the order in which code runs does not change; a failed early import is ignored (X's own import then reports it).
// Only chunks not already loaded by the page (the initial ones in index.html) are listed, transitively.
//
// The file names stay as esbuild hashed them: esbuild's hash of a chunk covers its imports' names, so a changed
// shared chunk still renames every chunk (and importer) that leads to it, and a name always means one content.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// esbuild writes `import{a as b}from"./chunk-X.js"` and `import(`./chunk-X.js`)` (either quote, when minified).
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+from\s*)?["'`]\.\/(chunk-[\w-]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]\.\/(chunk-[\w-]+\.js)["'`]\s*\)/g;

/**
 * The build's chunks in `dir` and, for a chunk, the shared chunks it needs that the page does not load anyway: its
 * static imports, transitively, except those `index.html` names (main and its modulepreloaded chunks).
 */
export function chunkGraph(dir) {
  const files = readdirSync(dir).filter((name) => name.endsWith('.js'));
  const code = new Map(files.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="((?:main|chunk)-[\w-]+\.js)"/g)].map((m) => m[1]));
  const staticDeps = (name) => [...(code.get(name) ?? '').matchAll(STATIC_IMPORT)].map((m) => m[1]);
  const lazyDeps = (name) => {
    const seen = new Set();
    const walk = (file) => {
      for (const dep of staticDeps(file)) {
        if (initial.has(dep) || seen.has(dep)) continue;
        seen.add(dep);
        walk(dep);
      }
    };
    walk(name);
    return [...seen].sort();
  };
  return { code, lazyDeps };
}

/** Rewrites the scripts in `dir` (the browser build) in place; returns how many dynamic imports now preload. */
export function preloadLazyDeps(dir) {
  const { code, lazyDeps } = chunkGraph(dir);
  let rewritten = 0;
  for (const [name, source] of code) {
    const next = source.replace(DYNAMIC_IMPORT, (whole, chunk) => {
      const deps = lazyDeps(chunk);
      if (deps.length === 0) return whole;
      rewritten++;
      return `(${deps.map((dep) => `import("./${dep}").catch(()=>0),`).join('')}${whole})`;
    });
    if (next !== source) writeFileSync(join(dir, name), next);
  }
  return rewritten;
}
