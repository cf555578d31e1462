import { useEffect, useLayoutEffect } from 'react';
import { useStore } from 'zustand';
import { ConfirmDialog } from './components/ConfirmDialog';
import { Navigation } from './Navigation';
import { EnvironmentBadge } from './environment/EnvironmentBadge';
import { EnvironmentSwitch } from './environment/EnvironmentSwitch';
import { procedureViews } from './procedure-views';
import { isOfferedId, procedureTitle } from './procedures/registry';
import { useConnection } from './transport/connection';
import { environmentStore } from './stores/instances';
import { useNavigation } from './stores/navigation';

/** Shown instead of the UI when the browser host does not (or no longer) accept this page. */
function LinkInvalid() {
  return (
    <main className="link-invalid" role="alert">
      <h1>ERP Mail Settings</h1>
      <p>
        This page needs the link the app printed when it started, ending in #token=…: open that
        link. Each start prints a new one.
      </p>
    </main>
  );
}

export function App() {
  const linkInvalid = useConnection((s) => s.linkInvalid);
  const { current, pending, open, saveAndLeave, leaveAnyway, stay } = useNavigation();
  const environment = useStore(environmentStore, (s) => s.view?.environment);
  const Procedure = procedureViews[current];

  // A procedure that exists only in Demo (the Demo tenant) closes when the switch leaves Demo.
  useEffect(() => {
    if (environment !== undefined && !isOfferedId(current, environment)) open('system-settings');
  }, [current, environment, open]);

  // Each procedure opens at its top, not at the scroll position the previous one was left at.
  // A layout effect, so that it runs before a procedure's own scroll to a target (a link's step).
  // A block body: newer Chromium's scrollTo returns a Promise, which React would take for a cleanup.
  useLayoutEffect(() => {
    window.scrollTo(0, 0);
  }, [current]);

  if (linkInvalid) return <LinkInvalid />;

  return (
    <div className="app">
      <Navigation
        current={current}
        onOpen={open}
        banner={<EnvironmentBadge />}
        footer={<EnvironmentSwitch />}
        environment={environment}
      />
      <main className="content">{isOfferedId(current, environment) && <Procedure />}</main>
      <ConfirmDialog
        open={pending !== undefined}
        title="Unsaved changes"
        message={`${procedureTitle(current)} has changes that are not saved. Save them before leaving, or discard them?`}
        alternative={{ label: 'Save and leave', onChoose: () => void saveAndLeave() }}
        confirmLabel="Discard changes"
        cancelLabel="Stay"
        onConfirm={leaveAnyway}
        onCancel={stay}
      />
    </div>
  );
}
