import type { ClipboardEvent, KeyboardEvent } from 'react';
import { SECRET_MASK } from '../../shared/settings/secrets';
import type { SecretDraft } from '../stores/secret-drafts';

interface SecretFieldProps {
  id: string;
  label: string;
  storedIsSet: boolean;
  draft: SecretDraft | undefined;
  onDraft(draft: SecretDraft | undefined): void;
  onBlur(): void;
  disabled: boolean;
  invalid: boolean;
  describedBy?: string;
  /** Offers Clear beside the mask; a field that only borrows a stored secret leaves it out. */
  clearable?: boolean;
}

type OnDraft = SecretFieldProps['onDraft'];

interface InputProps {
  id: string;
  disabled: boolean;
  onBlur(): void;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  className: string;
}

/**
 * The fixed mask of a stored secret: a key typed or a text pasted into it starts a replacement.
 * Props, not a component, so the mask and the typed draft are one input and keep the focus.
 */
const maskProps = (onDraft: OnDraft) => ({
  type: 'text',
  readOnly: true,
  value: SECRET_MASK,
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      onDraft({ value: event.key, clear: false });
    }
  },
  onPaste: (event: ClipboardEvent<HTMLInputElement>) => {
    event.preventDefault();
    onDraft({ value: event.clipboardData.getData('text'), clear: false });
  },
});

/** Change and (unless the field only borrows the secret) Clear, beside the mask. */
function MaskButtons(
  props: Pick<SecretFieldProps, 'id' | 'label' | 'disabled' | 'onDraft'> & {
    clearable: boolean;
  },
) {
  const { id, label, disabled, onDraft } = props;
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={disabled}
        aria-label={`Change ${label}`}
        onClick={() => {
          onDraft({ value: '', clear: false });
          requestAnimationFrame(() => document.getElementById(id)?.focus());
        }}
      >
        Change
      </button>
      {props.clearable && (
        <button
          type="button"
          className="button small"
          disabled={disabled}
          aria-label={`Clear ${label}`}
          onClick={() => onDraft({ value: '', clear: true })}
        >
          Clear
        </button>
      )}
    </>
  );
}

/**
 * A secret never comes back from main: a stored one is shown as a fixed mask with Change and
 * Clear; typing into the mask starts a replacement.
 */
export function SecretField(props: SecretFieldProps) {
  const { id, label, storedIsSet, draft, onDraft, onBlur, disabled, invalid, describedBy } = props;
  const clearable = props.clearable ?? true;
  const masked = storedIsSet && draft === undefined;
  const common: InputProps = {
    id,
    disabled,
    onBlur,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    className: 'control secret',
  };

  return (
    <span className="secret-field">
      {masked ? (
        <input {...common} {...maskProps(onDraft)} />
      ) : (
        <input
          {...common}
          type="password"
          autoComplete="new-password"
          value={draft?.value ?? ''}
          placeholder={draft?.clear && storedIsSet ? 'Removed on save' : undefined}
          onChange={(event) => onDraft({ value: event.target.value, clear: draft?.clear ?? false })}
        />
      )}
      {masked && (
        <MaskButtons
          id={id}
          label={label}
          disabled={disabled}
          onDraft={onDraft}
          clearable={clearable}
        />
      )}
      {storedIsSet && draft !== undefined && (
        <button
          type="button"
          className="button small"
          disabled={disabled}
          aria-label={`Undo change to ${label}`}
          onClick={() => onDraft(undefined)}
        >
          Undo
        </button>
      )}
    </span>
  );
}
