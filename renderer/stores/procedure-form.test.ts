import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { ApiError } from '../../shared/contract/client';
import type { FieldError } from '../../shared/settings/field-error';
import {
  procedureFormSlice,
  visibleOf,
  withServerErrors,
  type ProcedureFormSpec,
  type ProcedureFormState,
} from './procedure-form';

interface Form {
  name: string;
}
interface View {
  name: string;
  secretSet: boolean;
  notices: string[];
}
interface State extends ProcedureFormState<Form> {
  secretSet: boolean;
  draft?: string;
  setName(name: string): void;
  setDraft(draft: string): void;
}

const missing: FieldError = { field: 'name', message: 'Name is missing' };
const errorsOf = (state: State) =>
  withServerErrors(state.form.name ? [] : [missing], state.serverErrors);

function setup(overrides: Partial<ProcedureFormSpec<State, Form, View, string | undefined>> = {}) {
  const spec: ProcedureFormSpec<State, Form, View, string | undefined> = {
    load: vi.fn(async () => ({
      name: 'saved',
      secretSet: true,
      notices: ['The file was damaged.'],
    })),
    save: vi.fn(async ({ form }) => ({
      status: 'saved' as const,
      view: { name: form.name, secretSet: true, notices: [] },
    })),
    formOf: (view) => ({ name: view.name }),
    fromView: (view) => ({ secretSet: view.secretSet }),
    drafts: () => ({ draft: undefined }),
    secretChanges: (state) => state.draft,
    errors: errorsOf,
    ...overrides,
  };
  const store = createStore<State>((set, get) => ({
    ...procedureFormSlice(set, get, spec, { name: '' }),
    secretSet: false,
    setName: (name) => set((s) => ({ form: { ...s.form, name }, serverErrors: [] })),
    setDraft: (draft) => set({ draft }),
  }));
  return { store, spec };
}

describe('procedureFormSlice', () => {
  it('loads a view into a clean form with its notices, and dismisses them one by one', async () => {
    const { store } = setup();
    expect(store.getState().phase).toBe('idle');
    await store.getState().load();
    const state = store.getState();
    expect(state).toMatchObject({
      phase: 'ready',
      secretSet: true,
      notices: ['The file was damaged.'],
    });
    expect(state.form).toEqual({ name: 'saved' });
    expect(state.saved).toBe(state.form);
    state.dismissNotice(0);
    expect(store.getState().notices).toEqual([]);
  });

  it('says why a load failed', async () => {
    const { store } = setup({
      load: async () => {
        throw new ApiError({
          code: 'storage-failed',
          message: 'The settings file could not be read.',
        });
      },
    });
    await store.getState().load();
    expect(store.getState()).toMatchObject({
      phase: 'load-failed',
      loadError: 'The settings file could not be read.',
    });
  });

  it('refuses a save with errors locally: all errors show and the panel opens', async () => {
    const { store, spec } = setup();
    await store.getState().load();
    store.getState().setName('');
    await store.getState().save();
    expect(spec.save).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ showAllErrors: true, panelOpen: true });
  });

  it('shows the errors main answers with until the next edit', async () => {
    const fromMain: FieldError = { field: 'name', message: 'Name is taken' };
    const { store } = setup({ save: async () => ({ status: 'invalid', errors: [fromMain] }) });
    await store.getState().load();
    await store.getState().save();
    expect(visibleOf(store.getState(), errorsOf(store.getState()))).toEqual([fromMain]);
    expect(store.getState().panelOpen).toBe(true);
    store.getState().setName('other');
    expect(errorsOf(store.getState())).toEqual([]);
  });

  it('a save starts again from the saved view, drafts gone, and counts itself', async () => {
    const { store, spec } = setup();
    await store.getState().load();
    store.getState().setName('new');
    store.getState().setDraft('a-secret');
    store.getState().touch('name');
    await store.getState().save();
    expect(spec.save).toHaveBeenCalledWith({ form: { name: 'new' }, secrets: 'a-secret' });
    const state = store.getState();
    expect(state).toMatchObject({ savedCount: 1, saving: false, draft: undefined, touched: {} });
    expect(state.saved).toEqual({ name: 'new' });
  });

  it('a failed save keeps the edits and says why, until dismissed', async () => {
    const { store } = setup({
      save: async () => {
        throw new Error('socket hang up');
      },
    });
    await store.getState().load();
    store.getState().setName('kept');
    await store.getState().save();
    expect(store.getState().form).toEqual({ name: 'kept' });
    expect(store.getState().saveError).toBe(
      'Something went wrong. Your changes are still in the form.',
    );
    store.getState().dismissSaveError();
    expect(store.getState().saveError).toBeUndefined();
  });

  it('Revert goes back to the saved form and drops drafts, touched fields and the panel', async () => {
    const { store } = setup();
    await store.getState().load();
    store.getState().setName('');
    store.getState().setDraft('typed');
    store.getState().touch('name');
    await store.getState().save();
    store.getState().revert();
    expect(store.getState()).toMatchObject({
      form: { name: 'saved' },
      draft: undefined,
      touched: {},
      showAllErrors: false,
      panelOpen: false,
    });
  });

  it('shows only the errors of fields already left before a save is tried', async () => {
    const { store } = setup();
    await store.getState().load();
    store.getState().setName('');
    expect(visibleOf(store.getState(), errorsOf(store.getState()))).toEqual([]);
    store.getState().touch('name');
    expect(visibleOf(store.getState(), errorsOf(store.getState()))).toEqual([missing]);
  });
});
