import { useState } from 'react';
import { createPortal } from 'react-dom';
import { GreenCheckButton } from '../../components/GreenCheckButton';
import { CheckDialog } from './check-dialog/CheckDialog';

/** The green test icon beside Server address; it opens Check e-mail settings. */
export function CheckMailButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <GreenCheckButton
        label="Check e-mail settings"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      />
      {/* Mounted only while open, so each opening starts from the form as it is then. */}
      {open && createPortal(<CheckDialog onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}
