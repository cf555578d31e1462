import { isGuid, isTenant } from '../settings/validators';

export interface AppIds {
  clientId?: string;
  tenantId?: string;
}

export type EssentialsParse =
  | { ok: true; ids: AppIds; source: 'essentials' | 'manifest'; notes: string[] }
  | { ok: false; message: string };

const HOW =
  'Paste the Essentials block from the app registration’s Overview page, or its manifest.';

const labels = {
  clientId: {
    name: 'Application (client) ID',
    pattern: /application\s*\(\s*client\s*\)\s*id|\bclient\s*id\b|\bapplication\s*id\b(?!\s*uri)/gi,
    valid: isGuid,
    expected: 'a GUID',
  },
  tenantId: {
    name: 'Directory (tenant) ID',
    pattern: /directory\s*\(\s*tenant\s*\)\s*id|\btenant\s*id\b|\bdirectory\s*id\b/gi,
    valid: isTenant,
    expected: 'a GUID or a verified domain',
  },
} as const;
type Key = keyof typeof labels;
const keys = Object.keys(labels) as Key[];

/** Between a label and its value the portal's copy has colons, tabs, spaces or line breaks. */
const SEPARATOR = /^[\s:=|\t\u00a0\uff1a]*/;
const TRIM = /^["'{(<[]+|["',;)}>\].]+$/g;

/** What follows one occurrence of a label: the next token, without quotes or punctuation. */
function valueAfter(text: string, end: number): string {
  const rest = text.slice(end).replace(SEPARATOR, '');
  return (rest.match(/^\S+/)?.[0] ?? '').replace(TRIM, '');
}

function fromEssentials(text: string): EssentialsParse | undefined {
  const ids: AppIds = {};
  let anyLabel = false;
  for (const key of keys) {
    const { name, pattern, valid, expected } = labels[key];
    const found = new Set<string>();
    for (const match of text.matchAll(pattern)) {
      anyLabel = true;
      const value = valueAfter(text, match.index + match[0].length);
      if (!valid(value))
        return {
          ok: false,
          message: `${name} is there, but “${value.slice(0, 40) || 'nothing'}” after it is not ${expected}. Nothing was filled. ${HOW}`,
        };
      found.add(value.toLowerCase());
    }
    if (found.size > 1)
      return {
        ok: false,
        message: `The text holds ${found.size} different values for ${name}. Nothing was filled. Paste the Essentials block of one app registration.`,
      };
    const [value] = found;
    if (value !== undefined) ids[key] = value;
  }
  return anyLabel ? { ok: true, ids, source: 'essentials', notes: missingNotes(ids) } : undefined;
}

/** A manifest: `appId` always, `tenantId` only in some exports; never `id` (the Object ID). */
function fromManifest(text: string): EssentialsParse | undefined {
  const field = (name: string): string | undefined => {
    const match = text.match(new RegExp(`"${name}"\\s*:\\s*"([^"]*)"`));
    return match?.[1]?.trim();
  };
  const appId = field('appId');
  const tenantId = field('tenantId');
  if (appId === undefined && tenantId === undefined) return undefined;
  if (appId !== undefined && !isGuid(appId))
    return {
      ok: false,
      message: `The manifest’s appId “${appId.slice(0, 40)}” is not a GUID. Nothing was filled.`,
    };
  if (tenantId !== undefined && !isTenant(tenantId))
    return {
      ok: false,
      message: `The manifest’s tenantId “${tenantId.slice(0, 40)}” is not valid. Nothing was filled.`,
    };
  const ids: AppIds = {};
  if (appId) ids.clientId = appId.toLowerCase();
  if (tenantId) ids.tenantId = tenantId.toLowerCase();
  return { ok: true, ids, source: 'manifest', notes: missingNotes(ids) };
}

function missingNotes(ids: AppIds): string[] {
  return keys
    .filter((key) => ids[key] === undefined)
    .map((key) => `${labels[key].name} was not in the text; copy it from the Overview page.`);
}

/**
 * Reads Application (client) ID and Directory (tenant) ID from what a person pasted: the
 * Essentials block of the app registration's Overview (labels and values in any order, separated
 * by colons, tabs or line breaks) or a JSON manifest. Anything else fills nothing and says why.
 */
export function parseEssentials(pasted: string): EssentialsParse {
  const text = pasted.trim();
  if (text === '') return { ok: false, message: `Nothing was pasted. ${HOW}` };
  if (text.length > 200_000)
    return { ok: false, message: `The text is too long to be an Essentials block. ${HOW}` };
  const parsed = /"(appId|tenantId)"\s*:/.test(text) ? fromManifest(text) : fromEssentials(text);
  if (parsed) return parsed;
  if (isGuid(text))
    return {
      ok: false,
      message:
        'A bare ID does not say whether it is the Application (client) ID or the Directory (tenant) ID. Paste it into the row directly, or paste the block with its labels.',
    };
  return {
    ok: false,
    message: `No Application (client) ID or Directory (tenant) ID found. ${HOW}`,
  };
}
