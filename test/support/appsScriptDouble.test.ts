// The Apps Script double behaves as Google documents the services we use, errors worded alike.
import { columnLetters, columnNumber, formatA1, parseA1 } from './appsScriptDouble/a1Notation';
import { DEFAULT_NUMBER_FORMAT, createAppsScriptDouble, restRow } from './appsScriptDouble';

const newDouble = (options = {}) => createAppsScriptDouble(options);
const sheetOf = (double = newDouble()) =>
  double.globals.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();

describe('A1 notation', () => {
  test.each([
    ['A1', { row: 1, column: 1, numRows: 1, numColumns: 1 }],
    ['B2:C4', { row: 2, column: 2, numRows: 3, numColumns: 2 }],
    ['C4:B2', { row: 2, column: 2, numRows: 3, numColumns: 2 }],
    ['$A$1:$B$2', { row: 1, column: 1, numRows: 2, numColumns: 2 }],
    ['b3', { row: 3, column: 2, numRows: 1, numColumns: 1 }],
    ['B:B', { row: 1, column: 2, numRows: 1000, numColumns: 1, open: 'columns' }],
    ['2:3', { row: 2, column: 1, numRows: 2, numColumns: 26, open: 'rows' }],
    ['A2:B', { row: 2, column: 1, numRows: 999, numColumns: 2 }],
    ['AA10', { row: 10, column: 27, numRows: 1, numColumns: 1 }],
    ["'My sheet'!A1", { sheetName: 'My sheet', row: 1, column: 1, numRows: 1, numColumns: 1 }],
    ["'It''s'!A1", { sheetName: "It's", row: 1, column: 1, numRows: 1, numColumns: 1 }],
    ['Sheet1!A1:B2', { sheetName: 'Sheet1', row: 1, column: 1, numRows: 2, numColumns: 2 }],
  ])('reads %s', (text, block) => {
    expect(parseA1(text, 1000, 26)).toEqual(expect.objectContaining(block));
  });

  test.each(['', 'A', 'A0', '1A', 'A1:B2:C3', 'ABCD1', "'open!A1", 'A1:', '0:1'])(
    'refuses %j',
    (text) => {
      expect(parseA1(text, 1000, 26)).toBeNull();
    },
  );

  test.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [703, 'AAA'],
    [18278, 'ZZZ'],
  ])('column %i is %s and back', (number, letters) => {
    expect(columnLetters(number)).toBe(letters);
    expect(columnNumber(letters)).toBe(number);
  });

  test.each([
    [{ row: 1, column: 1, numRows: 1, numColumns: 1 }, 'A1'],
    [{ row: 2, column: 2, numRows: 3, numColumns: 2 }, 'B2:C4'],
    [{ row: 1, column: 2, numRows: 1000, numColumns: 1, open: 'columns' as const }, 'B:B'],
    [{ row: 2, column: 1, numRows: 1, numColumns: 26, open: 'rows' as const }, '2:2'],
  ])('writes %j as %s', (block, text) => {
    expect(formatA1(block)).toBe(text);
  });
});

describe('ranges', () => {
  test('a new sheet is 1000 rows by 26 columns, empty, in the default number format', () => {
    const sheet = sheetOf();
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getLastRow()]).toEqual([1000, 26, 0]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', '']]);
    expect(sheet.getRange('A1').getNumberFormat()).toBe(DEFAULT_NUMBER_FORMAT);
  });

  test.each([
    [[0, 1], 'The starting row of the range is too small.'],
    [[1, 0], 'The starting column of the range is too small.'],
    [[1, 1, 0], 'The number of rows in the range must be at least 1.'],
    [[1, 1, 1, 0], 'The number of columns in the range must be at least 1.'],
    [[1000, 1, 2], 'The coordinates of the range are outside the dimensions of the sheet.'],
    [[1, 26, 1, 2], 'The coordinates of the range are outside the dimensions of the sheet.'],
  ])('getRange%j throws "%s"', (args, message) => {
    const sheet = sheetOf();
    const [row, column, numRows, numColumns] = args;
    expect(() => sheet.getRange(row, column, numRows, numColumns)).toThrow(message);
  });

  test.each(['A0', 'nonsense', 'Other!A1'])('getRange(%j) throws "Range not found"', (a1) => {
    expect(() => sheetOf().getRange(a1)).toThrow('Range not found');
  });

  test.each([
    [
      [[1], [2]],
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    ],
    [
      [],
      'The number of rows in the data does not match the number of rows in the range. The data has 0 but the range has 3.',
    ],
    [
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 1.',
    ],
    [
      [[1], [2, 3], [4]],
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 1.',
    ],
    [
      'text',
      "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
    ],
    [
      [1, 2, 3],
      "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    ],
  ])("setValues(%j) on A1:A3 throws Google's message", (values, message) => {
    expect(() => sheetOf().getRange('A1:A3').setValues(values)).toThrow(message);
  });

  test('setValues stores what typing would: numbers from number text, formulas, TRUE', () => {
    const sheet = sheetOf();
    const when = new Date(Date.UTC(2024, 0, 31));
    sheet
      .getRange('A1:G1')
      .setValues([['12.5', '=SUM(B2:B3)', "'0042", 'TRUE', null, when, 'spring sale']]);
    expect(sheet.getRange('A1:G1').getValues()).toEqual([
      [12.5, '', '0042', true, '', when, 'spring sale'],
    ]);
    expect(sheet.getRange('B1').getFormula()).toBe('=SUM(B2:B3)');
  });

  test('a plain-text number format keeps number text as text', () => {
    const range = sheetOf().getRange('A1');
    range.setNumberFormat('@').setValue('0042');
    expect(range.getValue()).toBe('0042');
  });

  test('getValues returns copies, so changing them changes no cell', () => {
    const range = sheetOf().getRange('A1');
    range.setValue(5);
    range.getValues()[0][0] = 6;
    expect(range.getValue()).toBe(5);
  });

  test('number formats, notes, font weights and frozen rows are kept', () => {
    const double = newDouble();
    const sheet = sheetOf(double);
    const range = sheet.getRange('A1:B2');
    range
      .setNumberFormats([
        ['0.00%', '$#,##0'],
        ['0', '@'],
      ])
      .setNotes([
        ['from the warehouse', ''],
        ['', 'typed'],
      ]);
    sheet.getRange('A1:B1').setFontWeight('bold');
    sheet.setFrozenRows(1);
    expect(range.getNumberFormats()).toEqual([
      ['0.00%', '$#,##0'],
      ['0', '@'],
    ]);
    expect(range.getNotes()).toEqual([
      ['from the warehouse', ''],
      ['', 'typed'],
    ]);
    expect(sheet.getRange('A1:B2').getFontWeights()).toEqual([
      ['bold', 'bold'],
      ['normal', 'normal'],
    ]);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(() => range.setNumberFormats([['0']])).toThrow(
      'The number of rows in the data does not match',
    );
  });

  test('getLastRow and getDataRange follow the content', () => {
    const sheet = sheetOf();
    sheet.getRange('B3').setValue('x');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 2]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B3');
  });

  test('appendRow writes after the last row and grows the sheet', () => {
    const sheet = sheetOf();
    sheet.getRange('A1000').setValue('last');
    sheet.appendRow(['spring', 12]);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange('A1001:B1001').getValues()).toEqual([['spring', 12]]);
  });

  test('inserting rows moves the cells below them', () => {
    const sheet = sheetOf();
    sheet.getRange('A1:A2').setValues([['header'], ['row']]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange('A1:A4').getValues()).toEqual([['header'], [''], [''], ['row']]);
  });

  test('a spreadsheet refuses more than ten million cells', () => {
    const sheet = sheetOf();
    expect(() => sheet.insertRowsAfter(1000, 400_000)).toThrow(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
  });

  test('sheet names are unique and the last sheet cannot be deleted', () => {
    const spreadsheet = newDouble().globals.SpreadsheetApp.getActiveSpreadsheet();
    spreadsheet.insertSheet('ROI');
    expect(() => spreadsheet.insertSheet('ROI')).toThrow(
      'A sheet with the name "ROI" already exists. Please enter another name.',
    );
    expect(spreadsheet.getSheetByName('Missing')).toBeNull();
    spreadsheet.deleteSheet(spreadsheet.getSheetByName('ROI')!);
    expect(() => spreadsheet.deleteSheet(spreadsheet.getSheets()[0])).toThrow(
      "You can't remove all the sheets in a document.",
    );
  });

  test("a spreadsheet reads 'Sheet name'!A1 on that sheet", () => {
    const spreadsheet = newDouble().globals.SpreadsheetApp.getActiveSpreadsheet();
    spreadsheet.insertSheet('Funnel by campaign').getRange('B2').setValue(7);
    expect(spreadsheet.getRange("'Funnel by campaign'!B2").getValue()).toBe(7);
  });
});

describe('properties', () => {
  test('store strings per document and per user', () => {
    const { globals } = newDouble();
    globals.PropertiesService.getDocumentProperties().setProperty('dataset', 'segment');
    globals.PropertiesService.getUserProperties().setProperties({ refreshHour: 6 });
    expect(globals.PropertiesService.getDocumentProperties().getProperty('dataset')).toBe(
      'segment',
    );
    expect(globals.PropertiesService.getUserProperties().getProperty('refreshHour')).toBe('6');
    expect(globals.PropertiesService.getDocumentProperties().getProperty('refreshHour')).toBeNull();
  });

  test.each(['getDocumentProperties', 'getUserProperties', 'getScriptProperties'] as const)(
    '%s throws in AuthMode.NONE, as in onOpen before the add-on is used in the document',
    (method) => {
      const double = newDouble({ authMode: 'NONE' });
      expect(() => double.globals.PropertiesService[method]()).toThrow(
        `You do not have permission to call PropertiesService.${method}.`,
      );
    },
  );

  test('a value over 9 KB and a store over 500 KB are refused', () => {
    const properties = newDouble().globals.PropertiesService.getDocumentProperties();
    expect(() => properties.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(
      'Argument too large: value',
    );
    for (let i = 0; i < 55; i += 1) properties.setProperty(`key${i}`, 'x'.repeat(9200));
    expect(() => properties.setProperty('one-more', 'x'.repeat(9200))).toThrow(
      'You have exceeded the property storage quota.',
    );
  });
});

describe('locks', () => {
  test('tryLock succeeds when free and fails while another execution holds the lock', () => {
    const double = newDouble();
    const lock = double.globals.LockService.getDocumentLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    double.locks.document.holdElsewhere();
    expect(double.globals.LockService.getDocumentLock().tryLock(5000)).toBe(false);
    expect(double.locks.document.waits).toEqual([1000, 5000]);
  });

  test("waitLock throws Google's timeout message", () => {
    const double = newDouble();
    double.locks.document.holdElsewhere();
    expect(() => double.globals.LockService.getDocumentLock().waitLock(30000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
  });
});

describe('triggers', () => {
  test('a daily clock trigger is created, listed, fired and deleted', () => {
    const double = newDouble();
    const { ScriptApp } = double.globals;
    const trigger = ScriptApp.newTrigger('refreshOnSchedule')
      .timeBased()
      .everyDays(1)
      .atHour(6)
      .create();
    expect(
      ScriptApp.getProjectTriggers().map((t) => [t.getHandlerFunction(), t.getEventType()]),
    ).toEqual([['refreshOnSchedule', 'CLOCK']]);
    const scope = {
      refreshOnSchedule: (event: { authMode: string }) => `ran in ${event.authMode}`,
    };
    expect(double.fireTrigger(trigger, scope)).toBe('ran in FULL');
    ScriptApp.deleteTrigger(trigger);
    expect(ScriptApp.getProjectTriggers()).toEqual([]);
  });

  test('firing a trigger whose handler is not a global fails as Apps Script does', () => {
    const double = newDouble();
    const trigger = double.globals.ScriptApp.newTrigger('gone').timeBased().everyHours(1).create();
    expect(() => double.fireTrigger(trigger, {})).toThrow('Script function not found: gone');
  });

  test('an add-on may not run a clock trigger more often than hourly, nor two of a kind', () => {
    const { ScriptApp } = newDouble().globals;
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(30).create()).toThrow(
      'at most once an hour',
    );
    ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('g').timeBased().everyDays(1).create()).toThrow(
      'only one CLOCK trigger',
    );
  });

  test('a script may have at most 20 triggers', () => {
    const { ScriptApp } = newDouble({ addOn: false }).globals;
    for (let i = 0; i < 20; i += 1)
      ScriptApp.newTrigger(`f${i}`).timeBased().everyMinutes(5).create();
    expect(() => ScriptApp.newTrigger('f20').timeBased().everyMinutes(5).create()).toThrow(
      'This script has too many triggers.',
    );
  });

  test('everyMinutes takes only 1, 5, 10, 15 or 30', () => {
    const { ScriptApp } = newDouble({ addOn: false }).globals;
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(7)).toThrow('1, 5, 10, 15, 30');
  });

  test('triggers need FULL authorisation and the script.scriptapp scope', () => {
    expect(() => newDouble({ authMode: 'LIMITED' }).globals.ScriptApp.getProjectTriggers()).toThrow(
      'You do not have permission to call ScriptApp.getProjectTriggers. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
    const withoutScope = newDouble({
      grantedScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'],
    });
    expect(() => withoutScope.globals.ScriptApp.newTrigger('f')).toThrow('Required permissions');
  });
});

describe('HTML and the Ui', () => {
  test('files and templates become HTML outputs; a missing file fails as in Apps Script', () => {
    const { globals } = newDouble({ htmlFiles: { Sidebar: '<p><?= campaign ?> <?!= raw ?></p>' } });
    const template = globals.HtmlService.createTemplateFromFile('Sidebar');
    template.campaign = '<Spring & sale>';
    template.raw = '<b>bold</b>';
    expect(template.evaluate().getContent()).toBe('<p>&lt;Spring &amp; sale&gt; <b>bold</b></p>');
    expect(globals.HtmlService.createHtmlOutputFromFile('Sidebar.html').getContent()).toContain(
      '<?=',
    );
    expect(() => globals.HtmlService.createHtmlOutputFromFile('Missing')).toThrow(
      'No HTML file named Missing was found.',
    );
  });

  test('the add-on menu, alerts and dialogs are recorded', () => {
    const double = newDouble();
    const ui = double.globals.SpreadsheetApp.getUi() as ReturnType<
      typeof double.globals.SpreadsheetApp.getUi
    > &
      typeof double.ui;
    ui.createAddonMenu().addItem('Help', 'showHelp').addSeparator().addToUi();
    double.ui.alertAnswers.push('CANCEL');
    expect(ui.alert('Title', 'Sure?', ui.ButtonSet.OK_CANCEL)).toBe('CANCEL');
    expect(ui.alert('Done.')).toBe('OK');
    ui.showModalDialog(
      double.globals.HtmlService.createHtmlOutput('<p>hi</p>').setWidth(300),
      'Help',
    );
    expect(double.ui.menus).toEqual([
      {
        caption: 'Campaign ROI for Sheets',
        addOn: true,
        entries: [
          { kind: 'item', caption: 'Help', functionName: 'showHelp' },
          { kind: 'separator' },
        ],
      },
    ]);
    expect(double.ui.alerts).toEqual([
      { title: 'Title', prompt: 'Sure?', buttons: 'OK_CANCEL' },
      { title: '', prompt: 'Done.', buttons: 'OK' },
    ]);
    expect(double.ui.dialogs).toEqual([
      { title: 'Help', content: '<p>hi</p>', modal: true, width: 300, height: undefined },
    ]);
  });

  test('alerts are refused in AuthMode.NONE; menus are not', () => {
    const double = newDouble({ authMode: 'NONE' });
    const ui = double.globals.SpreadsheetApp.getUi() as unknown as typeof double.ui;
    expect(() => ui.createAddonMenu().addItem('Help', 'showHelp').addToUi()).not.toThrow();
    expect(() => ui.alert('hello')).toThrow('You do not have permission to call Ui.alert.');
  });
});

describe('the BigQuery advanced service', () => {
  const schema = [
    { name: 'campaign', type: 'STRING', mode: 'NULLABLE' },
    { name: 'visitors', type: 'INT64', mode: 'NULLABLE' },
  ];
  const rows = [restRow('spring', '120'), restRow('summer', '80'), restRow(null, '5')];

  test('answers a query that completes at once, with string cells and totalRows as a string', () => {
    const double = newDouble();
    double.bigQuery.queueJob({ schema, rows, totalBytesProcessed: '1048576' });
    const answer = double.globals.BigQuery.Jobs.query(
      { query: 'SELECT 1', useLegacySql: false },
      'my-project',
    );
    expect(answer).toEqual({
      kind: 'bigquery#queryResponse',
      jobReference: { projectId: 'my-project', jobId: 'job_1', location: 'US' },
      jobComplete: true,
      schema: { fields: schema },
      rows,
      totalRows: '3',
      totalBytesProcessed: '1048576',
      cacheHit: false,
    });
    expect(double.bigQuery.jobs.queryRequests).toEqual([
      { projectId: 'my-project', request: { query: 'SELECT 1', useLegacySql: false } },
    ]);
  });

  test('makes the caller poll getQueryResults, then page with pageToken', () => {
    const double = newDouble();
    double.bigQuery.queueJob({ schema, rows, pendingAnswers: 2, pageSize: 2, location: 'EU' });
    const { Jobs } = double.globals.BigQuery;
    const first = Jobs.query({ query: 'SELECT 1' }, 'p');
    expect(first).toEqual({
      kind: 'bigquery#queryResponse',
      jobReference: { projectId: 'p', jobId: 'job_1', location: 'EU' },
      jobComplete: false,
    });
    expect(Jobs.getQueryResults('p', 'job_1', { location: 'EU' }).jobComplete).toBe(false);
    const page1 = Jobs.getQueryResults('p', 'job_1', { location: 'EU' });
    expect([page1.jobComplete, page1.rows, page1.pageToken]).toEqual([
      true,
      rows.slice(0, 2),
      'page-from-2',
    ]);
    const page2 = Jobs.getQueryResults('p', 'job_1', {
      location: 'EU',
      pageToken: page1.pageToken,
    });
    expect([page2.rows, page2.pageToken]).toEqual([rows.slice(2), undefined]);
    expect(double.calls.count('BigQuery.Jobs.*')).toBe(4);
  });

  test('a regional job read back without its location is not found', () => {
    const double = newDouble();
    double.bigQuery.queueJob({ schema, rows, location: 'EU' });
    double.globals.BigQuery.Jobs.query({ query: 'SELECT 1' }, 'p');
    expect(() => double.globals.BigQuery.Jobs.getQueryResults('p', 'job_1')).toThrow(
      'API call to bigquery.jobs.getQueryResults failed with error: Not found: Job p:job_1',
    );
  });

  test.each([
    ['p', 'segment', 'pages', 'the schema of a table added'],
    ['q', 'segment', 'pages', 'Not found: Project q'],
    ['p', 'segmnt', 'pages', 'Not found: Dataset p:segmnt'],
    ['p', 'segment', 'pagez', 'Not found: Table p:segment.pagez'],
  ])('Tables.get(%j, %j, %j) answers with %s', (project, dataset, table, answer) => {
    const double = newDouble();
    double.bigQuery.addTable('p', 'segment', 'pages', schema);
    const get = () => double.globals.BigQuery.Tables.get(project, dataset, table);
    if (answer.startsWith('Not found')) {
      expect(get).toThrow(`API call to bigquery.tables.get failed with error: ${answer}`);
    } else {
      expect(get()).toMatchObject({ schema: { fields: schema } });
    }
  });

  test('scripted errors carry the reason in details, as GoogleJsonResponseException', () => {
    const double = newDouble();
    double.bigQuery.queueError({
      code: 403,
      reason: 'accessDenied',
      message: 'Access Denied: Project p',
    });
    let thrown: (Error & { details?: unknown }) | undefined;
    try {
      double.globals.BigQuery.Jobs.query({ query: 'SELECT 1' }, 'p');
    } catch (error) {
      thrown = error as Error & { details?: unknown };
    }
    expect(thrown?.name).toBe('GoogleJsonResponseException');
    expect(thrown?.message).toBe(
      'API call to bigquery.jobs.query failed with error: Access Denied: Project p',
    );
    expect(thrown?.details).toEqual({
      code: 403,
      message: 'Access Denied: Project p',
      errors: [{ message: 'Access Denied: Project p', domain: 'global', reason: 'accessDenied' }],
    });
  });

  test('an error can be scripted for the next getQueryResults, such as backendError', () => {
    const double = newDouble();
    double.bigQuery.queueJob({ schema, rows, pendingAnswers: 1 });
    double.bigQuery.queueError(
      { code: 500, reason: 'backendError', message: 'Backend error' },
      { onResults: true },
    );
    const { Jobs } = double.globals.BigQuery;
    Jobs.query({ query: 'SELECT 1' }, 'p');
    expect(() => Jobs.getQueryResults('p', 'job_1')).toThrow('Backend error');
    expect(Jobs.getQueryResults('p', 'job_1').jobComplete).toBe(true);
  });

  test('BigQuery needs FULL authorisation and a BigQuery scope', () => {
    expect(() => newDouble({ authMode: 'LIMITED' }).globals.BigQuery.Jobs.query({}, 'p')).toThrow(
      'You do not have permission to call BigQuery.Jobs.query.',
    );
    const readOnly = newDouble({
      grantedScopes: ['https://www.googleapis.com/auth/bigquery.readonly'],
    });
    readOnly.bigQuery.queueJob({ schema, rows });
    expect(() => readOnly.globals.BigQuery.Jobs.query({ query: 'SELECT 1' }, 'p')).not.toThrow();
  });
});

describe('call counting', () => {
  test('counts each service call by Class.method, and not the calls a method makes itself', () => {
    const double = newDouble();
    const sheet = sheetOf(double);
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    sheet.appendRow([5, 6]);
    expect(double.calls.counts()).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getActiveSheet': 1,
      'Sheet.getRange': 1,
      'Range.setValues': 1,
      'Sheet.appendRow': 1,
    });
    expect(double.calls.count('Range.*')).toBe(1);
    double.calls.reset();
    expect(double.calls.count()).toBe(0);
  });

  test('in a custom function only reading the spreadsheet is allowed', () => {
    const double = newDouble({ authMode: 'CUSTOM_FUNCTION' });
    expect(() => double.globals.SpreadsheetApp.getActiveSpreadsheet()).not.toThrow();
    expect(() => double.globals.PropertiesService.getUserProperties()).toThrow(
      'You do not have permission',
    );
  });

  test('install puts the globals on an object and takes them off again', () => {
    const double = newDouble();
    const scope: Record<string, unknown> = { SpreadsheetApp: 'before' };
    const uninstall = double.install(scope);
    expect(scope.SpreadsheetApp).toBe(double.globals.SpreadsheetApp);
    uninstall();
    expect(scope).toEqual({ SpreadsheetApp: 'before' });
  });
});
