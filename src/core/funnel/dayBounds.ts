// Turning calendar days in a time zone into UTC instants, with no date library.
import { ProductError } from '../productError';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks that a time zone is an IANA name the runtime knows. */
export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
  } catch {
    throw new ProductError('funnel/bad-time-zone', { value: timeZone });
  }
  return timeZone;
}

/** The calendar fields a clock in the zone shows at an instant (hours 0 to 23). */
export function wallClockFields(
  instant: number | Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const field = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

/** Milliseconds to add to a UTC instant to get the wall-clock time in the zone. */
function zoneOffsetMillis(instant: number, timeZone: string): number {
  const clock = wallClockFields(instant, timeZone);
  const wallClock = Date.UTC(
    Number(clock.year),
    Number(clock.month) - 1,
    Number(clock.day),
    Number(clock.hour),
    Number(clock.minute),
    Number(clock.second),
  );
  return wallClock - Math.floor(instant / 1000) * 1000;
}

/** Parses YYYY-MM-DD into its numbers, rejecting impossible dates such as 2024-02-30. */
export function parseCalendarDay(text: string, option: string): [number, number, number] {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) throw new ProductError('funnel/bad-date', { option, value: text });
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new ProductError('funnel/bad-date', { option, value: text });
  }
  return [year, month, day];
}

/**
 * The UTC instant at which a calendar day starts in a time zone (midnight, or the first
 * moment after a daylight-saving gap).
 *
 * @example
 * dayStartInstant([2024, 3, 31], 'Europe/Paris').toISOString(); // '2024-03-30T23:00:00.000Z'
 */
export function dayStartInstant(day: [number, number, number], timeZone: string): Date {
  const wallMidnight = Date.UTC(day[0], day[1] - 1, day[2]);
  let instant = wallMidnight - zoneOffsetMillis(wallMidnight, timeZone);
  // A second pass settles days whose offset differs from the offset at UTC midnight.
  instant = wallMidnight - zoneOffsetMillis(instant, timeZone);
  return new Date(instant);
}

/** The calendar day after the given one. */
export function nextCalendarDay(day: [number, number, number]): [number, number, number] {
  const next = new Date(Date.UTC(day[0], day[1] - 1, day[2] + 1));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
}
