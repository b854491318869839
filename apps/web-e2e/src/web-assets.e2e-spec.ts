import { createHash } from 'node:crypto';
import { baseUrl } from './support/browser';

/**
 * How the built web app is served (the production build from `nx run web:build`, by the API on one port): the
 * scripts compressed, cached for a year under their content-hash names, and marked for eager compilation
 * (scripts/compile-hints.mjs), the page itself revalidated on every load.
 */
describe('the web app as served', () => {
  it('serves each script brotli-compressed, immutable, and with the compile hint on its first line', async () => {
    const page = await fetch(`${baseUrl()}/inloggen`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const initial = [...html.matchAll(/(?:src|href)="((?:main|chunk)-[\w-]+\.js)"/g)].map((m) => m[1]);
    expect(initial.length).toBeGreaterThanOrEqual(2);
    const main = initial.find((name) => name.startsWith('main-'));
    expect(main).toBeDefined();
    const mainCode = await (await fetch(`${baseUrl()}/${main}`)).text();
    // A chunk only a page loads (the router's lazy imports), besides the ones the start needs.
    const lazy = [...mainCode.matchAll(/\.\/(chunk-[\w-]+\.js)/g)].map((m) => m[1]).filter((c) => !initial.includes(c));
    expect(lazy.length).toBeGreaterThan(0);

    for (const name of [...initial, lazy[0]]) {
      const res = await fetch(`${baseUrl()}/${name}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const code = await res.text();
      expect(code.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
      // Brotli for every file big enough to gain from it (fetch decompresses it above).
      if (code.length >= 1024) expect(res.headers.get('content-encoding')).toBe('br');
    }
  });

  it('sends every page compressed, with the app’s stylesheet inside it instead of a request of its own', async () => {
    for (const path of ['/', '/inloggen', '/gezinnen/00000000-0000-4000-8000-000000000000/plan']) {
      const res = await fetch(`${baseUrl()}${path}`, {
        headers: { Accept: 'text/html', 'Accept-Encoding': 'br, gzip' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('br');
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const html = await res.text();
      expect(html).toContain('<gp-root>');
      // The global styles (the design tokens) are in the page; nothing render-blocking is left to fetch.
      expect(html).toMatch(/<style>[^<]*--gp-color-primary:/);
      expect(html).not.toMatch(/rel="stylesheet"/);
      // Asked again (it is no-cache) by a browser that has it: 304, nothing to download.
      const etag = res.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+-br"$/);
      const again = await fetch(`${baseUrl()}${path}`, {
        headers: { Accept: 'text/html', 'Accept-Encoding': 'br, gzip', 'If-None-Match': etag ?? '' },
      });
      expect(again.status).toBe(304);
      // Without Accept-Encoding the same page, uncompressed.
      const plain = await fetch(`${baseUrl()}${path}`, { headers: { 'Accept-Encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe(html);
    }
    // The API and the live channel are not pages: an unknown API address stays a JSON 404.
    const api = await fetch(`${baseUrl()}/api/no-such-thing`, {
      headers: { Accept: 'text/html', 'Accept-Encoding': 'br' },
    });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('puts the early session script into the page, allowed by its hash and nothing else inline', async () => {
    const page = await fetch(`${baseUrl()}/gezinnen`, { headers: { Accept: 'text/html' } });
    const html = await page.text();
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toHaveLength(1);
    expect(inline[0]).toContain('/api/auth/refresh');
    // Not also a file of its own, which would cost the phone the round trip this saves.
    expect(html).not.toMatch(/resume-[\w-]+\.js/);
    const csp = page.headers.get('content-security-policy') ?? '';
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1].split(/\s+/) ?? [];
    const hash = `'sha256-${createHash('sha256').update(inline[0], 'utf8').digest('base64')}'`;
    expect(scriptSrc).toEqual(["'self'", hash]);
  });
});
