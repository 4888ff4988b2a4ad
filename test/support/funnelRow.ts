// A funnel row for tests: every figure zero unless given.
import { emptyFunnelRow, FunnelRow } from '../../src/core/funnel/funnelRows';

export const funnelRow = (
  keys: FunnelRow['keys'],
  figures: Partial<FunnelRow> = {},
): FunnelRow => ({
  ...emptyFunnelRow(),
  keys,
  ...figures,
});
