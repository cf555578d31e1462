import type { WalkthroughSectionId } from '../../guide/sections';

export interface CopyText {
  label: string;
  text: string;
}

/** A page the guide cites; only origins on the app's allow-list (electron/security.ts). */
export interface ExternalLink {
  label: string;
  href: string;
}

/** What a step's Check button proves, with the green icon's own test. */
export type StepCheck = 'token' | 'ews' | 'graph';

export interface WalkthroughStep {
  /** The guide's step number, or the System settings row number in the 'app' section. */
  number: number;
  instruction: string;
  /** What to copy or check, in a sentence. */
  detail?: string;
  copy?: CopyText[];
  /** Offers pasting the app registration's Essentials block to fill rows 21 and 22. */
  paste?: 'essentials';
  /** Asks when the new client secret expires, for the warnings beside row 24. */
  asks?: 'secret-expiry';
  check?: StepCheck;
  links?: ExternalLink[];
  /** A procedure of this app the step happens in. */
  opens?: 'system-settings' | 'incoming-mail';
}

export interface WalkthroughSection {
  id: WalkthroughSectionId;
  title: string;
  /** Where this is in the vendor's guide. */
  source: string;
  /** 'row' when the numbers are System settings rows, not steps. */
  numbering: 'step' | 'row';
  steps: WalkthroughStep[];
}
