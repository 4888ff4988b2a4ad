// What a sheet carries besides its cells: data validation rules, protected ranges, conditional
// format rules and embedded charts, with their builders, and how inserting rows moves them and
// re-points formulas, as Sheets does.
import { CellBlock } from './a1Notation';
import { Tracker, namedError } from './tracking';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;

export const DataValidationCriteria = {
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
} as const;

export const BooleanCriteria = {
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
} as const;

/** The Charts service's enums the add-on uses. */
export const FakeCharts = {
  ChartType: {
    AREA: 'AREA',
    BAR: 'BAR',
    COLUMN: 'COLUMN',
    LINE: 'LINE',
    PIE: 'PIE',
    TABLE: 'TABLE',
  },
  ChartMergeStrategy: { MERGE_COLUMNS: 'MERGE_COLUMNS', MERGE_ROWS: 'MERGE_ROWS' },
} as const;

/** What the features hand back as a Range (the double's FakeRange). */
export interface RangeLike {
  getA1Notation(): string;
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
}

/** A range as the features keep it: the sheet, and a block that moves when rows are inserted. */
export interface HeldRange {
  sheetName: () => string;
  block: CellBlock;
}

/** How a block moves when `count` rows are inserted after row `after`, as Sheets moves it. */
export function blockAfterRowInsert(block: CellBlock, after: number, count: number): CellBlock {
  const last = block.row + block.numRows - 1;
  if (block.row > after) return { ...block, row: block.row + count };
  if (last > after) return { ...block, numRows: block.numRows + count };
  return block;
}

/** A data validation rule, as DataValidationBuilder.build() makes it. */
export class FakeDataValidation {
  constructor(
    readonly _criteria: string,
    readonly _values: unknown[],
    readonly _allowInvalid: boolean,
    readonly _helpText: string,
  ) {}

  getCriteriaType(): string {
    return this._criteria;
  }

  getCriteriaValues(): unknown[] {
    return [...this._values];
  }

  getAllowInvalid(): boolean {
    return this._allowInvalid;
  }

  getHelpText(): string {
    return this._helpText;
  }

  /** Whether a value typed in a cell passes; blanks always pass. */
  _accepts(value: unknown): boolean {
    if (value === '' || value === null || value === undefined) return true;
    if (typeof value !== 'number') return false;
    const [low, high] = this._values as number[];
    switch (this._criteria) {
      case DataValidationCriteria.NUMBER_BETWEEN:
        return value >= low && value <= high;
      case DataValidationCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO:
        return value >= low;
      case DataValidationCriteria.NUMBER_GREATER_THAN:
        return value > low;
      case DataValidationCriteria.NUMBER_LESS_THAN:
        return value < low;
      default:
        return true;
    }
  }
}

export class FakeDataValidationBuilder {
  private criteria: string | null = null;
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText = '';

  constructor(private readonly tracker: Tracker) {}

  requireNumberBetween(start: number, end: number): FakeDataValidationBuilder {
    return this._require(DataValidationCriteria.NUMBER_BETWEEN, [start, end]);
  }

  requireNumberGreaterThanOrEqualTo(number: number): FakeDataValidationBuilder {
    return this._require(DataValidationCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, [number]);
  }

  requireNumberGreaterThan(number: number): FakeDataValidationBuilder {
    return this._require(DataValidationCriteria.NUMBER_GREATER_THAN, [number]);
  }

  setAllowInvalid(allowInvalid: boolean): FakeDataValidationBuilder {
    this.allowInvalid = allowInvalid;
    return this.tracker.track(this, 'DataValidationBuilder');
  }

  setHelpText(helpText: string): FakeDataValidationBuilder {
    this.helpText = helpText;
    return this.tracker.track(this, 'DataValidationBuilder');
  }

  build(): FakeDataValidation {
    if (!this.criteria) {
      throw namedError('Exception', 'The data validation rule needs a criterion before build().');
    }
    return this.tracker.track(
      new FakeDataValidation(this.criteria, this.values, this.allowInvalid, this.helpText),
      'DataValidation',
    );
  }

  private _require(criteria: string, values: unknown[]): FakeDataValidationBuilder {
    this.criteria = criteria;
    this.values = values;
    return this.tracker.track(this, 'DataValidationBuilder');
  }
}

/** A protected range. */
export class FakeProtection {
  description = '';
  warningOnly = false;
  removed = false;

  constructor(
    private readonly tracker: Tracker,
    readonly _range: HeldRange,
    private readonly onRemove: (protection: FakeProtection) => void,
    private readonly rangeOf: (held: HeldRange) => RangeLike,
  ) {}

  getProtectionType(): string {
    return ProtectionType.RANGE;
  }

  getRange(): RangeLike {
    return this.rangeOf(this._range);
  }

  setDescription(description: string): FakeProtection {
    this.description = description;
    return this.tracker.track(this, 'Protection');
  }

  getDescription(): string {
    return this.description;
  }

  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.warningOnly = warningOnly;
    return this.tracker.track(this, 'Protection');
  }

  isWarningOnly(): boolean {
    return this.warningOnly;
  }

  remove(): void {
    this.removed = true;
    this.onRemove(this);
  }
}

/** The condition and format of a conditional format rule. */
export class FakeBooleanCondition {
  constructor(
    readonly _criteria: string,
    readonly _values: unknown[],
    readonly _fontColor: string | null,
    readonly _bold: boolean | null,
    readonly _background: string | null,
  ) {}

  getCriteriaType(): string {
    return this._criteria;
  }

  getCriteriaValues(): unknown[] {
    return [...this._values];
  }

  getFontColor(): string | null {
    return this._fontColor;
  }

  getBold(): boolean | null {
    return this._bold;
  }

  getBackground(): string | null {
    return this._background;
  }
}

export class FakeConditionalFormatRule {
  constructor(
    readonly _condition: FakeBooleanCondition,
    readonly _ranges: HeldRange[],
    private readonly rangeOf: (held: HeldRange) => RangeLike,
  ) {}

  getBooleanCondition(): FakeBooleanCondition {
    return this._condition;
  }

  getRanges(): RangeLike[] {
    return this._ranges.map(this.rangeOf);
  }
}

export class FakeConditionalFormatRuleBuilder {
  private criteria: string | null = null;
  private values: unknown[] = [];
  private fontColor: string | null = null;
  private bold: boolean | null = null;
  private background: string | null = null;
  private ranges: HeldRange[] = [];

  constructor(
    private readonly tracker: Tracker,
    private readonly holdRange: (range: unknown) => HeldRange,
    private readonly rangeOf: (held: HeldRange) => RangeLike,
  ) {}

  whenNumberGreaterThan(number: number): FakeConditionalFormatRuleBuilder {
    return this._when(BooleanCriteria.NUMBER_GREATER_THAN, [number]);
  }

  whenNumberLessThan(number: number): FakeConditionalFormatRuleBuilder {
    return this._when(BooleanCriteria.NUMBER_LESS_THAN, [number]);
  }

  setFontColor(color: string): FakeConditionalFormatRuleBuilder {
    this.fontColor = color;
    return this.tracker.track(this, 'ConditionalFormatRuleBuilder');
  }

  setBold(bold: boolean): FakeConditionalFormatRuleBuilder {
    this.bold = bold;
    return this.tracker.track(this, 'ConditionalFormatRuleBuilder');
  }

  setBackground(color: string): FakeConditionalFormatRuleBuilder {
    this.background = color;
    return this.tracker.track(this, 'ConditionalFormatRuleBuilder');
  }

  setRanges(ranges: unknown[]): FakeConditionalFormatRuleBuilder {
    this.ranges = ranges.map(this.holdRange);
    return this.tracker.track(this, 'ConditionalFormatRuleBuilder');
  }

  build(): FakeConditionalFormatRule {
    if (!this.criteria) {
      throw namedError('Exception', 'The conditional format rule needs a condition.');
    }
    if (this.ranges.length === 0) {
      throw namedError('Exception', 'The conditional format rule needs at least one range.');
    }
    const condition = new FakeBooleanCondition(
      this.criteria,
      this.values,
      this.fontColor,
      this.bold,
      this.background,
    );
    return this.tracker.track(
      new FakeConditionalFormatRule(condition, this.ranges, this.rangeOf),
      'ConditionalFormatRule',
    );
  }

  private _when(criteria: string, values: unknown[]): FakeConditionalFormatRuleBuilder {
    this.criteria = criteria;
    this.values = values;
    return this.tracker.track(this, 'ConditionalFormatRuleBuilder');
  }
}

/** An embedded chart: its type, ranges, options and where its top-left corner is anchored. */
export class FakeEmbeddedChart {
  constructor(
    readonly _id: number,
    readonly _type: string,
    readonly _ranges: HeldRange[],
    readonly _options: Map<string, unknown>,
    public _anchor: { row: number; column: number },
    readonly _mergeStrategy: string | null,
    readonly _transposed: boolean,
    readonly _numHeaders: number,
    private readonly rangeOf: (held: HeldRange) => RangeLike,
  ) {}

  getChartId(): number {
    return this._id;
  }

  getRanges(): RangeLike[] {
    return this._ranges.map(this.rangeOf);
  }

  getOptions(): { get(option: string): unknown } {
    return { get: (option: string) => this._options.get(option) ?? null };
  }

  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number } {
    return {
      getAnchorRow: () => this._anchor.row,
      getAnchorColumn: () => this._anchor.column,
    };
  }
}

export class FakeEmbeddedChartBuilder {
  private type: string | null = null;
  private readonly ranges: HeldRange[] = [];
  private readonly options = new Map<string, unknown>();
  private anchor: { row: number; column: number } | null = null;
  private mergeStrategy: string | null = null;
  private transposed = false;
  private numHeaders = -1;

  constructor(
    private readonly tracker: Tracker,
    private readonly nextId: () => number,
    private readonly holdRange: (range: unknown) => HeldRange,
    private readonly rangeOf: (held: HeldRange) => RangeLike,
  ) {}

  setChartType(type: string): FakeEmbeddedChartBuilder {
    if (!Object.values(FakeCharts.ChartType).includes(type as never)) {
      throw namedError('Exception', `Invalid argument: ${type}`);
    }
    this.type = type;
    return this._self();
  }

  addRange(range: unknown): FakeEmbeddedChartBuilder {
    this.ranges.push(this.holdRange(range));
    return this._self();
  }

  setOption(option: string, value: unknown): FakeEmbeddedChartBuilder {
    this.options.set(option, value);
    return this._self();
  }

  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    _offsetX: number,
    _offsetY: number,
  ): FakeEmbeddedChartBuilder {
    this.anchor = { row: anchorRowPos, column: anchorColPos };
    return this._self();
  }

  setMergeStrategy(strategy: string): FakeEmbeddedChartBuilder {
    this.mergeStrategy = strategy;
    return this._self();
  }

  setTransposeRowsAndColumns(transpose: boolean): FakeEmbeddedChartBuilder {
    this.transposed = transpose;
    return this._self();
  }

  setNumHeaders(headers: number): FakeEmbeddedChartBuilder {
    this.numHeaders = headers;
    return this._self();
  }

  build(): FakeEmbeddedChart {
    if (!this.type) throw namedError('Exception', 'The chart needs a chart type.');
    if (this.ranges.length === 0) throw namedError('Exception', 'The chart needs a range.');
    return this.tracker.track(
      new FakeEmbeddedChart(
        this.nextId(),
        this.type,
        [...this.ranges],
        new Map(this.options),
        this.anchor ?? { row: 1, column: 1 },
        this.mergeStrategy,
        this.transposed,
        this.numHeaders,
        this.rangeOf,
      ),
      'EmbeddedChart',
    );
  }

  private _self(): FakeEmbeddedChartBuilder {
    return this.tracker.track(this, 'EmbeddedChartBuilder');
  }
}

const QUOTED = String.raw`"(?:[^"]|"")*"`;
const SHEET = String.raw`(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!`;
const REF = String.raw`\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?`;
const FORMULA_TOKEN = new RegExp(`${QUOTED}|(${SHEET})?(${REF})(?![\\w(])`, 'g');

/**
 * A formula after rows are inserted into sheet `insertedInto` after row `after`, as Sheets
 * rewrites it: cell references to rows below move down; a range across the insertion grows.
 * `formula` keeps its `=`; `formulaSheet` is the sheet it is in.
 */
export function formulaAfterRowInsert(
  formula: string,
  formulaSheet: string,
  insertedInto: string,
  after: number,
  count: number,
): string {
  return formula.replace(FORMULA_TOKEN, (token, prefix: string | undefined, ref, at: number) => {
    if (ref === undefined) return token;
    if (/[\w.$]/.test(formula[at - 1] ?? '')) return token;
    const named = prefix
      ? prefix
          .slice(0, -1)
          .replace(/^'(.*)'$/, '$1')
          .replace(/''/g, "'")
      : formulaSheet;
    if (named !== insertedInto) return token;
    const moved = (ref as string).replace(/(\d+)/g, (row) =>
      Number(row) > after ? String(Number(row) + count) : row,
    );
    return (prefix ?? '') + moved;
  });
}
