import { useState } from 'react';
import type { DemoMailboxView, DemoTenantView } from '../../../shared/contract/demo';
import {
  mailboxRights,
  mailboxSwitches,
  mailboxSwitchNames,
  type MailboxRight,
} from '../../../shared/demo/switches';
import { MailboxSwitch } from '../../components/MailboxSwitch';
import { useDemo } from './use-demo';

const rightNames = Object.keys(mailboxRights) as MailboxRight[];

function Inbox({ mailbox }: { mailbox: DemoMailboxView }) {
  if (mailbox.inboxCount === 0) return <span className="demo-none">Empty</span>;
  return (
    <>
      {mailbox.inboxCount} {mailbox.inboxCount === 1 ? 'message' : 'messages'}
      <ul className="demo-messages">
        {mailbox.recent.map((m, i) => (
          <li key={`${m.receivedAt}-${i}`}>
            {m.receivedAt.slice(11, 19)} from {m.from}: {m.subject}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Full Access and Send As on one mailbox, per user. */
function Rights({ view }: { view: DemoTenantView }) {
  const { busy, change } = useDemo();
  const [address, setAddress] = useState(view.mailboxes[0]?.address ?? '');
  const mailbox = view.mailboxes.find((m) => m.address === address);
  return (
    <div className="demo-rights">
      <label className="demo-inline">
        Rights on mailbox
        <select
          className="control select"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        >
          {view.mailboxes.map((m) => (
            <option key={m.address} value={m.address}>
              {m.address}
            </option>
          ))}
        </select>
      </label>
      {mailbox && (
        <table className="demo-table" aria-label={`Rights on ${mailbox.address}`}>
          <thead>
            <tr>
              <th>User</th>
              {rightNames.map((r) => (
                <th key={r}>{mailboxRights[r]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.users.map(({ userPrincipalName: upn }) => (
              <tr key={upn}>
                <td>{upn}</td>
                {rightNames.map((right) => (
                  <td key={right} className="demo-cell-check">
                    <input
                      type="checkbox"
                      aria-label={`${mailboxRights[right]}: ${upn}`}
                      checked={mailbox[right].some((u) => u.toLowerCase() === upn.toLowerCase())}
                      disabled={busy}
                      onChange={(e) =>
                        void change('demo.setMailboxRight', {
                          address: mailbox.address,
                          user: upn,
                          right,
                          granted: e.target.checked,
                        })
                      }
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Exchange's mailboxes: each one's switches and what its Inbox received; then the rights. */
export function Mailboxes({ view }: { view: DemoTenantView }) {
  return (
    <>
      <div className="demo-table-wrap">
        <table className="demo-table" aria-label="Mailboxes">
          <thead>
            <tr>
              <th>Mailbox</th>
              <th>Kind</th>
              {mailboxSwitchNames.map((name) => (
                <th key={name}>{mailboxSwitches[name].label}</th>
              ))}
              <th>Inbox</th>
            </tr>
          </thead>
          <tbody>
            {view.mailboxes.map((m) => (
              <tr key={m.address}>
                <td>
                  {m.displayName}
                  <div className="demo-id">{m.address}</div>
                </td>
                <td>{m.kind === 'shared' ? 'Shared' : 'User'}</td>
                {mailboxSwitchNames.map((name) => (
                  <td key={name}>
                    <MailboxSwitch address={m.address} name={name} inCell />
                  </td>
                ))}
                <td>
                  <Inbox mailbox={m} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Rights view={view} />
    </>
  );
}
