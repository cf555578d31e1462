import { describe, expect, it } from 'vitest';
import { defaultSystemSettings } from '../../../shared/settings/system-settings';
import {
  currentSchemaVersion,
  migrateSettingsDocument,
  moveSystemKeysUnderSection,
  parseSettingsFile,
} from './settings-document';

const customSystem = { ...defaultSystemSettings, port: 587, tenantId: 'contoso.onmicrosoft.com' };

describe('moveSystemKeysUnderSection (v1 → v2)', () => {
  it('moves the flat System keys under `system` and keeps other keys where they were', () => {
    expect(moveSystemKeysUnderSection({ ...customSystem, windowBounds: { width: 800 } })).toEqual({
      schemaVersion: 2,
      system: customSystem,
      windowBounds: { width: 800 },
    });
  });

  it('is pure: the input document is left as it was', () => {
    const v1 = { ...customSystem };
    moveSystemKeysUnderSection(v1);
    expect(v1).toEqual(customSystem);
  });
});

describe('migrateSettingsDocument', () => {
  it('reads a file without schemaVersion as version 1 and brings it to the current version', () => {
    const result = migrateSettingsDocument({ ...customSystem });
    expect(result).toEqual({
      ok: true,
      migrated: true,
      document: { schemaVersion: currentSchemaVersion, system: customSystem },
    });
  });

  it('leaves a current document as it is', () => {
    const doc = { schemaVersion: currentSchemaVersion, system: customSystem };
    expect(migrateSettingsDocument(doc)).toEqual({ ok: true, migrated: false, document: doc });
  });

  it('keeps sections it does not know instead of dropping them', () => {
    const doc = { schemaVersion: currentSchemaVersion, system: customSystem, later: { a: 1 } };
    expect(migrateSettingsDocument(doc)).toMatchObject({ ok: true, document: { later: { a: 1 } } });
  });

  it('refuses a document from a newer version of the app', () => {
    const result = migrateSettingsDocument({ schemaVersion: currentSchemaVersion + 1, system: {} });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/newer version of the app/);
  });

  it.each([0, -1, 1.5, '2'])('refuses schemaVersion %j', (schemaVersion) => {
    expect(migrateSettingsDocument({ schemaVersion, system: customSystem }).ok).toBe(false);
  });

  it('names where a value has the wrong type', () => {
    const result = migrateSettingsDocument({
      schemaVersion: currentSchemaVersion,
      system: { ...customSystem, port: '587' },
    });
    expect(result).toEqual({
      ok: false,
      reason: 'it has a value of the wrong type or a missing value at "system.port"',
    });
  });

  it('refuses a document with a System setting missing', () => {
    const { port: _port, ...withoutPort } = customSystem;
    expect(migrateSettingsDocument({ schemaVersion: 2, system: withoutPort }).ok).toBe(false);
  });
});

describe('parseSettingsFile', () => {
  it('refuses text that is not JSON', () => {
    expect(parseSettingsFile('{"schemaVersion": 2,')).toEqual({
      ok: false,
      reason: 'it is not valid JSON',
    });
  });

  it.each(['[]', 'null', '42', '"text"'])('refuses %s, which is not an object', (text) => {
    expect(parseSettingsFile(text)).toEqual({
      ok: false,
      reason: 'it does not hold a JSON object',
    });
  });

  it('parses and migrates a version-1 file', () => {
    expect(parseSettingsFile(JSON.stringify(customSystem))).toMatchObject({
      ok: true,
      document: { system: customSystem },
    });
  });
});
