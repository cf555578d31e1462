import { demoEndpoints, type DemoEndpoint } from '../../shared/demo/switches';

export interface Fault {
  /** Added before the answer (or before the other fault). */
  latencyMs?: number;
  /** Answer with this status instead of serving the request. */
  status?: 429 | 503;
  /** Seconds, sent as Retry-After with a 429 or 503. */
  retryAfterSeconds?: number;
  /** Retry-After as the HTTP date that many seconds ahead (RFC 9110 allows either form). */
  retryAfterAsDate?: boolean;
  /** Drop the connection without an answer. */
  reset?: boolean;
  /** Apply to this many requests, then clear; unset = until cleared. */
  times?: number;
}

export type RequestCounts = Record<DemoEndpoint, number>;

function zeroCounts(): RequestCounts {
  return Object.fromEntries(demoEndpoints.map((e) => [e, 0])) as RequestCounts;
}

/** Request counts and injected faults, per endpoint. */
export class Traffic {
  private counts = zeroCounts();
  private readonly faults = new Map<DemoEndpoint, Fault>();

  count(endpoint: DemoEndpoint): void {
    this.counts[endpoint] += 1;
  }

  requestCounts(): RequestCounts {
    return { ...this.counts };
  }

  resetCounters(): void {
    this.counts = zeroCounts();
  }

  setFault(endpoint: DemoEndpoint, fault: Fault | null): void {
    if (!demoEndpoints.includes(endpoint))
      throw new RangeError(`Unknown endpoint ${String(endpoint)}`);
    if (fault) this.faults.set(endpoint, { ...fault });
    else this.faults.delete(endpoint);
  }

  /** The faults in force, for the Demo tenant procedure to show. */
  activeFaults(): Partial<Record<DemoEndpoint, Fault>> {
    return Object.fromEntries([...this.faults].map(([e, f]) => [e, { ...f }]));
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** The fault for this request, spending one of its `times`. */
  take(endpoint: DemoEndpoint): Fault | undefined {
    const fault = this.faults.get(endpoint);
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      if (fault.times <= 1) this.faults.delete(endpoint);
      else fault.times -= 1;
    }
    return fault;
  }
}
