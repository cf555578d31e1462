import { useStore } from 'zustand';
import type { AuthFlow } from '../../../shared/settings/system-settings';
import { anchorOf, limitations, noteLinks } from '../../../shared/walkthrough/steps';
import { ewsRetirementLine } from '../../../shared/diagnosis/ews-retirement';
import { environmentStore } from '../../stores/instances';
import { ExternalLinks } from './ExternalLinks';

/** The honest notes before the checklist: ROPC, the end of EWS, and what Demo already has. */
export function WalkthroughNotes({ flow }: { flow: AuthFlow }) {
  const environment = useStore(environmentStore, (s) => s.view?.environment);

  return (
    <div className="walkthrough-notes">
      {environment === 'demo' && (
        <aside className="walkthrough-note demo" aria-label="Demo tenant">
          <h2>Demo tenant</h2>
          <p>
            The demo tenant’s app registrations are already set up as the guide’s parts end: “ERP
            Mail (User name/Password)” after step 18 of the first part, “ERP Mail (Client secret)”
            after step 22 of the second; “ERP Mail (walkthrough)” is only registered (step 7). Check
            talks to the demo tenant: no mail leaves this computer.
          </p>
        </aside>
      )}
      {flow === 'password' && (
        <aside className="walkthrough-note" aria-label="About User name/Password">
          <h2>About User name/Password</h2>
          <p>
            This flow signs in with a user’s password (OAuth 2.0 resource owner password
            credentials, ROPC). Microsoft marks ROPC as not recommended and MSAL marks its API as
            deprecated; it still works, and the ERP uses it. It cannot do multi-factor
            authentication: an account that must use MFA fails. Where you can, use Client secret.
          </p>
          <ExternalLinks links={[noteLinks.ropc]} />
        </aside>
      )}
      <aside className="walkthrough-note" aria-label="Exchange Web Services">
        <h2>Exchange Web Services is being retired</h2>
        <p>
          Since 2026-10-01 Exchange Online blocks EWS unless the organisation has EwsEnabled on and
          this app’s Application (client) ID on its allow list: see “EWS access in Exchange Online”
          below. {ewsRetirementLine(new Date())} Microsoft Graph, on the same app registration, is
          what replaces it: see “Microsoft Graph on the same app registration”.
        </p>
        <ExternalLinks links={[noteLinks.ewsRetirement]} />
      </aside>
    </div>
  );
}

/** The guide's Limitations, where the diagnosis of an MFA or Conditional Access failure links. */
export function Limitations({ targeted }: { targeted: boolean }) {
  return (
    <section
      id={anchorOf('limitations')}
      className={`walkthrough-section${targeted ? ' targeted' : ''}`}
      aria-labelledby="walkthrough-limitations-title"
      tabIndex={-1}
    >
      <h2 id="walkthrough-limitations-title">Limitations</h2>
      <p className="section-source">Guide: Limitations and Security considerations</p>
      <ul className="limitations">
        {limitations.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <p className="section-note">
        Beyond the guide: with Client secret the app can open every mailbox in the tenant. The
        Client secret walkthrough&rsquo;s <em>Limit the app to some mailboxes</em> narrows that to
        the mailboxes the ERP uses.
      </p>
    </section>
  );
}
