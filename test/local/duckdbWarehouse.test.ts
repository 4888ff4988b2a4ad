// Loading a folder of table files into the local warehouse: what is read, set aside and said.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeError, messageFor } from '../../src/core/messages';
import { resolveFunnelSpec } from '../../src/core/funnel/funnelOptions';
import {
  inspectFunnelTables,
  loadTableFolder,
  openWarehouse,
  runQuery,
} from '../../src/local/duckdbWarehouse';

function folderWith(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'warehouse-files-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
  return folder;
}

const HEADER = 'id,anonymous_id,user_id,received_at';

async function load(files: Record<string, string>, tables?: string[]) {
  const warehouse = await openWarehouse();
  try {
    const notes = await loadTableFolder(warehouse, folderWith(files), tables);
    const counts = await runQuery(warehouse, {
      sql: `SELECT (SELECT COUNT(*) FROM pages) AS pages`,
      parameters: [],
    });
    return {
      notes: notes.map((n) => messageFor(n.code, n.details)),
      pages: Number(counts[0].pages),
    };
  } finally {
    warehouse.close();
  }
}

const complete = {
  'product_viewed.csv': `${HEADER}\nv1,a,a,2024-01-01T00:00:00Z\n`,
  'order_completed.csv': `${HEADER}\no1,a,a,2024-01-01T00:00:00Z\n`,
};

describe('loadTableFolder', () => {
  test('names an unreadable time it sets aside, and goes on with the rest', async () => {
    const pages = `${HEADER}\nm1,a,a,2024-01-01T00:00:00Z\nm2,a,a,yesterday\n`;
    const { notes, pages: rows } = await load({ 'pages.csv': pages, ...complete });
    expect(rows).toBe(2);
    expect(notes.join('\n')).toContain(
      '1 row of pages.csv has a received_at that is not a time (such as "yesterday")',
    );
  });

  test('stops when no time in a table can be read, showing one', async () => {
    // Epoch milliseconds, as some exports write them: not a time the funnel can read.
    const views = `${HEADER}\nv1,a,a,1664815444723\nv2,b,b,1664815444999\n`;
    const loading = load({
      'pages.csv': `${HEADER}\nm1,a,a,2024-01-01T00:00:00Z\n`,
      'product_viewed.csv': views,
      'order_completed.csv': complete['order_completed.csv'],
    });
    await expect(loading).rejects.toMatchObject({ code: 'local/no-readable-times' });
    const error = await loading.catch((e: unknown) => e);
    expect(describeError(error)).toContain(
      'No row of product_viewed.csv has a received_at that reads as a time (all 2 rows hold values such as "1664815444723")',
    );
  });

  test('stops when a table has neither user_id nor anonymous_id', async () => {
    const warehouse = await openWarehouse();
    try {
      await loadTableFolder(
        warehouse,
        folderWith({
          'pages.csv': `${HEADER},context_campaign_name\nm1,a,a,2024-01-01T00:00:00Z,x\n`,
          'product_viewed.csv': complete['product_viewed.csv'],
          'order_completed.csv': 'id,received_at,total\no1,2024-01-01T00:00:00Z,5\n',
        }),
      );
      const inspecting = inspectFunnelTables(warehouse, resolveFunnelSpec({}));
      await expect(inspecting).rejects.toMatchObject({
        code: 'local/no-person-column',
        details: { table: 'order_completed' },
      });
    } finally {
      warehouse.close();
    }
  });

  test('sets aside rows that do not split into the header columns, naming their lines', async () => {
    // lines 3 and 5 have one field too many and one too few; lines 2 and 4 are whole
    const pages = `${HEADER}\nm1,a,a,2024-01-01T00:00:00Z\nm2,a,a,2024-01-01T00:00:00Z,extra\nm3,b,b,2024-01-02T00:00:00Z\nm4\n`;
    const { notes, pages: rows } = await load({ 'pages.csv': pages, ...complete });
    expect(rows).toBe(2);
    expect(notes.join('\n')).toContain('2 rows of pages.csv could not be split');
    expect(notes.join('\n')).toContain('line 3, 5');
  });

  test('refuses a header that names a column twice, whatever the case', async () => {
    const pages = `${HEADER},ID\nm1,a,a,2024-01-01T00:00:00Z,x\n`;
    await expect(load({ 'pages.csv': pages, ...complete })).rejects.toMatchObject({
      code: 'local/repeated-column',
      details: { file: 'pages.csv', column: 'id' },
    });
  });

  test('reads a file whose columns are split by semicolons', async () => {
    const pages = 'id;anonymous_id;user_id;received_at\nm1;a;a;2024-01-01T00:00:00Z\n';
    const { pages: rows } = await load({ 'pages.csv': pages, ...complete });
    expect(rows).toBe(1);
  });

  test('names the line of a carriage return pasted inside a field', async () => {
    const pages = `${HEADER}\nm1,a,a,2024-01-01T00:00:00Z\nm2,a\rb,a,2024-01-01T00:00:00Z\n`;
    await expect(load({ 'pages.csv': pages, ...complete })).rejects.toMatchObject({
      code: 'local/stray-carriage-return',
      details: { file: 'pages.csv', line: 3 },
    });
  });

  test('reads a file whose lines end in CR LF', async () => {
    const pages = `${HEADER}\r\nm1,a,a,2024-01-01T00:00:00Z\r\nm2,b,b,2024-01-01T00:00:00Z\r\n`;
    const { pages: rows } = await load({ 'pages.csv': pages, ...complete });
    expect(rows).toBe(2);
  });

  test('reads column names in any case', async () => {
    const pages = 'ID,Anonymous_ID,USER_ID,Received_At\nm1,a,a,2024-01-01T00:00:00Z\n';
    const { pages: rows } = await load({ 'pages.csv': pages, ...complete });
    expect(rows).toBe(1);
  });

  test('loads the tables named by the table options', async () => {
    const { notes } = await load(
      {
        'pages.csv': `${HEADER}\nm1,a,a,2024-01-01T00:00:00Z\n`,
        'product_views.csv': complete['product_viewed.csv'],
        'orders.csv': complete['order_completed.csv'],
      },
      ['pages', 'product_views', 'orders'],
    );
    expect(notes).toContain('Loaded orders.csv as orders: 1 row.');
  });

  test('says which file it used when a table has two', async () => {
    const { notes } = await load({
      'pages.csv': `${HEADER}\nm1,a,a,2024-01-01T00:00:00Z\n`,
      'pages.csv.gz': '',
      ...complete,
    });
    expect(notes.join('\n')).toContain(
      'read from pages.csv; pages.csv.gz in the same folder was left out',
    );
  });

  test.each([[{ 'pages.csv': '', ...complete }, 'pages.csv is empty']])(
    'refuses %j with a message saying what to fix',
    async (files, message) => {
      await expect(load(files).catch((e) => Promise.reject(describeError(e)))).rejects.toContain(
        message,
      );
    },
  );

  test('tells a file from a folder', async () => {
    const file = path.join(folderWith({ 'x.csv': 'a\n' }), 'x.csv');
    const warehouse = await openWarehouse();
    try {
      await expect(
        loadTableFolder(warehouse, file).catch((e) => Promise.reject(describeError(e))),
      ).rejects.toContain('is a file, not a folder');
    } finally {
      warehouse.close();
    }
  });
});
