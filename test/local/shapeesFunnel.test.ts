// The funnel on real Segment events (the Shapees export in ../shared/data/shapees), checked
// against a naive loop-by-loop reading of the rules in test/support/referenceFunnel.ts.
import * as fs from 'fs';
import * as path from 'path';
import { GroupingKey, resolveFunnelSpec } from '../../src/core/funnel/funnelOptions';
import { parseCsv } from '../../src/core/csvText';
import {
  inspectFunnelTables,
  loadTableFolder,
  LocalWarehouse,
  openWarehouse,
  runLocalFunnel,
} from '../../src/local/duckdbWarehouse';
import { asExpected } from '../support/fixtureWarehouse';
import { ReferenceEvent, referenceFunnel } from '../support/referenceFunnel';

// The data lives beside the project (as in CI); SHAPEES_DATA names another folder.
const SHAPEES = path.resolve(
  process.env.SHAPEES_DATA ?? path.join(__dirname, '../../../shared/data/shapees'),
);
const haveShapees = fs.existsSync(path.join(SHAPEES, 'pages.csv'));
if (!haveShapees) {
  console.warn(`The Shapees checks are skipped: no pages.csv in ${SHAPEES} (set SHAPEES_DATA).`);
}

function readEvents(table: string): ReferenceEvent[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(SHAPEES, `${table}.csv`), 'utf8'));
  const column = (row: string[], name: string) => {
    const index = header.indexOf(name);
    return index < 0 ? null : (row[index] ?? null);
  };
  return rows.map((row) => ({
    id: column(row, 'id'),
    userId: column(row, 'user_id'),
    anonymousId: column(row, 'anonymous_id'),
    at: column(row, 'received_at') ? Date.parse(column(row, 'received_at') as string) : null,
    url: column(row, 'url'),
    keys: {
      campaign: column(row, 'context_campaign_name'),
      source: column(row, 'context_campaign_source'),
      medium: column(row, 'context_campaign_medium'),
      content: column(row, 'context_campaign_content'),
      term: column(row, 'context_campaign_term'),
    },
    orderId: column(row, 'order_id'),
    total: column(row, 'total'),
  }));
}

const byKeys = <T extends { keys: Record<string, string> }>(rows: T[]) =>
  [...rows].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));

(haveShapees ? describe : describe.skip)(
  haveShapees
    ? 'funnel on the Shapees events'
    : 'funnel on the Shapees events (skipped: no shared/data/shapees beside the project; set SHAPEES_DATA to its folder)',
  () => {
    let warehouse: LocalWarehouse;
    const pages = haveShapees ? readEvents('pages') : [];
    const views = haveShapees ? readEvents('product_viewed') : [];
    const orders = haveShapees ? readEvents('order_completed') : [];

    beforeAll(async () => {
      warehouse = await openWarehouse();
      await loadTableFolder(warehouse, SHAPEES);
    });
    afterAll(() => warehouse.close());

    test.each([
      [['campaign'], null],
      [['source', 'medium'], null],
      [['medium'], 'shapees'],
    ] as [GroupingKey[], string | null][])(
      'matches the naive reading when grouped by %j with store pattern %s',
      async (groupBy, storeUrlPattern) => {
        const spec = resolveFunnelSpec({ groupBy, storeUrlPattern });
        const { columns } = await inspectFunnelTables(warehouse, spec);
        const result = await runLocalFunnel(warehouse, spec, columns);
        const expected = referenceFunnel(pages, views, orders, {
          groupBy,
          windowMs: 30 * 86_400_000,
          skewMs: 60_000,
          storeUrlPattern,
        });
        expect(byKeys(result.rows.map(asExpected))).toEqual(byKeys(expected.rows));
        const { keys: _keys, ...all } = asExpected(result.allGroups);
        const { keys: _none, ...expectedAll } = expected.all;
        expect(all).toEqual(expectedAll);
        expect(result.rows.length).toBeGreaterThan(5);
        expect(result.allGroups.orders).toBeGreaterThan(0);
      },
    );

    test('folds the two spellings of a PMax campaign into one row', async () => {
      const spellings = new Set(
        pages
          .map((page) => page.keys?.campaign ?? '')
          .filter((campaign) => campaign.includes('PMax:') && campaign.includes('Escalado')),
      );
      expect(spellings).toEqual(
        new Set([
          '20129575148-PMax:+SHP_Smart_Top_Products_Escalado--ADSETNAME--',
          '20129575148-PMax: SHP_Smart_Top_Products_Escalado--ADSETNAME--',
        ]),
      );
      const spec = resolveFunnelSpec({});
      const { columns } = await inspectFunnelTables(warehouse, spec);
      const result = await runLocalFunnel(warehouse, spec, columns);
      const rows = result.rows.filter((row) => row.keys.campaign?.includes('escalado'));
      expect(rows.map((row) => row.keys.campaign)).toEqual([
        '20129575148-pmax: shp_smart_top_products_escalado--adsetname--',
      ]);
    });
  },
);
