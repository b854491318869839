export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__GEZINSPLAN_E2E_SERVER__;
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM'); // main.ts stops the embedded PostgreSQL on SIGTERM
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
}
