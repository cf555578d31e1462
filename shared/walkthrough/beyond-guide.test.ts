import { describe, expect, it } from 'vitest';
import {
  APP_ID_PLACEHOLDER,
  GRAPH_APP_ID,
  beyondGuideSections,
  graphManifestEntry,
  graphPermissionIds,
  withAppId,
} from './beyond-guide';
import { walkthroughFor } from './steps';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const copies = (flow: 'password' | 'client-secret') =>
  beyondGuideSections(flow).flatMap((s) => s.steps.flatMap((step) => step.copy ?? []));

describe('the walkthrough beyond the guide', () => {
  it('follows the guide’s parts, marked as beyond it, with Limit… only for Client secret', () => {
    const ids = (flow: 'password' | 'client-secret') => walkthroughFor(flow).map((s) => s.id);
    expect(ids('password').slice(-3)).toEqual(['ews-access', 'graph', 'smtp']);
    expect(ids('client-secret').slice(-4)).toEqual([
      'ews-access',
      'graph',
      'limit-mailboxes',
      'smtp',
    ]);
    for (const section of beyondGuideSections('client-secret'))
      expect(section.source).toMatch(/^Beyond the guide: /);
  });

  it('writes the EWS allow list back whole, never with an Add syntax', () => {
    const text = copies('client-secret')
      .map((c) => c.text)
      .join('\n');
    expect(text).not.toMatch(/@\{\s*Add/i);
    expect(text).toContain('Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy');
    expect(text).toContain(
      `Set-OrganizationConfig -EwsAllowedAppIDs "<IDs already on the list>,${APP_ID_PLACEHOLDER}"`,
    );
  });

  it('fills this app’s ID into every command that names it', () => {
    const filled = copies('client-secret').map((c) => withAppId(c.text, APP_ID));
    expect(filled.join('\n')).not.toContain(APP_ID_PLACEHOLDER);
    expect(filled.filter((t) => t.includes(APP_ID)).length).toBeGreaterThanOrEqual(3);
    expect(withAppId(`x ${APP_ID_PLACEHOLDER}`, '')).toBe(`x ${APP_ID_PLACEHOLDER}`);
  });

  it('gives the Graph manifest entry of the flow’s permission type', () => {
    const delegated = JSON.parse(graphManifestEntry('password'));
    expect(delegated).toEqual({
      resourceAppId: GRAPH_APP_ID,
      resourceAccess: [
        { id: graphPermissionIds['Mail.Send'].Scope, type: 'Scope' },
        { id: graphPermissionIds['Mail.ReadBasic'].Scope, type: 'Scope' },
      ],
    });
    const app = JSON.parse(graphManifestEntry('client-secret'));
    expect(app.resourceAccess.map((a: { type: string }) => a.type)).toEqual(['Role', 'Role']);
    expect(app.resourceAccess[0].id).toBe('b633e1c5-b582-4048-a93e-9f11b44c7e96');
  });

  it('ends the Graph checklist with a Check that sends through Microsoft Graph', () => {
    const graph = beyondGuideSections('password').find((s) => s.id === 'graph');
    expect(graph?.steps.at(-1)?.check).toBe('graph');
  });
});
