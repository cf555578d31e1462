import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Microsoft's documented limits, enforced (FLOWS.md §12): Graph's Outlook limits per app per
 * mailbox (4 concurrent requests, 10,000 requests per 10 minutes; "Microsoft Graph
 * service-specific throttling limits"), and EWS's per-mailbox budgets (EWSMaxConcurrency 27;
 * Exchange Online budgets time rather than requests, so no request count unless lowered). Support
 * can lower them to show throttling live.
 */

export interface ServiceLimits {
  /**
   * Requests served at once: per app for Graph (the page says "Outlook can execute up to 4
   * concurrent requests" per app ID; older versions said per app per mailbox), per mailbox for EWS.
   */
  concurrent: number;
  /** Requests per app and mailbox (Graph) or per mailbox (EWS) in each window. */
  requests: number;
  windowMs: number;
  /** How long each request holds its slot, so concurrency can build up (0: as fast as it runs). */
  serviceMs: number;
}

export interface DemoLimits {
  graph: ServiceLimits;
  /** `backOffHint` false leaves BackOffMilliseconds out of ErrorServerBusy, as Exchange sometimes does. */
  ews: ServiceLimits & { backOffHint: boolean };
  /** The Demo tenant procedure's switch: the lowered preset below is in force. */
  lowered: boolean;
}

export type LimitsPatch = {
  graph?: Partial<ServiceLimits>;
  ews?: Partial<DemoLimits['ews']>;
};

export type LimitedService = 'graph' | 'ews';

export const MICROSOFT_LIMITS: DemoLimits = {
  graph: { concurrent: 4, requests: 10_000, windowMs: 600_000, serviceMs: 0 },
  ews: { concurrent: 27, requests: 1_000_000, windowMs: 600_000, serviceMs: 0, backOffHint: true },
  lowered: false,
};

/**
 * Lowered for a live demo: one request per mailbox every 3 s, so reading an inbox (two requests)
 * is throttled once and waited out, in every row of Validate all.
 */
export const LOWERED_LIMITS: DemoLimits = {
  graph: { concurrent: 4, requests: 1, windowMs: 3_000, serviceMs: 0 },
  ews: { concurrent: 27, requests: 1, windowMs: 3_000, serviceMs: 0, backOffHint: true },
  lowered: true,
};

export type Admission =
  | { admitted: true; release(): void }
  | { admitted: false; over: 'concurrency' | 'budget'; retryAfterMs: number };

const copy = (limits: DemoLimits): DemoLimits => ({
  graph: { ...limits.graph },
  ews: { ...limits.ews },
  lowered: limits.lowered,
});

function checked(value: unknown, name: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0))
    throw new RangeError(`${name} takes a whole number of at least 0, not ${String(value)}`);
}

/** The limits in force, each key's window and the requests it has in flight. */
export class Limits {
  private current = copy(MICROSOFT_LIMITS);
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  settings(): DemoLimits {
    return copy(this.current);
  }

  update(patch: LimitsPatch): DemoLimits {
    for (const service of ['graph', 'ews'] as const) {
      for (const [name, value] of Object.entries(patch[service] ?? {}))
        if (name !== 'backOffHint') checked(value, `${service}.${name}`);
    }
    this.current = {
      graph: { ...this.current.graph, ...patch.graph },
      ews: { ...this.current.ews, ...patch.ews },
      lowered: this.current.lowered,
    };
    return this.settings();
  }

  /** The switch: the lowered preset, or Microsoft's limits back (windows start afresh). */
  lower(on: boolean): DemoLimits {
    this.current = copy(on ? LOWERED_LIMITS : MICROSOFT_LIMITS);
    this.windows.clear();
    return this.settings();
  }

  reset(): void {
    this.lower(false);
  }

  /** Admits one request, or says which limit it is over and when to try again. */
  admit(service: LimitedService, keys: { concurrency: string; budget: string }): Admission {
    const limits = this.current[service];
    const id = `${service}|${keys.concurrency.toLowerCase()}`;
    const budgetId = `${service}|${keys.budget.toLowerCase()}`;
    const now = this.now();
    let window = this.windows.get(budgetId);
    if (!window || now - window.start >= limits.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(budgetId, window);
    }
    if (window.count >= limits.requests)
      return {
        admitted: false,
        over: 'budget',
        retryAfterMs: window.start + limits.windowMs - now,
      };
    const busy = this.inFlight.get(id) ?? 0;
    if (busy >= limits.concurrent)
      return { admitted: false, over: 'concurrency', retryAfterMs: 1_000 };
    window.count += 1;
    this.inFlight.set(id, busy + 1);
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.inFlight.get(id) ?? 1) - 1;
        if (left > 0) this.inFlight.set(id, left);
        else this.inFlight.delete(id);
      },
    };
  }

  /** Runs `work` in an admitted request's slot (held `serviceMs` first), then frees the slot. */
  async serve<T>(
    service: LimitedService,
    admission: { release(): void },
    work: () => T,
  ): Promise<T> {
    try {
      const { serviceMs } = this.current[service];
      if (serviceMs > 0) await sleep(serviceMs);
      return work();
    } finally {
      admission.release();
    }
  }

  backOffHint(): boolean {
    return this.current.ews.backOffHint;
  }
}
