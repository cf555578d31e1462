import type { DiagnosisEntry } from './entry';

/** What stops a run before it signs in: the keychain, and EWS retired in Exchange Online. */
export const beforeSignInDiagnoses: DiagnosisEntry[] = [
  {
    id: 'keychain-locked',
    symptom: 'The keychain is locked',
    matches: (f) => f.keychain === 'locked',
    meaning:
      'The OS keychain is locked, so the app could not read the secret this run signs in with. The secret is still stored; nothing was sent.',
    fix: 'Unlock the keychain (Linux: Passwords and Keys, or sign in to the desktop again; the app asks the system to unlock when it needs a secret), then test again. Do not type the secrets again.',
    setupSteps: [],
  },
  {
    id: 'keychain-unavailable',
    symptom: 'The keychain is not available',
    matches: (f) => f.keychain === 'unavailable',
    meaning:
      'The OS keychain could not be reached, so the app could not read the secret this run signs in with; nothing was sent.',
    fix: 'Start the keychain and test again. On Linux that is a Secret Service such as GNOME Keyring in the desktop session, with libsecret-1-0 installed; the Message names what was missing.',
    setupSteps: [],
  },
  {
    id: 'ews-retired',
    symptom: 'EWS in Exchange Online has ended (2027-04-01)',
    matches: (f) => f.appCode === 'ews-retired',
    meaning:
      'Microsoft switched EWS off in Exchange Online for good on 2027-04-01; no setting brings it back, so the test sent nothing.',
    fix: 'Send through Microsoft Graph with the same app registration (the walkthrough’s Microsoft Graph checklist), and move the ERP to Microsoft Graph.',
    setupSteps: [
      { part: 'graph', steps: [1, 2, 3, 4], title: 'Microsoft Graph on the same app registration' },
    ],
  },
];
