import { useId } from 'react';
import { useStore } from 'zustand';
import { AddressInput } from '../../components/AddressInput';
import { environmentStore, systemSettingsStore, walkthroughStore } from '../../stores/instances';
import type { CheckFields as Fields } from '../../stores/walkthrough';
import { messageFields } from '../../check/dialog-fields';
import { checkFieldsFrom } from '../../check/dialog-fields';

/** What the Check buttons send the test message with; passwords and secrets come from System settings. */
export function CheckFields() {
  const id = useId();
  const environment = useStore(environmentStore, (s) => s.view);
  const form = useStore(systemSettingsStore, (s) => s.form);
  const typed = useStore(walkthroughStore, (s) => s.checkFields);
  // The prefill follows the form and the environment until the person types here.
  const fields = checkFieldsFrom(typed, form, environment);
  const flow = form.authFlow;
  const set = (key: keyof Fields, value: string) =>
    walkthroughStore.getState().setCheckFields({ ...fields, [key]: value });

  return (
    <fieldset className="check-fields-set">
      <legend>Check buttons</legend>
      <p className="step-detail">
        Check runs the green icon’s test with System settings as they are now (saved or not): it
        asks Entra ID for a token and sends one test message from Sender to Recipient.
        {flow === 'password'
          ? ' Password (Exchange) comes from row 13.'
          : ' The client secret comes from row 24.'}
      </p>
      <div className="check-field-row">
        {messageFields
          .filter((l) => l.key !== 'userName' || flow === 'password')
          .map(({ key, label }) => (
            <span key={key} className="check-field-item">
              <label htmlFor={`${id}-${key}`}>{label}</label>
              <AddressInput
                id={`${id}-${key}`}
                value={fields[key]}
                onChange={(value) => set(key, value)}
              />
            </span>
          ))}
      </div>
    </fieldset>
  );
}
