import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { Banner } from '../components/Banner';
import { ErrorsPanel, type PanelError } from '../components/ErrorsPanel';
import { Toolbar } from '../components/Toolbar';
import type { ProcedureFormState } from '../stores/procedure-form';
import { useUnsavedGuard } from './use-unsaved-guard';

interface ProcedureFrameProps<S extends ProcedureFormState<unknown>> {
  title: string;
  className?: string;
  store: StoreApi<S>;
  dirty: boolean;
  /** Every error of the form, for the errors panel (SCREENS.md §4: there from the start). */
  errors: PanelError[];
  /** Brings the field of an error in the panel into view and focuses it. */
  onSelectError(field: string): void;
  /** The procedure's own banners, shown after a failed save's and before the notices. */
  banners?: ReactNode;
  /** The procedure's body; shown unless the load failed. */
  children: ReactNode;
}

/** A failed save's banner, then the procedure's own, then the notices. */
function FrameBanners({
  state,
  banners,
}: {
  state: ProcedureFormState<unknown>;
  banners: ReactNode;
}) {
  return (
    <div className="banners">
      {state.saveError && (
        <Banner kind="alert" message={state.saveError} onDismiss={state.dismissSaveError} />
      )}
      {banners}
      {state.notices.map((notice, index) => (
        <Banner
          key={notice}
          kind="notice"
          message={notice}
          onDismiss={() => state.dismissNotice(index)}
        />
      ))}
    </div>
  );
}

/** Loads the form the first time, and guards leaving it unsaved. */
function useFormLifecycle<S extends ProcedureFormState<unknown>>(
  store: StoreApi<S>,
  { load, save, revert }: S,
  dirty: boolean,
) {
  useEffect(() => {
    if (store.getState().phase === 'idle') void load();
  }, [store, load]);

  // Saved means: no save error and the store's form is the saved one again.
  const saveForGuard = useCallback(async () => {
    await save();
    const after = store.getState();
    return after.saveError === undefined && after.form === after.saved;
  }, [save, store]);
  useUnsavedGuard(dirty, revert, saveForGuard);
}

/** What the toolbar says while a refused save's errors are still there. */
function refusalOf(state: ProcedureFormState<unknown>, errors: PanelError[]): string | undefined {
  const first = errors[0];
  if (state.refusedCount === 0 || !state.showAllErrors || !first) return undefined;
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  return `Not saved — fix ${count} first. ${first.short}: ${first.message}`;
}

/**
 * After a refused save, focus goes to the first error. A frame later, so that it lands after
 * the unsaved guard's dialog (closing) has given focus back to what opened it.
 */
function useFocusFirstErrorOnRefusal(
  refusedCount: number,
  errors: PanelError[],
  onSelectError: (field: string) => void,
) {
  const latest = useRef({ errors, onSelectError });
  useEffect(() => {
    latest.current = { errors, onSelectError };
  });
  useEffect(() => {
    if (refusedCount === 0) return;
    const frame = requestAnimationFrame(() => {
      const first = latest.current.errors[0];
      if (first) latest.current.onSelectError(first.field);
    });
    return () => cancelAnimationFrame(frame);
  }, [refusedCount]);
}

/**
 * What every settings procedure has around its form: heading and toolbar (Save, Revert), the
 * banners, a failed load with Try again, the errors panel, the first load and the unsaved guard.
 */
export function ProcedureFrame<S extends ProcedureFormState<unknown>>(
  props: ProcedureFrameProps<S>,
) {
  const { store, dirty, errors, onSelectError } = props;
  const state = useStore(store);
  useFormLifecycle(store, state, dirty);
  useFocusFirstErrorOnRefusal(state.refusedCount, errors, onSelectError);

  return (
    <div className={props.className ? `procedure ${props.className}` : 'procedure'}>
      <header className="procedure-header">
        <h1>{props.title}</h1>
        <Toolbar
          dirty={dirty}
          saving={state.saving}
          savedCount={state.savedCount}
          refusal={refusalOf(state, errors)}
          onSave={state.save}
          onRevert={state.revert}
        />
      </header>
      <FrameBanners state={state} banners={props.banners} />
      {state.phase === 'load-failed' ? (
        <div className="load-failed" role="alert">
          <p>The settings could not be loaded: {state.loadError}</p>
          <button type="button" className="button" onClick={() => void state.load()}>
            Try again
          </button>
        </div>
      ) : (
        props.children
      )}
      <ErrorsPanel
        errors={errors}
        open={state.panelOpen}
        onOpenChange={state.setPanelOpen}
        onSelect={onSelectError}
      />
    </div>
  );
}
