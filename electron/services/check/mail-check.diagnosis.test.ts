import { describe, expect, it } from 'vitest';
import type { CheckRunInput } from '../../../shared/contract/check';
import { GRAPH_APP_ID, GRAPH_USER_READ_ID } from '../../demo-tenant/permissions';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_ID,
  DEMO_SECRET_VALUE,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../../demo-tenant/seed';
import type { CheckHarness } from '../../../test-support/services/check-harness';
import { useCheckHarness } from '../../../test-support/testing/use-check-harness';

let h: CheckHarness;
useCheckHarness((harness) => (h = harness));

interface Row {
  /** The FLOWS.md §4 symptom. */
  symptom: string;
  /** Puts the tenant into the state; answers the check's input. */
  arrange: () => CheckRunInput;
  code: RegExp;
  diagnosisId: string;
  /** Part of the Meaning line. */
  meaning: RegExp;
  /** The setup step line that fixes it. */
  setupStep: RegExp;
}

type Patch = Partial<CheckRunInput['form']>;
const password = (form: Patch = {}, dialog: Partial<CheckRunInput['dialog']> = {}) => {
  const base = h.input();
  return { ...base, form: { ...base.form, ...form }, dialog: { ...base.dialog, ...dialog } };
};
const clientSecret = (
  secret = DEMO_SECRET_VALUE,
  form: Patch = {},
  dialog: Partial<CheckRunInput['dialog']> = {},
) => {
  const base = password(
    { clientId: CLIENT_SECRET_APP_ID, authFlow: 'client-secret', ...form },
    dialog,
  );
  return { ...base, secrets: { clientSecret: { action: 'set' as const, value: secret } } };
};
const typedPassword = (value: string) => {
  const base = password();
  return { ...base, dialog: { ...base.dialog, password: { action: 'set' as const, value } } };
};

const rows: Row[] = [
  {
    symptom: 'AADSTS7000218: public client flows off',
    arrange: () => {
      h.tenant.state.updateApp(ROPC_APP_ID, { allowPublicClientFlows: false });
      return password();
    },
    code: /AADSTS7000218, invalid_client/,
    diagnosisId: 'public-client-flows-off',
    meaning: /not a public client/,
    setupStep: /User name & password\), steps 17–18: Allow public client flows = Yes/,
  },
  {
    symptom: 'AADSTS700025: secret sent to a public client',
    arrange: () => clientSecret(DEMO_SECRET_VALUE, { clientId: ROPC_APP_ID }),
    code: /AADSTS700025/,
    diagnosisId: 'public-client-with-secret',
    meaning: /public client/,
    setupStep: /Client secret\), steps 18–19: Allow public client flows = No/,
  },
  {
    symptom: 'AADSTS50076: MFA required',
    arrange: () => password({}, { userName: DEMO_USERS.mfa }),
    code: /AADSTS50076/,
    diagnosisId: 'mfa-required',
    meaning: /multi-factor/,
    setupStep: /Limitations: Two-factor authentication can not be used/,
  },
  {
    symptom: 'AADSTS50079: MFA enrolment required',
    arrange: () => password({}, { userName: DEMO_USERS.mfaNotEnrolled }),
    code: /AADSTS50079/,
    diagnosisId: 'mfa-required',
    meaning: /multi-factor/,
    setupStep: /Two-factor authentication can not be used/,
  },
  {
    symptom: 'AADSTS65001: consent missing',
    arrange: () => {
      h.tenant.state.updateApp(ROPC_APP_ID, { adminConsentGranted: false });
      return password();
    },
    code: /AADSTS65001/,
    diagnosisId: 'consent-missing',
    meaning: /admin consent/,
    setupStep: /steps 14–15: Grant admin consent/,
  },
  {
    symptom: 'AADSTS700016: app not found',
    arrange: () => password({ clientId: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9' }),
    code: /AADSTS700016, unauthorized_client/,
    diagnosisId: 'app-not-found',
    meaning: /No app registration/,
    setupStep: /step 8: Copy Application \(client\) ID/,
  },
  {
    // A secret shaped like its ID (a GUID) is caught before sending; any other wrong value is Entra's.
    symptom: 'AADSTS7000215: invalid secret',
    arrange: () => clientSecret('Xq18Q~not-the-value-of-any-secret-of-this-app'),
    code: /AADSTS7000215/,
    diagnosisId: 'secret-invalid',
    meaning: /secret’s ID was pasted/,
    setupStep: /Client secret\), step 22: Copy the secret’s Value/,
  },
  {
    symptom: 'AADSTS7000222: secret expired',
    arrange: () => {
      const old = h.tenant.state.addSecret(CLIENT_SECRET_APP_ID, {
        expiresAt: '2020-01-01T00:00:00.000Z',
      });
      return clientSecret(old.value);
    },
    code: /AADSTS7000222/,
    diagnosisId: 'secret-expired',
    meaning: /expired/,
    setupStep: /steps 20–22: Create a new client secret/,
  },
  {
    symptom: 'AADSTS50126: wrong password',
    arrange: () => typedPassword('wrong-password'),
    code: /AADSTS50126, invalid_grant/,
    diagnosisId: 'wrong-password',
    meaning: /user name or the password is wrong/,
    setupStep: /System settings, rows 12–13/,
  },
  {
    symptom: 'AADSTS50034: user not found',
    arrange: () => password({}, { userName: `nobody@${h.tenant.seed.domain}` }),
    code: /AADSTS50034/,
    diagnosisId: 'user-not-found',
    meaning: /No user with this name/,
    setupStep: /step 19: Copy an existing user’s e-mail address/,
  },
  {
    symptom: 'AADSTS50053: account locked',
    arrange: () => {
      h.tenant.state.updateUser(DEMO_USERS.erpService, { locked: true });
      return password();
    },
    code: /AADSTS50053/,
    diagnosisId: 'account-locked',
    meaning: /locked/,
    setupStep: /rows 12–13/,
  },
  {
    symptom: 'AADSTS50057: account disabled',
    arrange: () => password({}, { userName: DEMO_USERS.disabled }),
    code: /AADSTS50057/,
    diagnosisId: 'account-disabled',
    meaning: /disabled/,
    setupStep: /row 12: User name \(Exchange\)/,
  },
  {
    symptom: 'AADSTS50055: password expired',
    arrange: () => {
      h.tenant.state.updateUser(DEMO_USERS.erpService, { passwordExpired: true });
      return password();
    },
    code: /AADSTS50055/,
    diagnosisId: 'password-expired',
    meaning: /password has expired/,
    setupStep: /row 13: Password \(Exchange\)/,
  },
  {
    symptom: 'AADSTS90002: tenant not found',
    arrange: () => password({ tenantId: 'unknown-tenant.onmicrosoft.com' }),
    code: /AADSTS90002/,
    diagnosisId: 'tenant-not-found',
    meaning: /does not name an existing tenant/,
    setupStep: /step 8: Copy Directory \(tenant\) ID/,
  },
  {
    symptom: 'AADSTS53003: blocked by Conditional Access',
    arrange: () => {
      h.tenant.state.updateUser(DEMO_USERS.erpService, { blockedByConditionalAccess: true });
      return password();
    },
    code: /AADSTS53003/,
    diagnosisId: 'conditional-access',
    meaning: /Conditional Access/,
    setupStep: /Limitations: Security settings/,
  },
  {
    symptom: 'AADSTS500011: invalid resource (wrong server address)',
    arrange: () => password({ serverAddress: 'mail.contoso.com' }),
    code: /AADSTS500011/,
    diagnosisId: 'invalid-scope',
    meaning: /server address is not outlook\.office365\.com/,
    setupStep: /row 15: Server address/,
  },
  {
    symptom: 'EWS 401 + x-ms-diagnostics 2000008: only Graph permissions',
    arrange: () => {
      h.tenant.state.updateApp(CLIENT_SECRET_APP_ID, {
        requiredResourceAccess: [
          {
            resourceAppId: GRAPH_APP_ID,
            resourceAccess: [{ id: GRAPH_USER_READ_ID, type: 'Scope' }],
          },
        ],
      });
      return clientSecret();
    },
    code: /HTTP 401, x-ms-diagnostics: 2000008/,
    diagnosisId: 'token-lacks-ews-permission',
    meaning: /no Exchange Web Services permission.*only Microsoft Graph permissions were/,
    setupStep: /Client secret\), steps 15–16: Grant admin consent/,
  },
  {
    // Entra ID still issues the app-only token, without roles: consent comes first in the answer.
    symptom: 'EWS 401 + x-ms-diagnostics 2000008: admin consent revoked',
    arrange: () => {
      h.tenant.state.updateApp(CLIENT_SECRET_APP_ID, { adminConsentGranted: false });
      return clientSecret();
    },
    code: /HTTP 401, x-ms-diagnostics: 2000008/,
    diagnosisId: 'token-lacks-ews-permission',
    meaning: /admin consent for the app is missing \(never granted, or revoked\)/,
    setupStep: /Client secret\), steps 15–16: Grant admin consent/,
  },
  {
    symptom: 'HTTP 403, X-EWS-Policy-Reason: EWS is disabled for this user or tenant',
    arrange: () => {
      h.tenant.state.updateOrganization({ ewsEnabled: false });
      return password();
    },
    code: /HTTP 403, X-EWS-Policy-Reason: EWS is disabled for this user or tenant/,
    diagnosisId: 'ews-disabled',
    meaning: /EwsEnabled/,
    setupStep: /EWS access in Exchange Online \(beyond the guide\), steps 1–2: Turn EWS on/,
  },
  {
    symptom: 'HTTP 403 from EWS: the app is not on EwsAllowedAppIDs',
    arrange: () => {
      h.tenant.state.updateOrganization({ ewsAllowedAppIds: [CLIENT_SECRET_APP_ID] });
      return password();
    },
    code: /HTTP 403, X-EWS-Policy-Reason: EWS is blocked by policy for this user or tenant/,
    diagnosisId: 'ews-blocked',
    meaning: /allow list/,
    setupStep: /EWS access in Exchange Online \(beyond the guide\), step 3: .*this app’s ID/,
  },
  {
    symptom: 'EWS ErrorNonExistentMailbox',
    arrange: () =>
      clientSecret(DEMO_SECRET_VALUE, {}, { sender: `nobody@${h.tenant.seed.domain}` }),
    code: /HTTP 500, ErrorNonExistentMailbox/,
    diagnosisId: 'mailbox-access',
    meaning: /mailbox does not exist/,
    setupStep: /Client secret\), step 23: Use an existing user’s e-mail address/,
  },
  {
    symptom: 'EWS ErrorImpersonateUserDenied',
    arrange: () => {
      h.tenant.state.updateApp(CLIENT_SECRET_APP_ID, {
        impersonationScope: [DEMO_USERS.recipient],
      });
      return clientSecret();
    },
    code: /ErrorImpersonateUserDenied/,
    diagnosisId: 'mailbox-access',
    meaning: /no rights on it/,
    setupStep: /step 23/,
  },
  {
    symptom: 'Connection reset',
    arrange: () => {
      h.tenant.state.setFault('ews', { reset: true });
      return password();
    },
    code: /network: reset/,
    diagnosisId: 'reset-ews',
    meaning: /Exchange Web Services \(EWS\) dropped the connection before answering/,
    setupStep: /rows 15–16: Server address \(Exchange\/SMTP\) and Port/,
  },
];

describe('every FLOWS.md §4 row the demo tenant can produce', () => {
  it.each(rows)('$symptom', async (row) => {
    const result = await h.newCheck({ retry: { ...noRetry } }).run(row.arrange());
    expect(result.outcome).toBe('failed');
    expect(result.diagnosisId).toBe(row.diagnosisId);
    expect(result.lines[0]).toMatch(/^Failed: /);
    expect(result.lines).toContainEqual(expect.stringMatching(/^Code: /));
    expect(result.lines.find((l) => l.startsWith('Code: '))).toMatch(row.code);
    expect(result.lines.find((l) => l.startsWith('Meaning: '))).toMatch(row.meaning);
    expect(result.lines.filter((l) => l.startsWith('Setup step: ')).join('\n')).toMatch(
      row.setupStep,
    );
  });

  it('catches the secret’s ID pasted as the secret before asking Entra', async () => {
    h.tenant.state.resetCounters();
    const result = await h.newCheck().run(clientSecret(DEMO_SECRET_ID));
    expect(result.outcome).toBe('invalid');
    expect(h.tenant.state.requestCounts().token).toBe(0);
  });

  it('names the host and the correlation id of a token failure', async () => {
    const result = await h.newCheck().run(typedPassword('wrong-password'));
    expect(result.lines[0]).toBe(
      `Failed: Acquire token (login.microsoftonline.com, via the demo tenant at ${h.tenant.knownAuthority})`,
    );
    expect(result.lines).toContainEqual(
      expect.stringMatching(/^Microsoft's correlation ID: [0-9a-f-]{36}$/),
    );
  });
});

const noRetry = {
  forbiddenDelaysMs: [],
  throttleDelayMs: 0,
  maxThrottleWaitMs: 0,
  tickMs: 10,
};
