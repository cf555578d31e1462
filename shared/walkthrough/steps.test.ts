import { describe, expect, it } from 'vitest';
import * as demo from '../../electron/demo-tenant/permissions';
import { isAllowedExternalUrl } from '../../electron/security';
import { setupStepsFor } from '../diagnosis/diagnose';
import { diagnosisTable } from '../diagnosis/table';
import { incomingServerRows } from '../settings/incoming-rows';
import {
  APP_ONLY_SCOPE,
  DELEGATED_SCOPE,
  EWS_ACCESS_AS_USER_ALL_ID,
  EXCHANGE_ONLINE_APP_ID,
  FULL_ACCESS_AS_APP_ID,
  NATIVE_CLIENT_REDIRECT_URI,
  anchorOf,
  manifestEntry,
  noteLinks,
  targetOf,
  walkthroughFor,
} from './steps';

const flows = ['password', 'client-secret'] as const;
const allSteps = flows.flatMap((flow) =>
  walkthroughFor(flow).flatMap((section) => section.steps.map((step) => ({ flow, section, step }))),
);
const azure = (flow: (typeof flows)[number]) => walkthroughFor(flow)[0]!;

describe('the walkthrough', () => {
  it('numbers the Azure Portal parts as the guide does: 19 and 23 steps, 1 to n', () => {
    expect(azure('password').id).toBe('password');
    expect(azure('password').steps.map((s) => s.number)).toEqual(range(19));
    expect(azure('client-secret').id).toBe('client-secret');
    expect(azure('client-secret').steps.map((s) => s.number)).toEqual(range(23));
  });

  it('numbers the green icon and incoming parts as the guide does, and names its System settings steps', () => {
    const part = (flow: (typeof flows)[number], id: string) =>
      walkthroughFor(flow).find((s) => s.id === id)!;
    expect(part('password', 'test').steps.map((s) => s.number)).toEqual([10, 11, 12, 13]);
    expect(part('client-secret', 'test').steps.map((s) => s.number)).toEqual([11, 12, 13, 14]);
    expect(part('password', 'incoming').steps.map((s) => s.number)).toEqual(range(15));
    expect(part('client-secret', 'incoming').steps.map((s) => s.number)).toEqual(range(14));
    expect(part('client-secret', 'incoming').steps[7]?.instruction).toBe(
      'Enter the client secret.',
    );
    expect(part('password', 'app').source).toMatch(/steps 4–9$/);
    expect(part('client-secret', 'app').source).toMatch(/steps 4–10$/);
  });

  it('points every setup step of the diagnosis table at an existing step', () => {
    const refs = diagnosisTable.flatMap((entry) =>
      entry.setupSteps.map((ref) => ({ id: entry.id, ref })),
    );
    expect(refs.length).toBeGreaterThan(20);
    for (const { id, ref } of refs) {
      // A field of Settings for incoming e-mail, which the link focuses: no walkthrough step.
      if (ref.part === 'incoming') {
        expect(
          incomingServerRows.map((r) => r.label),
          id,
        ).toContain(ref.title);
        continue;
      }
      for (const current of flows) {
        const target = targetOf(ref, current);
        expect(target, `${id}: ${ref.part} ${ref.steps.join(',')}`).toBeDefined();
        if (!target || target.section === 'limitations') continue;
        const section = walkthroughFor(target.flow).find((s) => s.id === target.section);
        for (const n of ref.steps)
          expect(
            section?.steps.map((s) => s.number),
            `${id}: step ${n}`,
          ).toContain(n);
      }
    }
  });

  it('lands on the flow a reference belongs to, and keeps the current flow for System settings', () => {
    const publicFlowsOff = diagnosisTable.find((e) => e.id === 'public-client-flows-off');
    expect(targetOf(publicFlowsOff!.setupSteps[0]!, 'client-secret')).toEqual({
      flow: 'password',
      section: 'password',
      step: 17,
    });
    expect(targetOf({ part: 'app', steps: [15], title: '' }, 'client-secret')).toEqual({
      flow: 'client-secret',
      section: 'app',
      step: 15,
    });
    // Row 13 (Password (Exchange)) is a step of the User name/Password flow only.
    expect(targetOf({ part: 'app', steps: [13], title: '' }, 'client-secret')?.flow).toBe(
      'password',
    );
    expect(targetOf({ part: 'password', steps: [20], title: '' }, 'password')).toBeUndefined();
    expect(targetOf({ part: 'limitations', steps: [], title: '' }, 'password')?.section).toBe(
      'limitations',
    );
  });

  it('sends SMTP’s Basic-auth-off fix to the SMTP rows 21–24 of row 23’s flow, whatever flow is shown', () => {
    const basicOff = diagnosisTable.find((e) => e.id === 'smtp-basic-auth-not-supported')!;
    for (const flow of flows) {
      const [ref, ...more] = setupStepsFor(basicOff, flow, 'system-settings');
      expect(more).toEqual([]);
      expect(ref?.steps).toEqual(flow === 'password' ? [21, 22, 23] : [21, 22, 23, 24]);
      for (const shown of flows)
        expect(targetOf(ref!, shown)).toEqual({ flow, section: 'smtp', step: 21 });
      const rows = walkthroughFor(flow).find((s) => s.id === 'smtp')!.steps;
      expect(rows.map((r) => r.number)).toEqual(expect.arrayContaining(ref!.steps));
    }
  });

  it('offers the manifest entries of FLOWS.md §1 as valid JSON, matching the demo tenant', () => {
    expect(JSON.parse(manifestEntry('password'))).toEqual({
      resourceAppId: EXCHANGE_ONLINE_APP_ID,
      resourceAccess: [{ id: EWS_ACCESS_AS_USER_ALL_ID, type: 'Scope' }],
    });
    expect(JSON.parse(manifestEntry('client-secret'))).toEqual({
      resourceAppId: EXCHANGE_ONLINE_APP_ID,
      resourceAccess: [{ id: FULL_ACCESS_AS_APP_ID, type: 'Role' }],
    });
    expect(EXCHANGE_ONLINE_APP_ID).toBe(demo.EXCHANGE_APP_ID);
    expect(EWS_ACCESS_AS_USER_ALL_ID).toBe(demo.EWS_ACCESS_AS_USER_ALL_ID);
    expect(FULL_ACCESS_AS_APP_ID).toBe(demo.FULL_ACCESS_AS_APP_ID);
    expect(NATIVE_CLIENT_REDIRECT_URI).toBe(demo.NATIVE_CLIENT_REDIRECT_URI);
  });

  it('puts the manifest, the scopes, the redirect URI, the paste helper and the checks where the guide needs them', () => {
    const step = (flow: (typeof flows)[number], n: number) =>
      azure(flow).steps.find((s) => s.number === n)!;
    const copied = (flow: (typeof flows)[number]) =>
      azure(flow).steps.flatMap((s) => s.copy?.map((c) => c.text) ?? []);
    expect(step('password', 10).copy?.[0]?.text).toBe(manifestEntry('password'));
    expect(step('client-secret', 11).copy?.[0]?.text).toBe(manifestEntry('client-secret'));
    expect(step('client-secret', 6).copy?.[0]?.text).toBe(NATIVE_CLIENT_REDIRECT_URI);
    expect(copied('password')).toContain(DELEGATED_SCOPE);
    expect(copied('client-secret')).toContain(APP_ONLY_SCOPE);
    expect(step('password', 8).paste).toBe('essentials');
    expect(step('client-secret', 9).paste).toBe('essentials');
    expect(step('password', 18).check).toBe('token');
    expect(step('client-secret', 22).check).toBe('token');
    expect(
      allSteps
        .filter((s) => s.step.check === 'ews' && s.section.id !== 'ews-access')
        .map((s) => s.section.id),
    ).toEqual(['test', 'test']);
  });

  it('links only to pages the app may open', () => {
    const hrefs = [
      ...allSteps.flatMap((s) => s.step.links?.map((l) => l.href) ?? []),
      ...Object.values(noteLinks).map((l) => l.href),
    ];
    expect(hrefs).toContain('https://portal.azure.com');
    for (const href of hrefs) expect(isAllowedExternalUrl(href), href).toBe(true);
  });

  it('gives every step a unique anchor within its flow', () => {
    for (const flow of flows) {
      const anchors = walkthroughFor(flow).flatMap((s) =>
        s.steps.map((step) => anchorOf(s.id, step.number)),
      );
      expect(new Set(anchors).size).toBe(anchors.length);
    }
  });
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
