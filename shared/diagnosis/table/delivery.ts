import type { FailureFacts } from '../failure';
import type { DiagnosisEntry, SetupStepRef } from './entry';

/**
 * A bounce after `OK!` (FLOWS.md §11): the DSN's status of the recipient it failed, read from the
 * NDR's message/delivery-status part. Meanings after Microsoft's "Email non-delivery reports and
 * SMTP errors in Exchange Online" and its "Fix email delivery issues for error code …" pages.
 */
const dsn =
  (statuses: string[], text?: RegExp) =>
  (f: FailureFacts): boolean =>
    f.step === 'delivery' &&
    f.dsn !== undefined &&
    statuses.includes(f.dsn.status) &&
    (text === undefined || text.test(f.message));

// The Recipient is the dialog's own field, not a setting: no setup step fixes it.
const RECIPIENT: SetupStepRef[] = [];
const SENDER: SetupStepRef[] = [{ part: 'app', steps: [12], title: 'User name (Exchange)' }];

export const deliveryDiagnoses: DiagnosisEntry[] = [
  {
    id: 'dsn-recipient-not-found',
    symptom: 'NDR 550 5.1.10 RESOLVER.ADR.RecipientNotFound',
    matches: dsn(['5.1.10', '5.1.1']),
    meaning:
      'Exchange took the message, then found no mailbox, group or contact with the recipient’s address (SMTP address lookup): a typing error, or an address that was removed.',
    fix: 'Check the Recipient address for typing errors and test again; when the address should exist, create the mailbox or a mail contact for it in the Microsoft 365 admin center.',
    setupSteps: RECIPIENT,
  },
  {
    id: 'dsn-outbound-spam',
    symptom: 'NDR 550 5.1.8 Access denied, bad outbound sender / 5.7.708 traffic not accepted',
    matches: dsn(['5.1.8', '5.7.708', '5.7.705', '5.7.750']),
    meaning:
      'Exchange Online’s outbound spam protection blocked the sender (too much spam sent, usually a compromised account) or the tenant (a new or unverified domain, a low reputation); every message from it bounces.',
    fix: 'An admin checks the account for compromise (reset the password, sign-out everywhere, review inbox rules), then releases it in the Microsoft Defender portal → Restricted entities; a tenant block (5.7.708) needs a verified domain and a support request to Microsoft.',
    setupSteps: SENDER,
  },
  {
    id: 'dsn-send-as-denied',
    symptom: 'NDR 550 5.7.60 SMTP; Client does not have permissions to send as this sender',
    matches: dsn(['5.7.60']),
    meaning:
      'The account that signed in may not send as the Sender address: it has neither Send As nor Send on Behalf on that mailbox.',
    fix: 'In the Exchange admin center → Recipients → Mailboxes → the Sender’s mailbox → Delegation, give the signing-in user Send As; or use that user’s own address as Sender.',
    setupSteps: SENDER,
  },
  {
    id: 'dsn-not-authorized',
    symptom: 'NDR 550 5.7.1 (delivery restriction, not authorized)',
    matches: dsn(['5.7.1']),
    meaning:
      'A delivery restriction stopped the message: the recipient (often a group or a room) accepts mail only from listed or internal senders, or a mail flow rule rejected it.',
    fix: 'Let the sender through: in the Exchange admin center → the recipient → Delivery management, allow this sender (or senders outside the organisation), or change the mail flow rule; or test with another recipient.',
    setupSteps: RECIPIENT,
  },
  {
    id: 'dsn-relay-denied',
    symptom: 'NDR 550 5.4.1 Relay Access Denied / Recipient address rejected: Access denied',
    matches: dsn(['5.4.1']),
    meaning:
      'The server that answered for the recipient’s domain does not accept mail for that domain or that address: the domain’s MX record points at a server that is not its mail host, or Directory Based Edge Blocking rejected an address that does not exist.',
    fix: 'Check the Recipient’s domain: its MX record must point at the server that hosts it, and in Exchange Online an accepted domain must be Authoritative or Internal Relay as intended; check the address itself.',
    setupSteps: RECIPIENT,
  },
  {
    id: 'dsn-mailbox-full',
    symptom: 'NDR 554 5.2.2 mailbox full (QuotaExceededException)',
    matches: dsn(['5.2.2']),
    meaning:
      'The recipient’s mailbox is over its quota and takes no more mail (or, when the text says “Submission quota exceeded”, the sender passed Exchange Online’s sending limits).',
    fix: 'The recipient empties Deleted Items and large messages, or an admin raises the quota or enables the archive; for a submission quota, wait and send fewer messages (30 a minute, 10,000 recipients a day).',
    setupSteps: RECIPIENT,
  },
  {
    id: 'dsn-delayed',
    symptom: 'Delay DSN 4.4.7 (Action: delayed), “Delivery has been delayed”',
    matches: dsn(['4.4.7', '4.4.1', '4.4.2']),
    meaning:
      'Exchange could not hand the message to the recipient’s server yet and is still trying; it gives up and sends a 5.x.x NDR once the message expires (after a day or two).',
    fix: 'Nothing to change in these settings: check the recipient’s domain and that its mail server is reachable; test again later or with a recipient on another domain.',
    setupSteps: RECIPIENT,
  },
];
