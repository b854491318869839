import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath, resolve } from 'node:path';
import request from 'supertest';
import { LiveService } from '../src/modules/live/live.service';
import { createFamily, involve, organisationId, userId } from './support/fixtures';
import { freePort } from './support/global-setup';
import { join, LiveClients, nextEvent, record, roundTrip, viewerIds } from './support/live-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Two API processes on one database, as in production behind a load balancer: instance A is the app in this
 * test process, instance B is the built server (`dist/.../main.js`, as `npm start` and the Docker image run
 * it) in a child process. Their Socket.IO servers meet through the PostgreSQL adapter.
 */

const MAIN = resolve(__dirname, '../../../dist/apps/api/apps/api/src/main.js');
const BOOT_MS = 60_000;

let a: TestApp;
let portA: number;
let b: { child: ChildProcess; port: number; scratch: string };
const clients = new LiveClients();
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  a = await startTestApp();
  await a.app.listen(0, '127.0.0.1');
  portA = (a.http.address() as AddressInfo).port;
  b = await startInstanceB(a.env.JWT_SECRET as string);
  for (const email of ['toegang@heerlen.demo', 'zorg@horizon.demo']) {
    tokens[email] = await a.token(email);
    ids[email] = await userId(a.ds, email);
  }
}, 2 * BOOT_MS);
afterEach(() => clients.closeAll());
afterAll(async () => {
  try {
    expect(await stopInstanceB()).toBe('closed');
  } finally {
    await a?.close();
  }
});

async function startInstanceB(jwtSecret: string): Promise<typeof b> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the API first (npx nx run api:build)`);
  const port = await freePort();
  const scratch = mkdtempSync(joinPath(tmpdir(), 'gezinsplan-instance-b-'));
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      PORT: String(port),
      JWT_SECRET: jwtSecret,
      FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), // as in test-app.ts
      LIVE_CHANNEL_PREFIX: `gezinsplan-test-${process.pid}`, // the same cluster as instance A
      MIGRATE_ON_BOOT: 'false',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      JOBS_ENABLED: 'false', // the job queue is not what this file is about (scale-out.int-spec.ts covers it)
      DATA_DIR: scratch,
      WEB_DIST_DIR: scratch, // no web app: API only
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`instance B did not start: ${why}\n${output}`));
    };
    const timer = setTimeout(() => fail(`not running after ${BOOT_MS} ms`), BOOT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Gezinsplan is running')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolvePromise({ child, port, scratch });
      }
    };
    const onExit = (code: number | null) => fail(`exited with ${code}`);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/**
 * SIGTERM, as a process manager would: main.ts (and Nest's shutdown hooks) close the app, and with it the
 * adapter, then the process ends. Nest re-raises the signal after closing, so a clean stop ends with the
 * signal or exit code 0/143; SIGKILL only when it hangs.
 */
async function stopInstanceB(): Promise<'closed' | 'killed' | 'not running'> {
  const child = b?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return 'not running';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  child.kill('SIGTERM');
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, 15_000);
  const { code, signal } = await exited;
  clearTimeout(timer);
  rmSync(b.scratch, { recursive: true, force: true });
  return !killed && (code === 0 || code === 143 || signal === 'SIGTERM') ? 'closed' : 'killed';
}

async function heerlenFamilyWithHorizon(): Promise<{ family: string; involvement: string }> {
  const family = await createFamily(a.ds, { municipality: 'Heerlen' });
  const involvement = await involve(a.ds, family, await organisationId(a.ds, 'Horizon Jeugdhulp'));
  return { family, involvement };
}

const connect = (port: number, email: string) => clients.connect(port, { token: tokens[email] });

it('answers REST on instance B, a separate process, with a token from instance A (same secret and database)', async () => {
  expect(b.child.pid).not.toBe(process.pid);
  const res = await request(`http://127.0.0.1:${b.port}`)
    .get('/api/families?limit=1')
    .set('Authorization', `Bearer ${tokens['toegang@heerlen.demo']}`);
  expect(res.status).toBe(200);
});

it('shares presence across instances: joins and disconnects on B are seen on A, and the other way round', async () => {
  const { family } = await heerlenFamilyWithHorizon();
  const onA = await connect(portA, 'toegang@heerlen.demo');
  expect((await join(onA, family)).ok).toBe(true);

  const both = [ids['toegang@heerlen.demo'], ids['zorg@horizon.demo']].sort().join();
  const aSeesBoth = nextEvent(onA, 'presence', (p) => p.familyId === family && viewerIds(p.viewers).join() === both);
  const onB = await connect(b.port, 'zorg@horizon.demo');
  const joined = await join(onB, family);
  // B's answer already counts the viewer connected to A
  expect(joined.ok && viewerIds(joined.viewers).join()).toBe(both);
  await aSeesBoth;

  const aSeesAlone = nextEvent(
    onA,
    'presence',
    (p) => p.familyId === family && viewerIds(p.viewers).join() === ids['toegang@heerlen.demo'],
  );
  onB.disconnect();
  await aSeesAlone;
});

it('delivers a change made through REST on instance A to a viewer connected to instance B', async () => {
  const { family } = await heerlenFamilyWithHorizon();
  const onB = await connect(b.port, 'zorg@horizon.demo');
  expect((await join(onB, family)).ok).toBe(true);

  const bHears = nextEvent(onB, 'change', (c) => c.familyId === family);
  const token = tokens['toegang@heerlen.demo'];
  const read = await request(a.http).get(`/api/families/${family}`).set('Authorization', `Bearer ${token}`);
  const res = await request(a.http)
    .patch(`/api/families/${family}`)
    .set('Authorization', `Bearer ${token}`)
    .set('If-Match', read.headers.etag as string)
    .send({ displayName: 'Gezin Over Twee Servers' });
  expect(res.status).toBe(200);
  expect(await bHears).toEqual({
    familyId: family,
    item: { type: 'family', id: family },
    version: (res.body as { version: number }).version,
    action: 'updated',
    by: { userId: ids['toegang@heerlen.demo'], displayName: expect.any(String) },
    at: expect.any(String),
  });
});

it("revalidates across instances: A's LiveService takes a provider on B out of the room", async () => {
  const { family, involvement } = await heerlenFamilyWithHorizon();
  const providerOnB = await connect(b.port, 'zorg@horizon.demo');
  const regisseurOnB = await connect(b.port, 'toegang@heerlen.demo');
  expect((await join(providerOnB, family)).ok).toBe(true);
  expect((await join(regisseurOnB, family)).ok).toBe(true);

  await a.ds.query('UPDATE involvement SET consent_withdrawn_at = now() WHERE id = $1', [involvement]);
  const revoked = nextEvent(providerOnB, 'access-revoked');
  expect(await a.app.get(LiveService).revalidateFamily(family)).toEqual({ checked: 2, revoked: 1 });
  expect(await revoked).toEqual({ familyId: family });
  expect(viewerIds(await a.app.get(LiveService).viewers(family))).toEqual([ids['toegang@heerlen.demo']]);

  const providerChanges = record(providerOnB, 'change');
  const regisseurHears = nextEvent(regisseurOnB, 'change', (c) => c.familyId === family);
  const token = tokens['toegang@heerlen.demo'];
  const read = await request(a.http).get(`/api/families/${family}`).set('Authorization', `Bearer ${token}`);
  await request(a.http)
    .patch(`/api/families/${family}`)
    .set('Authorization', `Bearer ${token}`)
    .set('If-Match', read.headers.etag as string)
    .send({ displayName: 'Gezin Zonder Horizon' })
    .expect(200);
  await regisseurHears; // B delivered the change to its room, which no longer holds the provider
  await roundTrip(providerOnB);
  expect(providerChanges).toEqual([]);
});
