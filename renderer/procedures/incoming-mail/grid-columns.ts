import { accountFieldKey, type AccountColumnKey } from '../../../shared/settings/incoming-settings';
import { fieldId } from '../../components/field-ids';

/** The cells keyboard navigation moves between, left to right. */
export const navigableColumns = [
  'email',
  'userName',
  'password',
  'types',
  'available',
] as const satisfies readonly AccountColumnKey[];

export const cellId = (id: string, column: AccountColumnKey) =>
  fieldId(accountFieldKey(id, column));
