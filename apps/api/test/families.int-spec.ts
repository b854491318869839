import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { auditRowsFor, createFamily, familyId, involve, organisationId, userId } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
const tokens: Record<string, string> = {};
const bearer = (email: string) => ({ Authorization: `Bearer ${tokens[email]}` });
const DEMO = [
  'toegang@heerlen.demo',
  'toegang@maastricht.demo',
  'zorg@horizon.demo',
  'zorg@kompas.demo',
  'gi@jeugdbescherming.demo',
  'ouder@devries.demo',
  'jeugd@devries.demo',
  'ouder@janssen.demo',
  'beleid@zuidlimburg.demo',
  'beheer@gezinsplan.demo',
];

beforeAll(async () => {
  t = await startTestApp();
  for (const email of DEMO) tokens[email] = await t.token(email);
});
afterAll(() => t.close());

async function visibleDemoFamilies(email: string): Promise<string[] | number> {
  const res = await request(t.http).get('/api/families?limit=200').set(bearer(email));
  if (res.status !== 200) return res.status;
  const demo = new Set(['De Vries', 'Janssen', 'Bakker', 'El Amrani']);
  return (res.body.items as { displayName: string }[])
    .map((f) => f.displayName)
    .filter((n) => demo.has(n))
    .sort();
}

describe('record-level isolation', () => {
  it('shows every demo role exactly the families it may see', async () => {
    const seen: Record<string, string[] | number> = {};
    for (const email of DEMO) seen[email] = await visibleDemoFamilies(email);
    expect(seen).toEqual({
      'toegang@heerlen.demo': ['Bakker', 'De Vries'],
      'toegang@maastricht.demo': ['El Amrani', 'Janssen'],
      'zorg@horizon.demo': ['De Vries'], // Bakker's consent for Horizon was withdrawn
      'zorg@kompas.demo': ['Janssen'],
      'gi@jeugdbescherming.demo': ['Bakker'],
      'ouder@devries.demo': ['De Vries'],
      'jeugd@devries.demo': ['De Vries'],
      'ouder@janssen.demo': ['Janssen'],
      'beleid@zuidlimburg.demo': 403, // aggregates only, never case data
      'beheer@gezinsplan.demo': 403,
    });
  });

  it('answers a family that is not yours exactly like one that does not exist', async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const notYours = await request(t.http).get(`/api/families/${deVries}`).set(bearer('zorg@kompas.demo'));
    const missing = await request(t.http).get(`/api/families/${randomUUID()}`).set(bearer('zorg@kompas.demo'));
    expect(notYours.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(notYours.body).toEqual(missing.body);
    expect(notYours.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Family not found' });
  });

  it('lets a provider in only while the family consents, and out at once when consent is withdrawn', async () => {
    const kompas = await organisationId(t.ds, 'Kompas Gezinsbegeleiding');
    const family = await createFamily(t.ds, { municipality: 'Kerkrade' });
    const get = () => request(t.http).get(`/api/families/${family}`).set(bearer('zorg@kompas.demo'));
    expect((await get()).status).toBe(404);
    const involvement = await involve(t.ds, family, kompas, false);
    expect((await get()).status).toBe(404); // involved, but no consent yet
    await t.ds.query(`UPDATE involvement SET consent_given_at = now(), consent_given_by = 'ouder' WHERE id = $1`, [
      involvement,
    ]);
    expect((await get()).status).toBe(200);
    await t.ds.query(`UPDATE involvement SET consent_withdrawn_at = now() WHERE id = $1`, [involvement]);
    expect((await get()).status).toBe(404); // same token, access ended immediately
  });

  it('gives a youth under 12 no access to the family file', async () => {
    const family = await familyId(t.ds, 'De Vries');
    const noah = await userId(t.ds, 'jeugd@devries.demo');
    const ok = await request(t.http).get(`/api/families/${family}`).set(bearer('jeugd@devries.demo'));
    expect(ok.status).toBe(200);
    await t.ds.query(
      `UPDATE family_member SET birth_date = current_date - interval '11 years' WHERE id = (SELECT family_member_id FROM app_user WHERE id = $1)`,
      [noah],
    );
    try {
      const tooYoung = await request(t.http).get(`/api/families/${family}`).set(bearer('jeugd@devries.demo'));
      expect(tooYoung.status).toBe(404);
    } finally {
      await t.ds.query(
        `UPDATE family_member SET birth_date = '2012-05-14' WHERE id = (SELECT family_member_id FROM app_user WHERE id = $1)`,
        [noah],
      );
    }
  });
});

describe('audit log of case data', () => {
  it('appends a row for a read, with who, which family, basis, origin and result', async () => {
    const family = await familyId(t.ds, 'De Vries');
    const rid = `read-${randomUUID()}`;
    const res = await request(t.http)
      .get(`/api/families/${family}`)
      .set(bearer('zorg@horizon.demo'))
      .set('X-Request-Id', rid);
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe(rid);
    const rows = await auditRowsFor(t.ds, rid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: await userId(t.ds, 'zorg@horizon.demo'),
      user_role: 'provider',
      organisation_id: await organisationId(t.ds, 'Horizon Jeugdhulp'),
      family_id: family,
      resource: 'family',
      action: 'read',
      result: 'success',
      basis: 'involvement-consent',
    });
    expect(rows[0].ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('logs refused reads too', async () => {
    const family = await familyId(t.ds, 'De Vries');
    const rid = `denied-${randomUUID()}`;
    await request(t.http)
      .get(`/api/families/${family}`)
      .set(bearer('zorg@kompas.demo'))
      .set('X-Request-Id', rid)
      .expect(404);
    const rows = await auditRowsFor(t.ds, rid);
    expect(rows.map((r) => [r.family_id, r.action, r.result])).toEqual([[family, 'read', 'denied']]);
  });

  it('logs one row per family shown in a list', async () => {
    const rid = `list-${randomUUID()}`;
    const res = await request(t.http)
      .get('/api/families?q=e')
      .set(bearer('toegang@heerlen.demo'))
      .set('X-Request-Id', rid);
    const rows = await auditRowsFor(t.ds, rid);
    expect(rows.map((r) => r.family_id).sort()).toEqual((res.body.items as { id: string }[]).map((f) => f.id).sort());
    const basisOf = (id: string) => rows.find((r) => r.family_id === id && r.action === 'list')?.basis;
    expect(basisOf(await familyId(t.ds, 'De Vries'))).toBe('regisseur'); // Fleur is its regisseur
    expect(basisOf(await familyId(t.ds, 'Bakker'))).toBe('municipality');
  });

  it('logs a write in the same transaction as the change', async () => {
    const family = await createFamily(t.ds, { municipality: 'Heerlen' });
    const rid = `write-${randomUUID()}`;
    await request(t.http)
      .patch(`/api/families/${family}`)
      .set(bearer('toegang@heerlen.demo'))
      .set('If-Match', '"1"')
      .set('X-Request-Id', rid)
      .send({ displayName: 'Gezin Meertens' })
      .expect(200);
    const rows = await auditRowsFor(t.ds, rid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ family_id: family, action: 'update', result: 'success', basis: 'municipality' });
    expect(rows[0].details).toMatchObject({ fields: ['displayName'], expectedVersion: 1, currentVersion: 2 });
  });

  it('cannot be changed or removed, not even by the application database user', async () => {
    const [{ id }]: { id: string }[] = await t.ds.query('SELECT id FROM audit_log ORDER BY id LIMIT 1');
    await expect(t.ds.query(`UPDATE audit_log SET result = 'success' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.ds.query(`DELETE FROM audit_log WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const [{ count }]: { count: string }[] = await t.ds.query('SELECT count(*) FROM audit_log WHERE id = $1', [id]);
    expect(count).toBe('1');
  });
});

describe('who looked at our file (access log)', () => {
  it("shows the family's parent who read their file, with name and organisation", async () => {
    const family = await familyId(t.ds, 'De Vries');
    await request(t.http).get(`/api/families/${family}`).set(bearer('zorg@horizon.demo')).expect(200);
    const res = await request(t.http)
      .get(`/api/families/${family}/access-log?limit=200`)
      .set(bearer('ouder@devries.demo'));
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    const horizonRead = (
      res.body.items as { actor: { displayName: string; organisation: string }; action: string; resource: string }[]
    ).find((e) => e.actor.displayName === 'Jolien Bakker' && e.action === 'read' && e.resource === 'family');
    expect(horizonRead?.actor.organisation).toBe('Horizon Jeugdhulp');
  });

  it('is open to the regisseur, closed to other professionals, and 404 for another family', async () => {
    const family = await familyId(t.ds, 'De Vries');
    const path = `/api/families/${family}/access-log`;
    expect((await request(t.http).get(path).set(bearer('toegang@heerlen.demo'))).status).toBe(200); // Fleur is regisseur
    expect((await request(t.http).get(path).set(bearer('zorg@horizon.demo'))).status).toBe(403);
    expect((await request(t.http).get(path).set(bearer('jeugd@devries.demo'))).status).toBe(403);
    expect((await request(t.http).get(path).set(bearer('ouder@janssen.demo'))).status).toBe(404);
  });
});

describe('optimistic concurrency on families', () => {
  it('sends the version as ETag and needs If-Match to update', async () => {
    const family = await createFamily(t.ds);
    const get = await request(t.http).get(`/api/families/${family}`).set(bearer('toegang@heerlen.demo'));
    expect(get.headers.etag).toBe('"1"');
    const noIfMatch = await request(t.http)
      .patch(`/api/families/${family}`)
      .set(bearer('toegang@heerlen.demo'))
      .send({ displayName: 'X' });
    expect(noIfMatch.status).toBe(428);
    expect(noIfMatch.body.code).toBe('PRECONDITION_REQUIRED');
    const ok = await request(t.http)
      .patch(`/api/families/${family}`)
      .set(bearer('toegang@heerlen.demo'))
      .set('If-Match', get.headers.etag)
      .send({ displayName: '  Gezin Willems  ' });
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.body).toMatchObject({ displayName: 'Gezin Willems', version: 2 });
  });

  it('answers a stale version with 409 and the current state, and changes nothing', async () => {
    const family = await createFamily(t.ds, { displayName: 'Gezin Peters' });
    const patch = (ifMatch: string, displayName: string) =>
      request(t.http)
        .patch(`/api/families/${family}`)
        .set(bearer('toegang@heerlen.demo'))
        .set('If-Match', ifMatch)
        .send({ displayName });
    await patch('"1"', 'Gezin Peters-Hoens').expect(200);
    const stale = await patch('"1"', 'Overschreven?');
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      statusCode: 409,
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 2, current: { id: family, displayName: 'Gezin Peters-Hoens', version: 2 } },
    });
    const [row]: { display_name: string; version: number }[] = await t.ds.query(
      'SELECT display_name, version FROM family WHERE id = $1',
      [family],
    );
    expect(row).toEqual({ display_name: 'Gezin Peters-Hoens', version: 2 });
  });

  it('lets exactly one of many simultaneous updates of the same version win', async () => {
    const family = await createFamily(t.ds);
    const attempts = Array.from({ length: 20 }, (_, i) =>
      request(t.http)
        .patch(`/api/families/${family}`)
        .set(bearer('toegang@heerlen.demo'))
        .set('If-Match', '"1"')
        .send({ displayName: `Poging ${i}` }),
    );
    const results = await Promise.all(attempts);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = results.find((r) => r.status === 200)?.body.displayName;
    const [row]: { display_name: string; version: number }[] = await t.ds.query(
      'SELECT display_name, version FROM family WHERE id = $1',
      [family],
    );
    expect(row).toEqual({ display_name: winner, version: 2 });
  });

  it('loses no update when many editors read-modify-write at once and retry on 409', async () => {
    const family = await createFamily(t.ds, { displayName: 'G' });
    const editors = Array.from({ length: 8 }, (_, i) => `e${i}`);
    const edit = async (tag: string) => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const cur = await request(t.http).get(`/api/families/${family}`).set(bearer('toegang@heerlen.demo'));
        const res = await request(t.http)
          .patch(`/api/families/${family}`)
          .set(bearer('toegang@heerlen.demo'))
          .set('If-Match', cur.headers.etag)
          .send({ displayName: `${cur.body.displayName}-${tag}` });
        if (res.status === 200) return attempt;
        expect(res.status).toBe(409);
      }
      throw new Error(`${tag} never got through`);
    };
    await Promise.all(editors.map(edit));
    const [row]: { display_name: string; version: number }[] = await t.ds.query(
      'SELECT display_name, version FROM family WHERE id = $1',
      [family],
    );
    expect(row.version).toBe(1 + editors.length);
    expect(row.display_name.split('-').slice(1).sort()).toEqual(editors);
  });

  it('tells the regisseur when someone else renames the family', async () => {
    const ingrid = await userId(t.ds, 'gi@jeugdbescherming.demo');
    const family = await createFamily(t.ds, { municipality: 'Heerlen', regisseurUserId: ingrid });
    await request(t.http)
      .patch(`/api/families/${family}`)
      .set(bearer('toegang@heerlen.demo'))
      .set('If-Match', '"1"')
      .send({ displayName: 'Gezin Wetzels' })
      .expect(200);
    const notes = await request(t.http).get('/api/notifications').set(bearer('gi@jeugdbescherming.demo'));
    expect(
      notes.body.filter((n: { familyId: string }) => n.familyId === family).map((n: { message: string }) => n.message),
    ).toEqual(['Fleur Hendriks: heeft de naam van het gezin gewijzigd in "Gezin Wetzels"']);
  });

  it('lets only the access team of the family change it', async () => {
    const family = await familyId(t.ds, 'Janssen');
    const asProvider = await request(t.http)
      .patch(`/api/families/${family}`)
      .set(bearer('zorg@kompas.demo'))
      .set('If-Match', '"1"')
      .send({ displayName: 'X' });
    expect(asProvider.status).toBe(403);
    const otherMunicipality = await request(t.http)
      .patch(`/api/families/${family}`)
      .set(bearer('toegang@heerlen.demo'))
      .set('If-Match', '"1"')
      .send({ displayName: 'X' });
    expect(otherMunicipality.status).toBe(404);
    const [row]: { display_name: string }[] = await t.ds.query('SELECT display_name FROM family WHERE id = $1', [
      family,
    ]);
    expect(row.display_name).toBe('Janssen');
  });
});

describe('bad input on families', () => {
  it('answers 400 naming each bad field, and changes nothing', async () => {
    const family = await createFamily(t.ds, { displayName: 'Gezin Smits' });
    const res = await request(t.http)
      .patch(`/api/families/${family}`)
      .set(bearer('toegang@heerlen.demo'))
      .set('If-Match', '"1"')
      .send({ displayName: '   ', municipality: 'Vaals' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['displayName', 'municipality']);
    const [row]: { display_name: string; municipality: string; version: number }[] = await t.ds.query(
      'SELECT display_name, municipality, version FROM family WHERE id = $1',
      [family],
    );
    expect(row).toEqual({ display_name: 'Gezin Smits', municipality: 'Heerlen', version: 1 });
  });

  it.each([
    ['a non-UUID id', '/api/families/123', 'id'],
    ['a limit above 200', '/api/families?limit=500', 'limit'],
    ['a negative offset', '/api/families?offset=-1', 'offset'],
  ])('answers 400 for %s', async (_what, path, field) => {
    const res = await request(t.http).get(path).set(bearer('toegang@heerlen.demo'));
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers 400 for an If-Match that is not a quoted version, and 400 for an empty change', async () => {
    const family = await createFamily(t.ds);
    const badIfMatch = await request(t.http)
      .patch(`/api/families/${family}`)
      .set(bearer('toegang@heerlen.demo'))
      .set('If-Match', '1')
      .send({ displayName: 'X' });
    expect([badIfMatch.status, badIfMatch.body.code]).toEqual([400, 'INVALID_PRECONDITION']);
    const empty = await request(t.http)
      .patch(`/api/families/${family}`)
      .set(bearer('toegang@heerlen.demo'))
      .set('If-Match', '"1"')
      .send({});
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
