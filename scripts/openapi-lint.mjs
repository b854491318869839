#!/usr/bin/env node
// OWASP API security lint of the OpenAPI document the built API serves. Boots the built app exactly as
// `npm start` does (embedded PostgreSQL in a throw-away folder, free ports), fetches /api/docs-json into
// dist/security/openapi.json, stops the app, and runs `spectral lint` with .spectral.yaml (the
// @stoplight/spectral-owasp-ruleset plus our documented exceptions). Fails on any error-severity finding.
// Build first: `nx run api:build`. Usage: node scripts/openapi-lint.mjs [--skip-boot] (reuses the JSON).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const OUT = join(ROOT, 'dist/security');
const DOC = join(OUT, 'openapi.json');

const freePort = () =>
  new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });

const fetchText = (url) =>
  new Promise((ok) => {
    const req = get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => ok({ status: 0, body: '' }));
  });

async function writeDocument() {
  if (!existsSync(MAIN)) throw new Error(`No built API at ${MAIN}: run nx run api:build first`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gezinsplan-openapi-'));
  const app = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode}`);
      const res = await fetchText(`http://127.0.0.1:${port}/api/docs-json`);
      if (res.status === 200) {
        mkdirSync(OUT, { recursive: true });
        writeFileSync(DOC, `${JSON.stringify(JSON.parse(res.body), null, 2)}\n`);
        return;
      }
      if (Date.now() > deadline) throw new Error('the app did not serve /api/docs-json within 180 s');
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    app.kill('SIGTERM');
    await new Promise((r) => (app.exitCode !== null ? r() : app.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (!process.argv.includes('--skip-boot')) await writeDocument();
console.log(`OpenAPI document: ${DOC}`);
const spectral = join(ROOT, 'node_modules/.bin/spectral');
const args = ['lint', DOC, '--ruleset', join(ROOT, '.spectral.yaml'), '--fail-severity', 'error'];
const text = spawnSync(spectral, [...args, '--format', 'text'], { cwd: ROOT, encoding: 'utf8' });
writeFileSync(join(OUT, 'openapi-lint.txt'), `${text.stdout}${text.stderr}`);
const result = spawnSync(spectral, [...args, '--format', 'stylish'], { cwd: ROOT, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('OpenAPI OWASP lint: FAILED (errors above; full list in dist/security/openapi-lint.txt)');
  process.exit(1);
}
console.log('OpenAPI OWASP lint: no errors (warnings, if any, are listed above and in dist/security/openapi-lint.txt)');
