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
});
