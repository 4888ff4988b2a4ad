// The schedules the sidebar may ask for, and the ones Google would refuse.
import { describeError, hasMessage } from '../../../src/core/messages';
import { ProductError } from '../../../src/core/productError';
import {
  describeRefreshSchedule,
  parseRefreshSchedule,
  RefreshScheduleRequest,
} from '../../../src/core/refresh/refreshSchedule';

describe('parseRefreshSchedule', () => {
  test.each<[string, RefreshScheduleRequest, unknown]>([
    ['returns off', { kind: 'off' }, { kind: 'off' }],
    ['returns every hour by default', { kind: 'hourly' }, { kind: 'hourly', everyHours: 1 }],
    [
      'returns every 6 hours',
      { kind: 'hourly', everyHours: '6' },
      { kind: 'hourly', everyHours: 6 },
    ],
    ['returns daily at an hour', { kind: 'daily', hour: 0 }, { kind: 'daily', hour: 0 }],
    [
      'returns weekly on a day at an hour, any case',
      { kind: 'weekly', weekday: 'Friday', hour: '23' },
      { kind: 'weekly', weekday: 'friday', hour: 23 },
    ],
  ])('%s', (_what, request, expected) => {
    expect(parseRefreshSchedule(request)).toEqual(expected);
  });

  test.each<[string, RefreshScheduleRequest, string]>([
    ['rejects minutes', { kind: 'minutes', everyMinutes: 15 }, 'refresh/too-frequent'],
    ['rejects half an hour', { kind: 'hourly', everyHours: 0.5 }, 'refresh/too-frequent'],
    ['rejects zero hours', { kind: 'hourly', everyHours: 0 }, 'refresh/too-frequent'],
    [
      'rejects 3 hours, which Apps Script cannot do',
      { kind: 'hourly', everyHours: 3 },
      'refresh/bad-every-hours',
    ],
    ['rejects hour 24', { kind: 'daily', hour: 24 }, 'refresh/bad-hour'],
    ['rejects a fractional hour', { kind: 'daily', hour: 6.5 }, 'refresh/bad-hour'],
    ['rejects a missing hour', { kind: 'weekly', weekday: 'monday' }, 'refresh/bad-hour'],
    [
      'rejects an unknown day',
      { kind: 'weekly', weekday: 'funday', hour: 3 },
      'refresh/bad-weekday',
    ],
    ['rejects an unknown kind', { kind: 'monthly' }, 'refresh/unknown-schedule'],
  ])('%s', (_what, request, code) => {
    let thrown: unknown;
    try {
      parseRefreshSchedule(request);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProductError);
    expect((thrown as ProductError).code).toBe(code);
    expect(hasMessage(code)).toBe(true);
  });

  test('says why faster than hourly is refused', () => {
    let thrown: unknown;
    try {
      parseRefreshSchedule({ kind: 'minutes', everyMinutes: 15 });
    } catch (error) {
      thrown = error;
    }
    expect(describeError(thrown)).toBe(
      "A refresh every 15 minutes is more often than Google allows: an add-on's scheduled run happens at most once an hour. Choose every hour or less often.",
    );
  });
});

describe('describeRefreshSchedule', () => {
  test.each([
    [{ kind: 'off' as const }, 'off'],
    [{ kind: 'hourly' as const, everyHours: 1 }, 'every hour'],
    [{ kind: 'hourly' as const, everyHours: 4 }, 'every 4 hours'],
    [{ kind: 'daily' as const, hour: 6 }, 'every day at about 06:00 (Europe/Paris)'],
    [
      { kind: 'weekly' as const, weekday: 'monday' as const, hour: 18 },
      'every Monday at about 18:00 (Europe/Paris)',
    ],
  ])('describes %j as "%s"', (schedule, text) => {
    expect(describeRefreshSchedule(schedule, 'Europe/Paris')).toBe(text);
  });
});
