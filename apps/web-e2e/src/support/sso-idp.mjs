/**
 * A real OpenID Connect provider (oidc-provider) for the SSO browser test, in its own process because the
 * package is ESM-only. Its login screen is a plain form: whoever types an e-mail address is that user (the
 * IdP's own password and second factor are not what the test is about). Prints `ISSUER <url>` when ready.
 * Env: IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_REDIRECT_URI.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_REDIRECT_URI } = process.env;
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: IDP_CLIENT_ID,
        client_secret: IDP_CLIENT_SECRET,
        redirect_uris: [IDP_REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    jwks: { keys: [{ ...signingKey, kid: 'e2e-key', use: 'sig', alg: 'RS256' }] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: [randomUUID()] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, email: sub, email_verified: true }) }),
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    (async () => {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><html lang="nl"><head><title>Test-IdP</title></head><body><main>
          <h1>Test-IdP: inloggen</h1>
          <form method="post" action="/interaction/${escape(details.uid)}">
            <label for="idp-email">E-mailadres bij de IdP</label>
            <input id="idp-email" name="email" type="email" autofocus>
            <button type="submit">Inloggen bij de IdP</button>
          </form></main></body></html>`);
        return;
      }
      let body = '';
      for await (const chunk of req) body += chunk;
      const accountId = new URLSearchParams(body).get('email') ?? '';
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  process.stdout.write(`ISSUER ${issuer}\n`);
});
