import { useStore } from 'zustand';
import { stepNames } from '../../../shared/diagnosis/failure';
import { authFlows, type AuthFlow } from '../../../shared/settings/system-settings';
import type { StepCheck as CheckKind } from '../../../shared/walkthrough/steps';
import {
  environmentStore,
  systemSettingsStore,
  walkthroughCheckStore,
  walkthroughStore,
} from '../../stores/instances';
import type { CheckRunState } from '../../stores/check-run';
import { checkRequest } from '../../check/check-request';
import { checkFieldsFrom } from '../../check/dialog-fields';
import { withDelivery } from '../../check/with-delivery';
import { SetupStepLinks } from '../../check/SetupStepLink';
import { checkVerdict, type Verdict } from './check-verdict';
import { systemSettingsReady } from './fill-ids';

const flowLabel = (flow: AuthFlow) => authFlows.find((f) => f.value === flow)?.label ?? flow;

/** Runs the green icon's test (check.run) with the System settings form as it is now. */
async function runCheck(stepId: string, kind: CheckKind) {
  await systemSettingsReady(systemSettingsStore);
  const state = systemSettingsStore.getState();
  walkthroughStore.getState().setCheckedAt(stepId);
  const fields = checkFieldsFrom(
    walkthroughStore.getState().checkFields,
    state.form,
    environmentStore.getState().view,
  );
  const dialog = { ...fields, emailMethod: state.form.emailMethod };
  const sendThrough = kind === 'graph' ? 'graph' : undefined;
  await walkthroughCheckStore.getState().run(checkRequest(state, dialog, sendThrough));
}

const checkNames: Record<CheckKind, string> = {
  token: 'Check token',
  ews: 'Check test message',
  graph: 'Check Microsoft Graph',
};

/** While this step's check runs: the step it is at, and Cancel check. */
function CheckRunning({ run }: { run: CheckRunState }) {
  const current = run.steps.find((s) => s.state === 'running' || s.state === 'waiting');
  return (
    <>
      <span role="status" className="check-running">
        {current
          ? `${stepNames[current.step]}${current.detail ? `: ${current.detail}` : '…'}`
          : 'Starting…'}
      </span>
      <button
        type="button"
        className="button small"
        disabled={run.activeRun?.cancelling}
        onClick={() => void walkthroughCheckStore.getState().cancelRun()}
      >
        Cancel check
      </button>
    </>
  );
}

function VerdictBox({ verdict }: { verdict: Verdict }) {
  return (
    <div className={`check-verdict tone-${verdict.tone}`} role="status">
      <p className="check-headline">{verdict.headline}</p>
      {verdict.lines.length > 0 && (
        // Focusable, so that a long result can be scrolled from the keyboard.
        <pre className="check-lines" aria-label="Check result" tabIndex={0}>
          {verdict.lines.join('\n')}
        </pre>
      )}
      <SetupStepLinks steps={verdict.fixes} />
    </div>
  );
}

/** A step's Check button and, beside the step that ran it, the progress and the verdict. */
export function StepCheck({
  kind,
  stepId,
  flow,
}: {
  kind: CheckKind;
  stepId: string;
  flow: AuthFlow;
}) {
  const run = useStore(walkthroughCheckStore);
  const checkedAt = useStore(walkthroughStore, (s) => s.checkedAt);
  const testedFlow = useStore(systemSettingsStore, (s) => s.form.authFlow);
  const mine = checkedAt === stepId;
  const running = run.phase === 'running';
  // Following the message after OK! can turn it into a bounce's diagnosis (FLOWS.md §11).
  const result = run.result && withDelivery(run.result, run.delivery);
  const verdict =
    mine && run.phase === 'finished'
      ? checkVerdict(kind, result, run.error, testedFlow)
      : undefined;

  return (
    <div className="step-check">
      <div className="copy-actions">
        <button
          type="button"
          className="button small primary"
          disabled={running}
          onClick={() => void runCheck(stepId, kind)}
        >
          {checkNames[kind]}
        </button>
        {mine && running && <CheckRunning run={run} />}
      </div>
      {testedFlow !== flow && (
        <p className="step-detail">
          System settings row 23 is “{flowLabel(testedFlow)}”: Check tests that flow, with the
          settings as they are now.
        </p>
      )}
      {verdict && <VerdictBox verdict={verdict} />}
    </div>
  );
}
