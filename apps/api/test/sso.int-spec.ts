import type { LoginResponse, SsoConfigResponse, SsoOrganisationOption } from '@gezinsplan/contracts';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import request from 'supertest';
import { auditRowsFor, createProfessional } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { refreshWith, sessionCookiesOf } from './support/session';

/**
 * Single sign-on end to end against a REAL OpenID Connect provider (oidc-provider) on loopback: the API's start
 * redirect is followed by hand through the provider (authorisation, interaction, resume) with a cookie jar, and
 * the provider's redirect back is handed to the API's callback. Nothing of the protocol is mocked.
 */
const PUBLIC_URL = 'http://localhost:4200';
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/sso/callback`;
const CLIENT_ID = 'gezinsplan-test';
const CLIENT_SECRET = `idp-secret-${randomUUID()}`;
const unique = () => randomUUID().slice(0, 8);

let t: TestApp;
let admin: string;
let idp: Server;
let issuer: string;
/** The IdP's accounts (subject -> claims) and who "logs in" at the IdP's interaction next. */
const idpAccounts = new Map<string, { email: string; email_verified?: boolean }>();
let nextIdpLogin = '';

function startIdp(): Promise<void> {
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: [`cookie-key-${randomUUID()}`] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    findAccount: (_ctx, sub) => {
      const account = idpAccounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...account }) };
    },
  };
  idp = createServer();
  return new Promise((resolve) => {
    idp.listen(0, '127.0.0.1', () => {
      issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
      const provider = new Provider(issuer, configuration);
      const handle = provider.callback();
      // The IdP's login screen: the user `nextIdpLogin` authenticates and consents to the requested scopes.
      idp.on('request', (req, res) => {
        if (!req.url?.startsWith('/interaction/')) {
          handle(req, res);
          return;
        }
        void (async () => {
          const details = await provider.interactionDetails(req, res);
          const grant = new provider.Grant({ accountId: nextIdpLogin, clientId: String(details.params.client_id) });
          grant.addOIDCScope(String(details.params.scope));
          const grantId = await grant.save();
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: nextIdpLogin }, consent: { grantId } },
            { mergeWithLastSubmission: false },
          );
        })().catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
      });
      resolve();
    });
  });
}

const api = () => request(t.http);
const asAdmin = () => ({ Authorization: `Bearer ${admin}` });

function cookieFrom(res: request.Response, name: string): string | undefined {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
  const pair = raw?.split(';')[0];
  return pair && pair !== `${name}=` ? pair : undefined;
}

async function newOrganisation(): Promise<string> {
  const res = await api()
    .post('/api/organisations')
    .set(asAdmin())
    .send({ name: `SSO Zorg ${unique()}`, type: 'provider' });
  expect(res.status).toBe(201);
  return (res.body as { id: string }).id;
}

/** A professional of `organisation` known at the IdP under a fresh subject, with the same e-mail address. */
async function idpUser(organisation: string): Promise<{ email: string; sub: string }> {
  const email = await createProfessional(t.ds, 'provider', organisation, `Wachtwoord-${unique()}-2026`);
  const sub = `idp-${unique()}`;
  idpAccounts.set(sub, { email, email_verified: true });
  return { email, sub };
}

function configure(organisation: string, body: Record<string, unknown>, version: number) {
  return api().put(`/api/organisations/${organisation}/sso`).set(asAdmin()).set('If-Match', `"${version}"`).send(body);
}

async function configured(organisation: string): Promise<SsoConfigResponse> {
  const res = await configure(
    organisation,
    { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, enabled: true },
    0,
  );
  expect(res.status).toBe(200);
  return res.body as SsoConfigResponse;
}

interface Started {
  /** Where the API's start sent the browser. */
  location: string;
  stateCookie?: string;
}

async function start(organisation: string): Promise<Started> {
  const res = await api().get(`/api/auth/sso/${organisation}/start`);
  expect(res.status).toBe(302);
  expect(res.headers['cache-control']).toBe('no-store');
  return { location: res.headers.location as string, stateCookie: cookieFrom(res, 'gp_sso') };
}

/** Follows the IdP's redirects by hand (a fresh browser: its own cookie jar) until it sends us back. */
async function throughIdp(authorizationUrl: string, subject: string): Promise<URL> {
  nextIdpLogin = subject;
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const raw of res.headers.getSetCookie()) {
      const [pair] = raw.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    const next = res.headers.get('location');
    if (!next) throw new Error(`IdP stopped at ${url}: ${res.status} ${await res.text()}`);
    const target = new URL(next, url);
    if (target.href.startsWith(REDIRECT_URI)) return target;
    url = target.href;
  }
  throw new Error('too many redirects at the IdP');
}

async function callback(search: string, stateCookie: string | undefined, requestId = `sso-${unique()}`) {
  const req = api().get(`/api/auth/sso/callback${search}`).set('X-Request-Id', requestId);
  return stateCookie ? req.set('Cookie', stateCookie) : req;
}

/** The whole login: start at the API, authenticate at the IdP as `subject`, come back to the callback. */
async function ssoLogin(organisation: string, subject: string, requestId?: string) {
  const started = await start(organisation);
  expect(started.location.startsWith(`${issuer}/`)).toBe(true);
  const back = await throughIdp(started.location, subject);
  return callback(back.search, started.stateCookie, requestId);
}

const refusedWith = (res: request.Response, code: string) => {
  expect(res.status).toBe(302);
  expect(res.headers.location).toBe(`/inloggen?sso_error=${code}`);
  expect(cookieFrom(res, 'gp_refresh')).toBeUndefined();
};

beforeAll(async () => {
  await startIdp();
  t = await startTestApp({ env: { PUBLIC_URL } });
  admin = await t.token('beheer@gezinsplan.demo');
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => idp.close(resolve));
});

describe('SSO configuration (admin)', () => {
  it('creates with If-Match "0", never returns the secret, stores it encrypted, and logs the change', async () => {
    const org = await newOrganisation();
    const empty = await api().get(`/api/organisations/${org}/sso`).set(asAdmin());
    expect(empty.status).toBe(200);
    expect(empty.headers.etag).toBe('"0"');
    expect(empty.body).toMatchObject({ configured: false, enabled: false, version: 0, redirectUri: REDIRECT_URI });

    const requestId = `sso-config-${unique()}`;
    const created = await configure(
      org,
      { issuer: `${issuer}/`, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, enabled: true },
      0,
    ).set('X-Request-Id', requestId);
    expect(created.status).toBe(200);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toEqual({
      organisationId: org,
      configured: true,
      issuer,
      clientId: CLIENT_ID,
      clientSecretSet: true,
      enabled: true,
      claim: 'email',
      redirectUri: REDIRECT_URI,
      version: 1,
    });
    const read = await api().get(`/api/organisations/${org}/sso`).set(asAdmin());
    expect(read.body).toEqual(created.body);
    expect(JSON.stringify(read.body)).not.toContain(CLIENT_SECRET);
    const [row]: { client_secret_encrypted: string }[] = await t.ds.query(
      'SELECT client_secret_encrypted FROM organisation_sso WHERE organisation_id = $1',
      [org],
    );
    expect(row.client_secret_encrypted).toMatch(/^v\d:/);
    expect(row.client_secret_encrypted).not.toContain(CLIENT_SECRET);
    const audit = await auditRowsFor(t.ds, requestId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ resource: 'organisation_sso', action: 'create', result: 'success' });
    expect(JSON.stringify(audit[0].details)).not.toContain(CLIENT_SECRET);

    // Omitting the secret keeps it; a stale or missing If-Match changes nothing.
    const kept = await configure(org, { issuer, clientId: CLIENT_ID, enabled: false, claim: 'sub' }, 1);
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ clientSecretSet: true, enabled: false, claim: 'sub', version: 2 });
    const stale = await configure(org, { issuer, clientId: 'other', enabled: true }, 1);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    expect(JSON.stringify(stale.body)).not.toContain(CLIENT_SECRET);
    const missing = await api()
      .put(`/api/organisations/${org}/sso`)
      .set(asAdmin())
      .send({ issuer, clientId: 'other', enabled: true });
    expect(missing.status).toBe(428);
    expect((await api().get(`/api/organisations/${org}/sso`).set(asAdmin())).body).toMatchObject({
      clientId: CLIENT_ID,
      version: 2,
    });
  });

  it('refuses bad input, a first configuration without secret, non-admins and unknown organisations', async () => {
    const org = await newOrganisation();
    for (const body of [
      { issuer: 'http://idp.example.nl', clientId: 'x', clientSecret: 's', enabled: true },
      { issuer: 'not a url', clientId: 'x', clientSecret: 's', enabled: true },
      { issuer, clientId: '', clientSecret: 's', enabled: true },
      { issuer, clientId: 'x', clientSecret: 's', enabled: 'yes' },
      { issuer, clientId: 'x', clientSecret: 's', enabled: true, claim: 'phone' },
      { issuer, clientId: 'x', enabled: true },
    ]) {
      const res = await configure(org, body, 0);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await api().get(`/api/organisations/${org}/sso`).set(asAdmin())).body.configured).toBe(false);
    const worker = await t.token('toegang@heerlen.demo');
    const asWorker = await api().get(`/api/organisations/${org}/sso`).set('Authorization', `Bearer ${worker}`);
    expect(asWorker.status).toBe(403);
    expect((await api().get(`/api/organisations/${randomUUID()}/sso`).set(asAdmin())).status).toBe(404);
  });
});

describe('SSO login against a real OpenID Connect provider', () => {
  it('logs an active professional of the organisation in: PKCE S256, state, nonce; the session works', async () => {
    const org = await newOrganisation();
    await configured(org);
    const options = await api().get('/api/auth/sso/organisations');
    expect(options.status).toBe(200);
    const mine = (options.body as SsoOrganisationOption[]).find((o) => o.id === org);
    expect(mine && Object.keys(mine).sort()).toEqual(['id', 'name']);

    const { email, sub } = await idpUser(org);
    const started = await start(org);
    const authorization = new URL(started.location);
    expect(authorization.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorization.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(started.stateCookie).toBeDefined();

    const back = await throughIdp(started.location, sub);
    expect(back.searchParams.get('code')).toBeTruthy();
    const requestId = `sso-ok-${unique()}`;
    const res = await callback(back.search, started.stateCookie, requestId);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/sso?ok=1');
    const refreshCookie = cookieFrom(res, 'gp_refresh');
    expect(refreshCookie).toBeDefined();

    // The same cookies as any other login: the refresh token and the CSRF token the page echoes.
    const refreshed = await refreshWith(t.http, sessionCookiesOf(res));
    expect(refreshed.status).toBe(200);
    const session = refreshed.body as LoginResponse;
    expect(session.user).toMatchObject({ email, role: 'provider', organisation: { id: org } });
    const me = await api().get('/api/auth/me').set('Authorization', `Bearer ${session.accessToken}`);
    expect(me.body).toMatchObject({ email });

    const audit = await auditRowsFor(t.ds, requestId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ resource: 'session', action: 'login', result: 'success' });
    expect(audit[0].details).toEqual({ method: 'sso', secondFactor: null });
    const links: { subject: string }[] = await t.ds.query(
      'SELECT l.subject FROM user_sso_link l JOIN app_user u ON u.id = l.user_id WHERE u.email = $1',
      [email],
    );
    expect(links).toEqual([{ subject: sub }]);

    // The callback works once: replaying it (same state and cookie) is refused.
    refusedWith(await callback(back.search, started.stateCookie), 'state');
  });

  it('refuses an IdP user without an account, with an account of another organisation, or a parent', async () => {
    const org = await newOrganisation();
    await configured(org);
    const stranger = `idp-${unique()}`;
    idpAccounts.set(stranger, { email: `onbekend-${unique()}@test.demo`, email_verified: true });
    const requestId = `sso-unknown-${unique()}`;
    refusedWith(await ssoLogin(org, stranger, requestId), 'account');
    const [audit] = await auditRowsFor(t.ds, requestId);
    expect(audit).toMatchObject({ resource: 'session', action: 'login', result: 'denied', organisation_id: org });
    expect(audit.details).toMatchObject({ method: 'sso', error: 'account' });

    const otherOrg = await newOrganisation();
    const other = await idpUser(otherOrg);
    const otherRequest = `sso-other-${unique()}`;
    refusedWith(await ssoLogin(org, other.sub, otherRequest), 'account');
    const [otherAudit] = await auditRowsFor(t.ds, otherRequest);
    expect(otherAudit.details).toMatchObject({ reason: 'the account belongs to another organisation' });

    const parent = `idp-${unique()}`;
    idpAccounts.set(parent, { email: 'ouder@devries.demo', email_verified: true });
    refusedWith(await ssoLogin(org, parent), 'account');

    const unverified = await idpUser(org);
    idpAccounts.set(unverified.sub, { email: unverified.email, email_verified: false });
    refusedWith(await ssoLogin(org, unverified.sub), 'account');
    const linked: unknown[] = await t.ds.query(`SELECT 1 FROM user_sso_link WHERE subject = ANY($1)`, [
      [stranger, other.sub, parent, unverified.sub],
    ]);
    expect(linked).toEqual([]);
  });

  it('refuses a deactivated account', async () => {
    const org = await newOrganisation();
    await configured(org);
    const { email, sub } = await idpUser(org);
    await t.ds.query('UPDATE app_user SET active = false WHERE email = $1', [email]);
    refusedWith(await ssoLogin(org, sub), 'account');
  });

  it('refuses a tampered state, a missing state cookie, and a callback from another browser', async () => {
    const org = await newOrganisation();
    await configured(org);
    const { sub } = await idpUser(org);

    const started = await start(org);
    const back = await throughIdp(started.location, sub);
    const tampered = new URL(back.href);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    refusedWith(await callback(tampered.search, started.stateCookie), 'state');

    const second = await start(org);
    const secondBack = await throughIdp(second.location, sub);
    refusedWith(await callback(secondBack.search, undefined), 'state');

    const third = await start(org);
    const thirdBack = await throughIdp(third.location, sub);
    const someoneElses = await start(org);
    refusedWith(await callback(thirdBack.search, someoneElses.stateCookie), 'state');
    const users: unknown[] = await t.ds.query('SELECT 1 FROM user_sso_link WHERE subject = $1', [sub]);
    expect(users).toEqual([]);
  });

  it('refuses when SSO is disabled: not offered, no start, and a login in flight is not finished', async () => {
    const org = await newOrganisation();
    const config = await configured(org);
    const { sub } = await idpUser(org);
    const inFlight = await start(org);
    const back = await throughIdp(inFlight.location, sub);

    const disabled = await configure(org, { issuer, clientId: CLIENT_ID, enabled: false }, config.version);
    expect(disabled.status).toBe(200);
    const options = (await api().get('/api/auth/sso/organisations')).body as SsoOrganisationOption[];
    expect(options.map((o) => o.id)).not.toContain(org);
    const startRefused = await start(org);
    expect(startRefused.location).toBe('/inloggen?sso_error=unavailable');
    expect(startRefused.stateCookie).toBeUndefined();
    refusedWith(await callback(back.search, inFlight.stateCookie), 'unavailable');

    const never = await api().get(`/api/auth/sso/${randomUUID()}/start`);
    expect(never.headers.location).toBe('/inloggen?sso_error=unavailable');
    expect((await api().get('/api/auth/sso/not-a-uuid/start')).status).toBe(400);
  });

  it('with claim "sub", only an identity linked at an earlier login is accepted', async () => {
    const org = await newOrganisation();
    const config = await configured(org);
    const linked = await idpUser(org);
    expect((await ssoLogin(org, linked.sub)).headers.location).toBe('/sso?ok=1');
    const unlinked = await idpUser(org);

    const bySub = await configure(org, { issuer, clientId: CLIENT_ID, enabled: true, claim: 'sub' }, config.version);
    expect(bySub.status).toBe(200);
    expect((await ssoLogin(org, linked.sub)).headers.location).toBe('/sso?ok=1');
    refusedWith(await ssoLogin(org, unlinked.sub), 'account');
  });

  it('validates the ID token: a nonce that does not match the login is refused', async () => {
    const org = await newOrganisation();
    await configured(org);
    const { sub } = await idpUser(org);
    const started = await start(org);
    const back = await throughIdp(started.location, sub);
    await t.ds.query(`UPDATE sso_login_state SET nonce = 'not-the-nonce-sent' WHERE organisation_id = $1`, [org]);
    const requestId = `sso-nonce-${unique()}`;
    refusedWith(await callback(back.search, started.stateCookie, requestId), 'token');
    const [audit] = await auditRowsFor(t.ds, requestId);
    expect(audit).toMatchObject({ action: 'login', result: 'failed' });
    expect(String((audit.details as { reason: string }).reason)).toMatch(/nonce/);
  });

  it('refuses an issuer that is not the one the IdP says it is', async () => {
    const org = await newOrganisation();
    const res = await configure(
      org,
      {
        issuer: issuer.replace('127.0.0.1', 'localhost'),
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        enabled: true,
      },
      0,
    );
    expect(res.status).toBe(200);
    expect((await start(org)).location).toBe('/inloggen?sso_error=unavailable');
  });

  it('refuses when the IdP cannot be reached or the client secret is wrong', async () => {
    const org = await newOrganisation();
    const config = await configured(org);
    const { sub } = await idpUser(org);
    const started = await start(org);
    const back = await throughIdp(started.location, sub);
    const wrongSecret = await configure(
      org,
      { issuer, clientId: CLIENT_ID, clientSecret: 'not-the-secret', enabled: true },
      config.version,
    );
    expect(wrongSecret.status).toBe(200);
    refusedWith(await callback(back.search, started.stateCookie), 'token');

    const gone = await newOrganisation();
    const res = await configure(
      gone,
      { issuer: 'http://127.0.0.1:9', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, enabled: true },
      0,
    );
    expect(res.status).toBe(200);
    expect((await start(gone)).location).toBe('/inloggen?sso_error=unavailable');
  });
});
