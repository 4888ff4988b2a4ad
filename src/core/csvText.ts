// Reading and writing small CSV files (cost inputs, templates) without a library.

/**
 * Splits CSV text into rows of fields: commas (or `delimiter`), double-quoted fields with ""
 * for a quote, CRLF or LF line ends, a byte-order mark at the start ignored. Blank lines are dropped,
 * unless `keepBlankLines` is set for a file whose rows are places on a sheet.
 *
 * @example
 * parseCsv('campaign,media_spend\n"spring, sale",1200\n'); // [['campaign','media_spend'],['spring, sale','1200']]
 * parseCsv('a\n\nb\n', { keepBlankLines: true }); // [['a'], [''], ['b']]
 */
export function parseCsv(
  text: string,
  options: { keepBlankLines?: boolean; delimiter?: string } = {},
): string[][] {
  const delimiter = options.delimiter ?? ',';
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
    } else if (c === delimiter) {
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

// A leading =, +, - or @ makes spreadsheet programs read a cell as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes a text field that a spreadsheet program opening the CSV shows as text: a value that
 * would start a formula (a campaign named `=HYPERLINK(...)`, say) gets a leading apostrophe.
 *
 * @example
 * spreadsheetSafeField('=1+1'); // "'=1+1"
 * spreadsheetSafeField('spring, sale'); // '"spring, sale"'
 */
export function spreadsheetSafeField(text: string): string {
  return csvField(FORMULA_START.test(text) ? `'${text}` : text);
}

/** Undoes `spreadsheetSafeField`'s apostrophe when a file written by it is read back. */
export function readSpreadsheetSafeField(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
