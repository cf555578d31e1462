import { useState } from 'react';
import { createPortal } from 'react-dom';
import { CheckDialog } from './check-dialog/CheckDialog';

/** The green test icon beside Server address; it opens Check e-mail settings. */
export function CheckMailButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="check-mail"
        aria-label="Check e-mail settings"
        title="Check e-mail settings"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <circle cx="10" cy="10" r="9" fill="#2e9e44" />
          <path
            d="M5.5 10.5l3 3 6-7"
            fill="none"
            stroke="#fff"
            strokeWidth="2.2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
      {/* Mounted only while open, so each opening starts from the form as it is then. */}
      {open && createPortal(<CheckDialog onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}
