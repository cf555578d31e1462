import { AppError } from '../../../shared/contract/errors';
import type { AuthFlow } from '../../../shared/settings/system-settings';
import type { WalkthroughSectionId } from '../../../shared/guide/sections';
import { tenantStep, type TenantChange } from '../../../shared/walkthrough/tenant-steps';
import type { DemoTenantOperations } from '../../demo-tenant/operations';
import { CLIENT_SECRET_APP_ID, ROPC_APP_ID } from '../../demo-tenant/seed';
import type { AppRegistration } from '../../demo-tenant/state';
import { allowListWithout, withAllowListed, withPermission } from './tenant-edits';

export interface StepTarget {
  flow: AuthFlow;
  section: WalkthroughSectionId;
  step: number;
  clientId?: string;
}

const DAY_MS = 86_400_000;
/** A fixed secret is good for a year, under the 12 months Microsoft recommends. */
const FIXED_SECRET_DAYS = 365;

/**
 * The app of the walkthrough part: row 21's (sent only when row 23 is the part's flow) when the
 * demo tenant has it, else the seeded app of the part's flow, never the other part's.
 */
function targetApp(ops: DemoTenantOperations, { flow, clientId }: StepTarget): AppRegistration {
  const apps = ops.snapshot().apps;
  const wanted = clientId?.trim().toLowerCase();
  const seeded = flow === 'password' ? ROPC_APP_ID : CLIENT_SECRET_APP_ID;
  const app =
    apps.find((a) => a.clientId.toLowerCase() === wanted) ??
    apps.find((a) => a.clientId === seeded);
  if (!app)
    throw new AppError('not-found', 'The demo tenant has no app registration for this flow.');
  return app;
}

function setSecretsExpired(
  ops: DemoTenantOperations,
  app: AppRegistration,
  broken: boolean,
  now: number,
): void {
  if (broken && app.secrets.length === 0)
    throw new AppError('not-found', `${app.displayName} has no client secret to expire.`);
  for (const secret of app.secrets) {
    const expired = Date.parse(secret.expiresAt) <= now;
    if (broken && !expired)
      ops.setSecretExpiry(app.clientId, secret.keyId, new Date(now - DAY_MS).toISOString());
    if (!broken && expired)
      ops.setSecretExpiry(
        app.clientId,
        secret.keyId,
        new Date(now + FIXED_SECRET_DAYS * DAY_MS).toISOString(),
      );
  }
}

function apply(
  ops: DemoTenantOperations,
  app: AppRegistration,
  change: TenantChange,
  broken: boolean,
  now: number,
): void {
  switch (change.kind) {
    case 'app-switch':
      return void ops.updateApp(app.clientId, {
        [change.name]: broken ? !change.good : change.good,
      });
    case 'permission':
      return void ops.updateApp(app.clientId, {
        requiredResourceAccess: withPermission(
          app.requiredResourceAccess,
          change.resourceAppId,
          change.permissionId,
          !broken,
        ),
      });
    case 'secret-expiry':
      return setSecretsExpired(ops, app, broken, now);
    case 'ews-enabled':
      return void ops.updateOrganization({ ewsEnabled: !broken });
    case 'ews-allow-list': {
      const data = ops.snapshot();
      return void ops.updateOrganization({
        ewsAllowedAppIds: broken
          ? allowListWithout(data, app.clientId)
          : withAllowListed(data.organization.ewsAllowedAppIds, app.clientId, true),
      });
    }
  }
}

/**
 * Undoes (break) or redoes (fix) what a walkthrough step sets in the demo tenant, on the part's
 * app, and says what it did, naming that app, in a sentence for the walkthrough.
 */
export function breakOrFix(
  ops: DemoTenantOperations,
  target: StepTarget,
  mode: 'break' | 'fix',
  now: number,
): string {
  const step = tenantStep(target.flow, target.section, target.step);
  if (!step)
    throw new AppError(
      'not-found',
      `Step ${target.step} has no state in the demo tenant to ${mode}.`,
    );
  const app = targetApp(ops, target);
  const before = app.propagatedAt;
  apply(ops, app, step.change, mode === 'break', now);
  const after =
    ops.snapshot().apps.find((a) => a.clientId === app.clientId)?.propagatedAt ?? before;
  const propagation =
    after > before && after > now
      ? ` Exchange Online sees the change in ${Math.ceil((after - now) / 1000)} s.`
      : '';
  const verb = mode === 'break' ? 'Broke' : 'Fixed';
  const undone = mode === 'break' ? 'undone' : 'restored';
  return `${verb} step ${target.step}: ${step.what} ${undone} for ${app.displayName}.${propagation}`;
}
