import type { AuthFlow } from '../settings/system-settings';
import { GRAPH_APP_ID, graphPermissionIds } from './beyond-guide';
import { EWS_ACCESS_AS_USER_ALL_ID, EXCHANGE_ONLINE_APP_ID, FULL_ACCESS_AS_APP_ID } from './steps';
import { type WalkthroughSectionId } from '../guide/sections';

/**
 * What a walkthrough step sets in the tenant, so that the demo tenant can undo it (break) and
 * redo it (fix). `good` is the value the guide's step sets.
 */
export type TenantChange =
  | { kind: 'app-switch'; name: 'adminConsentGranted' | 'allowPublicClientFlows'; good: boolean }
  | { kind: 'permission'; resourceAppId: string; permissionId: string; name: string }
  | { kind: 'secret-expiry' }
  | { kind: 'ews-enabled' }
  | { kind: 'ews-allow-list' };

export interface TenantStep {
  section: WalkthroughSectionId;
  step: number;
  /** What breaking the step undoes, for the confirmation line. */
  what: string;
  change: TenantChange;
}

const consent: TenantChange = { kind: 'app-switch', name: 'adminConsentGranted', good: true };

const ewsAccess: TenantStep[] = [
  {
    section: 'ews-access',
    step: 2,
    what: 'EwsEnabled for the organisation',
    change: { kind: 'ews-enabled' },
  },
  {
    section: 'ews-access',
    step: 3,
    what: 'this app on the EWS allow list (EwsAllowedAppIDs)',
    change: { kind: 'ews-allow-list' },
  },
];

const graphSend = (flow: AuthFlow): TenantStep => ({
  section: 'graph',
  step: 1,
  what: `the Microsoft Graph permission Mail.Send (${flow === 'password' ? 'Delegated' : 'Application'})`,
  change: {
    kind: 'permission',
    resourceAppId: GRAPH_APP_ID,
    permissionId: graphPermissionIds['Mail.Send'][flow === 'password' ? 'Scope' : 'Role'],
    name: 'Mail.Send',
  },
});

const byFlow: Record<AuthFlow, TenantStep[]> = {
  password: [
    {
      section: 'password',
      step: 10,
      what: 'EWS.AccessAsUser.All in the manifest',
      change: {
        kind: 'permission',
        resourceAppId: EXCHANGE_ONLINE_APP_ID,
        permissionId: EWS_ACCESS_AS_USER_ALL_ID,
        name: 'EWS.AccessAsUser.All',
      },
    },
    { section: 'password', step: 14, what: 'admin consent', change: consent },
    {
      section: 'password',
      step: 17,
      what: 'Allow public client flows = Yes',
      change: { kind: 'app-switch', name: 'allowPublicClientFlows', good: true },
    },
    ...ewsAccess,
    graphSend('password'),
  ],
  'client-secret': [
    {
      section: 'client-secret',
      step: 11,
      what: 'full_access_as_app in the manifest',
      change: {
        kind: 'permission',
        resourceAppId: EXCHANGE_ONLINE_APP_ID,
        permissionId: FULL_ACCESS_AS_APP_ID,
        name: 'full_access_as_app',
      },
    },
    { section: 'client-secret', step: 15, what: 'admin consent', change: consent },
    {
      section: 'client-secret',
      step: 18,
      what: 'Allow public client flows = No',
      change: { kind: 'app-switch', name: 'allowPublicClientFlows', good: false },
    },
    {
      section: 'client-secret',
      step: 21,
      what: 'a client secret that has not expired',
      change: { kind: 'secret-expiry' },
    },
    ...ewsAccess,
    graphSend('client-secret'),
  ],
};

/** The walkthrough steps of a flow whose effect lives in the tenant (and so can be broken). */
export const tenantStepsFor = (flow: AuthFlow): TenantStep[] => byFlow[flow];

export const tenantStep = (
  flow: AuthFlow,
  section: WalkthroughSectionId,
  step: number,
): TenantStep | undefined => byFlow[flow].find((s) => s.section === section && s.step === step);
