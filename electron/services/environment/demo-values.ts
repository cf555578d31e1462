import type { DemoValues } from '../../../shared/contract/environment';
import type { IncomingSettings } from '../../../shared/settings/incoming-settings';
import {
  systemSecretKeys,
  type SystemSecretKey,
  type SystemSettings,
} from '../../../shared/settings/system-settings';
import type { TenantData } from '../../demo-tenant/state';
import type { SecretWrite } from '../keychain/secret-transaction';
import {
  INCOMING_CLIENT_SECRET_ACCOUNT,
  incomingPasswordAccount,
  systemSecretAccount,
} from '../keychain/entry-names';

/**
 * What makes a value the demo tenant's: equal to its tenant's id or domain, one of its apps'
 * client ids, an address in its domain, or one of its users' passwords or apps' client secrets.
 * A value the admin typed for their own tenant never matches.
 */
export interface DemoIdentity {
  isTenant(value: string): boolean;
  isApp(value: string): boolean;
  isAddress(value: string): boolean;
  isSecret(value: string | undefined): boolean;
}

const folded = (value: string) => value.trim().toLowerCase();

export function demoIdentity(tenant: TenantData): DemoIdentity {
  const domains = tenant.organization.verifiedDomains.map(folded);
  const apps = new Set(tenant.apps.map((a) => folded(a.clientId)));
  const secrets = new Set([
    ...tenant.users.map((u) => u.password),
    ...tenant.apps.flatMap((a) => a.secrets.map((s) => s.value)),
  ]);
  return {
    isTenant: (value) =>
      folded(value) === folded(tenant.organization.tenantId) || domains.includes(folded(value)),
    isApp: (value) => apps.has(folded(value)),
    isAddress: (value) => {
      const address = folded(value);
      const at = address.lastIndexOf('@');
      return at > 0 && domains.includes(address.slice(at + 1));
    },
    isSecret: (value) => value !== undefined && secrets.has(value),
  };
}

/** The stored secrets the plan compares: each System secret, and the incoming Client secret. */
export interface StoredSecrets {
  system: Partial<Record<SystemSecretKey, string>>;
  incomingClientSecret?: string;
}

/** What clearing changes: the sections to write, the keychain entries to clear, and their names. */
export interface DemoClearing {
  system: SystemSettings;
  incoming?: IncomingSettings;
  writes: SecretWrite[];
  cleared: DemoValues;
}

const SYSTEM_ADDRESSES = [
  ['backupSender', 'E-mail sender of backup notification'],
  ['exchangeUserName', 'User name (Exchange)'],
  ['smtpUserName', 'User name (SMTP)'],
] as const;
const SYSTEM_SECRET_LABELS: Record<SystemSecretKey, string> = {
  exchangePassword: 'Password (Exchange)',
  smtpPassword: 'Password (SMTP)',
  clientSecret: 'Client secret',
};
const CLEAR = { action: 'clear' } as const;

/** Empties the demo's app and tenant (of a copy about to be saved); answers the labels cleared. */
function clearIds(next: { clientId: string; tenantId: string }, demo: DemoIdentity): string[] {
  const labels: string[] = [];
  if (demo.isApp(next.clientId)) {
    next.clientId = '';
    labels.push('Application (client) ID');
  }
  if (demo.isTenant(next.tenantId)) {
    next.tenantId = '';
    labels.push('Directory (tenant) ID');
  }
  return labels;
}

/** Rows 11–24 of System settings that hold the demo's values, in row order, emptied. */
function clearSystem(system: SystemSettings, secrets: StoredSecrets['system'], demo: DemoIdentity) {
  const next = { ...system };
  const labels: string[] = [];
  for (const [key, label] of SYSTEM_ADDRESSES)
    if (demo.isAddress(system[key])) {
      next[key] = '';
      labels.push(label);
    }
  const secretKeys = systemSecretKeys.filter((key) => demo.isSecret(secrets[key]));
  labels.push(...secretKeys.map((key) => SYSTEM_SECRET_LABELS[key]));
  labels.push(...clearIds(next, demo));
  const writes = secretKeys.map((key) => ({ account: systemSecretAccount(key), change: CLEAR }));
  return { system: next, labels, writes };
}

/** The grid's demo accounts (rows whose E-mail or User name is the demo's) go, their passwords too. */
function clearIncoming(
  incoming: IncomingSettings,
  clientSecret: string | undefined,
  demo: DemoIdentity,
) {
  const isDemoRow = (a: IncomingSettings['accounts'][number]) =>
    demo.isAddress(a.email) || demo.isAddress(a.userName);
  const gone = incoming.accounts.filter(isDemoRow);
  const next = { ...incoming, accounts: incoming.accounts.filter((a) => !isDemoRow(a)) };
  const labels: string[] = [];
  const writes: SecretWrite[] = gone.map((a) => ({
    account: incomingPasswordAccount(a.id),
    change: CLEAR,
  }));
  if (gone.length > 0)
    labels.push(
      `${gone.length} demo account${gone.length === 1 ? '' : 's'} in E-mail accounts (with their passwords)`,
    );
  labels.push(...clearIds(next, demo));
  if (demo.isSecret(clientSecret)) {
    writes.push({ account: INCOMING_CLIENT_SECRET_ACCOUNT, change: CLEAR });
    labels.push('Client secret');
  }
  return { incoming: next, labels, writes };
}

/** Every demo value the saved settings and the keychain hold, and what clearing them writes. */
export function planDemoClearing(
  saved: { system: SystemSettings; incoming?: IncomingSettings },
  secrets: StoredSecrets,
  demo: DemoIdentity,
): DemoClearing {
  const system = clearSystem(saved.system, secrets.system, demo);
  const incoming = saved.incoming
    ? clearIncoming(saved.incoming, secrets.incomingClientSecret, demo)
    : undefined;
  return {
    system: system.system,
    incoming: incoming?.incoming,
    writes: [...system.writes, ...(incoming?.writes ?? [])],
    cleared: { system: system.labels, incoming: incoming?.labels ?? [] },
  };
}
