import type { ProcedureId } from '../stores/navigation';

export interface ProcedureEntry {
  id: ProcedureId;
  title: string;
}

/** The left navigation, grouped as in the ERP (SCREENS.md §1). */
export const procedureGroups: { group: string; procedures: ProcedureEntry[] }[] = [
  { group: 'Basic settings', procedures: [{ id: 'system-settings', title: 'System settings' }] },
  {
    group: 'Export/Import',
    procedures: [{ id: 'incoming-mail', title: 'Settings for incoming e-mail' }],
  },
  {
    group: 'Help',
    procedures: [
      { id: 'walkthrough', title: 'Setup walkthrough' },
      { id: 'test-log', title: 'Test log' },
    ],
  },
];

export const procedureTitle = (id: ProcedureId): string =>
  procedureGroups.flatMap((g) => g.procedures).find((p) => p.id === id)?.title ?? id;
