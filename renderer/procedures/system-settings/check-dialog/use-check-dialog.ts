import { useEffect, useId, useState, type RefObject } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { dialogCredentials, type MailApi } from '../../../../shared/settings/check-dialog';
import { checkRequest } from '../../../check/check-request';
import {
  addressFields,
  dialogFieldErrors,
  formHasSecret,
  prefillDialog,
  toCheckDialog,
  type DialogFields,
  type DialogPasswords,
} from '../../../check/dialog-fields';
import { rememberRecipient, rememberedRecipient } from '../../../stores/remembered-recipient';
import { useFocusTrap } from '../../../components/focus-trap';
import {
  checkRunStore,
  environmentStore,
  mailApiChoiceStore,
  systemSettingsStore,
} from '../../../stores/instances';
import { useRunFocus } from './use-run-focus';

// Not the steps: each progress event re-renders only the step list, not the whole dialog.
const useDialogRun = () =>
  useStore(
    checkRunStore,
    useShallow(({ phase, result, error, activeRun, delivery }) => ({
      phase,
      result,
      error,
      delivery,
      cancelling: activeRun?.cancelling ?? false,
    })),
  );

/** Shows the dialog as a modal once per opening, focused where the person has to type first. */
function useShowModal(
  ref: RefObject<HTMLDialogElement | null>,
  id: string,
  fields: DialogFields,
  testButton: RefObject<HTMLButtonElement | null>,
) {
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
}

/** The dialog's two buttons, between which focus moves as a test starts and ends. */
export interface DialogButtonRefs {
  testButton: RefObject<HTMLButtonElement | null>;
  cancelButton: RefObject<HTMLButtonElement | null>;
}

/** Tests the form as it is now with the dialog's fields; the recipient is kept for next time. */
function startTest(fields: DialogFields, passwords: DialogPasswords, sendThrough: MailApi) {
  const state = systemSettingsStore.getState();
  rememberRecipient(fields.recipient);
  const dialog = toCheckDialog(fields, state.form.authFlow, passwords, (key) =>
    formHasSecret(state, key),
  );
  void checkRunStore.getState().run(checkRequest(state, dialog, sendThrough));
}

/**
 * The Check dialog's state and actions: the fields prefilled from the form as it is now, the
 * passwords typed here, the run, and Test, Cancel and close.
 */
export function useCheckDialog(
  onClose: () => void,
  ref: RefObject<HTMLDialogElement | null>,
  { testButton, cancelButton }: DialogButtonRefs,
) {
  const id = useId();
  const settings = useStore(systemSettingsStore);
  const environment = useStore(environmentStore, (s) => s.view);
  const run = useDialogRun();
  const sendThrough = useStore(mailApiChoiceStore, (s) => s.send);
  const [fields, setFields] = useState<DialogFields>(() =>
    prefillDialog(settings.form, environment, rememberedRecipient()),
  );
  const [passwords, setPasswords] = useState<DialogPasswords>({});
  const running = run.phase === 'running';
  useFocusTrap(ref);
  useRunFocus(running, ref, testButton, cancelButton);
  useShowModal(ref, id, fields, testButton);
  // A Result belongs to the method and API it tested: another choice clears it (issue 21 item 8).
  useEffect(() => checkRunStore.getState().reset(), [fields.emailMethod, sendThrough]);

  const set = <K extends keyof DialogFields>(key: K, value: DialogFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));

  // close() before unmounting, so the native dialog hands focus back to the icon.
  const close = () => {
    void checkRunStore.getState().stopFollowing();
    ref.current?.close();
    onClose();
  };

  // After OK! one press both stops following the message and closes, as after any finished run.
  const cancel = () => {
    if (running) void checkRunStore.getState().cancelRun();
    else close();
  };

  return {
    id,
    settings,
    environment,
    run,
    running,
    fields,
    set,
    passwords,
    setPasswords,
    test: () => startTest(fields, passwords, sendThrough),
    close,
    cancel,
    errors: dialogFieldErrors(run.result?.errors ?? []),
    credentials: dialogCredentials(fields.emailMethod, settings.form.authFlow),
  };
}

export type CheckDialogModel = ReturnType<typeof useCheckDialog>;
