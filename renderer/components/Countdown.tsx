import { useEffect, useState } from 'react';

const TICK_MS = 250;

/** Whole seconds until `until` (ms since epoch), never below 0, ticking while shown. */
export function useSecondsLeft(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** "Retrying in N s", counting down to the time main said the next try starts. */
export function Countdown({ until }: { until: number }) {
  const seconds = useSecondsLeft(until);
  return <span className="countdown">Retrying in {seconds} s</span>;
}
