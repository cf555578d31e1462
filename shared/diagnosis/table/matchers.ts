import type { FailureFacts } from '../failure';

/** Matchers on the codes each service answers with, shared by the sections. */
export const aadsts =
  (...codes: number[]) =>
  (f: FailureFacts) =>
    f.aadsts !== undefined && codes.includes(f.aadsts);

export const ews =
  (...codes: string[]) =>
  (f: FailureFacts) =>
    f.ewsCode !== undefined && codes.includes(f.ewsCode);

export const isEwsStep = (f: FailureFacts) => f.step === 'send' || f.step === 'folder';

export const graph =
  (...codes: string[]) =>
  (f: FailureFacts) =>
    f.graphCode !== undefined && codes.includes(f.graphCode);
