import {
  EWS_ACCESS_AS_USER_ALL_ID,
  EXCHANGE_APP_ID,
  FULL_ACCESS_AS_APP_ID,
  GRAPH_APP_ID,
  GRAPH_MAIL_READBASIC_APP_ID,
  GRAPH_MAIL_READBASIC_DELEGATED_ID,
  GRAPH_MAIL_SEND_APP_ID,
  GRAPH_MAIL_SEND_DELEGATED_ID,
  SMTP_SEND_AS_APP_ID,
  SMTP_SEND_ID,
  GRAPH_USER_READ_ID,
  NATIVE_CLIENT_REDIRECT_URI,
} from './permissions';
import type { AppRegistration, DemoUser, Mailbox, TenantData } from './state';

/** Fixed so that docs, tests and a support call can quote them. */
export const DEMO_TENANT_ID = '8a3c5e71-2b4d-4f69-9c1e-5d7a0b3f6e24';
export const DEMO_DOMAIN = 'contoso-demo.onmicrosoft.com';
export const ROPC_APP_ID = 'c4f1a2b3-5d6e-4f70-8a91-b2c3d4e5f601';
export const CLIENT_SECRET_APP_ID = 'd5a2b3c4-6e7f-4081-9ba2-c3d4e5f60712';
export const UNCONFIGURED_APP_ID = 'e6b3c4d5-7f80-4192-acb3-d4e5f6071823';
export const DEMO_SECRET_ID = 'f7c4d5e6-8091-42a3-bdc4-e5f607182934';
/** Shaped like the portal's values (three characters, `8Q~`, then 37 more). */
export const DEMO_SECRET_VALUE = 'Dmo8Q~DemoTenantSecretValue.NotReal-0001';
export const DEMO_PASSWORD = 'Demo-Passw0rd!';

const at = (local: string) => `${local}@${DEMO_DOMAIN}`;

export const DEMO_USERS = {
  erpService: at('erp.mail'),
  mfa: at('anna.admin'),
  mfaNotEnrolled: at('ben.new'),
  disabled: at('carl.former'),
  recipient: at('dana.sales'),
  /** Signs in, but has no Exchange Online licence and so no mailbox. */
  unlicensed: at('erin.nolicence'),
} as const;

export const DEMO_SHARED_MAILBOXES = {
  orders: at('orders'),
  invoices: at('invoices'),
} as const;

function user(
  objectId: string,
  userPrincipalName: string,
  displayName: string,
  extra: Partial<DemoUser> = {},
): DemoUser {
  return {
    objectId,
    userPrincipalName,
    displayName,
    password: DEMO_PASSWORD,
    mfaRequired: false,
    mfaRegistered: false,
    disabled: false,
    locked: false,
    passwordExpired: false,
    blockedByConditionalAccess: false,
    canImpersonate: false,
    ...extra,
  };
}

function mailbox(
  address: string,
  displayName: string,
  kind: Mailbox['kind'],
  fullAccess: string[],
  sendAs: string[],
): Mailbox {
  return { address, displayName, kind, fullAccess, sendAs, folders: { inbox: [], sentitems: [] } };
}

function app(
  clientId: string,
  objectId: string,
  displayName: string,
  extra: Partial<AppRegistration>,
): AppRegistration {
  return {
    clientId,
    objectId,
    displayName,
    // A new registration asks for Microsoft Graph User.Read and nothing else.
    requiredResourceAccess: [
      { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: GRAPH_USER_READ_ID, type: 'Scope' }] },
    ],
    adminConsentGranted: false,
    allowPublicClientFlows: false,
    publicClientRedirectUris: [],
    secrets: [],
    impersonationScope: null,
    propagatedAt: 0,
    ...extra,
  };
}

/** User name/Password part, steps 1–18: manifest with EWS.AccessAsUser.All, consent, public client flows Yes. */
function ropcApp(): AppRegistration {
  return app(ROPC_APP_ID, '1b2c3d4e-0001-4a00-8000-000000000001', 'ERP Mail (User name/Password)', {
    requiredResourceAccess: [
      {
        resourceAppId: EXCHANGE_APP_ID,
        resourceAccess: [
          { id: EWS_ACCESS_AS_USER_ALL_ID, type: 'Scope' },
          { id: SMTP_SEND_ID, type: 'Scope' },
        ],
      },
      {
        resourceAppId: GRAPH_APP_ID,
        resourceAccess: [
          { id: GRAPH_MAIL_SEND_DELEGATED_ID, type: 'Scope' },
          { id: GRAPH_MAIL_READBASIC_DELEGATED_ID, type: 'Scope' },
        ],
      },
    ],
    adminConsentGranted: true,
    allowPublicClientFlows: true,
  });
}

/** Client secret part, steps 1–22: native redirect URI, full_access_as_app, consent, public flows No, one secret. */
function clientSecretApp(): AppRegistration {
  return app(
    CLIENT_SECRET_APP_ID,
    '1b2c3d4e-0002-4a00-8000-000000000002',
    'ERP Mail (Client secret)',
    {
      requiredResourceAccess: [
        {
          resourceAppId: EXCHANGE_APP_ID,
          resourceAccess: [
            { id: FULL_ACCESS_AS_APP_ID, type: 'Role' },
            { id: SMTP_SEND_AS_APP_ID, type: 'Role' },
          ],
        },
        {
          resourceAppId: GRAPH_APP_ID,
          resourceAccess: [
            { id: GRAPH_MAIL_SEND_APP_ID, type: 'Role' },
            { id: GRAPH_MAIL_READBASIC_APP_ID, type: 'Role' },
          ],
        },
      ],
      adminConsentGranted: true,
      allowPublicClientFlows: false,
      publicClientRedirectUris: [NATIVE_CLIENT_REDIRECT_URI],
      secrets: [
        {
          keyId: DEMO_SECRET_ID,
          displayName: 'ERP Mail demo',
          value: DEMO_SECRET_VALUE,
          hint: DEMO_SECRET_VALUE.slice(0, 3),
          expiresAt: '2028-11-26T00:00:00.000Z',
        },
      ],
    },
  );
}

function demoUsers(): DemoUser[] {
  const u = DEMO_USERS;
  return [
    user('2c3d4e5f-0001-4b00-9000-000000000001', u.erpService, 'ERP Mail Service'),
    user('2c3d4e5f-0002-4b00-9000-000000000002', u.mfa, 'Anna Admin', {
      mfaRequired: true,
      mfaRegistered: true,
    }),
    user('2c3d4e5f-0003-4b00-9000-000000000003', u.mfaNotEnrolled, 'Ben New', {
      mfaRequired: true,
    }),
    user('2c3d4e5f-0004-4b00-9000-000000000004', u.disabled, 'Carl Former', { disabled: true }),
    user('2c3d4e5f-0005-4b00-9000-000000000005', u.recipient, 'Dana Sales'),
    user('2c3d4e5f-0006-4b00-9000-000000000006', u.unlicensed, 'Erin No Licence'),
  ];
}

function demoMailboxes(): Mailbox[] {
  const u = DEMO_USERS;
  const shared = DEMO_SHARED_MAILBOXES;
  return [
    mailbox(u.erpService, 'ERP Mail Service', 'user', [u.erpService], [u.erpService]),
    mailbox(u.mfa, 'Anna Admin', 'user', [u.mfa], [u.mfa]),
    mailbox(u.mfaNotEnrolled, 'Ben New', 'user', [u.mfaNotEnrolled], [u.mfaNotEnrolled]),
    mailbox(u.disabled, 'Carl Former', 'user', [u.disabled], [u.disabled]),
    mailbox(u.recipient, 'Dana Sales', 'user', [u.recipient], [u.recipient]),
    mailbox(shared.orders, 'Orders', 'shared', [u.erpService, u.recipient], [u.erpService]),
    mailbox(shared.invoices, 'Invoices', 'shared', [u.recipient], [u.recipient]),
  ];
}

/** The demo organisation, with both of the guide's app registrations finished and one still to do. */
export function demoSeed(): TenantData {
  return {
    organization: {
      tenantId: DEMO_TENANT_ID,
      displayName: 'Contoso Demo',
      verifiedDomains: [DEMO_DOMAIN],
      // Opted in before 2026-10-01: EwsEnabled set to True and both ERP Mail apps allow-listed.
      ewsEnabled: true,
      ewsAllowedAppIds: [ROPC_APP_ID, CLIENT_SECRET_APP_ID],
      smtpAuthEnabled: true,
      smtpBasicAuthEnabled: true,
      onPremBasicAuthEnabled: true,
    },
    apps: [
      ropcApp(),
      clientSecretApp(),
      // Only registered (step 7): for the walkthrough to finish.
      app(
        UNCONFIGURED_APP_ID,
        '1b2c3d4e-0003-4a00-8000-000000000003',
        'ERP Mail (walkthrough)',
        {},
      ),
    ],
    users: demoUsers(),
    mailboxes: demoMailboxes(),
  };
}

export interface DemoSeedIds {
  tenantId: string;
  domain: string;
  apps: { ropc: string; clientSecret: string; unconfigured: string };
  clientSecret: { keyId: string; value: string };
  users: { userPrincipalName: string; password: string; note: string }[];
  mailboxes: { address: string; kind: Mailbox['kind'] }[];
}

export function demoSeedIds(): DemoSeedIds {
  const seed = demoSeed();
  const note = (x: DemoUser) =>
    !seed.mailboxes.some((m) => m.address === x.userPrincipalName)
      ? 'signs in; no Exchange Online licence, so no mailbox (Graph MailboxNotEnabledForRESTAPI)'
      : x.disabled
        ? 'disabled (AADSTS50057)'
        : x.mfaRequired
          ? x.mfaRegistered
            ? 'MFA required (AADSTS50076)'
            : 'MFA enrolment required (AADSTS50079)'
          : 'signs in';
  return {
    tenantId: DEMO_TENANT_ID,
    domain: DEMO_DOMAIN,
    apps: {
      ropc: ROPC_APP_ID,
      clientSecret: CLIENT_SECRET_APP_ID,
      unconfigured: UNCONFIGURED_APP_ID,
    },
    clientSecret: { keyId: DEMO_SECRET_ID, value: DEMO_SECRET_VALUE },
    users: seed.users.map((x) => ({
      userPrincipalName: x.userPrincipalName,
      password: x.password,
      note: note(x),
    })),
    mailboxes: seed.mailboxes.map((m) => ({ address: m.address, kind: m.kind })),
  };
}

/**
 * Shared mailboxes `mailbox0001@…` after those already added, for validating hundreds of accounts
 * (tests, benchmarks, a demo at scale); the ERP's service account has Full Access.
 */
export function scaleMailboxes(
  data: Pick<TenantData, 'mailboxes' | 'organization'>,
  count: number,
): Mailbox[] {
  if (!Number.isInteger(count) || count < 1 || count > 5_000)
    throw new RangeError(`Between 1 and 5000 mailboxes, not ${count}`);
  const domain = data.organization.verifiedDomains[0] ?? DEMO_DOMAIN;
  const first = data.mailboxes.filter((m) => m.address.startsWith('mailbox')).length + 1;
  return Array.from({ length: count }, (_, n) =>
    mailbox(
      `mailbox${String(first + n).padStart(4, '0')}@${domain}`,
      `Mailbox ${first + n}`,
      'shared',
      [DEMO_USERS.erpService],
      [],
    ),
  );
}
