import type { DiagnosisEntry, SetupStepRef } from './entry';
import { aadsts } from './matchers';

/** The guide's "Grant admin consent" steps of both parts, wherever a diagnosis points at consent. */
export const GRANT_CONSENT_STEPS: SetupStepRef[] = [
  { part: 'password', steps: [14, 15], title: 'Grant admin consent' },
  { part: 'client-secret', steps: [15, 16], title: 'Grant admin consent' },
];

/** Microsoft Entra ID refusing the sign-in, by its AADSTS code. */
export const signInDiagnoses: DiagnosisEntry[] = [
  {
    id: 'public-client-flows-off',
    symptom: 'AADSTS7000218 (body must contain client_assertion or client_secret)',
    matches: aadsts(7000218),
    meaning:
      'The User name/Password flow was used with an app registration that is not a public client, so Entra ID expects a client secret.',
    fix: 'In the app registration: Authentication → Advanced settings → Allow public client flows = Yes, then Save.',
    setupSteps: [{ part: 'password', steps: [17, 18], title: 'Allow public client flows = Yes' }],
  },
  {
    id: 'public-client-with-secret',
    symptom: 'AADSTS700025 (client is public so no client_secret)',
    matches: aadsts(700025),
    meaning:
      'A client secret was sent to an app registration that is a public client; the Client secret flow needs a confidential client.',
    fix: 'In the app registration: Authentication → Advanced settings → Allow public client flows = No, then Save.',
    setupSteps: [
      { part: 'client-secret', steps: [18, 19], title: 'Allow public client flows = No' },
    ],
  },
  {
    id: 'mfa-required',
    symptom: 'AADSTS50076 / AADSTS50079 (multi-factor authentication required)',
    matches: aadsts(50076, 50079),
    meaning:
      'The account must use multi-factor authentication, which the User name/Password flow cannot do.',
    fix: 'Use the Client secret flow, or exempt this account from MFA in Conditional Access (the guide: two-factor authentication cannot be used with user name & password).',
    setupSteps: [
      { part: 'limitations', steps: [], title: 'Two-factor authentication can not be used' },
    ],
  },
  {
    id: 'consent-missing',
    symptom: 'AADSTS65001 (consent missing)',
    matches: aadsts(65001),
    meaning: 'The app registration’s permissions have not been granted admin consent.',
    fix: 'In the app registration: API permissions → Grant admin consent, then check that the status icon is green.',
    setupSteps: GRANT_CONSENT_STEPS,
  },
  {
    id: 'app-not-found',
    symptom: 'AADSTS700016 (application not found in the directory)',
    matches: aadsts(700016),
    meaning:
      'No app registration with this Application (client) ID exists in this directory: one of the two IDs is wrong.',
    fix: 'Copy Application (client) ID and Directory (tenant) ID again from the app registration’s Overview page into rows 21 and 22.',
    setupSteps: [
      {
        part: 'password',
        steps: [8],
        title: 'Copy Application (client) ID and Directory (tenant) ID',
      },
      {
        part: 'client-secret',
        steps: [9],
        title: 'Copy Application (client) ID and Directory (tenant) ID',
      },
    ],
  },
  {
    id: 'secret-invalid',
    symptom: 'AADSTS7000215 (invalid client secret)',
    matches: aadsts(7000215),
    meaning: 'The client secret is wrong. Often the secret’s ID was pasted instead of its Value.',
    fix: 'Paste the secret’s Value (shown only once, when it was created) into Client secret; if it is lost, create a new secret.',
    setupSteps: [{ part: 'client-secret', steps: [22], title: 'Copy the secret’s Value' }],
  },
  {
    id: 'secret-expired',
    symptom: 'AADSTS7000222 (client secret expired)',
    matches: aadsts(7000222),
    meaning: 'The client secret has expired.',
    fix: 'Create a new client secret under Certificates & secrets and paste its Value into Client secret.',
    setupSteps: [
      { part: 'client-secret', steps: [20, 21, 22], title: 'Create a new client secret' },
    ],
  },
  {
    id: 'wrong-password',
    symptom: 'AADSTS50126 (invalid user name or password)',
    matches: aadsts(50126),
    meaning: 'The user name or the password is wrong.',
    fix: 'Check User name (Exchange) (the user’s UPN) and enter the password again.',
    setupSteps: [
      { part: 'app', steps: [12, 13], title: 'User name (Exchange) and Password (Exchange)' },
    ],
  },
  {
    id: 'user-not-found',
    symptom: 'AADSTS50034 (user not found)',
    matches: aadsts(50034),
    meaning: 'No user with this name exists in the tenant.',
    fix: 'Copy the user’s e-mail address (UPN) from Users in the Azure Portal into User name (Exchange).',
    setupSteps: [
      { part: 'password', steps: [19], title: 'Copy an existing user’s e-mail address' },
    ],
  },
  {
    id: 'account-locked',
    symptom: 'AADSTS50053 (account locked)',
    matches: aadsts(50053),
    meaning: 'The account is locked, usually after too many wrong passwords.',
    fix: 'Wait for the lock to expire or have an administrator unlock the account, then test again.',
    setupSteps: [
      { part: 'app', steps: [12, 13], title: 'User name (Exchange) and Password (Exchange)' },
    ],
  },
  {
    id: 'account-disabled',
    symptom: 'AADSTS50057 (account disabled)',
    matches: aadsts(50057),
    meaning: 'The account is disabled in Entra ID.',
    fix: 'Enable the account (Users → the user → Account enabled) or use another account.',
    setupSteps: [{ part: 'app', steps: [12], title: 'User name (Exchange)' }],
  },
  {
    id: 'password-expired',
    symptom: 'AADSTS50055 (password expired)',
    matches: aadsts(50055),
    meaning: 'The account’s password has expired.',
    fix: 'Sign in once as the user to set a new password, then enter it in Password (Exchange).',
    setupSteps: [{ part: 'app', steps: [13], title: 'Password (Exchange)' }],
  },
  {
    id: 'tenant-not-found',
    symptom: 'AADSTS90002 / AADSTS900023 (tenant not found / not a valid tenant identifier)',
    matches: aadsts(90002, 900023),
    meaning: 'Directory (tenant) ID does not name an existing tenant.',
    fix: 'Copy Directory (tenant) ID from the app registration’s Overview page into row 22 (or use a verified domain of the tenant).',
    setupSteps: [
      { part: 'password', steps: [8], title: 'Copy Directory (tenant) ID' },
      { part: 'client-secret', steps: [9], title: 'Copy Directory (tenant) ID' },
    ],
  },
  {
    id: 'conditional-access',
    symptom: 'AADSTS53003 (blocked by Conditional Access)',
    matches: aadsts(53003),
    meaning: 'A Conditional Access policy blocks this sign-in.',
    fix: 'Ask the Entra ID administrator to exclude this app or account from the blocking policy (see the sign-in logs for the policy name).',
    setupSteps: [
      { part: 'limitations', steps: [], title: 'Security settings are the IT department’s choice' },
    ],
  },
  {
    id: 'invalid-scope',
    symptom: 'AADSTS70011 / AADSTS1002012 / AADSTS500011 (invalid scope / resource not found)',
    matches: aadsts(70011, 1002012, 500011),
    meaning:
      'The requested scope or resource does not exist in the tenant; usually the server address is not outlook.office365.com.',
    fix: 'Set Server address (Exchange/SMTP) to outlook.office365.com.',
    setupSteps: [{ part: 'app', steps: [15], title: 'Server address (Exchange/SMTP)' }],
  },
];
