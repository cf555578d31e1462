import { useRef } from 'react';
import { emailMethods } from '../../../../shared/settings/system-settings';
import { setupStepsOf } from '../../../check/setup-steps-of';
import { SetupStepLinks } from '../../../check/SetupStepLink';
import { addressFields, formHasSecret, type DialogFields } from '../../../check/dialog-fields';
import { AddressInput } from '../../../components/AddressInput';
import { MailApiSelect } from '../../../components/MailApiSelect';
import { CheckProgress } from './CheckProgress';
import { CredentialFields } from './CredentialFields';
import { FieldError, FieldRow, fieldErrorId } from './FieldRow';
import { MailtoLink } from './MailtoLink';
import { resultText } from './result-text';
import { ResultBox } from './ResultBox';
import { useCheckDialog, type CheckDialogModel, type DialogButtonRefs } from './use-check-dialog';

interface PartProps {
  dialog: CheckDialogModel;
}

const describedBy = ({ id, errors }: CheckDialogModel, key: string) =>
  errors[key] ? fieldErrorId(id, key) : undefined;

/** In Demo, the tenant's mailboxes are offered in every address field. */
const mailboxList = ({ id, environment }: CheckDialogModel) =>
  environment?.demo ? `${id}-mailboxes` : undefined;

/** E-mail method, Send through (Exchange Online only), Recipient and Sender. */
function MessageFields({ dialog }: PartProps) {
  const { id, fields, set, running, errors } = dialog;
  return (
    <>
      <FieldRow htmlFor={`${id}-emailMethod`} label="E-mail method">
        <select
          id={`${id}-emailMethod`}
          className="control select"
          disabled={running}
          value={fields.emailMethod}
          aria-invalid={errors.emailMethod ? true : undefined}
          aria-describedby={describedBy(dialog, 'emailMethod')}
          onChange={(e) => set('emailMethod', e.target.value as DialogFields['emailMethod'])}
        >
          {emailMethods.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
        <FieldError id={id} field="emailMethod" errors={errors} />
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
            list={mailboxList(dialog)}
            readOnly={running}
            value={fields[key]}
            aria-invalid={errors[key] ? true : undefined}
            aria-describedby={describedBy(dialog, key)}
            onChange={(value) => set(key, value)}
          />
          <FieldError id={id} field={key} errors={errors} />
        </FieldRow>
      ))}
    </>
  );
}

/** The Result box, the mail client's link, and once the test ended the setup steps that fix it. */
function DialogResult({ dialog }: PartProps) {
  const { id, run, running, settings } = dialog;
  const flow = settings.form.authFlow;
  return (
    <>
      <span id={`${id}-result`} className="check-result-label">
        Result
      </span>
      <ResultBox labelId={`${id}-result`} text={resultText(run)} />
      {run.delivery?.following && run.delivery.runId === run.result?.runId && (
        // Outside the Result box, so the countdown is not announced every second.
        <p className="check-watch">
          Watching for a bounce: {run.delivery.secondsLeft ?? '…'} s left (Cancel stops following)
        </p>
      )}
      {run.result?.mailto && <MailtoLink href={run.result.mailto} />}
      {!running && (
        <SetupStepLinks
          steps={setupStepsOf(
            { id: run.delivery?.bounce?.diagnosisId ?? run.result?.diagnosisId },
            flow,
            'system-settings',
          )}
          flow={flow}
          onFollow={dialog.close}
        />
      )}
    </>
  );
}

function DialogButtons({ dialog, testButton, cancelButton }: PartProps & DialogButtonRefs) {
  return (
    <div className="dialog-buttons">
      <button
        ref={testButton}
        type="button"
        className="button primary"
        disabled={dialog.running}
        onClick={dialog.test}
      >
        Test
      </button>
      <button
        ref={cancelButton}
        type="button"
        className="button"
        disabled={dialog.run.cancelling}
        onClick={dialog.cancel}
      >
        Cancel
      </button>
    </div>
  );
}

/**
 * Check e-mail settings (SCREENS.md §2): tests the form as it is now, saved or not, with the
 * recipient, sender and account typed here. Focus stays inside; Escape cancels a running test,
 * otherwise closes the dialog.
 */
export function CheckDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const testButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const dialog = useCheckDialog(onClose, ref, { testButton, cancelButton });
  const { id, environment, run } = dialog;
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
        if (!run.cancelling) dialog.cancel();
      }}
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id={`${id}-title`}>Check e-mail settings</h2>
      {environment && (
        <p className={`dialog-environment ${environment.environment}`}>{environment.badge}</p>
      )}
      <div className="check-fields">
        <MessageFields dialog={dialog} />
        <CredentialFields
          id={id}
          credentials={dialog.credentials}
          fields={dialog.fields}
          onField={dialog.set}
          passwords={dialog.passwords}
          onPasswords={dialog.setPasswords}
          passwordStored={formHasSecret(dialog.settings, dialog.credentials.secretKey)}
          running={dialog.running}
          errors={dialog.errors}
          datalist={mailboxList(dialog)}
        />
        <DialogResult dialog={dialog} />
      </div>
      {environment?.demo && (
        <datalist id={`${id}-mailboxes`}>
          {environment.demo.mailboxes.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      )}
      {dialog.running && <CheckProgress cancelling={run.cancelling} />}
      <DialogButtons dialog={dialog} testButton={testButton} cancelButton={cancelButton} />
    </dialog>
  );
}
