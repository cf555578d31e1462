import { AppError } from '../../../shared/contract/errors';
import type { RequiredResourceAccess, TenantData } from '../../demo-tenant/state';
import { RESOURCES } from '../../demo-tenant/permissions';

/**
 * Pure edits of the tenant's lists: each answers the new list for one change, so the service
 * writes it back with one operation.
 */

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const withMember = (list: string[], member: string, present: boolean): string[] => {
  const without = list.filter((m) => !same(m, member));
  return present ? [...without, member] : without;
};

/** The manifest's requiredResourceAccess with one permission added or removed. */
export function withPermission(
  current: RequiredResourceAccess[],
  resourceAppId: string,
  permissionId: string,
  requested: boolean,
): RequiredResourceAccess[] {
  const permission = RESOURCES.find((r) => r.appId === resourceAppId)?.permissions.find(
    (p) => p.id === permissionId,
  );
  if (!permission)
    throw new AppError('not-found', `The demo tenant has no permission ${permissionId}.`);
  const entries = current.some((r) => r.resourceAppId === resourceAppId)
    ? current
    : [...current, { resourceAppId, resourceAccess: [] }];
  return entries
    .map((entry) =>
      entry.resourceAppId !== resourceAppId
        ? entry
        : {
            resourceAppId,
            resourceAccess: [
              ...entry.resourceAccess.filter((a) => a.id !== permissionId),
              ...(requested ? [{ id: permissionId, type: permission.type }] : []),
            ],
          },
    )
    .filter((entry) => entry.resourceAccess.length > 0);
}

/** A mailbox's Full Access or Send As list with one user granted or removed. */
export const withRight = (list: string[], user: string, granted: boolean): string[] =>
  withMember(list, user, granted);

/** EwsAllowedAppIDs with the app listed or not, as Set-OrganizationConfig would write it. */
export const withAllowListed = (list: string[], clientId: string, listed: boolean): string[] =>
  withMember(list, clientId, listed);

/**
 * EwsAllowedAppIDs that leaves the app out. An empty list lets every app in, so where the list
 * would become empty it names the tenant's other apps instead.
 */
export function allowListWithout(data: TenantData, clientId: string): string[] {
  const rest = withMember(data.organization.ewsAllowedAppIds, clientId, false);
  return rest.length > 0
    ? rest
    : data.apps.map((a) => a.clientId).filter((id) => !same(id, clientId));
}
