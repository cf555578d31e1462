import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { rowErrorsOf, type RowErrors } from '../../stores/incoming/field-errors';
import { rowViewOf, type RowView } from '../../stores/incoming/row-view';
import { environmentStore, incomingSettingsStore } from '../../stores/instances';

export interface AccountRowData extends RowView {
  errors: RowErrors;
}

/**
 * One grid row's data, read from the store by the row itself: the row renders again when its own
 * values, errors or staleness change, not when another row's do.
 */
export function useAccountRow(id: string, rowIndex: number): AccountRowData {
  const environment = useStore(environmentStore, (s) => s.view?.environment);
  const view = useStore(
    incomingSettingsStore,
    useShallow((s) => rowViewOf(s, id, rowIndex, environment)),
  );
  const errors = useStore(
    incomingSettingsStore,
    useShallow((s) => rowErrorsOf(s, id)),
  );
  return { ...view, errors };
}
