// When the scheduled refresh runs: the choices the sidebar offers, checked against what an
// editor add-on's time-driven trigger may do.
import { ProductError } from '../productError';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The hour counts Apps Script's `everyHours` accepts. */
export const EVERY_HOURS_CHOICES = [1, 2, 4, 6, 8, 12] as const;

/** A checked schedule. Hours of the day are in the spreadsheet's time zone. */
export type RefreshSchedule =
  | { kind: 'off' }
  | { kind: 'hourly'; everyHours: number }
  | { kind: 'daily'; hour: number }
  | { kind: 'weekly'; weekday: Weekday; hour: number };

/** A schedule as the sidebar sends it; any field may be missing or of the wrong type. */
export interface RefreshScheduleRequest {
  kind?: unknown;
  everyHours?: unknown;
  everyMinutes?: unknown;
  hour?: unknown;
  weekday?: unknown;
}

function wholeNumber(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : null;
}

function hourOfDay(value: unknown): number {
  const hour = wholeNumber(value);
  if (hour === null || hour < 0 || hour > 23) {
    throw new ProductError('refresh/bad-hour', { value });
  }
  return hour;
}

/**
 * Checks a schedule from the sidebar. Anything more often than once an hour is refused with
 * `refresh/too-frequent`: Google runs an editor add-on's time-driven trigger at most hourly.
 *
 * @example
 * parseRefreshSchedule({ kind: 'weekly', weekday: 'monday', hour: '7' });
 * // { kind: 'weekly', weekday: 'monday', hour: 7 }
 * parseRefreshSchedule({ kind: 'minutes', everyMinutes: 15 }); // throws refresh/too-frequent
 */
export function parseRefreshSchedule(request: RefreshScheduleRequest): RefreshSchedule {
  switch (request.kind) {
    case 'off':
      return { kind: 'off' };
    case 'minutes':
      throw new ProductError('refresh/too-frequent', { minutes: request.everyMinutes });
    case 'hourly': {
      const hours = request.everyHours === undefined ? 1 : Number(request.everyHours);
      if (!Number.isFinite(hours) || hours < 1) {
        throw new ProductError('refresh/too-frequent', { minutes: Math.round(hours * 60) });
      }
      if (!(EVERY_HOURS_CHOICES as readonly number[]).includes(hours)) {
        throw new ProductError('refresh/bad-every-hours', {
          value: request.everyHours,
          allowed: EVERY_HOURS_CHOICES,
        });
      }
      return { kind: 'hourly', everyHours: hours };
    }
    case 'daily':
      return { kind: 'daily', hour: hourOfDay(request.hour) };
    case 'weekly': {
      const weekday = String(request.weekday ?? '').toLowerCase();
      if (!(WEEKDAYS as readonly string[]).includes(weekday)) {
        throw new ProductError('refresh/bad-weekday', { value: request.weekday });
      }
      return { kind: 'weekly', weekday: weekday as Weekday, hour: hourOfDay(request.hour) };
    }
    default:
      throw new ProductError('refresh/unknown-schedule', { value: request.kind });
  }
}

const titleCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const clockHour = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * The schedule in words, for the sidebar and the log.
 *
 * @example
 * describeRefreshSchedule({ kind: 'daily', hour: 6 }, 'Europe/Paris');
 * // 'every day at about 06:00 (Europe/Paris)'
 */
export function describeRefreshSchedule(schedule: RefreshSchedule, timeZone: string): string {
  switch (schedule.kind) {
    case 'off':
      return 'off';
    case 'hourly':
      return schedule.everyHours === 1 ? 'every hour' : `every ${schedule.everyHours} hours`;
    case 'daily':
      return `every day at about ${clockHour(schedule.hour)} (${timeZone})`;
    case 'weekly':
      return `every ${titleCase(schedule.weekday)} at about ${clockHour(schedule.hour)} (${timeZone})`;
  }
}
