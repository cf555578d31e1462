import type { StateCreator } from 'zustand/vanilla';
import type { Api } from '../../../shared/contract';
import type { RunSliceState } from '../run-slice';
import type { IncomingFormSlice } from './form-slice';
import type { IncomingGridSlice } from './grid-slice';
import type { IncomingStalenessSlice } from './staleness';
import type { IncomingValidationSlice } from './validation-slice';

export type IncomingSettingsApi = Pick<
  Api,
  'incomingSettings.load' | 'incomingSettings.save' | 'incoming.validate' | 'run.cancel'
>;

/**
 * The incoming procedure's one store, composed of slices: the form (server settings, their
 * secret, the load/save lifecycle), the grid's rows, the validation runs, what a result rests on
 * (staleness), and the run every store shares.
 */
export type IncomingSettingsState = IncomingFormSlice &
  IncomingGridSlice &
  IncomingValidationSlice &
  IncomingStalenessSlice &
  RunSliceState;

/** One slice: it sets and reads the whole state, and answers its own part. */
export type IncomingSlice<T> = StateCreator<IncomingSettingsState, [], [], T>;
