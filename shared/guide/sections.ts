/**
 * The Setup walkthrough's sections, in its order: the guide's two Azure Portal parts, the app's
 * own procedures, and the checklists beyond the guide. Kept below both the walkthrough, which
 * shows them, and the diagnosis table, which points into them, so each can name them.
 */
export const walkthroughSectionIds = [
  'password',
  'client-secret',
  'app',
  'test',
  'incoming',
  'ews-access',
  'graph',
  'limit-mailboxes',
  'smtp',
] as const;
export type WalkthroughSectionId = (typeof walkthroughSectionIds)[number];

/** Where a fix can point: a section that has setup steps, or the guide's Limitations. */
export type GuidePart = Exclude<WalkthroughSectionId, 'test'> | 'limitations';
