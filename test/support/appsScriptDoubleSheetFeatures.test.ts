// The double's validation, protections, conditional formats, charts and locks behave as Google
// documents them, in particular when rows are inserted (Sheets moves everything below).
import { createAppsScriptDouble } from './appsScriptDouble';

function setUp() {
  const double = createAppsScriptDouble();
  const { SpreadsheetApp } = double.globals;
  const sheet = SpreadsheetApp.getActive().insertSheet('ROI');
  return { double, SpreadsheetApp, sheet };
}

describe('inserting rows', () => {
  test('re-points formulas on the sheet and in other sheets, as Sheets does', () => {
    const { double, sheet } = setUp();
    sheet.getRange('A1:A3').setValues([[1], [2], ['=SUM(A1:A2)+A2']]);
    const other = double.spreadsheet.getSheetByName('Sheet1')!;
    other.getRange('B1').setValue("=ROI!A3+'ROI'!A1+A3");
    sheet.insertRowsBefore(2, 2);
    expect(sheet.getRange('A5').getFormula()).toBe('=SUM(A1:A4)+A4');
    expect(other.getRange('B1').getFormula()).toBe("=ROI!A5+'ROI'!A1+A3");
  });

  test('moves protected ranges, conditional format ranges, charts and validation down', () => {
    const { SpreadsheetApp, sheet } = setUp();
    sheet.getRange('B5:B6').protect().setDescription('ours').setWarningOnly(true);
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenNumberLessThan(0)
      .setFontColor('#c5221f')
      .setRanges([sheet.getRange('C2:C6')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType('COLUMN')
        .addRange(sheet.getRange('A4:B6'))
        .setPosition(8, 5, 0, 0)
        .build(),
    );
    const amounts = SpreadsheetApp.newDataValidation().requireNumberGreaterThanOrEqualTo(0).build();
    sheet.getRange('D5').setDataValidation(amounts);

    sheet.insertRowsBefore(4, 3);

    const [protection] = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
    expect(protection.getRange().getA1Notation()).toBe('B8:B9');
    expect(protection.isWarningOnly()).toBe(true);
    const [moved] = sheet.getConditionalFormatRules();
    expect(moved.getRanges()[0].getA1Notation()).toBe('C2:C9');
    const [chart] = sheet.getCharts();
    expect(chart.getRanges()[0].getA1Notation()).toBe('A7:B9');
    expect(chart.getContainerInfo().getAnchorRow()).toBe(11);
    expect(sheet.getRange('D8').getDataValidation()?.getCriteriaValues()).toEqual([0]);
    expect(sheet.getRange('D5').getDataValidation()).toBeNull();
  });
});

describe('locks across executions', () => {
  test('a second execution cannot take the document lock the first holds', () => {
    const { double } = setUp();
    const { LockService } = double.globals;
    const first = LockService.getDocumentLock();
    expect(first.tryLock(1000)).toBe(true);
    const second = double.locks.executions.run(() => LockService.getDocumentLock().tryLock(1000));
    expect(second).toBe(false);
    first.releaseLock();
    expect(double.locks.executions.run(() => LockService.getDocumentLock().tryLock(1000))).toBe(
      true,
    );
  });
});

describe('builders', () => {
  test('refuse to build without what Sheets requires', () => {
    const { SpreadsheetApp, sheet } = setUp();
    expect(() => SpreadsheetApp.newDataValidation().build()).toThrow(/criterion/);
    expect(() => SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan(0).build()).toThrow(
      /range/,
    );
    expect(() => sheet.newChart().addRange(sheet.getRange('A1')).build()).toThrow(/chart type/);
  });
});
