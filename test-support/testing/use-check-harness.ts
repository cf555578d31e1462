import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startCheckHarness, type CheckHarness } from '../services/check-harness';

/**
 * One check harness for a test file: started before its tests, closed after them, and reset
 * before each (tenant state, recorded progress, progress listener), so no test sees another's
 * leftovers. `use` receives the harness once it is running.
 */
export function useCheckHarness(
  use: (harness: CheckHarness) => void,
  ...options: Parameters<typeof startCheckHarness>
): void {
  let harness: CheckHarness | undefined;
  beforeAll(async () => {
    harness = await startCheckHarness(...options);
    use(harness);
  });
  afterAll(() => harness?.close());
  beforeEach(() => {
    if (!harness) return;
    harness.tenant.state.reset();
    harness.progress.length = 0;
    harness.onProgress = undefined;
  });
}
