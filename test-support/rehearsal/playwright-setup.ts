import { startRehearsalWorld, WORLD_ENV } from './world';

/**
 * playwright.rehearsal.config.ts's global setup. Workers inherit the environment it leaves,
 * so the world travels as JSON (read it with rehearsalWorldFromEnv()).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const running = await startRehearsalWorld();
  process.env[WORLD_ENV] = JSON.stringify(running.world);
  return () => running.stop();
}
