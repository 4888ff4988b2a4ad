// The sidebar's settings: reading what the form sends, date presets in the spreadsheet's zone,
// and the funnel request a pull runs.
import { resolveFunnelSpec } from '../../../src/core/funnel/funnelOptions';
import { describeError } from '../../../src/core/messages';
import {
  DEFAULT_PULL_SETTINGS,
  funnelRequestFor,
  normalizeLocation,
  presetDays,
  readPullSettings,
  settingsCapBytes,
  todayIn,
} from '../../../src/core/pull/pullSettings';

const WHERE = { project: 'my-project', dataset: 'segment' };

describe('readPullSettings', () => {
  test('fills every default around the two fields a pull cannot do without', () => {
    expect(readPullSettings(WHERE)).toEqual({ ...DEFAULT_PULL_SETTINGS, ...WHERE });
  });

  test('trims text, drops blank campaigns, orders grouping keys and reads numbers typed as text', () => {
    const settings = readPullSettings({
      ...WHERE,
      name: '  June channels ',
      location: 'eu',
      groupBy: ['medium', 'source'],
      campaigns: [' spring sale ', '', 'spring sale', 'brunch'],
      storeUrlPattern: ' /shop ',
      windowDays: '7',
      maxGigabytesBilled: '2.5',
    });
    expect(settings).toMatchObject({
      name: 'June channels',
      location: 'EU',
      groupBy: ['source', 'medium'],
      campaigns: ['spring sale', 'brunch'],
      storeUrlPattern: '/shop',
      windowDays: 7,
      maxGigabytesBilled: 2.5,
    });
    expect(settingsCapBytes(settings)).toBe(2_500_000_000n);
  });

  test('keeps custom dates only for the custom preset', () => {
    expect(readPullSettings({ ...WHERE, from: '2024-01-01', to: '2024-01-31' })).toMatchObject({
      datePreset: 'last30',
      from: '',
      to: '',
    });
    expect(
      readPullSettings({ ...WHERE, datePreset: 'custom', from: '2024-01-01', to: '2024-01-31' }),
    ).toMatchObject({ from: '2024-01-01', to: '2024-01-31' });
  });

  test.each<[string, Record<string, unknown>, string, string]>([
    ['no project', { project: '' }, 'project', 'pull/missing-setting'],
    ['no dataset', { project: 'my-project', dataset: '  ' }, 'dataset', 'pull/missing-setting'],
    ['a sheet name with a slash', { name: 'June/July' }, 'name', 'pull/bad-name'],
    ['a location that is not one', { location: 'Mars' }, 'location', 'pull/bad-location'],
    ['an unknown preset', { datePreset: 'yesterday' }, 'datePreset', 'pull/bad-date-preset'],
    [
      'custom dates without a start',
      { datePreset: 'custom', to: '2024-01-31' },
      'from',
      'pull/missing-setting',
    ],
    [
      'custom dates without an end',
      { datePreset: 'custom', from: '2024-01-01' },
      'to',
      'pull/missing-setting',
    ],
    ['no grouping key', { groupBy: [] }, 'groupBy', 'funnel/no-grouping-key'],
    ['an unknown grouping key', { groupBy: ['channel'] }, 'groupBy', 'funnel/unknown-grouping-key'],
    ['a window that is not a number', { windowDays: 'a month' }, 'windowDays', 'pull/not-a-number'],
    ['a window in fractions of a day', { windowDays: 1.5 }, 'windowDays', 'pull/bad-window'],
    ['a window of more than a year', { windowDays: 400 }, 'windowDays', 'pull/bad-window'],
    ['a cap of zero', { maxGigabytesBilled: 0 }, 'maxGigabytesBilled', 'pull/bad-cap'],
    ['a negative cap', { maxGigabytesBilled: '-1' }, 'maxGigabytesBilled', 'pull/bad-cap'],
  ])('rejects %s, naming the field and saying what to do', (_what, given, field, code) => {
    let thrown: unknown;
    try {
      readPullSettings({ ...WHERE, ...given });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code, details: { field } });
    expect(describeError(thrown)).not.toMatch(/Unexpected problem/);
  });

  describe('refuses the name of a sheet the add-on writes itself, in any case', () => {
    test.each([
      ['Refresh log', 'Refresh log'],
      ['refresh LOG', 'Refresh log'],
      ['  Refresh log  ', 'Refresh log'],
      ['Campaign ROI', 'Campaign ROI'],
      ['campaign roi', 'Campaign ROI'],
    ])('refuses %j, naming the sheet %j', (name, sheet) => {
      let thrown: unknown;
      try {
        readPullSettings({ ...WHERE, name });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: 'pull/addon-sheet-name', details: { field: 'name' } });
      expect(describeError(thrown)).toBe(
        `"${name.trim()}" cannot name a pull and its sheet: the add-on writes its own sheet "${sheet}" under that name (sheet names ignore case). Give the pull another name.`,
      );
    });

    test.each(['Refresh log June', 'Campaign ROI pull', 'Refresh-log', 'ROI'])(
      'takes %j, which is another name',
      (name) => {
        expect(readPullSettings({ ...WHERE, name }).name).toBe(name);
      },
    );
  });

  test('reads anything that is not an object as empty settings', () => {
    expect(() => readPullSettings('project=x')).toThrow(
      expect.objectContaining({ code: 'pull/missing-setting' }),
    );
  });
});

describe('normalizeLocation', () => {
  test.each([
    ['us', 'US'],
    ['EU', 'EU'],
    ['Europe-West2', 'europe-west2'],
    ['northamerica-northeast1', 'northamerica-northeast1'],
  ])('writes %s as %s', (given, written) => {
    expect(normalizeLocation(given)).toBe(written);
  });
});

describe('presetDays', () => {
  // Worked out on a calendar: "last N days" are the N days before today.
  test.each<[Parameters<typeof presetDays>[0], string, string, string]>([
    ['last7', '2024-03-15', '2024-03-08', '2024-03-14'],
    ['last30', '2024-03-15', '2024-02-14', '2024-03-14'],
    ['last90', '2024-03-15', '2023-12-16', '2024-03-14'],
    ['last7', '2024-01-03', '2023-12-27', '2024-01-02'],
    ['thisMonth', '2024-03-15', '2024-03-01', '2024-03-15'],
    ['thisMonth', '2024-03-01', '2024-03-01', '2024-03-01'],
    ['lastMonth', '2024-03-15', '2024-02-01', '2024-02-29'],
    ['lastMonth', '2023-03-31', '2023-02-01', '2023-02-28'],
    ['lastMonth', '2024-01-10', '2023-12-01', '2023-12-31'],
  ])('%s on %s covers %s to %s', (preset, today, from, to) => {
    expect(presetDays(preset, today)).toEqual({ from, to });
  });
});

describe('todayIn', () => {
  test.each([
    ['2024-03-31T23:30:00Z', 'Europe/Paris', '2024-04-01'],
    ['2024-03-31T23:30:00Z', 'UTC', '2024-03-31'],
    ['2024-04-01T03:00:00Z', 'America/Los_Angeles', '2024-03-31'],
    ['2024-04-01T11:00:00Z', 'Pacific/Kiritimati', '2024-04-02'],
  ])('at %s the day in %s is %s', (instant, zone, day) => {
    expect(todayIn(new Date(instant), zone)).toBe(day);
  });
});

describe('funnelRequestFor', () => {
  test('turns the preset into days in the spreadsheet zone, bounded in UTC by the funnel', () => {
    const settings = readPullSettings({ ...WHERE, datePreset: 'lastMonth', location: 'EU' });
    const request = funnelRequestFor(settings, 'Europe/Paris', '2024-04-10');
    expect(request).toMatchObject({
      project: 'my-project',
      dataset: 'segment',
      from: '2024-03-01',
      to: '2024-03-31',
      timeZone: 'Europe/Paris',
      storeUrlPattern: null,
    });
    // March in Paris starts at 23:00 UTC on the last of February (UTC+1) and ends at
    // 22:00 UTC on the 31st (summer time, UTC+2, from the 31st).
    const spec = resolveFunnelSpec(request);
    expect(spec.from?.toISOString()).toBe('2024-02-29T23:00:00.000Z');
    expect(spec.toExclusive?.toISOString()).toBe('2024-03-31T22:00:00.000Z');
  });

  test('rejects custom dates that are not dates, before any query', () => {
    const settings = readPullSettings({
      ...WHERE,
      datePreset: 'custom',
      from: '2024-02-30',
      to: '2024-03-01',
    });
    expect(() => funnelRequestFor(settings, 'UTC', '2024-04-10')).toThrow(
      expect.objectContaining({ code: 'funnel/bad-date' }),
    );
  });
});
