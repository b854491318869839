import type { CreateUserResponse, OrganisationResponse, TeamResponse, UserResponse } from '@gezinsplan/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { auditRowsFor, createProfessional, organisationId, userId } from './support/fixtures';
import { refreshWith, type SessionCookies, sessionCookiesOf } from './support/session';
import { startTestApp, type TestApp } from './support/test-app';

/** Functional management: organisations, teams and professional accounts, by the admin only, every write logged. */
let t: TestApp;
let admin: string;
let worker: string;
const api = () => request(t.http);
const asAdmin = () => ({ Authorization: `Bearer ${admin}` });
const unique = () => randomUUID().slice(0, 8);
const NEW_PASSWORD = 'Mijn-eigen-wachtwoord-2026';

const login = (email: string, password: string) => api().post('/api/auth/login').send({ email, password });
const refreshCookie = sessionCookiesOf;
const refresh = (cookies: SessionCookies) => refreshWith(t.http, cookies);

async function newOrganisation(body: Record<string, unknown>): Promise<OrganisationResponse> {
  const res = await api().post('/api/organisations').set(asAdmin()).send(body);
  expect(res.status).toBe(201);
  return res.body as OrganisationResponse;
}

async function newUser(body: Record<string, unknown>): Promise<CreateUserResponse> {
  const res = await api().post('/api/users').set(asAdmin()).send(body);
  expect(res.status).toBe(201);
  return res.body as CreateUserResponse;
}

/** An active account with a password, in a fresh access-team organisation. */
async function activatedUser(): Promise<{ user: UserResponse; email: string }> {
  const org = await newOrganisation({ name: `Toegang ${unique()}`, type: 'municipality', municipality: 'Simpelveld' });
  const email = `actief-${unique()}@test.demo`;
  const created = await newUser({ email, displayName: 'Anouk Actief', role: 'access_team', organisationId: org.id });
  await api().post('/api/auth/activate').send({ token: created.activation.token, password: NEW_PASSWORD }).expect(204);
  return { user: { ...created.user, activationPending: false, version: created.user.version + 1 }, email };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.token('beheer@gezinsplan.demo');
  worker = await t.token('toegang@heerlen.demo');
});
afterAll(() => t.close());

describe('organisations', () => {
  it('creates one (municipality by name or CBS code), with its ETag, and logs it', async () => {
    const name = `Gemeente Kerkrade – Toegang ${unique()}`;
    const res = await api()
      .post('/api/organisations')
      .set(asAdmin())
      .set('X-Request-Id', `org-create-${unique()}`)
      .send({ name: `  ${name} `, type: 'municipality', municipality: 'GM0928' });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual({
      id: expect.any(String),
      name,
      type: 'municipality',
      municipality: 'Kerkrade',
      teams: [],
      version: 1,
    });
    expect(await auditRowsFor(t.ds, res.headers['x-request-id'])).toEqual([
      expect.objectContaining({
        resource: 'organisation',
        action: 'create',
        result: 'success',
        user_role: 'admin',
        family_id: null,
      }),
    ]);
    const list = await api().get('/api/organisations').set(asAdmin());
    expect((list.body as OrganisationResponse[]).map((o) => o.name)).toContain(name);
  });

  it('refuses a taken name with 409 ALREADY_EXISTS and bad input with 400, changing nothing', async () => {
    const dup = await api()
      .post('/api/organisations')
      .set(asAdmin())
      .send({ name: 'Horizon Jeugdhulp', type: 'provider' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'ALREADY_EXISTS', details: [{ field: 'name' }] });
    const name = `Ongeldig ${unique()}`;
    for (const [body, field] of [
      [{ name, type: 'ziekenhuis' }, 'type'],
      [{ name, type: 'municipality', municipality: 'Amsterdam' }, 'municipality'],
      [{ name: 'X', type: 'other' }, 'name'],
      [{ name, type: 'other', secret: true }, 'secret'],
    ] as const) {
      const res = await api().post('/api/organisations').set(asAdmin()).send(body);
      expect(res.status).toBe(400);
      expect((res.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
    }
    const [{ count }] = await t.ds.query('SELECT count(*)::int AS count FROM organisation WHERE name = $1', [name]);
    expect(count).toBe(0);
  });

  it('is for admins only', async () => {
    const res = await api()
      .post('/api/organisations')
      .set('Authorization', `Bearer ${worker}`)
      .send({ name: `Niet van mij ${unique()}`, type: 'other' });
    expect(res.status).toBe(403);
    const patch = await api()
      .patch(`/api/organisations/${await organisationId(t.ds, 'Horizon Jeugdhulp')}`)
      .set('Authorization', `Bearer ${worker}`)
      .set('If-Match', '"1"')
      .send({ name: 'Overgenomen' });
    expect(patch.status).toBe(403);
  });

  it('changes one with If-Match: 428 without, 409 with the current state when stale, 404 when unknown', async () => {
    const org = await newOrganisation({ name: `Zorg ${unique()}`, type: 'provider' });
    const path = `/api/organisations/${org.id}`;
    expect((await api().patch(path).set(asAdmin()).send({ name: 'Zonder If-Match' })).status).toBe(428);
    const renamed = await api()
      .patch(path)
      .set(asAdmin())
      .set('If-Match', '"1"')
      .send({ name: `${org.name} BV` });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.etag).toBe('"2"');
    expect(renamed.body).toMatchObject({ name: `${org.name} BV`, version: 2 });
    const stale = await api().patch(path).set(asAdmin()).set('If-Match', '"1"').send({ name: 'Te laat' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 2, current: { name: `${org.name} BV` } },
    });
    const empty = await api().patch(path).set(asAdmin()).set('If-Match', '"2"').send({});
    expect(empty.status).toBe(400);
    const unknown = await api()
      .patch(`/api/organisations/${randomUUID()}`)
      .set(asAdmin())
      .set('If-Match', '"1"')
      .send({ name: 'Niemand' });
    expect(unknown.status).toBe(404);
  });

  it("refuses a change that no longer fits its users' roles (an access team without municipality)", async () => {
    const org = await newOrganisation({ name: `Toegang ${unique()}`, type: 'municipality', municipality: 'Stein' });
    await createProfessional(t.ds, 'access_team', org.id, NEW_PASSWORD);
    const res = await api()
      .patch(`/api/organisations/${org.id}`)
      .set(asAdmin())
      .set('If-Match', '"1"')
      .send({ municipality: null });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNPROCESSABLE', details: [{ field: 'municipality' }] });
    const [row] = await t.ds.query('SELECT municipality, version FROM organisation WHERE id = $1', [org.id]);
    expect(row).toEqual({ municipality: 'Stein', version: 1 });
  });
});

describe('teams', () => {
  it('adds teams to an organisation and lists them', async () => {
    const org = await newOrganisation({ name: `Toegang ${unique()}`, type: 'municipality', municipality: 'Beek' });
    const res = await api()
      .post(`/api/organisations/${org.id}/teams`)
      .set(asAdmin())
      .set('X-Request-Id', `team-${unique()}`)
      .send({ name: 'Wijkteam Beek-Oost' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), name: 'Wijkteam Beek-Oost' });
    expect(await auditRowsFor(t.ds, res.headers['x-request-id'])).toEqual([
      expect.objectContaining({ resource: 'team', action: 'create', result: 'success' }),
    ]);
    await api().post(`/api/organisations/${org.id}/teams`).set(asAdmin()).send({ name: 'Jeugd' }).expect(201);
    const dup = await api().post(`/api/organisations/${org.id}/teams`).set(asAdmin()).send({ name: 'Jeugd' });
    expect(dup.status).toBe(409);
    const teams = await api().get(`/api/organisations/${org.id}/teams`).set(asAdmin());
    expect((teams.body as TeamResponse[]).map((team) => team.name)).toEqual(['Jeugd', 'Wijkteam Beek-Oost']);
    expect((await api().get(`/api/organisations/${randomUUID()}/teams`).set(asAdmin())).status).toBe(404);
    expect(
      (await api().post(`/api/organisations/${randomUUID()}/teams`).set(asAdmin()).send({ name: 'Spook' })).status,
    ).toBe(404);
  });
});

describe('user accounts', () => {
  it('creates a professional with a one-time activation token; the owner chooses a password and logs in', async () => {
    const org = await newOrganisation({ name: `Toegang ${unique()}`, type: 'municipality', municipality: 'Vaals' });
    const team = (await api().post(`/api/organisations/${org.id}/teams`).set(asAdmin()).send({ name: 'Team Vaals' }))
      .body as TeamResponse;
    const email = `nieuw-${unique()}@test.demo`;
    const res = await api().post('/api/users').set(asAdmin()).set('X-Request-Id', `user-create-${unique()}`).send({
      email: email.toUpperCase(),
      displayName: 'Noor Nieuw',
      role: 'access_team',
      organisationId: org.id,
      teamId: team.id,
    });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.body as CreateUserResponse;
    expect(created.user).toEqual({
      id: expect.any(String),
      email,
      displayName: 'Noor Nieuw',
      role: 'access_team',
      organisationId: org.id,
      teamId: team.id,
      active: true,
      activationPending: true,
      version: 1,
    });
    expect(created.activation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(created.activation.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const [stored] = await t.ds.query('SELECT activation_token_hash FROM app_user WHERE id = $1', [created.user.id]);
    expect(stored.activation_token_hash).not.toContain(created.activation.token);
    expect(await auditRowsFor(t.ds, res.headers['x-request-id'])).toEqual([
      expect.objectContaining({ resource: 'user', action: 'create', result: 'success' }),
    ]);
    expect(JSON.stringify(await auditRowsFor(t.ds, res.headers['x-request-id']))).not.toContain(
      created.activation.token,
    );

    // No password works before activation; a too short password is refused and changes nothing.
    expect((await login(email, 'Gezinsplan-demo-2026')).status).toBe(401);
    const short = await api().post('/api/auth/activate').send({ token: created.activation.token, password: 'kort' });
    expect(short.status).toBe(400);
    expect(short.body.details[0].field).toBe('password');
    await api()
      .post('/api/auth/activate')
      .send({ token: created.activation.token, password: NEW_PASSWORD })
      .expect(204);
    const session = await login(email, NEW_PASSWORD);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ email, role: 'access_team', organisation: { id: org.id } });
    // The token works once.
    const again = await api()
      .post('/api/auth/activate')
      .send({ token: created.activation.token, password: 'Nog-een-wachtwoord-2026' });
    expect(again.status).toBe(400);
    expect(again.body.details[0].field).toBe('token');
    const listed = await api().get(`/api/users?organisationId=${org.id}`).set(asAdmin());
    expect(listed.body).toEqual([expect.objectContaining({ email, activationPending: false, version: 2 })]);
  });

  it('refuses what does not fit: role and organisation, family roles, a team elsewhere, a taken e-mail', async () => {
    const provider = await organisationId(t.ds, 'Horizon Jeugdhulp');
    const heerlen = await organisationId(t.ds, 'Gemeente Heerlen – Toegangsteam Jeugd en Gezin');
    const [heerlenTeam] = await t.ds.query('SELECT id FROM team WHERE organisation_id = $1', [heerlen]);
    const base = { displayName: 'Piet Proef', organisationId: provider };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, email: `a-${unique()}@test.demo`, role: 'access_team' }, 422, 'role'],
      [{ ...base, email: `b-${unique()}@test.demo`, role: 'gi' }, 422, 'role'],
      [{ ...base, email: `c-${unique()}@test.demo`, role: 'parent' }, 400, 'role'],
      [{ ...base, email: `d-${unique()}@test.demo`, role: 'provider', teamId: heerlenTeam.id }, 400, 'teamId'],
      [
        { ...base, email: `e-${unique()}@test.demo`, role: 'provider', organisationId: randomUUID() },
        400,
        'organisationId',
      ],
      [{ ...base, email: 'geen-adres', role: 'provider' }, 400, 'email'],
      [{ ...base, email: 'zorg@horizon.demo', role: 'provider' }, 409, 'email'],
    ];
    for (const [body, status, field] of cases) {
      const res = await api().post('/api/users').set(asAdmin()).send(body);
      expect([res.status, (res.body.details as { field: string }[]).map((d) => d.field)]).toEqual([status, [field]]);
    }
    const [{ count }] = await t.ds.query(
      "SELECT count(*)::int AS count FROM app_user WHERE display_name = 'Piet Proef'",
    );
    expect(count).toBe(0);
    const byWorker = await api()
      .post('/api/users')
      .set('Authorization', `Bearer ${worker}`)
      .send({ ...base, email: `f-${unique()}@test.demo`, role: 'provider' });
    expect(byWorker.status).toBe(403);
  });

  it('lists users with filters, never secrets', async () => {
    const horizon = await organisationId(t.ds, 'Horizon Jeugdhulp');
    const byOrg = (await api().get(`/api/users?organisationId=${horizon}&role=provider&active=true`).set(asAdmin()))
      .body as UserResponse[];
    expect(byOrg.map((u) => u.email)).toContain('zorg@horizon.demo');
    expect(byOrg.every((u) => u.organisationId === horizon && u.role === 'provider' && u.active)).toBe(true);
    const byName = (await api().get('/api/users?q=Hendriks').set(asAdmin())).body as UserResponse[];
    expect(byName.map((u) => u.email)).toEqual(['toegang@heerlen.demo']);
    const heerlen = await organisationId(t.ds, 'Gemeente Heerlen – Toegangsteam Jeugd en Gezin');
    const [team] = await t.ds.query('SELECT id FROM team WHERE organisation_id = $1', [heerlen]);
    const byTeam = (await api().get(`/api/users?teamId=${team.id}`).set(asAdmin())).body as UserResponse[];
    expect(byTeam.map((u) => u.email)).toContain('toegang@heerlen.demo');
    expect(JSON.stringify(byTeam)).not.toMatch(/argon2|password|activation_token/i);
    for (const bad of ['active=ja', 'role=koning', 'organisationId=abc', 'sort=email']) {
      expect((await api().get(`/api/users?${bad}`).set(asAdmin())).status).toBe(400);
    }
  });

  it('changes name, role and team with If-Match, and refuses stale or unfitting changes', async () => {
    const { user } = await activatedUser();
    const path = `/api/users/${user.id}`;
    const changed = await api()
      .patch(path)
      .set(asAdmin())
      .set('If-Match', `"${user.version}"`)
      .send({ displayName: 'Anouk de Actieve', role: 'policy' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ displayName: 'Anouk de Actieve', role: 'policy', version: user.version + 1 });
    expect(changed.headers.etag).toBe(`"${user.version + 1}"`);
    const stale = await api()
      .patch(path)
      .set(asAdmin())
      .set('If-Match', `"${user.version}"`)
      .send({ displayName: 'X Y' });
    expect(stale.status).toBe(409);
    expect(stale.body.details.current).toMatchObject({ displayName: 'Anouk de Actieve' });
    const misfit = await api()
      .patch(path)
      .set(asAdmin())
      .set('If-Match', `"${user.version + 1}"`)
      .send({ role: 'provider' });
    expect(misfit.status).toBe(422);
    const team = (
      await api().post(`/api/organisations/${user.organisationId}/teams`).set(asAdmin()).send({ name: 'Team Noord' })
    ).body as TeamResponse;
    const moved = await api()
      .patch(path)
      .set(asAdmin())
      .set('If-Match', `"${user.version + 1}"`)
      .send({ teamId: team.id });
    expect(moved.body).toMatchObject({ teamId: team.id, version: user.version + 2 });
    const [elsewhere] = await t.ds.query('SELECT id FROM team WHERE organisation_id <> $1 LIMIT 1', [
      user.organisationId,
    ]);
    const wrongTeam = await api()
      .patch(path)
      .set(asAdmin())
      .set('If-Match', `"${user.version + 2}"`)
      .send({ teamId: elsewhere.id });
    expect(wrongTeam.status).toBe(400);
    expect(wrongTeam.body.details[0].field).toBe('teamId');
    const parent = await userId(t.ds, 'ouder@devries.demo');
    const parentRole = await api()
      .patch(`/api/users/${parent}`)
      .set(asAdmin())
      .set('If-Match', '"1"')
      .send({ role: 'admin' });
    expect(parentRole.status).toBe(422);
    const unknown = await api()
      .patch(`/api/users/${randomUUID()}`)
      .set(asAdmin())
      .set('If-Match', '"1"')
      .send({ active: false });
    expect(unknown.status).toBe(404);
  });

  it('deactivating ends every session: refresh and login are refused; logged with the revoked sessions', async () => {
    const { user, email } = await activatedUser();
    const cookie = refreshCookie(await login(email, NEW_PASSWORD));
    const res = await api()
      .patch(`/api/users/${user.id}`)
      .set(asAdmin())
      .set('If-Match', `"${user.version}"`)
      .set('X-Request-Id', `deactivate-${unique()}`)
      .send({ active: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false });
    expect((await refresh(cookie)).status).toBe(401);
    expect((await login(email, NEW_PASSWORD)).status).toBe(401);
    expect(await auditRowsFor(t.ds, res.headers['x-request-id'])).toEqual([
      expect.objectContaining({
        resource: 'user',
        action: 'update',
        result: 'success',
        details: expect.objectContaining({ changes: { active: false }, revokedSessions: 1 }),
      }),
    ]);
    const inactive = (await api().get('/api/users?active=false').set(asAdmin())).body as UserResponse[];
    expect(inactive.map((u) => u.id)).toContain(user.id);
  });

  it('does not let an admin deactivate themselves', async () => {
    const me = await userId(t.ds, 'beheer@gezinsplan.demo');
    const [{ version }] = await t.ds.query('SELECT version FROM app_user WHERE id = $1', [me]);
    const res = await api()
      .patch(`/api/users/${me}`)
      .set(asAdmin())
      .set('If-Match', `"${version}"`)
      .send({ active: false });
    expect(res.status).toBe(422);
    expect(res.body.details[0].field).toBe('active');
  });

  it('revokes all sessions of a user on request', async () => {
    const { user, email } = await activatedUser();
    const phone = refreshCookie(await login(email, NEW_PASSWORD));
    const laptop = refreshCookie(await login(email, NEW_PASSWORD));
    const res = await api()
      .post(`/api/users/${user.id}/sessions/revoke`)
      .set(asAdmin())
      .set('X-Request-Id', `revoke-${unique()}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revokedSessions: 2 });
    expect((await refresh(phone)).status).toBe(401);
    expect((await refresh(laptop)).status).toBe(401);
    expect(await auditRowsFor(t.ds, res.headers['x-request-id'])).toEqual([
      expect.objectContaining({ resource: 'session', action: 'logout', result: 'success' }),
    ]);
    // The account itself stays usable: a new login works.
    expect((await login(email, NEW_PASSWORD)).status).toBe(200);
    expect((await api().post(`/api/users/${randomUUID()}/sessions/revoke`).set(asAdmin())).status).toBe(404);
    const byWorker = await api().post(`/api/users/${user.id}/sessions/revoke`).set('Authorization', `Bearer ${worker}`);
    expect(byWorker.status).toBe(403);
  });

  it('issues a new activation token while the account is not activated; the old one stops working', async () => {
    const org = await newOrganisation({ name: `Zorg ${unique()}`, type: 'provider' });
    const email = `later-${unique()}@test.demo`;
    const created = await newUser({ email, displayName: 'Lars Later', role: 'provider', organisationId: org.id });
    const res = await api().post(`/api/users/${created.user.id}/activation`).set(asAdmin());
    expect(res.status).toBe(200);
    expect(res.body.token).not.toBe(created.activation.token);
    const old = await api()
      .post('/api/auth/activate')
      .send({ token: created.activation.token, password: NEW_PASSWORD });
    expect(old.status).toBe(400);
    await api().post('/api/auth/activate').send({ token: res.body.token, password: NEW_PASSWORD }).expect(204);
    expect((await login(email, NEW_PASSWORD)).status).toBe(200);
    const afterwards = await api().post(`/api/users/${created.user.id}/activation`).set(asAdmin());
    expect(afterwards.status).toBe(422);
  });
});

describe('the organisation directory for the access team', () => {
  it('lets the access team read organisations (to involve and allocate) but not change them; providers neither', async () => {
    const access = await t.token('toegang@heerlen.demo');
    const list = await api()
      .get('/api/organisations')
      .set({ Authorization: `Bearer ${access}` });
    expect(list.status).toBe(200);
    const names = (list.body as OrganisationResponse[]).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['Horizon Jeugdhulp', 'Kompas Gezinsbegeleiding']));
    const create = await api()
      .post('/api/organisations')
      .set({ Authorization: `Bearer ${access}` })
      .send({ name: `Niet toegestaan ${unique()}`, type: 'provider' });
    expect(create.status).toBe(403);
    const provider = await t.token('zorg@horizon.demo');
    expect(
      (
        await api()
          .get('/api/organisations')
          .set({ Authorization: `Bearer ${provider}` })
      ).status,
    ).toBe(403);
  });
});
