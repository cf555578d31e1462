import type { AppIds } from '../../../shared/walkthrough/parse-essentials';
import type { SystemSettingsStore } from '../../stores/system-settings';

export interface FillOutcome {
  ok: boolean;
  message: string;
}

const rows = [
  { key: 'clientId', label: 'Application (client) ID', n: 21 },
  { key: 'tenantId', label: 'Directory (tenant) ID', n: 22 },
] as const;

/**
 * Loads System settings unless loaded: a load still running must not later overwrite what is
 * filled or tested now. True once the form holds the saved settings.
 */
export async function systemSettingsReady(store: SystemSettingsStore): Promise<boolean> {
  const { phase, load } = store.getState();
  if (phase === 'idle' || phase === 'load-failed') await load();
  if (store.getState().phase === 'loading')
    await new Promise<void>((resolve) => {
      const stop = store.subscribe((s) => {
        if (s.phase !== 'loading') {
          stop();
          resolve();
        }
      });
    });
  return store.getState().phase === 'ready';
}

/**
 * Puts the pasted IDs into rows 21 and 22 of System settings, unsaved, so the person reviews and
 * saves them there; says what it filled.
 */
export async function fillAppIds(store: SystemSettingsStore, ids: AppIds): Promise<FillOutcome> {
  if (!(await systemSettingsReady(store)))
    return {
      ok: false,
      message: `System settings could not be loaded (${store.getState().loadError ?? 'unknown error'}); nothing was filled.`,
    };
  const filled: string[] = [];
  for (const { key, label, n } of rows) {
    const value = ids[key];
    if (value === undefined) continue;
    const state = store.getState();
    state.setField(key, value);
    state.touch(key);
    filled.push(`row ${n} ${label} = ${value}`);
  }
  const notes: string[] = [];
  if (store.getState().form.emailMethod !== 'exchange-online')
    notes.push('E-mail method (row 14) is not Exchange Online, so these rows are not used yet.');
  return {
    ok: true,
    message: [
      `Filled in System settings, not saved yet: ${filled.join('; ')}.`,
      'Review and save them there.',
      ...notes,
    ].join(' '),
  };
}
