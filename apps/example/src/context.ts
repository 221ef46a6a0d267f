/**
 * What the demo's steps share. A step that needs to hand something to a later step adds a field to
 * `DemoState` by declaration merging in its own file, so a new vendor's step is one new file:
 *
 * ```ts
 * declare module '../context.ts' {
 *   interface DemoState { engagementId?: string }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the steps through declaration merging
export interface DemoState {}

/** One row of the closing summary table. */
export interface SummaryRow {
  vendor: string;
  what: string;
  result: string;
}

/** A step of the workflow: one file in `src/steps/`, run in file-name order. */
export interface Step {
  /** The vendor this step talks to, as printed. */
  vendor: string;
  /** What the step does, in one line. */
  title: string;
  run(ctx: DemoContext): Promise<void>;
}

export interface DemoOptions {
  /** Where lines go. Default `console.log`. */
  print?: (line: string) => void;
  /** Environment: a vendor whose `*_API_KEY` is set is used for real, the others are faked. */
  env?: Record<string, string | undefined>;
}

export class DemoContext {
  readonly env: Record<string, string | undefined>;
  readonly state: DemoState = {};
  readonly summary: SummaryRow[] = [];
  /** The fake servers started, by vendor, for tests to inspect after the run. */
  readonly fakes: Record<string, unknown> = {};
  readonly #print: (line: string) => void;
  readonly #cleanups: Array<() => unknown> = [];

  constructor(options: DemoOptions = {}) {
    this.env = options.env ?? process.env;
    this.#print = options.print ?? ((line) => console.log(line));
  }

  /** A headline. */
  heading(text: string): void {
    this.#print(`\n▸ ${text}`);
  }

  /** One thing done, in one readable line. */
  done(text: string): void {
    this.#print(`  ✓ ${text}`);
  }

  /** Something worth noticing that the SDK handled (a retry, an expected error). */
  handled(text: string): void {
    this.#print(`  ↻ ${text}`);
  }

  /** Progress of a long wait. */
  progress(text: string): void {
    this.#print(`  … ${text}`);
  }

  /** A plain line. */
  info(text: string): void {
    this.#print(`  ${text}`);
  }

  record(vendor: string, what: string, result: string): void {
    this.summary.push({ vendor, what, result });
  }

  /** Runs `fn` when the demo ends (closing fake servers and listeners). */
  onCleanup(fn: () => unknown): void {
    this.#cleanups.unshift(fn);
  }

  async cleanup(): Promise<void> {
    for (const fn of this.#cleanups.splice(0)) await fn();
  }

  printSummary(): void {
    const rows = [{ vendor: 'Vendor', what: 'Step', result: 'Result' }, ...this.summary];
    const w1 = Math.max(...rows.map((r) => r.vendor.length));
    const w2 = Math.max(...rows.map((r) => r.what.length));
    this.#print('\nSummary');
    rows.forEach((r, i) => {
      this.#print(`  ${r.vendor.padEnd(w1)}  ${r.what.padEnd(w2)}  ${r.result}`);
      if (i === 0) this.#print(`  ${'─'.repeat(w1)}  ${'─'.repeat(w2)}  ${'─'.repeat(20)}`);
    });
  }
}
