import { useEffect, useId, useRef } from 'react';
import { useFocusTrap } from './focus-trap';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  /** A third choice, shown first, e.g. Save and leave beside Discard and Stay. */
  alternative?: { label: string; onChoose(): void };
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal question; focus starts on the safe choice and Tab cycles inside. The native <dialog>
 * turns Escape into the safe choice and restores focus when it closes.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, message, confirmLabel, cancelLabel, alternative, onConfirm, onCancel } =
    props;
  const ref = useRef<HTMLDialogElement>(null);
  const safeChoice = useRef<HTMLButtonElement>(null);
  const id = useId();
  useFocusTrap(ref, open);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      safeChoice.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-message`}>{message}</p>
      <div className="dialog-buttons">
        {alternative && (
          <button type="button" className="button" onClick={alternative.onChoose}>
            {alternative.label}
          </button>
        )}
        <button type="button" className="button" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button ref={safeChoice} type="button" className="button primary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
