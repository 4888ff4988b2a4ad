// The sheet writer on the Apps Script double: one setValues per block, a first pull written
// afresh, a pull again merged into its block so a marketer's cells beside it stay with their
// campaign, and refusals and failures change nothing.
import { FunnelResult, FunnelRow } from '../../src/core/funnel/funnelRows';
import { ProductError } from '../../src/core/productError';
import { OwnedBlock } from '../../src/core/pull/savedPulls';
import { buildPulledBlock, PulledBlock } from '../../src/core/sheet/pulledBlock';
import { appsScriptBlockWriter } from '../../src/server/pulledBlockWriter';
import { createAppsScriptDouble } from '../support/appsScriptDouble';
import { FakeRange } from '../support/appsScriptDouble/spreadsheet';

function funnelRow(campaign: string, visits: number): FunnelRow {
  return {
    keys: { campaign },
    visits,
    storeVisitors: visits,
    productViewers: Math.floor(visits / 2),
    buyers: 1,
    orders: 1,
    revenueCents: 2500n,
    ordersMissingTotal: 0,
    ordersUnreadableTotal: 0,
  };
}

function block(campaigns: string[], groupBy: FunnelResult['groupBy'] = ['campaign']): PulledBlock {
  const rows = campaigns.map((campaign, i) => ({
    ...funnelRow(campaign, 10 * (i + 1)),
    keys: Object.fromEntries(groupBy.map((key) => [key, `${campaign} ${key}`])),
  }));
  return buildPulledBlock(
    { groupBy, rows, allGroups: funnelRow('', 0), currency: null },
    {
      sheetName: 'Campaign funnel',
      pulledAt: new Date('2024-07-01T09:00:00Z'),
      timeZone: 'UTC',
      source: 'my-project.segment (US)',
      from: '2024-06-01',
      to: '2024-06-30',
      campaigns: [],
      storeUrlPattern: '',
      windowDays: 30,
      bytesBilled: null,
      bytesText: null,
    },
  );
}

function scene() {
  const double = createAppsScriptDouble();
  const writer = appsScriptBlockWriter(
    double.globals.SpreadsheetApp.getActive() as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
  );
  const sheet = () => double.spreadsheet.getSheetByName('Campaign funnel');
  const values = (a1: string) => sheet()!.getRange(a1).getValues();
  return { double, writer, sheet, values };
}

describe('appsScriptBlockWriter: a first pull', () => {
  test('creates the sheet and writes the block with one setValues', () => {
    const { double, writer, sheet, values } = scene();
    double.calls.reset();
    const owned = writer.write(block(['spring', 'brunch']), null);
    expect(owned).toMatchObject({ sheetName: 'Campaign funnel', rows: 3, columns: 12 });
    expect(double.calls.count('Range.setValues')).toBe(1);
    expect(double.calls.count('Range.setValue')).toBe(0);
    expect(values('A1:C3')).toEqual([
      ['campaign', 'visits', 'store visitors'],
      ['spring campaign', 10, 10],
      ['brunch campaign', 20, 20],
    ]);
    expect(sheet()!.getFrozenRows()).toBe(1);
    expect(sheet()!.getRange('A1').getNote()).toContain('Pulled 2024-07-01 09:00 (UTC)');
    expect(
      sheet()!
        .getRange('A1:L1')
        .getFontWeights()[0]
        .every((w) => w === 'bold'),
    ).toBe(true);
  });

  test('sets the number formats before the values, so text stays text', () => {
    const { double, writer, values, sheet } = scene();
    double.calls.reset();
    writer.write(block(['2024', '=sale', '3/4']), null);
    const names = double.calls.names();
    expect(names.indexOf('Range.setNumberFormats')).toBeLessThan(names.indexOf('Range.setValues'));
    expect(values('A2:A4')).toEqual([['2024 campaign'], ['=sale campaign'], ['3/4 campaign']]);
    expect(sheet()!.getRange('A2').getFormula()).toBe('');
    expect(sheet()!.getRange('B2:H2').getNumberFormats()[0]).toEqual([
      '#,##0',
      '#,##0',
      '#,##0',
      '#,##0',
      '#,##0',
      '#,##0.00',
      '#,##0',
    ]);
  });

  test('writes the header and the "no rows" line for zero rows, never a zero-row range', () => {
    const { writer, values } = scene();
    const owned = writer.write(block([]), null);
    expect(owned.rows).toBe(2);
    expect(String(values('A2')[0][0])).toMatch(/^No rows for these settings/);
  });

  test('grows the sheet when the block is taller than it', () => {
    const { writer, sheet } = scene();
    const campaigns = Array.from({ length: 1200 }, (_, i) => `campaign-${i}`);
    expect(writer.write(block(campaigns), null).rows).toBe(1201);
    expect(sheet()!.getRange('A1201').getValue()).toBe('campaign-1199 campaign');
  });

  test('refuses to write over cells already on a sheet of that name, and changes nothing', () => {
    const { double, writer, values } = scene();
    const existing = double.spreadsheet.insertSheet('Campaign funnel');
    existing.getRange('C2').setValue('my note');
    let thrown: unknown;
    try {
      writer.write(block(['spring']), null);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProductError);
    expect(thrown).toMatchObject({
      code: 'sheet/would-overwrite',
      details: { range: 'A1:L2', cell: 'C2' },
    });
    expect(values('A1:C2')).toEqual([
      ['', '', ''],
      ['', '', 'my note'],
    ]);
  });
});

describe('appsScriptBlockWriter: pulling again', () => {
  function pulledOnce(campaigns: string[]) {
    const context = scene();
    const owned = context.writer.write(block(campaigns), null);
    const sheet = context.sheet()!;
    // The marketer's own cells: a formula beside the block and a note below it.
    sheet.getRange('N2').setFormula('=B2*2');
    sheet.getRange('N1').setValue('doubled');
    sheet.getRange(10, 1).setValue('below the block');
    return { ...context, owned, sheetAfter: sheet };
  }

  test('merges into the old block: rows stay with their campaign and neighbours stay', () => {
    const { double, writer, owned, values, sheetAfter } = pulledOnce(['a', 'b', 'c', 'd']);
    double.calls.reset();
    const again = writer.write(block(['z', 'b']), owned);
    expect(again).toMatchObject({ rows: 6, columns: 13, noRowsLine: false });
    expect(values('A1:B6')).toEqual([
      ['campaign', 'visits'],
      ['a campaign', ''],
      ['b campaign', 20],
      ['c campaign', ''],
      ['d campaign', ''],
      ['z campaign', 10],
    ]);
    expect(values('M1:M3')).toEqual([['Status'], ['not in the latest pull'], ['']]);
    expect(double.calls.count('Range.setValues')).toBe(1);
    expect(sheetAfter.getRange('N2').getFormula()).toBe('=B2*2');
    expect(values('N1')).toEqual([['doubled']]);
    expect(values('A11')).toEqual([['below the block']]);
  });

  test('inserts rows for new campaigns, moving the rows below down and re-pointing formulas', () => {
    const { writer, owned, values, sheetAfter } = pulledOnce(['a']);
    sheetAfter.getRange('N10').setFormula('=A10');
    writer.write(block(['a', 'b', 'c']), owned);
    expect(values('A2:A4')).toEqual([['a campaign'], ['b campaign'], ['c campaign']]);
    expect(values('A12')).toEqual([['below the block']]);
    expect(sheetAfter.getRange('N12').getFormula()).toBe('=A12');
    expect(sheetAfter.getRange('N2').getFormula()).toBe('=B2*2');
  });

  test('writes afresh when the grouping keys change, refusing to cover the cells below', () => {
    const { writer, owned, values } = pulledOnce(['a']);
    const campaigns = Array.from({ length: 12 }, (_, i) => `c${i}`);
    expect(() => writer.write(block(campaigns, ['campaign', 'source']), owned)).toThrow(
      expect.objectContaining({
        code: 'sheet/would-overwrite',
        details: expect.objectContaining({ cell: 'A10' }),
      }),
    );
    expect(values('A1:A2')).toEqual([['campaign'], ['a campaign']]);
  });

  test('refuses a wider block when the marketer uses the next column, keeping the old block', () => {
    const { writer, sheetAfter, values } = pulledOnce(['a']);
    const owned: OwnedBlock = {
      sheetName: 'Campaign funnel',
      sheetId: sheetAfter.getSheetId(),
      rows: 2,
      columns: 12,
    };
    sheetAfter.getRange('M1').setValue('mine');
    expect(() => writer.write(block(['a'], ['campaign', 'source']), owned)).toThrow(
      expect.objectContaining({ code: 'sheet/would-overwrite' }),
    );
    expect(values('A1:B2')).toEqual([
      ['campaign', 'visits'],
      ['a campaign', 10],
    ]);
  });

  test("refuses the marketer's column beside the block for the Status, changing nothing", () => {
    const { writer, owned, sheetAfter, values } = pulledOnce(['a']);
    sheetAfter.getRange('M2').setValue('mine');
    expect(() => writer.write(block(['b']), owned)).toThrow(
      expect.objectContaining({ code: 'refresh/no-room-for-status' }),
    );
    expect(values('A2:B3')).toEqual([
      ['a campaign', 10],
      ['', ''],
    ]);
    expect(values('M1:M2')).toEqual([[''], ['mine']]);
  });

  test('follows the sheet by id after the marketer renames it', () => {
    const { writer, owned, sheetAfter } = pulledOnce(['a']);
    sheetAfter.setName('June funnel');
    const again = writer.write(block(['b']), owned);
    expect(again.sheetName).toBe('June funnel');
    expect(sheetAfter.getRange('A2:A3').getValues()).toEqual([['a campaign'], ['b campaign']]);
  });

  test('puts the sheet back as it was read when writing the merge fails half way', () => {
    const { writer, owned, sheetAfter } = pulledOnce(['a']);
    const read = () => {
      const range = sheetAfter.getRange(1, 1, 12, 14);
      return {
        values: range.getValues(),
        formulas: range.getFormulas(),
        rows: sheetAfter.getMaxRows(),
      };
    };
    const before = read();
    // The merge's own setValues fails once, after its new row went in; putting back succeeds.
    const setValues = FakeRange.prototype.setValues;
    const failing = jest
      .spyOn(FakeRange.prototype, 'setValues')
      .mockImplementationOnce(() => {
        throw new Error('Service Spreadsheets timed out while accessing document');
      })
      .mockImplementation(function (this: FakeRange, values: unknown) {
        return setValues.call(this, values);
      });
    try {
      expect(() => writer.write(block(['b', 'a']), owned)).toThrow(/timed out/);
    } finally {
      failing.mockRestore();
    }
    expect(read()).toEqual(before);
  });
});
