// Plain-text tables for the terminal: columns padded, numbers right-aligned, long keys cut.

export interface TerminalColumn {
  header: string;
  alignRight?: boolean;
  maxWidth?: number;
}

// Long keys lose their middle, not their end: exports often tell campaigns apart only by a
// suffix (`..._15off_v1`, `..._15off_v2`).
function cut(text: string, width: number | undefined): string {
  const characters = [...text];
  if (!width || characters.length <= width) return text;
  const tail = Math.floor((width - 1) / 3);
  const head = width - 1 - tail;
  return `${characters.slice(0, head).join('')}…${characters.slice(characters.length - tail).join('')}`;
}

/**
 * Renders rows under headers with two spaces between columns.
 *
 * @example
 * formatTable([{ header: 'campaign' }, { header: 'orders', alignRight: true }], [['spring', '12']]);
 * // 'campaign  orders\n--------  ------\nspring        12'
 */
export function formatTable(columns: TerminalColumn[], rows: string[][]): string {
  const cells = rows.map((row) => row.map((text, i) => cut(text, columns[i]?.maxWidth)));
  const widths = columns.map((column, i) =>
    Math.max([...column.header].length, ...cells.map((row) => [...(row[i] ?? '')].length)),
  );
  const line = (row: string[]) =>
    row
      .map((text, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i] - [...text].length));
        return columns[i]?.alignRight ? pad + text : text + pad;
      })
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    line(widths.map((width) => '-'.repeat(width))),
    ...cells.map(line),
  ].join('\n');
}

/** A count with thousands separators. */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** A count with its noun, singular for one: `1 row`, `2,500 rows`. */
export const countOf = (n: number, one: string, many: string) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** A share as a percentage with one decimal, or blank. */
export const formatPercent = (n: number | null) => (n === null ? '' : `${(n * 100).toFixed(1)}%`);

/** Money with two decimals and separators, or blank. */
export const formatMoney = (n: number | null) =>
  n === null
    ? ''
    : n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
