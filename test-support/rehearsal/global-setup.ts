import type { TestProject } from 'vitest/node';
import { startRehearsalWorld, type RehearsalWorld } from './world';

declare module 'vitest' {
  export interface ProvidedContext {
    rehearsal: RehearsalWorld;
  }
}

/** vitest.rehearsal.config.ts's global setup: one world for every rehearsal file, in turn. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const running = await startRehearsalWorld();
  project.provide('rehearsal', running.world);
  return () => running.stop();
}
