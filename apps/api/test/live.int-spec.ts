import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { LiveService } from '../src/modules/live/live.service';
import { createFamily, familyId, involve, organisationId, userId } from './support/fixtures';
import { join, leave, LiveClients, nextEvent, record, roundTrip, viewerIds } from './support/live-client';
import { logoutWith, sessionCookiesOf } from './support/session';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let port: number;
const clients = new LiveClients();
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const EMAILS = [
  'toegang@heerlen.demo',
  'zorg@horizon.demo',
  'ouder@devries.demo',
  'zorg@kompas.demo',
  'beleid@zuidlimburg.demo',
];

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen(0, '127.0.0.1');
  port = (t.http.address() as AddressInfo).port;
  for (const email of EMAILS) {
    tokens[email] = await t.token(email);
    ids[email] = await userId(t.ds, email);
  }
});
afterEach(() => clients.closeAll());
afterAll(() => t.close());

const connectAs = (email: string) => clients.connect(port, { token: tokens[email] });

/** Audit rows of the live channel for one user and family, written after `afterId`. */
async function liveAudit(afterId: string, email: string, family: string) {
  const rows: { action: string; result: string; basis: string | null; user_role: string }[] = await t.ds.query(
    `SELECT action, result, basis, user_role FROM audit_log
      WHERE id > $1 AND resource = 'live' AND user_id = $2 AND family_id = $3 ORDER BY id`,
    [afterId, ids[email], family],
  );
  return rows;
}

async function lastAuditId(): Promise<string> {
  const [row]: { id: string | null }[] = await t.ds.query('SELECT max(id)::text AS id FROM audit_log');
  return row.id ?? '0';
}

/** A Heerlen family of our own (the demo families stay as the README describes) that Horizon works with. */
async function heerlenFamilyWithHorizon(): Promise<{ family: string; involvement: string }> {
  const family = await createFamily(t.ds, { municipality: 'Heerlen' });
  const involvement = await involve(t.ds, family, await organisationId(t.ds, 'Horizon Jeugdhulp'));
  return { family, involvement };
}

async function renameFamily(family: string, email: string): Promise<number> {
  const read = await request(t.http).get(`/api/families/${family}`).set('Authorization', `Bearer ${tokens[email]}`);
  expect(read.status).toBe(200);
  const res = await request(t.http)
    .patch(`/api/families/${family}`)
    .set('Authorization', `Bearer ${tokens[email]}`)
    .set('If-Match', read.headers.etag as string)
    .send({ displayName: `Testgezin ${randomUUID().slice(0, 8)}` });
  expect(res.status).toBe(200);
  return (res.body as { version: number }).version;
}

describe('connecting to /live', () => {
  const jwt = new JwtService();
  /** The claims of a real session (its `sid` is live), re-signed below with the options under test. */
  const claims = () => {
    const { iat, exp, iss, aud, ...rest } = jwt.decode<Record<string, unknown>>(tokens['zorg@horizon.demo']);
    void [iat, exp, iss, aud];
    return rest;
  };
  const sign = (options: { secret?: string; audience?: string; expiresIn?: number }, extra = {}) =>
    jwt.sign(
      { ...claims(), ...extra },
      {
        secret: options.secret ?? (t.env.JWT_SECRET as string),
        algorithm: 'HS256',
        issuer: 'gezinsplan',
        audience: options.audience ?? 'gezinsplan-api',
        expiresIn: options.expiresIn ?? 60,
      },
    );

  it('refuses a connection without a token with a clear UNAUTHENTICATED error', async () => {
    for (const auth of [undefined, {}, { token: '' }, { token: 42 }]) {
      const err = await clients.refused(port, auth);
      expect(err.message).toMatch(/^Log in first/);
      expect(err.data).toEqual({ code: 'UNAUTHENTICATED', message: err.message });
    }
  });

  it('refuses bad tokens: garbage, wrong key, wrong audience, expired, unsigned', async () => {
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ ...claims(), iss: 'gezinsplan', aud: 'gezinsplan-api' }),
    ).toString('base64url')}.`;
    const bad = [
      'not-a-token',
      sign({ secret: 'another-secret-that-is-long-enough-0123456789' }),
      sign({ audience: 'someone-else' }),
      sign({ expiresIn: -10 }),
      sign({}, { sid: randomUUID() }), // properly signed, but no such session
      unsigned,
    ];
    for (const token of bad) {
      const err = await clients.refused(port, { token });
      expect(err.data?.code).toBe('UNAUTHENTICATED');
    }
    // the same claims, properly signed, are accepted: the refusals above are about the token alone
    const socket = await clients.connect(port, { token: sign({}) });
    expect(socket.connected).toBe(true);
  });

  it('refuses the token of a session that has ended (logout), like the REST API', async () => {
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email: 'zorg@kompas.demo', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const token = (login.body as { accessToken: string }).accessToken;
    (await clients.connect(port, { token })).disconnect();
    expect((await logoutWith(t.http, sessionCookiesOf(login))).status).toBe(204);
    const err = await clients.refused(port, { token });
    expect(err.data?.code).toBe('UNAUTHENTICATED');
  });

  it('disconnects a socket when its access token expires, after telling it so', async () => {
    // JWT expiry counts whole seconds: 3 s leaves at least 2 s to connect, even on a loaded machine.
    const socket = await clients.connect(port, { token: sign({ expiresIn: 3 }) });
    const expired = nextEvent(socket, 'session-expired');
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await expired;
    expect(await reason).toBe('io server disconnect');
  });

  it('accepts the access token the REST API hands out', async () => {
    const socket = await connectAs('zorg@horizon.demo');
    expect(socket.connected).toBe(true);
  });
});

describe('joining a family', () => {
  it('lets in exactly who may see "De Vries", each with an audit row on the right basis', async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const before = await lastAuditId();
    const expected: Record<string, string> = {
      'zorg@horizon.demo': 'involvement-consent',
      'toegang@heerlen.demo': 'regisseur',
      'ouder@devries.demo': 'own-family',
    };
    for (const [email, basis] of Object.entries(expected)) {
      const socket = await connectAs(email);
      const ack = await join(socket, deVries);
      expect(ack).toEqual({ ok: true, familyId: deVries, viewers: expect.any(Array) });
      if (!ack.ok) continue;
      expect(ack.viewers.map((v) => v.userId)).toContain(ids[email]);
      expect(await liveAudit(before, email, deVries)).toEqual([
        { action: 'read', result: 'success', basis, user_role: expect.any(String) },
      ]);
    }
  });

  it('refuses others with NOT_FOUND, exactly like a family that does not exist, and logs the refusal', async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const before = await lastAuditId();
    const notFound = { ok: false, code: 'NOT_FOUND', message: 'Family not found' };
    for (const email of ['zorg@kompas.demo', 'beleid@zuidlimburg.demo']) {
      const socket = await connectAs(email);
      expect(await join(socket, deVries)).toEqual(notFound);
      expect(await join(socket, randomUUID())).toEqual(notFound);
      expect(await liveAudit(before, email, deVries)).toEqual([
        { action: 'read', result: 'denied', basis: null, user_role: email.startsWith('zorg') ? 'provider' : 'policy' },
      ]);
    }
  });

  it('refuses a familyId that is not a UUID', async () => {
    const socket = await connectAs('toegang@heerlen.demo');
    for (const bad of ['De Vries', 42, undefined]) {
      expect(await join(socket, bad)).toEqual({
        ok: false,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input: familyId',
        details: [{ field: 'familyId', messages: ['familyId must be a UUID'] }],
      });
    }
  });

  it('never sends anything of a family to a socket whose join was refused', async () => {
    const { family } = await heerlenFamilyWithHorizon();
    const viewer = await connectAs('toegang@heerlen.demo');
    const outsider = await connectAs('zorg@kompas.demo');
    expect((await join(viewer, family)).ok).toBe(true);
    expect((await join(outsider, family)).ok).toBe(false);
    const outsiderChanges = record(outsider, 'change');
    const outsiderPresence = record(outsider, 'presence');
    const seen = nextEvent(viewer, 'change', (c) => c.familyId === family);
    await renameFamily(family, 'toegang@heerlen.demo');
    await seen;
    await roundTrip(outsider);
    expect(outsiderChanges).toEqual([]);
    expect(outsiderPresence).toEqual([]);
  });
});

describe('presence', () => {
  it('tells everyone in the room who is looking, one entry per user, and updates on leave and disconnect', async () => {
    const { family } = await heerlenFamilyWithHorizon();
    const regisseur = await connectAs('toegang@heerlen.demo');
    const first = await join(regisseur, family);
    expect(first).toEqual({
      ok: true,
      familyId: family,
      viewers: [{ userId: ids['toegang@heerlen.demo'], displayName: expect.any(String), role: 'access_team' }],
    });

    const both = [ids['toegang@heerlen.demo'], ids['zorg@horizon.demo']].sort();
    const regisseurSeesBoth = nextEvent(regisseur, 'presence', (p) => viewerIds(p.viewers).join() === both.join());
    const providerTab1 = await connectAs('zorg@horizon.demo');
    const providerJoin = await join(providerTab1, family);
    expect(providerJoin.ok && viewerIds(providerJoin.viewers)).toEqual(both);
    const presence = await regisseurSeesBoth;
    expect(presence.familyId).toBe(family);
    expect(presence.viewers).toEqual(
      expect.arrayContaining([
        { userId: ids['zorg@horizon.demo'], displayName: expect.any(String), role: 'provider' },
        { userId: ids['toegang@heerlen.demo'], displayName: expect.any(String), role: 'access_team' },
      ]),
    );

    // a second tab of the same user is still one viewer
    const providerTab2 = await connectAs('zorg@horizon.demo');
    const secondTab = await join(providerTab2, family);
    expect(secondTab.ok && viewerIds(secondTab.viewers)).toEqual(both);

    // leaving with one tab: the other tab keeps the user present
    expect(await leave(providerTab1, family)).toEqual({ ok: true, familyId: family });
    expect(viewerIds(await t.app.get(LiveService).viewers(family))).toEqual(both);

    // disconnecting the last tab: the regisseur is told the provider is gone
    const regisseurAlone = nextEvent(
      regisseur,
      'presence',
      (p) => viewerIds(p.viewers).join() === ids['toegang@heerlen.demo'],
    );
    providerTab2.disconnect();
    expect((await regisseurAlone).familyId).toBe(family);
  });
});

describe('changes', () => {
  it('reaches the other viewers when a family is changed through REST, with the new version and who did it', async () => {
    const { family } = await heerlenFamilyWithHorizon();
    const regisseur = await connectAs('toegang@heerlen.demo');
    const provider = await connectAs('zorg@horizon.demo');
    expect((await join(regisseur, family)).ok).toBe(true);
    expect((await join(provider, family)).ok).toBe(true);

    const providerHears = nextEvent(provider, 'change', (c) => c.familyId === family);
    const regisseurHears = nextEvent(regisseur, 'change', (c) => c.familyId === family);
    const version = await renameFamily(family, 'toegang@heerlen.demo');
    const change = await providerHears;
    expect(change).toEqual({
      familyId: family,
      item: { type: 'family', id: family },
      version,
      action: 'updated',
      by: { userId: ids['toegang@heerlen.demo'], displayName: expect.any(String) },
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(Date.now() - Date.parse(change.at)).toBeLessThan(60_000);
    // the sender hears it too, and can recognise its own change by `by.userId`
    expect(await regisseurHears).toEqual(change);
  });
});

describe('revalidateFamily', () => {
  it('takes out a provider whose consent was withdrawn: access-revoked, gone from presence, no more changes', async () => {
    const { family, involvement } = await heerlenFamilyWithHorizon();
    const regisseur = await connectAs('toegang@heerlen.demo');
    const provider = await connectAs('zorg@horizon.demo');
    expect((await join(regisseur, family)).ok).toBe(true);
    expect((await join(provider, family)).ok).toBe(true);

    await t.ds.query('UPDATE involvement SET consent_withdrawn_at = now() WHERE id = $1', [involvement]);
    const revoked = nextEvent(provider, 'access-revoked');
    const regisseurAlone = nextEvent(
      regisseur,
      'presence',
      (p) => p.familyId === family && viewerIds(p.viewers).join() === ids['toegang@heerlen.demo'],
    );
    expect(await t.app.get(LiveService).revalidateFamily(family)).toEqual({ checked: 2, revoked: 1 });
    expect(await revoked).toEqual({ familyId: family });
    await regisseurAlone;

    const providerChanges = record(provider, 'change');
    const regisseurHears = nextEvent(regisseur, 'change', (c) => c.familyId === family);
    const version = await renameFamily(family, 'toegang@heerlen.demo');
    expect((await regisseurHears).version).toBe(version);
    await roundTrip(provider); // anything sent to the provider along with the regisseur's copy has arrived now
    expect(providerChanges).toEqual([]);

    expect(await join(provider, family)).toEqual({ ok: false, code: 'NOT_FOUND', message: 'Family not found' });
  });

  it('leaves sockets that still have access alone', async () => {
    const { family } = await heerlenFamilyWithHorizon();
    const provider = await connectAs('zorg@horizon.demo');
    expect((await join(provider, family)).ok).toBe(true);
    expect(await t.app.get(LiveService).revalidateFamily(family)).toEqual({ checked: 1, revoked: 0 });
    expect(viewerIds(await t.app.get(LiveService).viewers(family))).toEqual([ids['zorg@horizon.demo']]);
  });
});
