import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { dialogCredentials } from '../../../../shared/settings/check-dialog';
import { emailMethods } from '../../../../shared/settings/system-settings';
import { AddressInput } from '../../../components/AddressInput';
import { MailApiSelect } from '../../../components/MailApiSelect';
import { useFocusTrap } from '../../../components/focus-trap';
import {
  checkRunStore,
  environmentStore,
  mailApiChoiceStore,
  systemSettingsStore,
} from '../../../stores/instances';
import { secretChanges } from '../../../stores/system-settings';
import { setupStepsOf } from '../../../check/setup-steps-of';
import { SetupStepLinks } from '../../../check/SetupStepLink';
import { CheckProgress } from './CheckProgress';
import { CredentialFields } from './CredentialFields';
import { FieldRow } from './FieldRow';
import {
  dialogFieldErrors,
  formHasSecret,
  prefillDialog,
  toCheckDialog,
  type DialogFields,
  type DialogPasswords,
} from '../../../check/dialog-fields';
import { MailtoLink } from './MailtoLink';
import { resultText } from './result-text';
import { ResultBox } from './ResultBox';
import { useRunFocus } from './use-run-focus';

// The recipient is not a setting; remembering it spares retyping it for every test in a session.
let lastRecipient = '';

/**
 * Check e-mail settings (SCREENS.md §2): tests the form as it is now, saved or not, with the
 * recipient, sender and account typed here. Focus stays inside; Escape cancels a running test,
 * otherwise closes the dialog.
 */
export function CheckDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const testButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const id = useId();
  const settings = useStore(systemSettingsStore);
  const environment = useStore(environmentStore, (s) => s.view);
  // Not the steps: each progress event re-renders only the step list, not the whole dialog.
  const run = useStore(
    checkRunStore,
    useShallow(({ phase, result, error, activeRun }) => ({
      phase,
      result,
      error,
      cancelling: activeRun?.cancelling ?? false,
    })),
  );
  const sendThrough = useStore(mailApiChoiceStore, (s) => s.send);
  const [fields, setFields] = useState<DialogFields>(() =>
    prefillDialog(settings.form, environment, lastRecipient),
  );
  const [passwords, setPasswords] = useState<DialogPasswords>({});
  const running = run.phase === 'running';
  const { cancelling } = run;
  const errors = dialogFieldErrors(run.result?.errors ?? []);
  const credentials = dialogCredentials(fields.emailMethod, settings.form.authFlow);
  useFocusTrap(ref);
  useRunFocus(running, ref, testButton, cancelButton);
  const addressFields = [
    { key: 'recipient', label: 'Recipient' },
    { key: 'sender', label: 'Sender' },
  ] as const;

  useEffect(() => {
    checkRunStore.getState().reset();
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    const firstEmpty = addressFields.find((f) => fields[f.key].trim() === '');
    if (firstEmpty) document.getElementById(`${id}-${firstEmpty.key}`)?.focus();
    else testButton.current?.focus();
    // Runs once per opening: the fields' later edits must not move the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const set = <K extends keyof DialogFields>(key: K, value: DialogFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));

  const test = () => {
    const state = systemSettingsStore.getState();
    lastRecipient = fields.recipient.trim();
    const dialog = toCheckDialog(fields, state.form.authFlow, passwords, (key) =>
      formHasSecret(state, key),
    );
    void checkRunStore.getState().run({
      form: state.form,
      secrets: secretChanges(state),
      dialog: fields.emailMethod === 'exchange-online' ? { ...dialog, sendThrough } : dialog,
    });
  };

  // close() before unmounting, so the native dialog hands focus back to the icon.
  const close = () => {
    ref.current?.close();
    onClose();
  };

  const cancel = () => {
    if (running) void checkRunStore.getState().cancelRun();
    else close();
  };

  const errorId = (key: string) => `${id}-${key}-error`;
  const fieldError = (key: string) =>
    errors[key] && (
      <span id={errorId(key)} className="row-error">
        {errors[key]}
      </span>
    );
  const describedBy = (key: string) => (errors[key] ? errorId(key) : undefined);
  const demo = environment?.demo;

  return (
    <dialog
      ref={ref}
      className="check-dialog"
      aria-labelledby={`${id}-title`}
      // Escape is handled on keydown: Chrome closes a modal whose cancel event was prevented
      // twice in a row, which would leave a running test without its dialog.
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        if (!cancelling) cancel();
      }}
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id={`${id}-title`}>Check e-mail settings</h2>
      {environment && (
        <p className={`dialog-environment ${environment.environment}`}>{environment.badge}</p>
      )}
      <div className="check-fields">
        <FieldRow htmlFor={`${id}-emailMethod`} label="E-mail method">
          <select
            id={`${id}-emailMethod`}
            className="control select"
            disabled={running}
            value={fields.emailMethod}
            aria-invalid={errors.emailMethod ? true : undefined}
            aria-describedby={describedBy('emailMethod')}
            onChange={(e) => set('emailMethod', e.target.value as DialogFields['emailMethod'])}
          >
            {emailMethods.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
          {fieldError('emailMethod')}
        </FieldRow>
        {fields.emailMethod === 'exchange-online' && (
          <FieldRow htmlFor={`${id}-sendThrough`} label="Send through">
            <MailApiSelect id={`${id}-sendThrough`} use="send" disabled={running} />
          </FieldRow>
        )}
        {addressFields.map(({ key, label }) => (
          <FieldRow key={key} htmlFor={`${id}-${key}`} label={label}>
            <AddressInput
              id={`${id}-${key}`}
              list={demo ? `${id}-mailboxes` : undefined}
              readOnly={running}
              value={fields[key]}
              aria-invalid={errors[key] ? true : undefined}
              aria-describedby={describedBy(key)}
              onChange={(value) => set(key, value)}
            />
            {fieldError(key)}
          </FieldRow>
        ))}
        <CredentialFields
          id={id}
          credentials={credentials}
          fields={fields}
          onField={set}
          passwords={passwords}
          onPasswords={setPasswords}
          passwordStored={formHasSecret(settings, credentials.secretKey)}
          running={running}
          errors={errors}
          datalist={demo ? `${id}-mailboxes` : undefined}
        />
        <span id={`${id}-result`} className="check-result-label">
          Result
        </span>
        <ResultBox labelId={`${id}-result`} text={resultText(run)} />
        {run.result?.mailto && <MailtoLink href={run.result.mailto} />}
        {!running && (
          <SetupStepLinks
            steps={setupStepsOf(
              { id: run.result?.diagnosisId },
              settings.form.authFlow,
              'system-settings',
            )}
            flow={settings.form.authFlow}
            onFollow={close}
          />
        )}
      </div>
      {demo && (
        <datalist id={`${id}-mailboxes`}>
          {demo.mailboxes.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      )}
      {running && <CheckProgress cancelling={cancelling} />}
      <div className="dialog-buttons">
        <button
          ref={testButton}
          type="button"
          className="button primary"
          disabled={running}
          onClick={test}
        >
          Test
        </button>
        <button
          ref={cancelButton}
          type="button"
          className="button"
          disabled={cancelling}
          onClick={cancel}
        >
          Cancel
        </button>
      </div>
    </dialog>
  );
}
