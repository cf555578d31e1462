import { describe, expect, it } from 'vitest';
import { contract, events } from '../../shared/contract';
import { eventNames, isListed, methodNames } from './bridge-names';

describe('bridge names', () => {
  it('list exactly the contract methods and events', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(contract).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
  });

  it('recognise only listed names', () => {
    expect(isListed(methodNames, 'app.info')).toBe(true);
    expect(isListed(methodNames, '__proto__')).toBe(false);
    expect(isListed(methodNames, 42)).toBe(false);
  });
});
