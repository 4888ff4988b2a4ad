// "Create ROI sheet" in Apps Script, on the double: the sheet built from the latest pull with
// native formulas, shaded and validated inputs, protected formulas, locale formats, ROI colours
// and charts clear of the data; run again, it updates in place and keeps what was typed. The
// formulas' numbers are checked with HyperFormula, and expected numbers are worked by hand.
import { HyperFormula } from 'hyperformula';
import { messageFor } from '../../src/core/messages';
import {
  NOT_IN_LATEST_PULL,
  ROI_COLUMNS,
  roiRowFormulas,
  RoiColumnId,
} from '../../src/core/roi/roiSheetLayout';
import { appsScriptRefreshServices } from '../../src/server/refresh';
import { buildRoiSheet, createRoiSheet } from '../../src/server/refreshActions';
import {
  FUNNEL_CHART_TITLE,
  REVENUE_COST_CHART_TITLE,
  ROI_NEGATIVE_COLOUR,
  ROI_POSITIVE_COLOUR,
  ROI_PROTECTION_DESCRIPTION,
} from '../../src/server/roiSheet';
import { FakeRange } from '../support/appsScriptDouble/spreadsheet';
import {
  allOf,
  brunch,
  pullFromSidebar,
  refreshSpreadsheet,
  RefreshSpreadsheet,
  spring,
  toastDay,
} from '../support/refreshFixtures';

const column = (id: RoiColumnId) => ROI_COLUMNS.findIndex((c) => c.id === id) + 1;
const NOTE_COLUMN = ROI_COLUMNS.length + 2;

let setup: RefreshSpreadsheet;
afterEach(() => setup.uninstall());

function roiSheet() {
  const sheet = setup.double.spreadsheet.getSheetByName('Campaign ROI');
  if (!sheet) throw new Error('there is no Campaign ROI sheet');
  return sheet;
}

function rowOf(name: string): number {
  const values = roiSheet().getRange(1, 1, roiSheet().getLastRow(), 1).getValues();
  return values.findIndex((row) => row[0] === name) + 1;
}

/** Creates the ROI sheet from a pull of spring sale and brunch club, as the menu item does. */
function createFromPull() {
  pullFromSidebar(setup, [spring, brunch], allOf('889.3'));
  setup.queueFunnel([spring, brunch], allOf('889.3'));
  createRoiSheet();
}

/** The sheet's cells with formulas as `=...`, evaluated by HyperFormula. */
function evaluated() {
  const sheet = roiSheet();
  const range = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn());
  const formulas = range.getFormulas();
  const grid = range.getValues().map((row, r) => row.map((value, c) => formulas[r][c] || value));
  const engine = HyperFormula.buildFromArray(grid as (string | number)[][], {
    licenseKey: 'gpl-v3',
  });
  return (row: number, col: number) =>
    engine.getCellValue({ sheet: 0, row: row - 1, col: col - 1 });
}

function typeCosts(row: number) {
  const sheet = roiSheet();
  sheet.getRange(row, column('people'), 1, 6).setValues([[2, 10, 50, '', 300, 0.4]]);
  sheet.getRange(row, NOTE_COLUMN).setValue('flyers paid in May');
}

describe('Create ROI sheet', () => {
  beforeEach(() => {
    setup = refreshSpreadsheet();
  });

  test('lays out one row per campaign, the totals and the period from the latest pull', () => {
    createFromPull();
    const sheet = roiSheet();
    expect(sheet.getRange('A2').getValue()).toContain(
      'Figures cover 2024-06-01 to 2024-06-30 (Europe/Paris)',
    );
    expect(sheet.getRange(4, 1, 1, ROI_COLUMNS.length).getValues()[0]).toEqual(
      ROI_COLUMNS.map((c) => c.header),
    );
    // rows by revenue: spring sale 529.50, then brunch club 359.80
    expect(sheet.getRange('A5:F6').getValues()).toEqual([
      ['spring sale', 80, 40, 10, 12, 529.5],
      ['brunch club', 45, 30, 15, 15, 359.8],
    ]);
    expect(sheet.getRange('A7:F7').getValues()[0]).toEqual([
      'All campaigns',
      110,
      60,
      22,
      27,
      889.3,
    ]);
    expect(setup.double.spreadsheet.toasts[0].message).toBe(
      messageFor('roi/created', {
        sheet: 'Campaign ROI',
        campaigns: 2,
        period: '2024-06-01 to 2024-06-30 (Europe/Paris)',
      }),
    );
  });

  test('writes native formulas, never values or custom functions', () => {
    createFromPull();
    const formulas = roiSheet().getRange(5, column('labour_cost'), 1, 6).getFormulas()[0];
    expect(formulas).toEqual(roiRowFormulas(5).map((formula) => `=${formula}`));
    expect(formulas.join(' ')).not.toMatch(/CAMPAIGN_ROI|FUNNEL_RATE|ROAS\(/);
  });

  test('computes cost, ROI and cost per order from typed inputs (HyperFormula)', () => {
    createFromPull();
    typeCosts(5);
    const at = evaluated();
    // labour 2 x 10 h x 50 = 1000, cost 1000 + 300 = 1300, profit 529.50 x 40% = 211.80
    expect(at(5, column('cost'))).toBeCloseTo(1300, 6);
    expect(at(5, column('roi'))).toBeCloseTo((211.8 - 1300) / 1300, 6);
    expect(at(5, column('cost_per_order'))).toBeCloseTo(1300 / 12, 6);
    // brunch club has no costs yet: blanks, not errors
    expect(at(6, column('roi'))).toBe('');
  });

  test('shades inputs, notes their headers and validates them', () => {
    createFromPull();
    const sheet = roiSheet();
    expect(sheet.getRange(5, column('people'), 2, 6).getBackgrounds()).toEqual(
      Array(2).fill(Array(6).fill('#fff2cc')),
    );
    expect(sheet.getRange(4, column('margin')).getNote()).toContain('0% to 100%');
    const margin = sheet.getRange(6, column('margin')).getDataValidation();
    expect(margin?.getCriteriaType()).toBe('NUMBER_BETWEEN');
    expect(margin?.getCriteriaValues()).toEqual([0, 1]);
    expect(margin?.getAllowInvalid()).toBe(false);
    const spend = sheet.getRange(5, column('media_spend')).getDataValidation();
    expect(spend?.getCriteriaType()).toBe('NUMBER_GREATER_THAN_OR_EQUAL_TO');
    expect(spend?.getCriteriaValues()).toEqual([0]);
    // the totals row is summed, not typed: no validation there
    expect(sheet.getRange(7, column('people')).getDataValidation()).toBeNull();
  });

  test('protects figures and formulas with a warning, leaving the inputs editable', () => {
    createFromPull();
    const { SpreadsheetApp } = setup.double.globals;
    const protections = roiSheet().getProtections(SpreadsheetApp.ProtectionType.RANGE);
    expect(protections.map((p) => p.getRange().getA1Notation()).sort()).toEqual(
      ['A4:F7', 'M4:S7', 'G4:L4', 'G7:L7'].sort(),
    );
    protections.forEach((p) => {
      expect(p.isWarningOnly()).toBe(true);
      expect(p.getDescription()).toBe(ROI_PROTECTION_DESCRIPTION);
    });
  });

  test('formats money in the currency of the orders and the side the locale writes it', () => {
    createFromPull();
    expect(roiSheet().getRange(5, column('revenue')).getNumberFormat()).toBe('[$$]#,##0.00');
    expect(roiSheet().getRange(5, column('roi')).getNumberFormat()).toBe('0.0%');
    setup.uninstall();
    setup = refreshSpreadsheet({ locale: 'fr_FR' });
    pullFromSidebar(setup, [spring], allOf('529.5'));
    setup.queueFunnel([spring], allOf('529.5'), { currency: null });
    createRoiSheet();
    // no currency on the orders: the spreadsheet's own, euros written after the amount
    expect(roiSheet().getRange(5, column('cost')).getNumberFormat()).toBe('#,##0.00 [$€]');
  });

  test('colours ROI by sign and places both charts clear of every used column', () => {
    createFromPull();
    const sheet = roiSheet();
    const rules = sheet.getConditionalFormatRules();
    expect(rules.map((rule) => rule.getRanges().map((r) => r.getA1Notation()))).toEqual([
      ['P5:P7'],
      ['P5:P7'],
    ]);
    expect(rules.map((rule) => rule.getBooleanCondition().getFontColor())).toEqual([
      ROI_POSITIVE_COLOUR,
      ROI_NEGATIVE_COLOUR,
    ]);
    const charts = sheet.getCharts();
    expect(charts.map((chart) => chart.getOptions().get('title'))).toEqual([
      REVENUE_COST_CHART_TITLE,
      FUNNEL_CHART_TITLE,
    ]);
    expect(charts[0].getRanges().map((r) => r.getA1Notation())).toEqual([
      'A4:A6',
      'F4:F6',
      'N4:N6',
    ]);
    expect(charts[1].getRanges().map((r) => r.getA1Notation())).toEqual(['B4:E4', 'B7:E7']);
    for (const chart of charts) {
      expect(chart.getContainerInfo().getAnchorColumn()).toBeGreaterThan(sheet.getLastColumn());
    }
  });

  test('says what to do when there is no pull yet', () => {
    createRoiSheet();
    expect(setup.double.ui.alerts).toEqual([
      expect.objectContaining({ prompt: messageFor('roi/no-pull') }),
    ]);
    expect(setup.double.spreadsheet.getSheetByName('Campaign ROI')).toBeNull();
  });
});

describe('Create ROI sheet again', () => {
  beforeEach(() => {
    setup = refreshSpreadsheet();
    createFromPull();
    typeCosts(rowOf('spring sale'));
    // The marketer's own line under the totals, pointing at the total cost.
    roiSheet()
      .getRange('A9:B9')
      .setValues([['Budget check', '=N7*1.1']]);
  });

  test('updates the sheet in place: one copy, typed inputs kept, new and missing campaigns', () => {
    // brunch club is gone this month; toast day is new
    setup.queueFunnel([toastDay, spring], allOf('649.5', 130));
    const message = buildRoiSheet(appsScriptRefreshServices());
    expect(message).toContain('1 new, 1 not in the latest pull');

    const names = setup.double.spreadsheet.getSheets().map((s) => s.getName());
    expect(names.filter((name) => name === 'Campaign ROI')).toHaveLength(1);
    const sheet = roiSheet();
    const springRow = rowOf('spring sale');
    expect(springRow).toBe(5);
    expect(sheet.getRange(springRow, column('people'), 1, 6).getValues()[0]).toEqual([
      2,
      10,
      50,
      '',
      300,
      0.4,
    ]);
    expect(sheet.getRange(springRow, NOTE_COLUMN).getValue()).toBe('flyers paid in May');
    const brunchRow = rowOf('brunch club');
    expect(sheet.getRange(brunchRow, column('status')).getValue()).toBe(NOT_IN_LATEST_PULL);
    expect(sheet.getRange(brunchRow, column('revenue')).getValue()).toBe('');
    expect(rowOf('toast day')).toBe(7);
    expect(rowOf('All campaigns')).toBe(8);
    expect(sheet.getRange(8, column('revenue')).getValue()).toBe(649.5);
    // brunch club (row 6) is not in the latest pull: the totals leave its inputs out
    expect(sheet.getRange(8, column('people')).getFormula()).toBe(
      `=SUMIF(S5:S7,"<>${NOT_IN_LATEST_PULL}",G5:G7)`,
    );
    // the marketer's line moved down with the rows, its formula re-pointed at the totals
    expect(sheet.getRange('A10:B10').getValues()[0][0]).toBe('Budget check');
    expect(sheet.getRange('B10').getFormula()).toBe('=N8*1.1');
    expect(sheet.getRange(7, column('margin')).getDataValidation()?.getCriteriaValues()).toEqual([
      0, 1,
    ]);
  });

  test('replaces its own protections, rules and charts instead of adding more', () => {
    setup.queueFunnel([toastDay, spring, brunch], allOf('1009.3', 150));
    buildRoiSheet(appsScriptRefreshServices());
    const { SpreadsheetApp } = setup.double.globals;
    const sheet = roiSheet();
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(4);
    expect(sheet.getConditionalFormatRules()).toHaveLength(2);
    expect(sheet.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('P5:P8');
    expect(sheet.getCharts()).toHaveLength(2);
  });

  test('finds its sheet after a rename instead of making a second one', () => {
    roiSheet().setName('ROI for the board');
    setup.queueFunnel([spring, brunch], allOf('889.3'));
    buildRoiSheet(appsScriptRefreshServices());
    const names = setup.double.spreadsheet.getSheets().map((s) => s.getName());
    expect(names).toContain('ROI for the board');
    expect(names).not.toContain('Campaign ROI');
  });

  test('a write that fails half way puts the cells back as they were', () => {
    const sheet = roiSheet();
    const read = () => {
      const range = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn());
      return { values: range.getValues(), formulas: range.getFormulas(), rows: sheet.getMaxRows() };
    };
    const before = read();
    const setValues = FakeRange.prototype.setValues;
    const failing = jest.spyOn(FakeRange.prototype, 'setValues').mockImplementation(function (
      this: FakeRange,
      values: unknown,
    ) {
      if (this._sheet.getName() === 'Campaign ROI' && this._block.row > 4) {
        throw new Error('Service Spreadsheets timed out while accessing document');
      }
      return setValues.call(this, values);
    });
    setup.queueFunnel([toastDay, spring], allOf('649.5', 130));
    try {
      expect(() => buildRoiSheet(appsScriptRefreshServices())).toThrow(/timed out/);
    } finally {
      failing.mockRestore();
    }
    expect(read()).toEqual(before);
  });

  test('refuses a sheet whose columns were moved, and leaves it as it was', () => {
    const sheet = roiSheet();
    sheet.getRange(4, column('people')).setValue('My notes');
    const before = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
    setup.queueFunnel([toastDay], allOf('120', 60));
    createRoiSheet();
    expect(setup.double.ui.alerts[0].prompt).toContain('Column G of the ROI sheet');
    expect(sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues()).toEqual(
      before,
    );
  });
});
