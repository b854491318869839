export default async function globalTeardown(): Promise<void> {
  await globalThis.__GEZINSPLAN_TEST_DB__?.stop();
}
