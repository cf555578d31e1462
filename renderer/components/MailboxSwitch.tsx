import { useStore } from 'zustand';
import { mailboxSwitches, type MailboxSwitch as Name } from '../../shared/demo/switches';
import { demoTenantStore } from '../stores/instances';
import { SwitchControl } from './SwitchControl';

interface MailboxSwitchProps {
  address: string;
  name: Name;
  /** In a table cell the column says what it is: the name then also says whose mailbox. */
  inCell?: boolean;
}

/**
 * One of a demo mailbox's switches, changed in the demo tenant at once: in the Demo tenant
 * procedure's Mailboxes table, and beside the walkthrough's test step (a bounce to show).
 */
export function MailboxSwitch({ address, name, inCell }: MailboxSwitchProps) {
  const busy = useStore(demoTenantStore, (s) => s.busy);
  const mailbox = useStore(demoTenantStore, (s) =>
    s.view?.mailboxes.find((m) => m.address.toLowerCase() === address.trim().toLowerCase()),
  );
  if (!mailbox) return null;
  const spec = mailboxSwitches[name];
  const label = `${spec.label}: ${mailbox.address}`;
  return (
    <SwitchControl
      spec={inCell ? spec : { ...spec, label }}
      ariaLabel={inCell ? label : undefined}
      unsetLabel="Not set (the organisation decides)"
      value={mailbox.switches[name]}
      disabled={busy}
      onChange={(value) =>
        void demoTenantStore
          .getState()
          .change('demo.setSwitch', { target: 'mailbox', id: mailbox.address, name, value })
      }
    />
  );
}
