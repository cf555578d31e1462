import type { ProcedureId } from '../stores/navigation';

export interface ProcedureEntry {
  id: ProcedureId;
  title: string;
  /** Listed only while the environment is Demo. */
  demoOnly?: boolean;
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
      { id: 'network', title: 'Network' },
      { id: 'demo-tenant', title: 'Demo tenant', demoOnly: true },
    ],
  },
];

const procedures = procedureGroups.flatMap((g) => g.procedures);

export const procedureTitle = (id: ProcedureId): string =>
  procedures.find((p) => p.id === id)?.title ?? id;

/** Whether a procedure is offered in the environment (undefined while it is still loading). */
export const isOffered = (entry: ProcedureEntry, environment: string | undefined): boolean =>
  !entry.demoOnly || environment === 'demo';

/** Whether the procedure with that id may be shown in the environment. */
export const isOfferedId = (id: ProcedureId, environment: string | undefined): boolean =>
  procedures.some((p) => p.id === id && isOffered(p, environment));
