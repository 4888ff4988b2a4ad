// A deliberately naive reading of the funnel rules, written straight from their wording with
// loops over people and events: an independent check on the SQL, usable on small real data.
import type { GroupingKey } from '../../src/core/funnel/funnelOptions';

export interface ReferenceEvent {
  id: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** Milliseconds since the epoch, or null when the time is missing. */
  at: number | null;
  url?: string | null;
  keys?: Partial<Record<GroupingKey, string | null>>;
  orderId?: string | null;
  total?: string | null;
}

export interface ReferenceOptions {
  groupBy: GroupingKey[];
  windowMs: number;
  skewMs: number;
  storeUrlPattern: string | null;
}

export interface ReferenceRow {
  keys: Record<string, string>;
  visits: number;
  store_visitors: number;
  product_viewers: number;
  buyers: number;
  orders: number;
  revenue: string;
  orders_missing_total: number;
}

// Missing means absent, empty or whitespace only; a present id is used as written.
const blankToNull = (text: string | null | undefined) =>
  text === null || text === undefined || /^[ \t\n\f\r]*$/.test(text) ? null : text;

const normalize = (text: string | null | undefined) => {
  const value = blankToNull(text);
  if (value === null) return null;
  const folded = value
    .split('+')
    .join(' ')
    .split(/[ \t\n\f\r\u00a0]+/)
    .join(' ')
    .trim()
    .toLowerCase();
  return folded === '' ? null : folded;
};

function firstCopies(events: ReferenceEvent[]): ReferenceEvent[] {
  const byId = new Map<string, ReferenceEvent[]>();
  const kept: ReferenceEvent[] = [];
  for (const event of events) {
    const id = blankToNull(event.id);
    if (id === null) kept.push(event);
    else byId.set(id, [...(byId.get(id) ?? []), event]);
  }
  const missingFirst = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
  for (const copies of byId.values()) {
    copies.sort(
      (a, b) =>
        (a.at ?? Infinity) - (b.at ?? Infinity) ||
        missingFirst(blankToNull(a.userId), blankToNull(b.userId)) ||
        missingFirst(blankToNull(a.anonymousId), blankToNull(b.anonymousId)),
    );
    kept.push(copies[0]);
  }
  return kept;
}

const personOf = (event: ReferenceEvent) =>
  blankToNull(event.userId) ?? blankToNull(event.anonymousId);

/** Billionths of a decimal text, exactly; null when it is not a number. */
function nanos(text: string | null | undefined): bigint | null {
  const value = blankToNull(text)?.trim() ?? null;
  if (value === null || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) return null;
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace(/^[+-]/, '').split('.');
  const magnitude = BigInt((whole || '0') + (fraction + '000000000').slice(0, 9));
  return negative ? -magnitude : magnitude;
}

/** Billionths as money with two places, rounded half away from zero. */
const money = (value: bigint) => {
  const magnitude = value < 0n ? -value : value;
  const cents = (magnitude + 5_000_000n) / 10_000_000n;
  const digits = cents.toString().padStart(3, '0');
  return `${value < 0n && cents > 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

/** Whether copy `a` of an order comes before copy `b`. */
function firstCopyOfOrder(a: ReferenceEvent, b: ReferenceEvent): boolean {
  if (a.at !== b.at) return a.at! < b.at!;
  const [idA, idB] = [blankToNull(a.id), blankToNull(b.id)];
  if (idA !== idB) return idB === null || (idA !== null && idA < idB);
  const [totalA, totalB] = [nanos(a.total), nanos(b.total)];
  if (totalA === totalB) return false;
  return totalB === null || (totalA !== null && totalA < totalB);
}

/** The funnel per group, plus the all-campaigns line under the key '*'. */
export function referenceFunnel(
  pages: ReferenceEvent[],
  views: ReferenceEvent[],
  orders: ReferenceEvent[],
  options: ReferenceOptions,
): { rows: ReferenceRow[]; all: ReferenceRow } {
  const usable = (events: ReferenceEvent[]) =>
    firstCopies(events).filter((e) => personOf(e) !== null && e.at !== null);
  const pattern = options.storeUrlPattern?.toLowerCase() ?? null;
  const touches = usable(pages)
    .map((e) => ({ event: e, keys: options.groupBy.map((k) => normalize(e.keys?.[k])) }))
    .filter(({ keys }) => keys.every((k) => k !== null))
    .filter(({ event }) => pattern === null || (event.url ?? '').toLowerCase().includes(pattern));
  const viewsOf = new Map<string, number[]>();
  for (const v of usable(views)) {
    viewsOf.set(personOf(v)!, [...(viewsOf.get(personOf(v)!) ?? []), v.at!]);
  }
  const ordersOf = new Map<string, ReferenceEvent[]>();
  for (const o of usable(orders)) {
    ordersOf.set(personOf(o)!, [...(ordersOf.get(personOf(o)!) ?? []), o]);
  }

  const groups = new Map<string, { keys: string[]; touches: ReferenceEvent[] }>();
  for (const { event, keys } of touches) {
    for (const groupKey of [JSON.stringify(keys), '*']) {
      const group = groups.get(groupKey) ?? {
        keys: groupKey === '*' ? [] : (keys as string[]),
        touches: [],
      };
      group.touches.push(event);
      groups.set(groupKey, group);
    }
  }

  const { windowMs: W, skewMs: S } = options;
  const rows: ReferenceRow[] = [];
  let all: ReferenceRow | null = null;
  for (const [groupKey, group] of groups) {
    const people = new Set(group.touches.map((t) => personOf(t)!));
    const viewers = new Set<string>();
    const copies: { key: string; person: string; order: ReferenceEvent }[] = [];
    for (const person of people) {
      const touchTimes = group.touches.filter((t) => personOf(t) === person).map((t) => t.at!);
      const viewTimes = viewsOf.get(person) ?? [];
      const pairs: [number, number][] = [];
      for (const t of touchTimes) {
        for (const v of viewTimes) if (t - S <= v && v <= t + W) pairs.push([t, v]);
      }
      if (pairs.length) viewers.add(person);
      const theirOrders = [...(ordersOf.get(person) ?? [])].sort(
        (a, b) => a.at! - b.at! || String(a.id).localeCompare(String(b.id)),
      );
      theirOrders.forEach((o, index) => {
        const counts = pairs.some(([t, v]) => v - S <= o.at! && o.at! <= t + W);
        if (!counts) return;
        const key = blankToNull(o.orderId) ?? blankToNull(o.id) ?? `${person}#${index}`;
        copies.push({ key, person, order: o });
      });
    }
    // Every counted copy makes its person a buyer; an order key is one order, its amount taken
    // from the first copy: earliest, then the smaller message id (missing last), then the one
    // with a total, the smaller.
    const counted = new Map<string, ReferenceEvent>();
    for (const { key, order } of copies) {
      const kept = counted.get(key);
      if (!kept || firstCopyOfOrder(order, kept)) counted.set(key, order);
    }
    let revenue = 0n;
    let missing = 0;
    for (const order of counted.values()) {
      const value = nanos(order.total);
      if (value === null) missing++;
      else revenue += value;
    }
    const row: ReferenceRow = {
      keys: Object.fromEntries(options.groupBy.map((k, i) => [k, group.keys[i]])),
      visits: group.touches.length,
      store_visitors: people.size,
      product_viewers: viewers.size,
      buyers: new Set(copies.map((copy) => copy.person)).size,
      orders: counted.size,
      revenue: money(revenue),
      orders_missing_total: missing,
    };
    if (groupKey === '*') all = { ...row, keys: {} };
    else rows.push(row);
  }
  return {
    rows,
    all: all ?? {
      keys: {},
      visits: 0,
      store_visitors: 0,
      product_viewers: 0,
      buyers: 0,
      orders: 0,
      revenue: '0.00',
      orders_missing_total: 0,
    },
  };
}
