import type { DemoTenantView } from '../../../shared/contract/demo';
import {
  appSwitchNames,
  demoEndpoints,
  userSwitchNames,
  type FaultAnswer,
} from '../../../shared/demo/switches';
import type { DemoTenantOperations } from '../../demo-tenant/operations';
import { RESOURCES } from '../../demo-tenant/permissions';
import type { AppRegistration, DemoUser, Mailbox, TenantData } from '../../demo-tenant/state';
import type { Fault } from '../../demo-tenant/traffic';

/** How many of a mailbox's newest Inbox messages the procedure lists. */
export const RECENT_MESSAGES = 3;

const pick = <K extends string>(names: readonly K[], from: Record<K, boolean>) =>
  Object.fromEntries(names.map((n) => [n, from[n]])) as Record<K, boolean>;

function appView(app: AppRegistration, allowList: string[], now: number) {
  const requested = (resourceAppId: string, id: string) =>
    app.requiredResourceAccess.some(
      (r) => r.resourceAppId === resourceAppId && r.resourceAccess.some((a) => a.id === id),
    );
  return {
    clientId: app.clientId,
    displayName: app.displayName,
    switches: pick(appSwitchNames, app),
    ewsAllowListed: allowList.some((id) => id.toLowerCase() === app.clientId.toLowerCase()),
    permissions: RESOURCES.flatMap((resource) =>
      resource.permissions.map((p) => ({
        resourceAppId: resource.appId,
        resource: resource.displayName,
        id: p.id,
        value: p.value,
        type: p.type,
        requested: requested(resource.appId, p.id),
      })),
    ),
    secrets: app.secrets.map(({ keyId, displayName, hint, expiresAt }) => ({
      keyId,
      displayName,
      hint,
      expiresAt,
      expired: Date.parse(expiresAt) <= now,
    })),
    propagatingSeconds: Math.max(0, Math.ceil((app.propagatedAt - now) / 1000)),
  };
}

const userView = (user: DemoUser) => ({
  userPrincipalName: user.userPrincipalName,
  displayName: user.displayName,
  switches: pick(userSwitchNames, user),
});

function mailboxView(mailbox: Mailbox) {
  const inbox = mailbox.folders.inbox;
  return {
    address: mailbox.address,
    displayName: mailbox.displayName,
    kind: mailbox.kind,
    fullAccess: mailbox.fullAccess,
    sendAs: mailbox.sendAs,
    switches: {
      ewsEnabled: mailbox.ewsEnabled ?? null,
      smtpAuthEnabled: mailbox.smtpAuthEnabled ?? null,
      quotaExceeded: mailbox.quotaExceeded ?? false,
      outboundSpamBlocked: mailbox.outboundSpamBlocked ?? false,
    },
    inboxCount: inbox.length,
    recent: inbox
      .slice(-RECENT_MESSAGES)
      .reverse()
      .map(({ subject, from, receivedAt }) => ({ subject, from, receivedAt })),
  };
}

const answerOf = (fault: Fault | undefined): FaultAnswer =>
  fault?.reset ? 'reset' : fault?.status ? `${fault.status}` : 'normal';

/** The tenant as the Demo tenant procedure shows it: no password, no secret value. */
export function demoTenantView(
  data: TenantData,
  operations: Pick<DemoTenantOperations, 'faults' | 'propagationDelay' | 'limits'>,
  now: number,
): DemoTenantView {
  const { organization } = data;
  const faults = operations.faults();
  return {
    organization: {
      displayName: organization.displayName,
      tenantId: organization.tenantId,
      domain: organization.verifiedDomains[0] ?? '',
      switches: {
        ewsEnabled: organization.ewsEnabled,
        smtpAuthEnabled: organization.smtpAuthEnabled,
        smtpBasicAuthEnabled: organization.smtpBasicAuthEnabled,
        onPremBasicAuthEnabled: organization.onPremBasicAuthEnabled,
      },
      ewsAllowedAppIds: organization.ewsAllowedAppIds,
    },
    apps: data.apps.map((app) => appView(app, organization.ewsAllowedAppIds, now)),
    users: data.users.map(userView),
    mailboxes: data.mailboxes.map(mailboxView),
    propagationDelaySeconds: Math.round(operations.propagationDelay() / 1000),
    faults: demoEndpoints.map((endpoint) => ({
      endpoint,
      answer: answerOf(faults[endpoint]),
      latencyMs: faults[endpoint]?.latencyMs ?? 0,
    })),
    limitsLowered: operations.limits().lowered,
  };
}
