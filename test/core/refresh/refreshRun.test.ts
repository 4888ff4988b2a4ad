// One refresh run against a clock the test moves: pulls in turn, failures recorded, and a clean
// stop before Apps Script's 6-minute limit.
import { messageFor } from '../../../src/core/messages';
import { ProductError } from '../../../src/core/productError';
import {
  refreshLogRow,
  refreshLogRows,
  REFRESH_LOG_RUNS,
  refreshRunMessage,
  runRefresh,
} from '../../../src/core/refresh/refreshRun';

function clockAt(start: number) {
  const clock = { time: start, now: () => clock.time };
  return clock;
}

describe('runRefresh', () => {
  test('runs every pull and adds up rows and bytes billed', () => {
    const clock = clockAt(1_000);
    const record = runRefresh(
      ['weekly', 'daily'],
      (name) => name,
      (name) => {
        clock.time += 20_000;
        return { rows: name.length, bytesBilled: 10 };
      },
      clock,
      'schedule',
    );
    expect(record).toMatchObject({
      outcome: 'ok',
      pullsDone: ['weekly', 'daily'],
      rows: 11,
      bytesBilled: 20,
      startedAt: 1_000,
      endedAt: 41_000,
    });
    expect(messageFor(refreshRunMessage(record).code, refreshRunMessage(record).details)).toBe(
      'Refreshed 2 pulls (11 rows); every typed cell was kept.',
    );
  });

  test('records a failing pull and still runs the next', () => {
    const clock = clockAt(0);
    const record = runRefresh(
      ['broken', 'fine'],
      (name) => name,
      (name) => {
        if (name === 'broken')
          throw new ProductError('refresh/no-room-for-status', { sheet: 'broken', column: 'M' });
        return { rows: 3, bytesBilled: null };
      },
      clock,
      'by hand',
    );
    expect(record.outcome).toBe('failed');
    expect(record.pullsDone).toEqual(['fine']);
    expect(record.failures).toEqual([
      {
        pull: 'broken',
        code: 'refresh/no-room-for-status',
        details: { sheet: 'broken', column: 'M' },
      },
    ]);
    expect(record.bytesBilled).toBeNull();
  });

  test('stops before the limit when a slow pull leaves too little time, naming what it left', () => {
    const clock = clockAt(0);
    const budgets: number[] = [];
    const record = runRefresh(
      ['slow', 'second', 'third'],
      (name) => name,
      (name, budgetMs) => {
        budgets.push(budgetMs);
        // the slow pull takes 4 min 40 s: 330 s - 280 s leaves 50 s, under the 75 s a pull needs
        clock.time += name === 'slow' ? 280_000 : 1_000;
        return { rows: 1, bytesBilled: 0 };
      },
      clock,
      'schedule',
    );
    // 330 s to the closing reserve, less 45 s kept for writing the sheets
    expect(budgets).toEqual([285_000]);
    expect(record.outcome).toBe('stopped');
    expect(record.notRun).toEqual(['second', 'third']);
    const { code, details } = refreshRunMessage(record);
    expect(messageFor(code, details)).toContain('Not refreshed this time: second, third');
  });

  test('fails with a message when no pull is saved', () => {
    const record = runRefresh(
      [],
      String,
      () => ({ rows: 0, bytesBilled: null }),
      clockAt(0),
      'schedule',
    );
    expect(record.outcome).toBe('failed');
    expect(messageFor(refreshRunMessage(record).code, refreshRunMessage(record).details)).toContain(
      'There is nothing to refresh yet',
    );
  });
});

describe('refreshLogRows', () => {
  test('puts the newest run first under the header and keeps the last 200', () => {
    const record = runRefresh(
      ['a'],
      String,
      () => ({ rows: 2, bytesBilled: 5 }),
      clockAt(0),
      'schedule',
    );
    const earlier = Array.from({ length: 250 }, (_, i) => ['earlier', i]);
    const rows = refreshLogRows(earlier, refreshLogRow(record, 'ok'));
    expect(rows).toHaveLength(REFRESH_LOG_RUNS + 1);
    expect(rows[0][0]).toBe('Started');
    expect(rows[1].slice(2)).toEqual(['schedule', 'ok', 1, 2, 5, 'ok']);
    expect(rows[2]).toEqual(['earlier', 0]);
    expect(rows[200]).toEqual(['earlier', 198]);
  });
});
