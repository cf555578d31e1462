import type {
  AppPatch,
  AppRegistration,
  ClientSecret,
  DemoUser,
  Mailbox,
  MailboxPatch,
  NewSecret,
  Organization,
  OrganizationPatch,
  TenantData,
  TenantState,
  UserPatch,
} from './state';
import type { DemoEndpoint } from '../../shared/demo/switches';
import type { Fault, RequestCounts, Traffic } from './traffic';
import type { DemoLimits, Limits, LimitsPatch } from './limits';

/**
 * Everything tests and the walkthrough may do to the tenant. Served as is over the control API
 * (one POST per method, arguments as a JSON array), so in-process and remote callers share it.
 */
export interface DemoTenantOperations {
  snapshot(): TenantData;
  updateOrganization(patch: OrganizationPatch): Organization;
  updateApp(clientId: string, patch: AppPatch): AppRegistration;
  addSecret(clientId: string, secret?: NewSecret): ClientSecret;
  removeSecret(clientId: string, keyId: string): void;
  setSecretExpiry(clientId: string, keyId: string, expiresAt: string): ClientSecret;
  updateUser(userPrincipalName: string, patch: UserPatch): DemoUser;
  readMailbox(address: string): Mailbox;
  /** Set-CASMailbox: Full Access, Send As, and the mailbox's EwsEnabled. */
  updateMailbox(address: string, patch: MailboxPatch): Mailbox;
  requestCounts(): RequestCounts;
  resetCounters(): void;
  setFault(endpoint: DemoEndpoint, fault: Fault | null): void;
  faults(): Partial<Record<DemoEndpoint, Fault>>;
  clearFaults(): void;
  /** How long EWS answers 403 after consent or permissions change, in ms. */
  propagationDelay(): number;
  setPropagationDelay(ms: number): void;
  /** Shared mailboxes mailbox0001@… onward, for validating hundreds of accounts. */
  addMailboxes(count: number): string[];
  /** Microsoft's limits as the demo enforces them (limits.ts), and the lowered preset's switch. */
  limits(): DemoLimits;
  setLimits(patch: LimitsPatch): DemoLimits;
  lowerLimits(on: boolean): DemoLimits;
  /** Back to the seed: state, counters, faults and Microsoft's limits. */
  reset(): void;
}

export const OPERATION_NAMES = [
  'snapshot',
  'updateOrganization',
  'updateApp',
  'addSecret',
  'removeSecret',
  'setSecretExpiry',
  'updateUser',
  'readMailbox',
  'updateMailbox',
  'requestCounts',
  'resetCounters',
  'setFault',
  'faults',
  'clearFaults',
  'propagationDelay',
  'setPropagationDelay',
  'addMailboxes',
  'limits',
  'setLimits',
  'lowerLimits',
  'reset',
] as const satisfies readonly (keyof DemoTenantOperations)[];

export function createOperations(
  state: TenantState,
  traffic: Traffic,
  limits: Limits,
): DemoTenantOperations {
  return {
    snapshot: () => state.snapshot(),
    updateOrganization: (patch) => state.updateOrganization(patch),
    updateApp: (clientId, patch) => state.updateApp(clientId, patch),
    addSecret: (clientId, secret) => state.addSecret(clientId, secret),
    removeSecret: (clientId, keyId) => state.removeSecret(clientId, keyId),
    setSecretExpiry: (clientId, keyId, expiresAt) =>
      state.setSecretExpiry(clientId, keyId, expiresAt),
    updateUser: (upn, patch) => state.updateUser(upn, patch),
    readMailbox: (address) => state.readMailbox(address),
    updateMailbox: (address, patch) => state.updateMailbox(address, patch),
    requestCounts: () => traffic.requestCounts(),
    resetCounters: () => traffic.resetCounters(),
    setFault: (endpoint, fault) => traffic.setFault(endpoint, fault),
    faults: () => traffic.activeFaults(),
    clearFaults: () => traffic.clearFaults(),
    propagationDelay: () => state.propagationDelayMs,
    setPropagationDelay: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Invalid propagation delay ${ms}`);
      state.propagationDelayMs = ms;
    },
    addMailboxes: (count) => state.addMailboxes(count),
    limits: () => limits.settings(),
    setLimits: (patch) => limits.update(patch),
    lowerLimits: (on) => limits.lower(on === true),
    reset: () => {
      state.reset();
      limits.reset();
      traffic.resetCounters();
      traffic.clearFaults();
    },
  };
}
