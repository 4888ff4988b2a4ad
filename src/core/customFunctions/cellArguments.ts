// Turns what Sheets passes a custom function (single values, or ranges as rows of cells) into
// checked numbers, pairs ranges cell by cell, and gives the answer the inputs' shape.
import { ProductError } from '../productError';
import { parseTextNumber } from './textNumber';

/** What a number argument measures; it decides how text is read and how errors word it. */
export type NumberKind = 'amount' | 'count' | 'share';

/** One number argument of a custom function, as the declaration table describes it. */
export interface NumberArgument {
  /** The name Sheets shows in the formula help, and the one error messages use. */
  readonly name: string;
  /** One sentence for the formula help. */
  readonly summary: string;
  readonly kind: NumberKind;
  /** Optional arguments take `defaultValue` when left out of the formula. */
  readonly optional?: boolean;
  readonly defaultValue?: number;
  /** Every input is a quantity of zero or more; a divisor must also be above zero. */
  readonly divisor?: boolean;
  /** The largest value accepted (1 for shares); no limit when absent. */
  readonly highest?: number;
}

/** A text argument that picks one of a few words, such as FUNNEL_RATE's mode. */
export interface ChoiceArgument {
  readonly name: string;
  readonly summary: string;
  readonly choices: readonly string[];
  readonly defaultValue: string;
}

/** One cell of an answer: a number, or blank where an input was blank. */
export type CellAnswer = number | '';

/** What a custom function returns: one cell, or rows of cells in the shape of its ranges. */
export type FormulaAnswer = CellAnswer | CellAnswer[][];

/** An argument after its shape is known: a single value, or a range of rows by columns. */
export type ArgumentShape =
  | { readonly isRange: false; readonly single: unknown; readonly omitted: boolean }
  | {
      readonly isRange: true;
      readonly rows: number;
      readonly columns: number;
      readonly cells: readonly (readonly unknown[])[];
    };

/** Where in a formula a value came from, for the error message. Rows and columns are 1-based. */
interface Place {
  readonly fn: string;
  readonly argument: string;
  readonly row?: number;
  readonly column?: number;
}

// A blank cell, kept as NaN inside the loops so every read returns a plain number.
const BLANK = NaN;
const MOST_ARGUMENTS = 4;
const ERROR_TEXT = /^#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|LOADING)/;

/**
 * Applies `compute` to every cell of the arguments: ranges of one shape pair cell by cell, a
 * single value is used for every cell, a blank input gives a blank answer. The answer is a
 * single number when every argument is a single value, otherwise rows in the ranges' shape.
 * Throws a ProductError (`formula/...`) naming the argument and its row and column otherwise.
 *
 * @example
 * mapNumberArguments('ROAS', 'ROAS(revenue, media_spend)', [revenue, mediaSpend],
 *   [[[5000], [900]], 1000], (r, m) => r / m); // [[5], [0.9]]
 */
export function mapNumberArguments(
  fn: string,
  usage: string,
  declared: readonly NumberArgument[],
  given: readonly unknown[],
  compute: (a: number, b: number, c: number, d: number) => number,
): FormulaAnswer {
  if (declared.length > MOST_ARGUMENTS) {
    throw new Error(`${fn} declares more than ${MOST_ARGUMENTS} number arguments.`);
  }
  checkArgumentCount(fn, usage, declared.length, given);
  const shapes = declared.map((argument, index) =>
    readShape(fn, usage, argument, given[index], argument.optional === true),
  );
  const common = commonShape(
    fn,
    shapes,
    declared.map((argument) => argument.name),
  );

  // Up to four slots, one per argument, unrolled below: this loop runs once per cell of ranges
  // that reach 100,000 rows, and an inner loop over the arguments costs more than the maths.
  const slots = Array.from({ length: MOST_ARGUMENTS }, (_, index) =>
    readSlot(fn, declared[index], shapes[index]),
  );
  const [s0, s1, s2, s3] = slots;
  if (!common) {
    if (slots.some((slot) => slot.value !== slot.value)) return '';
    return checkedAnswer(compute(s0.value, s1.value, s2.value, s3.value), declared);
  }

  let a = s0.value;
  let b = s1.value;
  let c = s2.value;
  let d = s3.value;
  const { rows, columns } = common;
  const answer: CellAnswer[][] = new Array(rows);
  // One row of answers, NaN where blank; copied out so each answer row is allocated once.
  const rowAnswers = new Float64Array(columns);
  for (let row = 0; row < rows; row += 1) {
    const r0 = s0.rows === null ? null : s0.rows[row];
    const r1 = s1.rows === null ? null : s1.rows[row];
    const r2 = s2.rows === null ? null : s2.rows[row];
    const r3 = s3.rows === null ? null : s3.rows[row];
    for (let column = 0; column < columns; column += 1) {
      if (r0 !== null) a = numberAt(r0[column], s0, fn, row, column);
      if (r1 !== null) b = numberAt(r1[column], s1, fn, row, column);
      if (r2 !== null) c = numberAt(r2[column], s2, fn, row, column);
      if (r3 !== null) d = numberAt(r3[column], s3, fn, row, column);
      if (a !== a || b !== b || c !== c || d !== d) {
        rowAnswers[column] = BLANK;
        continue;
      }
      const result = compute(a, b, c, d);
      // Finite results only (x - x is NaN for ±Infinity and NaN); + 0 turns -0 into 0.
      rowAnswers[column] = result - result === 0 ? result + 0 : tooLarge(declared, row, column);
    }
    answer[row] = columns === 1 ? [cellOf(rowAnswers[0])] : Array.from(rowAnswers, cellOf);
  }
  return answer;
}

/** One argument ready for the loop: its range's rows, or its single value already read. */
interface Slot {
  readonly rows: readonly (readonly unknown[])[] | null;
  readonly value: number;
  readonly highest: number;
  readonly argument: NumberArgument;
}

const UNUSED_SLOT: NumberArgument = { name: '', summary: '', kind: 'amount' };

function readSlot(fn: string, argument: NumberArgument | undefined, shape?: ArgumentShape): Slot {
  if (!argument || !shape) return { rows: null, value: 0, highest: 0, argument: UNUSED_SLOT };
  const highest = argument.highest ?? Number.MAX_VALUE;
  if (shape.isRange) return { rows: shape.cells, value: 0, highest, argument };
  const value = shape.omitted
    ? (argument.defaultValue ?? BLANK)
    : readNumber(shape.single, argument, fn);
  return { rows: null, value, highest, argument };
}

// A number in bounds is used as it is; anything else is read (or refused) out of line.
function numberAt(cell: unknown, slot: Slot, fn: string, row: number, column: number): number {
  if (typeof cell === 'number' && cell > 0 && cell <= slot.highest) return cell;
  return readUnusualCell(cell, slot.argument, place(fn, slot.argument.name, row, column));
}

function cellOf(answer: number): CellAnswer {
  return answer !== answer ? '' : answer;
}

/**
 * Reads one cell as a number of the argument's kind: NaN when the cell is blank. Numbers in
 * bounds take a fast path; everything else is read and checked by `readUnusualCell`.
 */
export function readNumber(
  cell: unknown,
  argument: NumberArgument,
  fn: string,
  row?: number,
  column?: number,
): number {
  if (typeof cell === 'number' && cell > 0 && cell <= (argument.highest ?? Number.MAX_VALUE)) {
    return cell;
  }
  return readUnusualCell(cell, argument, place(fn, argument.name, row, column));
}

/** Reads a choice such as "step" or "overall"; blank or left out gives the default. */
export function readChoice(value: unknown, argument: ChoiceArgument, fn: string): string {
  const single = singleOf(value);
  if (single === undefined || single === null || single === '') return argument.defaultValue;
  const word = typeof single === 'string' ? single.trim().toLowerCase() : '';
  if (argument.choices.includes(word)) return word;
  if (word === '' && typeof single === 'string') return argument.defaultValue;
  throw new ProductError('formula/unknown-mode', {
    fn,
    argument: argument.name,
    value: Array.isArray(single) ? 'a range of cells' : single,
  });
}

/**
 * Works out whether an argument is a single value or a range, and checks a range is a
 * rectangle of rows. A 1-by-1 range counts as a single value.
 */
export function readShape(
  fn: string,
  usage: string,
  argument: { readonly name: string },
  value: unknown,
  optional: boolean,
): ArgumentShape {
  if (value === undefined) {
    if (!optional)
      throw new ProductError('formula/missing-argument', { fn, argument: argument.name, usage });
    return { isRange: false, single: undefined, omitted: true };
  }
  if (!Array.isArray(value)) return { isRange: false, single: value, omitted: false };

  const rows = value.length;
  const first: unknown = value[0];
  if (rows === 0) throw new ProductError('formula/empty-range', { fn, argument: argument.name });
  if (!Array.isArray(first))
    throw new ProductError('formula/not-a-range', { fn, argument: argument.name });
  const columns = first.length;
  if (columns === 0) throw new ProductError('formula/empty-range', { fn, argument: argument.name });
  for (let row = 1; row < rows; row += 1) {
    const cells: unknown = value[row];
    if (!Array.isArray(cells)) {
      throw new ProductError('formula/not-a-range', { fn, argument: argument.name });
    }
    if (cells.length !== columns) {
      throw new ProductError('formula/ragged-range', {
        fn,
        argument: argument.name,
        row: row + 1,
        found: cells.length,
        expected: columns,
      });
    }
  }
  if (rows === 1 && columns === 1) return { isRange: false, single: first[0], omitted: false };
  return { isRange: true, rows, columns, cells: value as unknown[][] };
}

/** Refuses more values than the function takes. */
export function checkArgumentCount(
  fn: string,
  usage: string,
  most: number,
  given: readonly unknown[],
): void {
  if (given.length > most) {
    throw new ProductError('formula/too-many-arguments', { fn, usage, most, given: given.length });
  }
}

/** The common shape of the ranges among the arguments, or null when all are single values. */
function commonShape(
  fn: string,
  shapes: readonly ArgumentShape[],
  names: readonly string[],
): { rows: number; columns: number } | null {
  let common: { rows: number; columns: number; name: string } | null = null;
  for (let index = 0; index < shapes.length; index += 1) {
    const shape = shapes[index];
    if (!shape.isRange) continue;
    if (!common) {
      common = { rows: shape.rows, columns: shape.columns, name: names[index] };
    } else if (shape.rows !== common.rows || shape.columns !== common.columns) {
      throw new ProductError('formula/shape-mismatch', {
        fn,
        argument: common.name,
        rows: common.rows,
        columns: common.columns,
        other: names[index],
        otherRows: shape.rows,
        otherColumns: shape.columns,
      });
    }
  }
  return common;
}

function readUnusualCell(cell: unknown, argument: NumberArgument, at: Place): number {
  if (typeof cell === 'number') return checkBounds(cell, cell, false, argument, at);
  if (cell === '' || cell === null || cell === undefined) return BLANK;
  if (typeof cell === 'string') return readText(cell, argument, at);
  if (typeof cell === 'boolean') {
    throw new ProductError('formula/yes-no-value', { ...at, value: cell });
  }
  if (Object.prototype.toString.call(cell) === '[object Date]') {
    throw new ProductError('formula/date-value', { ...at, value: cell, kind: argument.kind });
  }
  throw new ProductError('formula/unreadable-value', { ...at });
}

function readText(text: string, argument: NumberArgument, at: Place): number {
  if (ERROR_TEXT.test(text.trim())) {
    throw new ProductError('formula/error-value', { ...at, value: text.trim() });
  }
  const parsed = parseTextNumber(text);
  switch (parsed.kind) {
    case 'blank':
      return BLANK;
    case 'number':
      if (parsed.percent && argument.kind !== 'share') {
        throw new ProductError('formula/percent-not-expected', {
          ...at,
          value: text,
          kind: argument.kind,
        });
      }
      return checkBounds(parsed.value, text, parsed.percent, argument, at);
    case 'ambiguous': {
      const { mark, asThousands, asDecimal } = parsed;
      throw new ProductError('formula/ambiguous-number', {
        ...at,
        value: text,
        mark,
        asThousands,
        asDecimal,
      });
    }
    case 'percentWithCurrency':
      throw new ProductError('formula/percent-with-currency', { ...at, value: text });
    default:
      throw new ProductError('formula/not-a-number', { ...at, value: text });
  }
}

// `written` is what the cell held (a number, or the text it was read from), for the message.
function checkBounds(
  value: number,
  written: number | string,
  fromPercent: boolean,
  argument: NumberArgument,
  at: Place,
): number {
  if (!Number.isFinite(value))
    throw new ProductError('formula/not-finite', { ...at, value: written });
  if (value < 0) throw new ProductError('formula/negative', { ...at, value: written });
  if (value === 0) {
    if (argument.divisor) throw new ProductError('formula/zero-divisor', { ...at });
    return 0;
  }
  const highest = argument.highest ?? Number.MAX_VALUE;
  if (value > highest) {
    if (argument.kind === 'share' && !fromPercent && value <= 100) {
      throw new ProductError('formula/share-looks-like-percent', { ...at, value });
    }
    throw new ProductError('formula/share-too-large', { ...at, value: written });
  }
  return value;
}

function checkedAnswer(answer: number, declared: readonly NumberArgument[]): number {
  return answer - answer === 0 ? answer + 0 : tooLarge(declared);
}

function tooLarge(declared: readonly NumberArgument[], row?: number, column?: number): never {
  throw new ProductError('formula/result-too-large', {
    arguments: declared.map((argument) => argument.name),
    row: row === undefined ? undefined : row + 1,
    column: column === undefined ? undefined : column + 1,
  });
}

function place(fn: string, argument: string, row?: number, column?: number): Place {
  if (row === undefined) return { fn, argument };
  return { fn, argument, row: row + 1, column: (column ?? 0) + 1 };
}

// The value of a single value or a 1-by-1 range; larger ranges come back as they are.
function singleOf(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 1 && Array.isArray(value[0])) {
    const cells = value[0] as unknown[];
    if (cells.length === 1) return cells[0];
  }
  return value;
}
