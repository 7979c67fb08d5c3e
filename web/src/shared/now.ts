// The current time as React state, so a clock on screen moves on its own.
import { useEffect, useState } from 'react';

/** Date.now(), refreshed every `ms` while the component is mounted. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
