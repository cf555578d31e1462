import { messageOf } from './error-message';
import type { FieldError } from '../../shared/settings/field-error';

/** A failure main did not explain; nothing typed is lost. */
export const STILL_IN_FORM = 'Something went wrong. Your changes are still in the form.';

/**
 * The lifecycle every settings procedure shares: load, edit with errors shown once a field is
 * left (all of them after a save attempt), save (refused locally, or answered `invalid` by main),
 * revert, the errors panel, the load's notices and a failed save's message.
 */
export interface ProcedureFormState<Form> {
  phase: 'idle' | 'loading' | 'ready' | 'load-failed';
  loadError?: string;
  /** The last saved values the form started from. */
  saved: Form;
  form: Form;
  /** Fields the person has left, by field key; their errors show inline. */
  touched: Record<string, true>;
  /** Set by a save attempt: every error shows, not only those of touched fields. */
  showAllErrors: boolean;
  /** Errors main answered with; they stand until the next edit. */
  serverErrors: FieldError[];
  panelOpen: boolean;
  saving: boolean;
  saveError?: string;
  /** Increments on each successful save so the toolbar can flash "Saved". */
  savedCount: number;
  /**
   * Increments on each save refused for errors (the form's or main's), so the frame can say so
   * by the toolbar and move focus to the first error.
   */
  refusedCount: number;
  notices: string[];

  load(): Promise<void>;
  touch(field: string): void;
  save(): Promise<void>;
  revert(): void;
  setPanelOpen(open: boolean): void;
  dismissNotice(index: number): void;
  dismissSaveError(): void;
}

type SaveAnswer<View> =
  { status: 'saved'; view: View } | { status: 'invalid'; errors: FieldError[] };

/** What one procedure adds: its calls, how a view becomes its state, its checks and secrets. */
export interface ProcedureFormSpec<S extends ProcedureFormState<Form>, Form, View, Secrets> {
  load(): Promise<View & { notices: string[] }>;
  save(input: { form: Form; secrets: Secrets }): Promise<SaveAnswer<View>>;
  /** The saved form a loaded or saved view holds. */
  formOf(view: View): Form;
  /** The rest of the state a view starts, e.g. which secrets are set. */
  fromView(view: View): Partial<S>;
  /** The procedure's own edits that Revert throws away (e.g. secret drafts, deleted rows). */
  drafts(): Partial<S>;
  secretChanges(state: S): Secrets;
  /** Every error of the form as it is now, main's included. */
  errors(state: S): FieldError[];
}

type SetState<S> = (partial: Partial<S> | ((state: S) => Partial<S>)) => void;

const untouched = { touched: {}, showAllErrors: false, serverErrors: [], panelOpen: false };

/** What the lifecycle's steps share: the store, the procedure's spec, and how a view resets. */
interface Lifecycle<S extends ProcedureFormState<Form>, Form, View, Secrets> {
  set: SetState<S>;
  get: () => S;
  spec: ProcedureFormSpec<S, Form, View, Secrets>;
  update(partial: Partial<ProcedureFormState<Form>>): void;
  /** The state a loaded or saved view starts: its form, untouched, the drafts dropped. */
  fresh(view: View): Partial<S>;
}

function lifecycleOf<S extends ProcedureFormState<Form>, Form, View, Secrets>(
  set: SetState<S>,
  get: () => S,
  spec: ProcedureFormSpec<S, Form, View, Secrets>,
): Lifecycle<S, Form, View, Secrets> {
  return {
    set,
    get,
    spec,
    update: (partial) => set(partial as Partial<S>),
    fresh(view) {
      const form = spec.formOf(view);
      const reset: Partial<ProcedureFormState<Form>> = { ...untouched, saved: form, form };
      return { ...spec.drafts(), ...spec.fromView(view), ...reset };
    },
  };
}

async function load<S extends ProcedureFormState<Form>, Form, View, Secrets>(
  life: Lifecycle<S, Form, View, Secrets>,
) {
  life.update({ phase: 'loading', loadError: undefined });
  try {
    const view = await life.spec.load();
    life.set({ ...life.fresh(view), phase: 'ready', notices: view.notices } as Partial<S>);
  } catch (error) {
    life.update({ phase: 'load-failed', loadError: messageOf(error, STILL_IN_FORM) });
  }
}

async function save<S extends ProcedureFormState<Form>, Form, View, Secrets>(
  life: Lifecycle<S, Form, View, Secrets>,
) {
  const { get, spec, update } = life;
  const state = get();
  if (state.saving) return;
  if (spec.errors(state).length > 0) {
    update({ showAllErrors: true, panelOpen: true, refusedCount: state.refusedCount + 1 });
    return;
  }
  update({ saving: true, saveError: undefined });
  try {
    const result = await spec.save({ form: state.form, secrets: spec.secretChanges(state) });
    if (result.status === 'invalid') {
      update({
        serverErrors: result.errors,
        showAllErrors: true,
        panelOpen: true,
        refusedCount: get().refusedCount + 1,
      });
    } else {
      life.set({ ...life.fresh(result.view), savedCount: get().savedCount + 1 } as Partial<S>);
    }
  } catch (error) {
    update({ saveError: messageOf(error, STILL_IN_FORM) });
  } finally {
    update({ saving: false });
  }
}

/** The shared state and actions, for a zustand store's creator to spread into its own. */
export function procedureFormSlice<S extends ProcedureFormState<Form>, Form, View, Secrets>(
  set: NoInfer<SetState<S>>,
  get: () => S,
  spec: ProcedureFormSpec<NoInfer<S>, Form, View, Secrets>,
  initial: Form,
): ProcedureFormState<Form> {
  const life = lifecycleOf(set, get, spec);
  const { update } = life;
  return {
    phase: 'idle',
    saved: initial,
    form: initial,
    ...untouched,
    saving: false,
    savedCount: 0,
    refusedCount: 0,
    notices: [],
    load: () => load(life),
    touch(field) {
      const { touched } = get();
      if (!touched[field]) update({ touched: { ...touched, [field]: true } });
    },
    save: () => save(life),
    revert() {
      set({
        ...spec.drafts(),
        ...untouched,
        form: get().saved,
        saveError: undefined,
      } as Partial<S>);
    },
    setPanelOpen(open) {
      update({ panelOpen: open });
    },
    dismissNotice(index) {
      update({ notices: get().notices.filter((_, i) => i !== index) });
    },
    dismissSaveError() {
      update({ saveError: undefined });
    },
  };
}

/**
 * Errors to show now: all after a save attempt, otherwise those of fields already left and
 * those main answered with.
 */
export function visibleOf(state: ProcedureFormState<unknown>, errors: FieldError[]): FieldError[] {
  if (state.showAllErrors) return errors;
  return errors.filter((e) => state.touched[e.field] || state.serverErrors.includes(e));
}

/** The form's own errors, then main's on fields the form has no error for. */
export const withServerErrors = (errors: FieldError[], serverErrors: FieldError[]) => [
  ...errors,
  ...serverErrors.filter((s) => !errors.some((e) => e.field === s.field)),
];
