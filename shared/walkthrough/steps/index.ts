import type { SetupStepRef } from '../../diagnosis/table';
import type { WalkthroughSectionId } from '../../guide/sections';
import type { AuthFlow } from '../../settings/system-settings';
import { beyondGuideSections } from '../beyond-guide';
import { incomingSteps, systemSettingsRows, testSteps } from './app-procedures';
import { clientSecretSteps, passwordSteps } from './azure-portal';
import type { WalkthroughSection } from './types';

export * from './exchange-online';
export { noteLinks } from './links';
export type {
  CopyText,
  ExternalLink,
  StepCheck,
  WalkthroughSection,
  WalkthroughStep,
} from './types';

/** The Setup walkthrough for one flow (FLOWS.md §5): the guide's parts in the guide's order. */
export function walkthroughFor(flow: AuthFlow): WalkthroughSection[] {
  const flowName = flow === 'password' ? 'User name/password' : 'Client secret';
  return [
    {
      id: flow,
      title: 'Azure Portal setup',
      source: `Guide: ${flow === 'password' ? 'User name & password' : 'Client secret'} authentication, Azure Portal setup`,
      numbering: 'step',
      steps: flow === 'password' ? passwordSteps : clientSecretSteps,
    },
    {
      id: 'app',
      title: 'System settings',
      source: `Guide: Monitor ERP setup (${flowName} method), steps ${flow === 'password' ? '4–9' : '4–10'}`,
      numbering: 'row',
      steps: systemSettingsRows(flow),
    },
    {
      id: 'test',
      title: 'Check e-mail settings (the green icon)',
      source: `Guide: Monitor ERP setup (${flowName} method), steps ${flow === 'password' ? '10–13' : '11–14'}`,
      numbering: 'step',
      steps: testSteps(flow),
    },
    {
      id: 'incoming',
      title: 'Settings for incoming e-mail',
      source: `Guide: Settings for incoming e-mail (${flowName} method)`,
      numbering: 'step',
      steps: incomingSteps(flow),
    },
    ...beyondGuideSections(flow),
  ];
}

/** The guide's Limitations, which the 'limitations' setup references point at. */
export const limitations: string[] = [
  'Only one authentication method can be active at a time.',
  'The supported account type may differ with the company’s setup; the guide describes single tenant.',
  'Two-factor authentication can not be used with the user name & password method.',
  'Security settings are not covered: it is up to each IT department to choose and configure them.',
];

/** Where a diagnosis's setup reference lands in the walkthrough. */
export interface WalkthroughTarget {
  flow: AuthFlow;
  section: WalkthroughSectionId | 'limitations';
  /** The first step of the reference; absent for the Limitations. */
  step?: number;
}

/**
 * The walkthrough place a setup reference names: its own flow for an Azure part or a reference
 * made for one flow; for System settings the current flow when it has every row named, the other
 * flow otherwise; undefined when the walkthrough has no such steps.
 */
export function targetOf(ref: SetupStepRef, currentFlow: AuthFlow): WalkthroughTarget | undefined {
  if (ref.part === 'limitations') return { flow: currentFlow, section: 'limitations' };
  const section = ref.part;
  const first = ref.steps[0];
  if (first === undefined) return undefined;
  const otherFlow: AuthFlow = currentFlow === 'password' ? 'client-secret' : 'password';
  const flows: AuthFlow[] =
    section === 'password' || section === 'client-secret'
      ? [section]
      : ref.flow
        ? [ref.flow]
        : [currentFlow, otherFlow];
  const flow = flows.find((f) => {
    const numbers = walkthroughFor(f)
      .find((s) => s.id === section)
      ?.steps.map((s) => s.number);
    return ref.steps.every((n) => numbers?.includes(n));
  });
  return flow ? { flow, section, step: first } : undefined;
}

/** The DOM id of a step (or the Limitations) so links can scroll to it. */
export const anchorOf = (section: WalkthroughSectionId | 'limitations', step?: number): string =>
  step === undefined ? `walkthrough-${section}` : `walkthrough-${section}-${step}`;
