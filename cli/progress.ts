// A progress bar for long CLI work, on stderr. On a terminal it redraws one line in place at
// most ten times a second; elsewhere (CI logs, pipes) it prints a plain line every 5 seconds
// at most, so logs stay readable.

export interface Progress {
  /** Reports how far the work is: bytes of the input read, records handled. */
  update(bytesRead: number, records: number): void;
  /** Draws the final state (on a terminal); call once at the end. */
  done(): void;
}

export interface ProgressOptions {
  /** Writes one line (the CLI's stderr, which ends it with a newline). */
  writeLine: (s: string) => void;
  isTty: boolean;
  totalBytes: number;
  label: string;
  /** Milliseconds; a parameter so tests set the time. */
  now?: () => number;
  width?: number;
}

const ttyIntervalMs = 100;
const logIntervalMs = 5000;
// The line is redrawn through a writer that ends each write with a newline, so each redraw
// first moves up to the line drawn before and clears it.
const upAndClear = '\x1b[1A\r\x1b[2K';

export function progressBar(o: ProgressOptions): Progress {
  const now = o.now ?? (() => performance.now());
  const started = now();
  // Off a terminal the first line waits 5 seconds: a short import prints only its summary.
  let lastDrawn = o.isTty ? -Infinity : started;
  let drawnOnce = false;
  let bytes = 0;
  let records = 0;

  const describe = () => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const fraction = o.totalBytes > 0 ? Math.min(bytes / o.totalBytes, 1) : 1;
    const rate = `${formatCount(Math.round(records / seconds))} events/s`;
    return { fraction, rate, size: `${formatBytes(bytes)} / ${formatBytes(o.totalBytes)}`, percent: `${Math.floor(fraction * 100)}%` };
  };

  const draw = () => {
    const d = describe();
    if (o.isTty) {
      const width = o.width ?? 30;
      const full = Math.round(d.fraction * width);
      const bar = '█'.repeat(full) + '░'.repeat(width - full);
      o.writeLine(
        `${drawnOnce ? upAndClear : ''}${o.label} ${bar} ${d.percent.padStart(4)}  ${d.size}  ${formatCount(records)} events  ${d.rate}`,
      );
    } else {
      o.writeLine(`${o.label}: ${d.percent} (${d.size}), ${formatCount(records)} events, ${d.rate}`);
    }
    drawnOnce = true;
    lastDrawn = now();
  };

  return {
    update(bytesRead, handled) {
      bytes = bytesRead;
      records = handled;
      if (now() - lastDrawn >= (o.isTty ? ttyIntervalMs : logIntervalMs)) draw();
    },
    done() {
      if (o.isTty) draw();
    },
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export const formatCount = (n: number) => n.toLocaleString('en-US');
