// Reading and writing small CSV files (cost inputs, templates) without a library.

/**
 * Splits CSV text into rows of fields: commas, double-quoted fields with "" for a quote,
 * CRLF or LF line ends, a byte-order mark at the start ignored. Blank lines are dropped,
 * unless `keepBlankLines` is set for a file whose rows are places on a sheet.
 *
 * @example
 * parseCsv('campaign,media_spend\n"spring, sale",1200\n'); // [['campaign','media_spend'],['spring, sale','1200']]
 * parseCsv('a\n\nb\n', { keepBlankLines: true }); // [['a'], [''], ['b']]
 */
export function parseCsv(text: string, options: { keepBlankLines?: boolean } = {}): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return options.keepBlankLines ? rows : rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Writes one CSV field, quoting it when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
