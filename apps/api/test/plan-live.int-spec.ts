import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { organisationId } from './support/fixtures';
import { join, LiveClients, nextEvent, record, roundTrip } from './support/live-client';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let port: number;
const clients = new LiveClients();
const tokens: Record<string, string> = {};
const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen(0, '127.0.0.1');
  port = (t.http.address() as AddressInfo).port;
  for (const email of ['toegang@heerlen.demo', 'zorg@horizon.demo']) tokens[email] = await t.token(email);
});
afterAll(async () => {
  await clients.closeAll();
  await t.close();
});

describe('plan changes on the live channel', () => {
  it('pushes committed plan changes to viewers, never a refused one, and revokes a viewer whose consent ends', async () => {
    const api = () => request(t.http);
    const fam = (await api().post('/api/families').set(as('toegang@heerlen.demo')).send({ displayName: 'Gezin Live' }))
      .body.id as string;
    const involvement = (
      await api()
        .post(`/api/families/${fam}/involvements`)
        .set(as('toegang@heerlen.demo'))
        .send({ organisationId: await organisationId(t.ds, 'Horizon Jeugdhulp'), consentGivenBy: 'Moeder' })
    ).body.id as string;
    const goal = (
      await api()
        .post(`/api/families/${fam}/plan/goals`)
        .set(as('toegang@heerlen.demo'))
        .send({ title: 'Rust in huis', lifeDomain: 'parenting' })
    ).body;

    const provider = await clients.connect(port, { token: tokens['zorg@horizon.demo'] });
    expect(await join(provider, fam)).toMatchObject({ ok: true });
    const changes = record(provider, 'change');

    // An accepted edit by the access team reaches the provider, after it is committed.
    const heard = nextEvent(provider, 'change', (c) => c.item.id === goal.id);
    await api()
      .patch(`/api/goals/${goal.id}`)
      .set(as('toegang@heerlen.demo'))
      .set('If-Match', '"1"')
      .send({ title: 'Meer rust in huis' })
      .expect(200);
    const event = await heard;
    expect(event).toMatchObject({
      familyId: fam,
      item: { type: 'goal', id: goal.id },
      version: 2,
      action: 'updated',
      by: { displayName: 'Fleur Hendriks' },
    });
    const reread = await api().get(`/api/families/${fam}/plan`).set(as('zorg@horizon.demo'));
    expect(reread.body.goals[0]).toMatchObject({ title: 'Meer rust in huis', version: 2 });

    // A stale edit is refused and publishes nothing; the next accepted change is the only new event.
    await api()
      .patch(`/api/goals/${goal.id}`)
      .set(as('toegang@heerlen.demo'))
      .set('If-Match', '"1"')
      .send({ title: 'Oud' })
      .expect(409);
    const progressHeard = nextEvent(provider, 'change', (c) => c.item.type === 'progress');
    await api()
      .post(`/api/goals/${goal.id}/progress`)
      .set(as('zorg@horizon.demo'))
      .send({ note: 'Rustige week.', score: 7 })
      .expect(201);
    await progressHeard;
    await roundTrip(provider);
    expect(changes.map((c) => `${c.item.type}:${c.version}`)).toEqual(['goal:2', 'progress:null']);

    // Consent withdrawn through REST: the provider is taken out of the room at once.
    const revoked = nextEvent(provider, 'access-revoked', (e) => e.familyId === fam);
    await api().post(`/api/involvements/${involvement}/consent/withdraw`).set(as('toegang@heerlen.demo')).expect(200);
    await revoked;
    await api()
      .patch(`/api/goals/${goal.id}`)
      .set(as('toegang@heerlen.demo'))
      .set('If-Match', '"2"')
      .send({ title: 'Na intrekking' })
      .expect(200);
    await roundTrip(provider);
    // Whether the withdrawal itself (a reference only) reaches it before it leaves the room is a race; what
    // counts is that nothing after the revocation does.
    expect(changes.map((c) => `${c.item.type}:${c.version}`).filter((c) => c !== 'involvement:null')).toEqual([
      'goal:2',
      'progress:null',
    ]);
  });
});
