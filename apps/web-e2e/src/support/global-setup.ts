import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

declare global {
  var __GEZINSPLAN_E2E_SERVER__: ChildProcess | undefined;
}

const ROOT = resolve(__dirname, '../../../..');
const MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');

/** Starts the built product exactly as `npm start` does, on free ports and a throw-away data folder. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(MAIN) || !existsSync(join(ROOT, 'dist/apps/web/browser/index.html'))) {
    throw new Error('Build first: nx run-many -t build -p api web (the e2e target does this)');
  }
  const port = await freePort();
  const server = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: '',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gezinsplan-e2e-')),
      EMBEDDED_PG_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  globalThis.__GEZINSPLAN_E2E_SERVER__ = server;
  const base = `http://localhost:${port}`;
  await waitForHealth(base, server);
  process.env.E2E_BASE_URL = base;
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app exited with code ${server.exitCode}`);
    if ((await healthStatus(`${base}/api/health`)) === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the app did not become healthy within 180 s');
}

/** A one-off request without keep-alive, so no socket keeps Jest's main process alive afterwards. */
function healthStatus(url: string): Promise<number> {
  return new Promise((resolveStatus) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolveStatus(res.statusCode ?? 0);
    });
    req.on('error', () => resolveStatus(0));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
