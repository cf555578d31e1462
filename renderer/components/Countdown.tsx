import { useEffect, useState } from 'react';

const TICK_MS = 250;

/** "Retrying in N s", counting down to the time main said the next try starts. */
export function Countdown({ until }: { until: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return <span className="countdown">Retrying in {seconds} s</span>;
}
