/**
 * The CLI prints only its own output: JSON with --json, short human text otherwise, and on failure
 * one line on stderr with a non-zero exit.
 */
export function printResult(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function errorLine(err: unknown): { code: string; message: string } {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const first = (err.message.split('\n')[0] ?? '').trim();
    return { code: typeof code === 'string' ? code : 'ERROR', message: first || err.name };
  }
  return { code: 'ERROR', message: String(err) };
}

/** Wraps a command action: any error becomes one line on stderr (JSON when --json) and exit 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      const { code, message } = errorLine(err);
      const opts = args.find((a): a is { json?: boolean } => typeof a === 'object' && a !== null && 'json' in a);
      if (opts?.json) process.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
      else process.stderr.write(`footfall: ${message} [${code}]\n`);
      process.exitCode = err instanceof CliError ? err.exitCode : 1;
    }
  };
}
