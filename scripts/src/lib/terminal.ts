/** Exit codes of `ptce`, documented in scripts/README.md. */
export const EXIT = {
  ok: 0,
  /** A bad input file or configuration: the message says what and where. */
  dataError: 1,
  /** Bad arguments. */
  usage: 2,
  /** A bug or an unexpected failure. */
  internal: 3,
} as const;

export type Lang = 'fr' | 'en';

export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

/** Progress lines on a terminal; nothing in CI or when stderr is not a terminal. */
export function progressPrinter(enabled: boolean): (step: string, done?: number, total?: number) => void {
  const started = performance.now();
  return (step, done, total) => {
    if (!enabled) return;
    const elapsed = ((performance.now() - started) / 1000).toFixed(1);
    const count = done !== undefined && total !== undefined ? ` ${done}/${total}` : '';
    process.stderr.write(`  [${elapsed.padStart(5)} s] ${step}${count}\n`);
  };
}

export function isInteractive(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

/**
 * A one-line progress bar on a terminal (rewritten in place); nothing when not interactive.
 * Returns the update function and `done` to end the line.
 */
export function progressBar(label: string, enabled: boolean) {
  let last = -1;
  return {
    update(done: number, total: number) {
      if (!enabled || total <= 0) return;
      const share = Math.min(1, done / total);
      const percent = Math.floor(share * 100);
      if (percent === last) return;
      last = percent;
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(
        `\r  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)} %`,
      );
    },
    done() {
      if (enabled && last >= 0) process.stderr.write('\n');
    },
  };
}
