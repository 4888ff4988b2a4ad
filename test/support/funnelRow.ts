// A funnel row for tests: every figure zero unless given.
import { FunnelRow } from '../../src/core/funnel/funnelRows';

export function funnelRow(keys: FunnelRow['keys'], figures: Partial<FunnelRow> = {}): FunnelRow {
  return {
    keys,
    visits: 0,
    storeVisitors: 0,
    productViewers: 0,
    buyers: 0,
    orders: 0,
    revenueCents: 0n,
    ordersMissingTotal: 0,
    ordersUnreadableTotal: 0,
    ...figures,
  };
}
