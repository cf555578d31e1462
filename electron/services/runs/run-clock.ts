/** The clock a run is timed on; tests inject one to make timings and dates exact. */
export interface RunClock {
  /** Milliseconds on a monotonic scale, for step durations and countdowns. */
  now(): number;
  /** The wall time, for the Test log and the message's subject. */
  date(): Date;
}

export const systemClock: RunClock = {
  now: () => performance.now(),
  date: () => new Date(),
};
