// SpreadsheetApp, Spreadsheet, Sheet and Range: cells in memory with Google's size checks and
// error messages. Formulas are stored, not evaluated (their value reads as "").
import { CellBlock, formatA1, parseA1 } from './a1Notation';
import {
  BooleanCriteria,
  DataValidationCriteria,
  FakeConditionalFormatRule,
  FakeConditionalFormatRuleBuilder,
  FakeDataValidation,
  FakeDataValidationBuilder,
  FakeEmbeddedChart,
  FakeEmbeddedChartBuilder,
  FakeProtection,
  HeldRange,
  ProtectionType,
  blockAfterRowInsert,
  formulaAfterRowInsert,
} from './sheetFeatures';
import { Tracker, namedError } from './tracking';

/** What a cell holds as getValues returns it. */
export type CellValue = string | number | boolean | Date;

/** The number format of a cell nobody has formatted, as getNumberFormat reports it. */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
/** A new sheet's size: 1000 rows by 26 columns (A to Z). */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
/** A spreadsheet holds at most ten million cells across its sheets. */
export const MAX_CELLS = 10_000_000;
const MAX_COLUMNS = 18278;

interface CellData {
  value: CellValue;
  formula: string;
  format: string;
  note: string;
  fontWeight: string;
  background: string;
  validation: FakeDataValidation | null;
}

const emptyCell = (): CellData => ({
  value: '',
  formula: '',
  format: DEFAULT_NUMBER_FORMAT,
  note: '',
  fontWeight: 'normal',
  background: '#ffffff',
  validation: null,
});

/** SpreadsheetApp for one open spreadsheet (the add-on's document) and its Ui. */
export class FakeSpreadsheetApp {
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;

  constructor(
    private readonly tracker: Tracker,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly ui: object,
  ) {}

  getActiveSpreadsheet(): FakeSpreadsheet {
    return this.tracker.track(this.spreadsheet, 'Spreadsheet');
  }

  getActive(): FakeSpreadsheet {
    return this.getActiveSpreadsheet();
  }

  getActiveSheet(): FakeSheet {
    return this.spreadsheet.getActiveSheet();
  }

  getActiveRange(): FakeRange {
    return this.spreadsheet.getActiveSheet().getRange(1, 1);
  }

  getUi(): object {
    return this.ui;
  }

  flush(): void {}

  newDataValidation(): FakeDataValidationBuilder {
    return this.tracker.track(new FakeDataValidationBuilder(this.tracker), 'DataValidationBuilder');
  }

  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    return this.tracker.track(
      new FakeConditionalFormatRuleBuilder(
        this.tracker,
        (range) => this.spreadsheet._holdRange(range),
        (held) => this.spreadsheet._rangeOf(held),
      ),
      'ConditionalFormatRuleBuilder',
    );
  }
}

/** One spreadsheet: its sheets, time zone and toasts. */
export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  readonly toasts: { message: string; title?: string; timeoutSeconds?: number }[] = [];
  private activeSheet = 0;
  private nextSheetId = 0;
  private nextChartId = 1;
  /** The spreadsheet's locale, as File > Settings sets it. */
  _locale = 'en_US';

  constructor(
    private readonly tracker: Tracker,
    private name: string,
    private readonly id: string,
    private timeZone: string,
  ) {
    this._addSheet('Sheet1', 0);
  }

  getId(): string {
    return this.id;
  }

  getName(): string {
    return this.name;
  }

  rename(name: string): void {
    this.name = name;
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }

  setSpreadsheetTimeZone(timeZone: string): void {
    this.timeZone = timeZone;
  }

  getSpreadsheetLocale(): string {
    return this._locale;
  }

  setSpreadsheetLocale(locale: string): void {
    this._locale = locale;
  }

  getSheets(): FakeSheet[] {
    return this.sheets.map((sheet) => this.tracker.track(sheet, 'Sheet'));
  }

  getNumSheets(): number {
    return this.sheets.length;
  }

  getSheetByName(name: string): FakeSheet | null {
    const sheet = this.sheets.find((candidate) => candidate._name === name);
    return sheet ? this.tracker.track(sheet, 'Sheet') : null;
  }

  getSheetById(id: number): FakeSheet | null {
    const sheet = this.sheets.find((candidate) => candidate._id === id);
    return sheet ? this.tracker.track(sheet, 'Sheet') : null;
  }

  /** insertSheet(), insertSheet(name), insertSheet(name, index) or insertSheet(index). */
  insertSheet(nameOrIndex?: string | number, index?: number): FakeSheet {
    const name =
      typeof nameOrIndex === 'string' ? nameOrIndex : this._unusedSheetName(this.sheets.length + 1);
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : (index ?? this.sheets.length);
    if (this.sheets.some((sheet) => sheet._name === name)) {
      throw namedError(
        'Exception',
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
    this._checkCellLimit(NEW_SHEET_ROWS * NEW_SHEET_COLUMNS);
    const sheet = this._addSheet(name, at);
    this.activeSheet = this.sheets.indexOf(sheet);
    return this.tracker.track(sheet, 'Sheet');
  }

  deleteSheet(sheet: FakeSheet): void {
    const raw = this.tracker.untrack(sheet);
    if (this.sheets.length === 1) {
      throw namedError('Exception', "You can't remove all the sheets in a document.");
    }
    this.sheets.splice(this.sheets.indexOf(raw), 1);
    this.activeSheet = Math.min(this.activeSheet, this.sheets.length - 1);
  }

  getActiveSheet(): FakeSheet {
    return this.tracker.track(this.sheets[this.activeSheet], 'Sheet');
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.activeSheet = this.sheets.indexOf(this.tracker.untrack(sheet));
    return sheet;
  }

  /** A range in A1 notation, on the named sheet or the active one. */
  getRange(a1Notation: string): FakeRange {
    const bang = a1Notation.lastIndexOf('!');
    const sheet =
      bang === -1 ? this.sheets[this.activeSheet] : this._sheetNamedInA1(a1Notation.slice(0, bang));
    if (!sheet) throw namedError('Exception', 'Range not found');
    return sheet.getRange(a1Notation.slice(bang + 1));
  }

  toast(message: string, title?: string, timeoutSeconds?: number): void {
    this.toasts.push({ message, title, timeoutSeconds });
  }

  /** A range as the sheet features keep it, following its sheet through renames. */
  _holdRange(range: unknown): HeldRange {
    const raw = this.tracker.untrack(range as FakeRange);
    if (!(raw instanceof FakeRange)) {
      throw namedError('Exception', 'The parameters (Object) expected a Range.');
    }
    const sheet = raw._sheet;
    return { sheetName: () => sheet._name, block: raw._block };
  }

  _rangeOf(held: HeldRange): FakeRange {
    const sheet = this.sheets.find((candidate) => candidate._name === held.sheetName());
    if (!sheet) throw namedError('Exception', 'The range is on a sheet that was deleted.');
    return sheet._range(held.block);
  }

  _newChartId(): number {
    this.nextChartId += 1;
    return this.nextChartId - 1;
  }

  // Inserting rows re-points the formulas of every sheet that refer to the moved rows.
  _repointAfterRowInsert(sheet: FakeSheet, after: number, count: number): void {
    for (const other of this.sheets) {
      other._rewriteFormulas((formula) =>
        formulaAfterRowInsert(formula, other._name, sheet._name, after, count),
      );
    }
  }

  _totalCells(): number {
    return this.sheets.reduce((total, sheet) => total + sheet._cellCount(), 0);
  }

  _checkCellLimit(added: number): void {
    if (this._totalCells() + added > MAX_CELLS) {
      throw namedError(
        'Exception',
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
    }
  }

  private _addSheet(name: string, at: number): FakeSheet {
    const sheet = new FakeSheet(this.tracker, this, name, this.nextSheetId);
    this.nextSheetId += 1;
    this.sheets.splice(at, 0, sheet);
    return sheet;
  }

  private _unusedSheetName(start: number): string {
    for (let number = start; ; number += 1) {
      const name = `Sheet${number}`;
      if (!this.sheets.some((sheet) => sheet._name === name)) return name;
    }
  }

  private _sheetNamedInA1(written: string): FakeSheet | undefined {
    const name = written.startsWith("'") ? written.slice(1, -1).replace(/''/g, "'") : written;
    return this.sheets.find((sheet) => sheet._name === name);
  }
}

/** One sheet (tab): its cells, size and frozen rows and columns. */
export class FakeSheet {
  private readonly cells = new Map<number, CellData>();
  private readonly columnWidths = new Map<number, number>();
  private maxRows = NEW_SHEET_ROWS;
  private maxColumns = NEW_SHEET_COLUMNS;
  private frozenRows = 0;
  private frozenColumns = 0;
  readonly _protections: FakeProtection[] = [];
  _conditionalRules: FakeConditionalFormatRule[] = [];
  readonly _charts: FakeEmbeddedChart[] = [];

  constructor(
    private readonly tracker: Tracker,
    private readonly spreadsheet: FakeSpreadsheet,
    public _name: string,
    readonly _id: number,
  ) {}

  getName(): string {
    return this._name;
  }

  setName(name: string): FakeSheet {
    if (this.spreadsheet.sheets.some((sheet) => sheet !== this && sheet._name === name)) {
      throw namedError(
        'Exception',
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
    this._name = name;
    return this.tracker.track(this, 'Sheet');
  }

  getSheetId(): number {
    return this._id;
  }

  getIndex(): number {
    return this.spreadsheet.sheets.indexOf(this) + 1;
  }

  getParent(): FakeSpreadsheet {
    return this.tracker.track(this.spreadsheet, 'Spreadsheet');
  }

  activate(): FakeSheet {
    this.spreadsheet.setActiveSheet(this);
    return this.tracker.track(this, 'Sheet');
  }

  /** getRange(a1), getRange(row, column), getRange(row, column, numRows[, numColumns]). */
  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): FakeRange {
    if (typeof rowOrA1 === 'string') return this._rangeFromA1(rowOrA1);
    if (column === undefined) {
      throw namedError(
        'Exception',
        "The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
    }
    const block = { row: rowOrA1, column, numRows: numRows ?? 1, numColumns: numColumns ?? 1 };
    return this.tracker.track(this._range(block), 'Range');
  }

  getDataRange(): FakeRange {
    const block = {
      row: 1,
      column: 1,
      numRows: Math.max(1, this.getLastRow()),
      numColumns: Math.max(1, this.getLastColumn()),
    };
    return this.tracker.track(this._range(block), 'Range');
  }

  /** The last row with a value or formula; 0 on an empty sheet. */
  getLastRow(): number {
    let last = 0;
    this.cells.forEach((cell, key) => {
      if (hasContent(cell)) last = Math.max(last, Math.floor(key / MAX_COLUMNS) + 1);
    });
    return last;
  }

  /** The last column with a value or formula; 0 on an empty sheet. */
  getLastColumn(): number {
    let last = 0;
    this.cells.forEach((cell, key) => {
      if (hasContent(cell)) last = Math.max(last, (key % MAX_COLUMNS) + 1);
    });
    return last;
  }

  getMaxRows(): number {
    return this.maxRows;
  }

  getMaxColumns(): number {
    return this.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.spreadsheet._checkCellLimit(howMany * this.maxColumns);
    this._shift('row', afterPosition, howMany);
    this.maxRows += howMany;
    // Sheets moves everything that points at the rows below: formulas, protected ranges,
    // conditional format ranges and charts.
    this.spreadsheet._repointAfterRowInsert(this, afterPosition, howMany);
    const moveHeld = (held: HeldRange) => {
      held.block = blockAfterRowInsert(held.block, afterPosition, howMany);
    };
    this._protections.forEach((protection) => moveHeld(protection._range));
    this._conditionalRules.forEach((rule) => rule._ranges.forEach(moveHeld));
    this._charts.forEach((chart) => {
      chart._ranges.forEach(moveHeld);
      if (chart._anchor.row > afterPosition) chart._anchor.row += howMany;
    });
    return this.tracker.track(this, 'Sheet');
  }

  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    return this.insertRowsAfter(beforePosition - 1, howMany);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.spreadsheet._checkCellLimit(howMany * this.maxRows);
    this._shift('column', afterPosition, howMany);
    this.maxColumns += howMany;
    return this.tracker.track(this, 'Sheet');
  }

  deleteRows(rowPosition: number, howMany: number): void {
    if (howMany >= this.maxRows) {
      throw namedError('Exception', "You can't delete all the rows on the sheet.");
    }
    this._shift('row', rowPosition - 1, -howMany);
    this.maxRows -= howMany;
  }

  /** Writes one row after the last row with content, growing the sheet if needed. */
  appendRow(rowContents: unknown[]): FakeSheet {
    const row = this.getLastRow() + 1;
    if (row > this.maxRows) this.insertRowsAfter(this.maxRows, row - this.maxRows);
    if (rowContents.length > this.maxColumns) {
      this.insertColumnsAfter(this.maxColumns, rowContents.length - this.maxColumns);
    }
    this._range({ row, column: 1, numRows: 1, numColumns: rowContents.length }).setValues([
      rowContents,
    ]);
    return this.tracker.track(this, 'Sheet');
  }

  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }

  getFrozenRows(): number {
    return this.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    this.frozenColumns = columns;
  }

  getFrozenColumns(): number {
    return this.frozenColumns;
  }

  setColumnWidth(column: number, width: number): FakeSheet {
    this.columnWidths.set(column, width);
    return this.tracker.track(this, 'Sheet');
  }

  getColumnWidth(column: number): number {
    return this.columnWidths.get(column) ?? 100;
  }

  autoResizeColumns(startColumn: number, numColumns: number): FakeSheet {
    for (let column = startColumn; column < startColumn + numColumns; column += 1) {
      this.columnWidths.set(column, 100);
    }
    return this.tracker.track(this, 'Sheet');
  }

  clear(): FakeSheet {
    this.cells.clear();
    return this.tracker.track(this, 'Sheet');
  }

  clearContents(): FakeSheet {
    this.cells.forEach((cell) => {
      cell.value = '';
      cell.formula = '';
    });
    return this.tracker.track(this, 'Sheet');
  }

  getProtections(type: string): FakeProtection[] {
    if (type !== ProtectionType.RANGE && type !== ProtectionType.SHEET) {
      throw namedError('Exception', 'Invalid argument: type');
    }
    return this._protections
      .filter((protection) => protection.getProtectionType() === type)
      .map((protection) => this.tracker.track(protection, 'Protection'));
  }

  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    return this._conditionalRules.map((rule) => this.tracker.track(rule, 'ConditionalFormatRule'));
  }

  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    this._conditionalRules = rules.map((rule) => this.tracker.untrack(rule));
  }

  newChart(): FakeEmbeddedChartBuilder {
    return this.tracker.track(
      new FakeEmbeddedChartBuilder(
        this.tracker,
        () => this.spreadsheet._newChartId(),
        (range) => this.spreadsheet._holdRange(range),
        (held) => this.spreadsheet._rangeOf(held),
      ),
      'EmbeddedChartBuilder',
    );
  }

  insertChart(chart: FakeEmbeddedChart): void {
    this._charts.push(this.tracker.untrack(chart));
  }

  getCharts(): FakeEmbeddedChart[] {
    return this._charts.map((chart) => this.tracker.track(chart, 'EmbeddedChart'));
  }

  removeChart(chart: FakeEmbeddedChart): void {
    const raw = this.tracker.untrack(chart);
    const index = this._charts.indexOf(raw);
    if (index === -1) throw namedError('Exception', 'The chart is not on this sheet.');
    this._charts.splice(index, 1);
  }

  _addProtection(block: CellBlock): FakeProtection {
    const protection = new FakeProtection(
      this.tracker,
      { sheetName: () => this._name, block },
      (removed) => this._protections.splice(this._protections.indexOf(removed), 1),
      (held) => this.spreadsheet._rangeOf(held),
    );
    this._protections.push(protection);
    return this.tracker.track(protection, 'Protection');
  }

  _rewriteFormulas(rewrite: (formula: string) => string): void {
    this.cells.forEach((cell) => {
      if (cell.formula) cell.formula = rewrite(cell.formula);
    });
  }

  _cellCount(): number {
    return this.maxRows * this.maxColumns;
  }

  _cell(row: number, column: number): CellData {
    return this.cells.get((row - 1) * MAX_COLUMNS + (column - 1)) ?? emptyCell();
  }

  _writableCell(row: number, column: number): CellData {
    const key = (row - 1) * MAX_COLUMNS + (column - 1);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = emptyCell();
      this.cells.set(key, cell);
    }
    return cell;
  }

  _range(block: CellBlock): FakeRange {
    if (block.row < 1) throw namedError('Exception', 'The starting row of the range is too small.');
    if (block.column < 1) {
      throw namedError('Exception', 'The starting column of the range is too small.');
    }
    if (block.numRows < 1) {
      throw namedError('Exception', 'The number of rows in the range must be at least 1.');
    }
    if (block.numColumns < 1) {
      throw namedError('Exception', 'The number of columns in the range must be at least 1.');
    }
    if (
      block.row + block.numRows - 1 > this.maxRows ||
      block.column + block.numColumns - 1 > this.maxColumns
    ) {
      throw namedError(
        'Exception',
        'The coordinates of the range are outside the dimensions of the sheet.',
      );
    }
    return new FakeRange(this.tracker, this, block);
  }

  private _rangeFromA1(a1Notation: string): FakeRange {
    const block = parseA1(a1Notation, this.maxRows, this.maxColumns);
    if (!block || (block.sheetName !== undefined && block.sheetName !== this._name)) {
      throw namedError('Exception', 'Range not found');
    }
    return this.tracker.track(this._range(block), 'Range');
  }

  // Moves cells after `after` by `by` rows or columns (negative deletes), as inserting does.
  private _shift(along: 'row' | 'column', after: number, by: number): void {
    const moved = new Map<number, CellData>();
    this.cells.forEach((cell, key) => {
      const row = Math.floor(key / MAX_COLUMNS) + 1;
      const column = (key % MAX_COLUMNS) + 1;
      const position = along === 'row' ? row : column;
      if (by < 0 && position > after && position <= after - by) return;
      const shifted = position > after ? position + by : position;
      const newRow = along === 'row' ? shifted : row;
      const newColumn = along === 'row' ? column : shifted;
      moved.set((newRow - 1) * MAX_COLUMNS + (newColumn - 1), cell);
    });
    this.cells.clear();
    moved.forEach((cell, key) => this.cells.set(key, cell));
  }
}

/** A block of cells on one sheet. */
export class FakeRange {
  constructor(
    private readonly tracker: Tracker,
    private readonly sheet: FakeSheet,
    private readonly block: CellBlock,
  ) {}

  get _sheet(): FakeSheet {
    return this.sheet;
  }

  get _block(): CellBlock {
    return this.block;
  }

  setDataValidation(rule: FakeDataValidation | null): FakeRange {
    const raw = rule === null ? null : this.tracker.untrack(rule);
    this._write(this._filled(raw), (cell, validation) => {
      cell.validation = validation as FakeDataValidation | null;
    });
    return this.tracker.track(this, 'Range');
  }

  getDataValidation(): FakeDataValidation | null {
    return this.sheet._cell(this.block.row, this.block.column).validation;
  }

  getDataValidations(): (FakeDataValidation | null)[][] {
    return this._read((cell) => cell.validation);
  }

  clearDataValidations(): FakeRange {
    return this.setDataValidation(null);
  }

  /** Protects the range; until editors are changed, everyone who can edit the sheet still can. */
  protect(): FakeProtection {
    return this.sheet._addProtection(this.block);
  }

  getA1Notation(): string {
    return formatA1(this.block);
  }

  getRow(): number {
    return this.block.row;
  }

  getColumn(): number {
    return this.block.column;
  }

  getNumRows(): number {
    return this.block.numRows;
  }

  getNumColumns(): number {
    return this.block.numColumns;
  }

  getLastRow(): number {
    return this.block.row + this.block.numRows - 1;
  }

  getLastColumn(): number {
    return this.block.column + this.block.numColumns - 1;
  }

  getSheet(): FakeSheet {
    return this.tracker.track(this.sheet, 'Sheet');
  }

  getCell(row: number, column: number): FakeRange {
    if (row > this.block.numRows || column > this.block.numColumns) {
      throw namedError('Exception', 'Cell reference out of range');
    }
    const cell = this.sheet._range({
      row: this.block.row + row - 1,
      column: this.block.column + column - 1,
      numRows: 1,
      numColumns: 1,
    });
    return this.tracker.track(cell, 'Range');
  }

  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): FakeRange {
    const moved = this.sheet._range({
      row: this.block.row + rowOffset,
      column: this.block.column + columnOffset,
      numRows: numRows ?? this.block.numRows,
      numColumns: numColumns ?? this.block.numColumns,
    });
    return this.tracker.track(moved, 'Range');
  }

  activate(): FakeRange {
    this.sheet.activate();
    return this.tracker.track(this, 'Range');
  }

  getValue(): CellValue {
    return copyValue(this.sheet._cell(this.block.row, this.block.column).value);
  }

  getValues(): CellValue[][] {
    return this._read((cell) => copyValue(cell.value));
  }

  /** Values as the cells show them; numbers and dates as plain text, without their formats. */
  getDisplayValues(): string[][] {
    return this._read((cell) => displayed(cell.value));
  }

  setValue(value: unknown): FakeRange {
    return this.setValues(this._filled(value));
  }

  setValues(values: unknown): FakeRange {
    const rows = this._checkSize(values, 'setValues');
    this._write(rows, (cell, value) => writeValue(cell, value));
    return this.tracker.track(this, 'Range');
  }

  getFormula(): string {
    return this.sheet._cell(this.block.row, this.block.column).formula;
  }

  getFormulas(): string[][] {
    return this._read((cell) => cell.formula);
  }

  setFormula(formula: string): FakeRange {
    return this.setFormulas(this._filled(formula));
  }

  setFormulas(formulas: unknown): FakeRange {
    const rows = this._checkSize(formulas, 'setFormulas');
    this._write(rows, (cell, formula) => {
      cell.formula = String(formula);
      cell.value = '';
    });
    return this.tracker.track(this, 'Range');
  }

  getNumberFormat(): string {
    return this.sheet._cell(this.block.row, this.block.column).format;
  }

  getNumberFormats(): string[][] {
    return this._read((cell) => cell.format);
  }

  setNumberFormat(numberFormat: string): FakeRange {
    return this.setNumberFormats(this._filled(numberFormat));
  }

  setNumberFormats(numberFormats: unknown): FakeRange {
    const rows = this._checkSize(numberFormats, 'setNumberFormats');
    this._write(rows, (cell, format) => {
      cell.format = String(format);
    });
    return this.tracker.track(this, 'Range');
  }

  getNote(): string {
    return this.sheet._cell(this.block.row, this.block.column).note;
  }

  getNotes(): string[][] {
    return this._read((cell) => cell.note);
  }

  setNote(note: string | null): FakeRange {
    return this.setNotes(this._filled(note ?? ''));
  }

  setNotes(notes: unknown): FakeRange {
    const rows = this._checkSize(notes, 'setNotes');
    this._write(rows, (cell, note) => {
      cell.note = note === null || note === undefined ? '' : String(note);
    });
    return this.tracker.track(this, 'Range');
  }

  clearNote(): FakeRange {
    return this.setNote('');
  }

  setFontWeight(fontWeight: string | null): FakeRange {
    this._write(this._filled(fontWeight ?? 'normal'), (cell, weight) => {
      cell.fontWeight = String(weight);
    });
    return this.tracker.track(this, 'Range');
  }

  getFontWeights(): string[][] {
    return this._read((cell) => cell.fontWeight);
  }

  setBackground(color: string | null): FakeRange {
    this._write(this._filled(color ?? '#ffffff'), (cell, background) => {
      cell.background = String(background);
    });
    return this.tracker.track(this, 'Range');
  }

  getBackgrounds(): string[][] {
    return this._read((cell) => cell.background);
  }

  clearContent(): FakeRange {
    this._write(this._filled(''), (cell) => {
      cell.value = '';
      cell.formula = '';
    });
    return this.tracker.track(this, 'Range');
  }

  clear(): FakeRange {
    this._write(this._filled(''), (cell) => Object.assign(cell, emptyCell()));
    return this.tracker.track(this, 'Range');
  }

  private _read<T>(pick: (cell: CellData) => T): T[][] {
    const rows: T[][] = [];
    for (let row = 0; row < this.block.numRows; row += 1) {
      const cells: T[] = [];
      for (let column = 0; column < this.block.numColumns; column += 1) {
        cells.push(pick(this.sheet._cell(this.block.row + row, this.block.column + column)));
      }
      rows.push(cells);
    }
    return rows;
  }

  private _write(rows: unknown[][], apply: (cell: CellData, value: unknown) => void): void {
    rows.forEach((cells, row) => {
      cells.forEach((value, column) => {
        apply(this.sheet._writableCell(this.block.row + row, this.block.column + column), value);
      });
    });
  }

  private _filled(value: unknown): unknown[][] {
    return Array.from({ length: this.block.numRows }, () =>
      new Array(this.block.numColumns).fill(value),
    );
  }

  // The checks Range.setValues makes, rows first, with Google's wording.
  private _checkSize(values: unknown, method: string): unknown[][] {
    if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) {
      throw namedError(
        'Exception',
        `The parameters (${describeArgument(values)}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    if (values.length !== this.block.numRows) {
      throw namedError(
        'Exception',
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.block.numRows}.`,
      );
    }
    const wrongRow = (values as unknown[][]).find((row) => row.length !== this.block.numColumns);
    if (wrongRow) {
      throw namedError(
        'Exception',
        `The number of columns in the data does not match the number of columns in the range. The data has ${wrongRow.length} but the range has ${this.block.numColumns}.`,
      );
    }
    return values as unknown[][];
  }
}

function hasContent(cell: CellData): boolean {
  return cell.value !== '' || cell.formula !== '';
}

function copyValue(value: CellValue): CellValue {
  return value instanceof Date ? new Date(value.getTime()) : value;
}

function displayed(value: CellValue): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

// What typing a value into a cell stores, as setValues does: text that is a plain number or
// TRUE/FALSE becomes one, "=..." a formula, a leading apostrophe keeps text as text, and a
// plain-text number format ("@") keeps everything as text.
function writeValue(cell: CellData, value: unknown): void {
  cell.formula = '';
  if (value === null || value === undefined) {
    cell.value = '';
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    cell.value = value;
  } else if (Object.prototype.toString.call(value) === '[object Date]') {
    cell.value = new Date((value as Date).getTime());
  } else if (typeof value !== 'string') {
    cell.value = String(value);
  } else if (cell.format === '@') {
    cell.value = value;
  } else if (value.startsWith('=') && value.length > 1) {
    cell.formula = value;
    cell.value = '';
  } else if (value.startsWith("'")) {
    cell.value = value.slice(1);
  } else if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim())) {
    cell.value = Number(value);
  } else if (/^(true|false)$/i.test(value.trim())) {
    cell.value = value.trim().toLowerCase() === 'true';
  } else {
    cell.value = value;
  }
}

function describeArgument(value: unknown): string {
  if (Array.isArray(value)) {
    const inner = value.find((item) => !Array.isArray(item));
    return `${inner === undefined ? 'Object' : typeName(inner)}[]`;
  }
  return typeName(value);
}

function typeName(value: unknown): string {
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  if (value === null || value === undefined) return 'null';
  return 'Object';
}
