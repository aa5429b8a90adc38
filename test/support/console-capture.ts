/**
 * botbuilder writes every rejected request to console.error with a stack; tests that reject on purpose
 * keep those lines for assertions instead of printing them.
 */
export class ConsoleCapture {
  readonly lines: string[] = [];
  private readonly original: typeof console.error;

  constructor(private readonly method: 'error' | 'warn') {
    // eslint-disable-next-line no-console
    this.original = console[method];
    // eslint-disable-next-line no-console
    console[method] = (...args: unknown[]) => {
      this.lines.push(
        args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg))).join(' '),
      );
    };
  }

  restore(): void {
    // eslint-disable-next-line no-console
    console[this.method] = this.original;
  }
}
