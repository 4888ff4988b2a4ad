// The runner's one logger: a line per step a person cares about, on standard error.

export interface Logger {
  step(text: string): void;
  warn(text: string): void;
  /** Why the command stopped; it exits with a non-zero code after this line. */
  error(text: string): void;
}

export function consoleLogger(quiet = false): Logger {
  return {
    step: (text) => {
      if (!quiet) process.stderr.write(`${text}\n`);
    },
    warn: (text) => process.stderr.write(`warning: ${text}\n`),
    error: (text) => process.stderr.write(`error: ${text}\n`),
  };
}

/** A logger that keeps its lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    step: (text) => lines.push(text),
    warn: (text) => lines.push(`warning: ${text}`),
    error: (text) => lines.push(`error: ${text}`),
  };
}
