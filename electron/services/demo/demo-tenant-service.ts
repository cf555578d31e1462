import { quoteInput } from '../../../shared/demo/quote-input';
import type { Handlers } from '../../../shared/contract';
import type { DemoMethodName, SetSwitchInput } from '../../../shared/contract/demo';
import type { Environment } from '../../../shared/contract/environment';
import { AppError } from '../../../shared/contract/errors';
import {
  mailboxSwitches,
  organizationSwitches,
  type SwitchSpec,
} from '../../../shared/demo/switches';
import type { DemoTenantOperations } from '../../demo-tenant/operations';
import { DemoStateError } from '../../demo-tenant/state';
import type { Fault } from '../../demo-tenant/traffic';
import { demoTenantView } from './demo-tenant-view';
import { withAllowListed, withPermission, withRight } from './tenant-edits';
import { breakOrFix } from './tenant-steps';

/** The contract's demo.* methods, implemented here for both hosts. */
export type DemoTenantHandlers = Pick<Handlers, DemoMethodName>;

export interface DemoTenantServiceOptions {
  /** The environment now; every method is refused outside Demo. */
  current(): Environment;
  /** The running demo tenant's operations (started on first use). */
  operations(): Promise<DemoTenantOperations>;
  /** After each change: the app forgets its tokens, so the next Check meets the new state. */
  onChange?(): void;
  now?(): number;
}

export const DEMO_ONLY_MESSAGE =
  'The demo tenant exists only in the Demo environment: switch Environment to Demo tenant to change it.';

/** Injected 429/503 ask the client to wait this long (the check honours Retry-After). */
const FAULT_RETRY_AFTER_SECONDS = 5;
const DAY_MS = 86_400_000;

const faultOf = (answer: string, latencyMs: number): Fault | null => {
  const fault: Fault = latencyMs > 0 ? { latencyMs } : {};
  if (answer === 'reset') fault.reset = true;
  if (answer === '429' || answer === '503') {
    fault.status = answer === '429' ? 429 : 503;
    fault.retryAfterSeconds = FAULT_RETRY_AFTER_SECONDS;
  }
  return Object.keys(fault).length > 0 ? fault : null;
};

function refuseNull(input: SetSwitchInput): void {
  const specs = input.target === 'organization' ? organizationSwitches : mailboxSwitches;
  const triState = input.target === 'organization' || input.target === 'mailbox';
  const spec: SwitchSpec = specs[input.name as keyof typeof specs];
  if (input.value === null && !(triState && spec.triState))
    throw new AppError('bad-input', `${input.name} cannot be left unset.`);
}

function applySwitch(ops: DemoTenantOperations, input: SetSwitchInput): void {
  refuseNull(input);
  switch (input.target) {
    case 'organization':
      return void ops.updateOrganization({ [input.name]: input.value });
    case 'app':
      if (input.name === 'ewsAllowListed') {
        const list = ops.snapshot().organization.ewsAllowedAppIds;
        return void ops.updateOrganization({
          ewsAllowedAppIds: withAllowListed(list, input.id, input.value),
        });
      }
      return void ops.updateApp(input.id, { [input.name]: input.value });
    case 'user':
      return void ops.updateUser(input.id, { [input.name]: input.value });
    case 'mailbox':
      return void ops.updateMailbox(input.id, { [input.name]: input.value });
  }
}

type InputOf<M extends keyof DemoTenantHandlers> = Parameters<DemoTenantHandlers[M]>[0];

function setPermission(ops: DemoTenantOperations, input: InputOf<'demo.setPermission'>) {
  const { clientId, resourceAppId, permissionId, requested } = input;
  const app = ops.snapshot().apps.find((a) => a.clientId === clientId);
  if (!app) throw new DemoStateError(`No app registration ${quoteInput(clientId)}`);
  const next = withPermission(app.requiredResourceAccess, resourceAppId, permissionId, requested);
  ops.updateApp(clientId, { requiredResourceAccess: next });
}

function setMailboxRight(ops: DemoTenantOperations, input: InputOf<'demo.setMailboxRight'>) {
  const { address, user, right, granted } = input;
  const data = ops.snapshot();
  const known = data.users.some((u) => u.userPrincipalName.toLowerCase() === user.toLowerCase());
  if (!known) throw new DemoStateError(`No user ${quoteInput(user)}`);
  const mailbox = data.mailboxes.find((m) => m.address.toLowerCase() === address.toLowerCase());
  if (!mailbox) throw new DemoStateError(`No mailbox ${quoteInput(address)}`);
  ops.updateMailbox(address, { [right]: withRight(mailbox[right], user, granted) });
}

/** A new secret's expiry, counted from when it is added (after the tenant has started). */
const expiryOf = (days: number | undefined, now: number) =>
  days === undefined ? undefined : new Date(now + days * DAY_MS).toISOString();

/** Support's portal to the demo tenant, over the running tenant's own operations. */
export function createDemoTenantService(options: DemoTenantServiceOptions): DemoTenantHandlers {
  const now = options.now ?? Date.now;
  const tenant = async () => {
    if (options.current() !== 'demo') throw new AppError('demo-only', DEMO_ONLY_MESSAGE);
    return options.operations();
  };
  const view = (ops: DemoTenantOperations) => demoTenantView(ops.snapshot(), ops, now());
  /** Runs one change, reports it, and answers the new view; the tenant's own errors are "not found". */
  const change = async <T>(edit: (ops: DemoTenantOperations) => T) => {
    const ops = await tenant();
    let result: T;
    try {
      result = edit(ops);
    } catch (error) {
      if (error instanceof DemoStateError || error instanceof RangeError)
        throw new AppError('not-found', `${error.message} in the demo tenant.`);
      throw error;
    }
    options.onChange?.();
    return { result, view: view(ops) };
  };
  const changed = async (edit: (ops: DemoTenantOperations) => unknown) => (await change(edit)).view;

  return {
    'demo.get': async () => view(await tenant()),
    'demo.setSwitch': (input) => changed((ops) => applySwitch(ops, input)),
    'demo.setPermission': (input) => changed((ops) => setPermission(ops, input)),
    'demo.addSecret': async ({ clientId, displayName, expiresInDays }) => {
      const { result, view: next } = await change((ops) =>
        ops.addSecret(clientId, { displayName, expiresAt: expiryOf(expiresInDays, now()) }),
      );
      return {
        view: next,
        secret: { keyId: result.keyId, value: result.value, expiresAt: result.expiresAt },
      };
    },
    'demo.removeSecret': ({ clientId, keyId }) =>
      changed((ops) => ops.removeSecret(clientId, keyId)),
    'demo.setSecretExpiry': ({ clientId, keyId, expiresAt }) =>
      changed((ops) => ops.setSecretExpiry(clientId, keyId, expiresAt)),
    'demo.setMailboxRight': (input) => changed((ops) => setMailboxRight(ops, input)),
    'demo.setFault': ({ endpoint, answer, latencyMs }) =>
      changed((ops) => ops.setFault(endpoint, faultOf(answer, latencyMs))),
    'demo.setPropagationDelay': ({ seconds }) =>
      changed((ops) => ops.setPropagationDelay(seconds * 1000)),
    'demo.lowerLimits': ({ on }) => changed((ops) => ops.lowerLimits(on)),
    'demo.breakStep': async (input) => {
      const { result, view: next } = await change((ops) => breakOrFix(ops, input, 'break', now()));
      return { view: next, message: result };
    },
    'demo.fixStep': async (input) => {
      const { result, view: next } = await change((ops) => breakOrFix(ops, input, 'fix', now()));
      return { view: next, message: result };
    },
    'demo.reset': () => changed((ops) => ops.reset()),
  };
}
