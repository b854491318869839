import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text files worth compressing; images and fonts in the build are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/;
/** Not the web app: the API and the live channel. */
const NOT_PAGES = /^\/(?:api|socket\.io)(?:\/|$)/;
/** A page of the web app (`/gezinnen/…/plan`): an address without a file extension, answered with index.html. */
const isPage = (path: string): boolean => !NOT_PAGES.test(path) && !/\.[^/]*$/.test(path);
/** Below this the headers outweigh the saving. */
const MIN_BYTES = 1024;
/** Angular's production build names every script and style after its content hash: main-SQBQXC25.js, chunk-Dag6qO8h.js. */
const HASHED = /-[A-Za-z0-9_-]{8}\.(?:js|mjs|css)$/;

/**
 * Caching for the web app: files named after their content hash never change (a new build has new names), so the
 * browser keeps them for a year without asking; everything else (index.html for every page, the favicon) is
 * revalidated on each load, so a new deployment is picked up at once. Used as serve-static's setHeaders.
 */
export function setWebCacheHeaders(res: Response, path: string): void {
  res.setHeader('Cache-Control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

interface Compressed {
  type: string;
  /** The file's version (a hash of its content), for revalidation: index.html is `no-cache`, so asked again. */
  tag: string;
  br: Buffer;
  gzip: Buffer;
}

/**
 * Serves the web app's text files brotli- or gzip-compressed (whichever the browser accepts), compressed once
 * per file and kept in memory: the build is immutable while the server runs. That includes index.html for every
 * page address, the first thing a phone waits for. Anything else (no match, a small file, no Accept-Encoding)
 * falls through to the static file server.
 * Compression starts in the background at boot, so the first visitor does not wait for it.
 */
export function compressedWebAssets(webRoot: string): (req: Request, res: Response, next: NextFunction) => void {
  const root = resolve(webRoot);
  const cache = new Map<string, Promise<Compressed | null>>();
  const load = (file: string): Promise<Compressed | null> => {
    let entry = cache.get(file);
    if (!entry) {
      entry = readFile(file)
        .then(async (raw) =>
          raw.length < MIN_BYTES
            ? null
            : {
                type: extname(file),
                tag: createHash('sha256').update(raw).digest('base64url').slice(0, 22),
                br: await brotli(raw, {
                  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
                }),
                gzip: await gz(raw, { level: 9 }),
              },
        )
        .catch(() => null);
      cache.set(file, entry);
    }
    return entry;
  };
  for (const file of listFiles(root)) if (COMPRESSIBLE.test(file)) void load(file);

  return (req, res, next) => {
    const page = isPage(req.path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !(page || COMPRESSIBLE.test(req.path))) return next();
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    let file: string;
    try {
      file = page ? join(root, 'index.html') : resolve(root, `.${decodeURIComponent(req.path)}`);
    } catch {
      return next();
    }
    if (!encoding || !file.startsWith(root + sep)) return next();
    load(file).then((entry) => {
      if (!entry) return next();
      const body = entry[encoding];
      // One ETag per encoding (the bytes differ); a browser that has this version gets a 304 and no body.
      const etag = `"${entry.tag}-${encoding}"`;
      res.setHeader('ETag', etag);
      res.setHeader('Vary', 'Accept-Encoding');
      setWebCacheHeaders(res, file);
      if (req.headers['if-none-match'] === etag) {
        res.status(304).end();
        return;
      }
      res.type(entry.type);
      res.setHeader('Content-Encoding', encoding);
      res.setHeader('Content-Length', body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
    }, next);
  };
}

/**
 * The Content-Security-Policy sources that allow the inline scripts of the web app's index.html, and only those: the
 * early script (apps/web/src/early/resume.js) is put into the page by the build (scripts/inline-early.mjs) so that
 * it runs without waiting for a request of its own. Each is allowed by its SHA-256 hash, never with 'unsafe-inline'.
 */
export function inlineScriptHashes(webRoot: string): string[] {
  let html: string;
  try {
    html = readFileSync(join(webRoot, 'index.html'), 'utf8');
  } catch {
    return [];
  }
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
  } catch {
    return [];
  }
}
