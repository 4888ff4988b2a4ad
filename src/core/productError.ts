// The one error type the core throws: a stable code plus the details a message needs.

/**
 * An error raised by the core. The code names what went wrong; the sentence a person reads is
 * chosen at the edge from `messages.ts`, so the same error reads well in a terminal, a sidebar
 * and a cell.
 *
 * @example
 * throw new ProductError('funnel/unknown-grouping-key', { key: 'channel' });
 */
export class ProductError extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code} ${JSON.stringify(details)}`);
    this.name = 'ProductError';
  }
}
