import { useEffect } from 'react';
import { useStore } from 'zustand';
import { MailboxSwitch } from '../../components/MailboxSwitch';
import { checkFieldsFrom } from '../../check/dialog-fields';
import {
  demoTenantStore,
  environmentStore,
  systemSettingsStore,
  walkthroughStore,
} from '../../stores/instances';

/**
 * In Demo, beside the step that sends the test message: the demo mailboxes' bounce switches for
 * the Check fields' Recipient (Mailbox full, 5.2.2) and Sender (Blocked as outbound spam, 5.1.8),
 * so support can show a bounce after `OK!` without leaving the walkthrough (FLOWS.md §11).
 */
export function BounceSwitches() {
  const environment = useStore(environmentStore, (s) => s.view);
  const form = useStore(systemSettingsStore, (s) => s.form);
  const typed = useStore(walkthroughStore, (s) => s.checkFields);
  const phase = useStore(demoTenantStore, (s) => s.phase);
  const demo = environment?.environment === 'demo';
  useEffect(() => {
    if (demo && phase === 'idle') void demoTenantStore.getState().load();
  }, [demo, phase]);
  if (!demo) return null;
  const { recipient, sender } = checkFieldsFrom(typed, form, environment);
  return (
    <div className="tenant-step" role="group" aria-label="Demo tenant: show a bounce">
      <span className="tenant-step-label">Demo tenant, show a bounce:</span>
      <MailboxSwitch address={recipient} name="quotaExceeded" />
      <MailboxSwitch address={sender} name="outboundSpamBlocked" />
    </div>
  );
}
