import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface TestIdp {
  issuer: string;
  stop(): void;
}

/** Starts support/sso-idp.mjs (a real oidc-provider on loopback) and waits for its issuer URL. */
export function startTestIdp(env: { clientId: string; clientSecret: string; redirectUri: string }): Promise<TestIdp> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'sso-idp.mjs')], {
    env: {
      ...process.env,
      IDP_CLIENT_ID: env.clientId,
      IDP_CLIENT_SECRET: env.clientSecret,
      IDP_REDIRECT_URI: env.redirectUri,
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    // Generous: a loaded 2-core machine takes a while to load oidc-provider and make an RSA key.
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the test IdP did not start within 120 s'));
    }, 120_000);
    child.once('exit', (code) => reject(new Error(`the test IdP exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ISSUER (\S+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        issuer: match[1],
        stop: () => {
          child.stdout?.destroy();
          child.kill();
        },
      });
    });
  });
}
