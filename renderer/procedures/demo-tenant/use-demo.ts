import { useStore } from 'zustand';
import { demoTenantStore } from '../../stores/instances';

/** The Demo tenant procedure's parts read the shared store; `busy` disables controls mid-change. */
export const useDemo = () => useStore(demoTenantStore);

/** A select's choices with the tenant's current value among them, in order, if it is not one. */
export const choicesWith = (choices: readonly number[], current: number): readonly number[] =>
  choices.includes(current) ? choices : [...choices, current].sort((a, b) => a - b);
