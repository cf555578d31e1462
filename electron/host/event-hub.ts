import type { z } from 'zod';
import { events as contractEvents } from '../../shared/contract';
import type { EventTable } from '../../shared/contract/define';

export type EventListener = (name: string, payload: unknown) => void;

/** What a transport needs from the hub: every event, already checked against the contract. */
export interface EventSource {
  subscribe(listener: EventListener): () => void;
}

export interface EventHub<T extends EventTable> extends EventSource {
  emit<E extends keyof T & string>(name: E, payload: z.input<T[E]>): void;
}

/**
 * Fans events out to every connected transport. Payloads are parsed first, so only what the
 * contract declares is pushed, and one failing listener cannot starve the others.
 */
export function createEventHub<T extends EventTable>(
  table: T,
  onListenerError = () => {},
): EventHub<T> {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      const schema = table[name];
      if (!schema) throw new Error(`Unknown event ${name}`);
      const data = schema.parse(payload);
      for (const listener of listeners) {
        try {
          listener(name, data);
        } catch {
          onListenerError();
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type AppEventHub = EventHub<typeof contractEvents>;
export const createAppEventHub = (): AppEventHub => createEventHub(contractEvents);
