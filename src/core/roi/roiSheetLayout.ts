// The ROI sheet as a grid of cells: pulled figures, cost inputs and native formulas. The local
// workbook and the Google Sheet are both written from this one layout.
import { centsToText } from '../funnel/decimal';
import { FunnelResult, FunnelRow } from '../funnel/funnelRows';

/** Hours in a working year, used to turn an annual salary into an hourly rate. */
export const WORK_HOURS_PER_YEAR = 2080;

export type RoiColumnId =
  | 'campaign'
  | 'store_visitors'
  | 'product_viewers'
  | 'buyers'
  | 'orders'
  | 'revenue'
  | 'people'
  | 'hours'
  | 'hourly_rate'
  | 'annual_salary'
  | 'media_spend'
  | 'margin'
  | 'labour_cost'
  | 'cost'
  | 'profit'
  | 'roi'
  | 'roas'
  | 'cost_per_order'
  | 'status';

/** What a column holds: the key, figures from the warehouse, what a person types, or formulas. */
export type RoiColumnKind = 'key' | 'pulled' | 'input' | 'formula' | 'status';
export type CellFormat = 'text' | 'count' | 'currency' | 'percent' | 'ratio' | 'hours';

export interface RoiColumn {
  id: RoiColumnId;
  header: string;
  kind: RoiColumnKind;
  format: CellFormat;
  /** What to type, shown as a note on input headers. */
  note?: string;
  /** The formula of a data row, with `{column_id}` standing for that column's cell. */
  formula?: string;
}

const BLANK_IF = (condition: string, then: string) => `IF(${condition},"",${then})`;

/** The ROI sheet's columns, in order. Formulas leave a blank while their inputs are blank. */
export const ROI_COLUMNS: RoiColumn[] = [
  { id: 'campaign', header: 'Campaign', kind: 'key', format: 'text' },
  { id: 'store_visitors', header: 'Store visitors', kind: 'pulled', format: 'count' },
  { id: 'product_viewers', header: 'Product viewers', kind: 'pulled', format: 'count' },
  { id: 'buyers', header: 'Buyers', kind: 'pulled', format: 'count' },
  { id: 'orders', header: 'Orders', kind: 'pulled', format: 'count' },
  { id: 'revenue', header: 'Revenue', kind: 'pulled', format: 'currency' },
  {
    id: 'people',
    header: 'People',
    kind: 'input',
    format: 'count',
    note: 'How many people worked on the campaign.',
  },
  {
    id: 'hours',
    header: 'Hours each',
    kind: 'input',
    format: 'hours',
    note: 'Hours each person spent on the campaign in this period.',
  },
  {
    id: 'hourly_rate',
    header: 'Hourly rate',
    kind: 'input',
    format: 'currency',
    note: 'Cost of one person-hour. Leave blank to use the annual salary.',
  },
  {
    id: 'annual_salary',
    header: 'Annual salary',
    kind: 'input',
    format: 'currency',
    note: `Yearly salary, turned into an hourly rate over ${WORK_HOURS_PER_YEAR} hours. An hourly rate wins.`,
  },
  {
    id: 'media_spend',
    header: 'Media spend',
    kind: 'input',
    format: 'currency',
    note: 'Advertising spend for the campaign in this period.',
  },
  {
    id: 'margin',
    header: 'Margin',
    kind: 'input',
    format: 'percent',
    note: 'Gross margin on revenue, 0% to 100%. Blank means 100%.',
  },
  {
    id: 'labour_cost',
    header: 'Labour cost',
    kind: 'formula',
    format: 'currency',
    formula: BLANK_IF(
      'OR({people}="",{hours}="",AND({hourly_rate}="",{annual_salary}=""))',
      `{people}*{hours}*IF({hourly_rate}<>"",{hourly_rate},{annual_salary}/${WORK_HOURS_PER_YEAR})`,
    ),
  },
  {
    id: 'cost',
    header: 'Cost',
    kind: 'formula',
    format: 'currency',
    formula: BLANK_IF('AND({labour_cost}="",{media_spend}="")', 'SUM({labour_cost},{media_spend})'),
  },
  {
    id: 'profit',
    header: 'Profit',
    kind: 'formula',
    format: 'currency',
    formula: '{revenue}*IF({margin}="",1,{margin})',
  },
  {
    id: 'roi',
    header: 'ROI',
    kind: 'formula',
    format: 'percent',
    formula: BLANK_IF('OR({cost}="",{cost}=0)', '({profit}-{cost})/{cost}'),
  },
  {
    id: 'roas',
    header: 'ROAS',
    kind: 'formula',
    format: 'ratio',
    formula: BLANK_IF('OR({media_spend}="",{media_spend}=0)', '{revenue}/{media_spend}'),
  },
  {
    id: 'cost_per_order',
    header: 'Cost per order',
    kind: 'formula',
    format: 'currency',
    formula: BLANK_IF('OR({cost}="",{orders}=0)', '{cost}/{orders}'),
  },
  {
    id: 'status',
    header: 'Status',
    kind: 'status',
    format: 'text',
    note: 'Blank when the latest pull returned the campaign. A row marked "not in the latest pull" keeps its inputs, but the totals leave it out.',
  },
];

/** Cost inputs for one campaign as a person typed them; blanks stay blank. */
export type CostInputs = Partial<
  Record<'people' | 'hours' | 'hourly_rate' | 'annual_salary' | 'media_spend' | 'margin', number>
>;

export type CellRole = 'title' | 'subtitle' | 'header' | 'key' | RoiColumnKind | 'total';

/** One cell: a value or a formula (without the leading `=`), how it looks, and its role. */
export interface LayoutCell {
  value?: string | number | null;
  formula?: string;
  format?: CellFormat;
  role: CellRole;
  note?: string;
}

export interface RoiSheetLayout {
  title: string;
  /** Rows of cells, top to bottom; row 1 of the sheet is `rows[0]`. */
  rows: LayoutCell[][];
  columns: RoiColumn[];
  headerRow: number;
  firstCampaignRow: number;
  lastCampaignRow: number;
  totalsRow: number;
  currency: string | null;
}

/** The A1 column letters of a 0-based column index. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

const columnIndex = (id: RoiColumnId) => ROI_COLUMNS.findIndex((column) => column.id === id);

/** Fills a formula template for a sheet row: `{revenue}` becomes `F5` on row 5. */
export function rowFormula(template: string, sheetRow: number): string {
  return template.replace(/\{([a-z_]+)\}/g, (_match, id: RoiColumnId) => {
    const index = columnIndex(id);
    if (index < 0) throw new Error(`ROI formula names an unknown column: ${id}`);
    return `${columnLetter(index)}${sheetRow}`;
  });
}

export const NOT_IN_LATEST_PULL = 'not in the latest pull';

/** The ROI sheet's name and title. */
export const ROI_SHEET_TITLE = 'Campaign ROI';

/** The key cell of the totals row. */
export const TOTALS_LABEL = 'All campaigns';

/** How the line stating the period starts; a refresh finds it by this and rewrites it. */
export const PERIOD_LINE_START = 'Figures cover ';

const PERIOD_LINE_END = '. Enter costs for the same period in the shaded columns.';

/** The line under the title stating the period the figures cover. */
export function roiPeriodLine(periodText: string): string {
  return `${PERIOD_LINE_START}${periodText}${PERIOD_LINE_END}`;
}

/**
 * The period a period line states, or null when the line is not one. A line whose ending a
 * person changed still gives the text after "Figures cover ", up to the first full stop.
 *
 * @example
 * periodOfLine(roiPeriodLine('2024-01-01 to 2024-01-31 (UTC)')); // '2024-01-01 to 2024-01-31 (UTC)'
 */
export function periodOfLine(line: string): string | null {
  if (!line.startsWith(PERIOD_LINE_START)) return null;
  const rest = line.slice(PERIOD_LINE_START.length);
  if (rest.endsWith(PERIOD_LINE_END)) return rest.slice(0, -PERIOD_LINE_END.length);
  const stop = rest.indexOf('. ');
  return (stop < 0 ? rest.replace(/\.$/, '') : rest.slice(0, stop)).trim();
}

/** What the ROI sheet is built from: the campaign funnel, the period it covers, typed costs. */
export interface RoiSheetInput {
  funnel: FunnelResult;
  periodText: string;
  costs?: Map<string, CostInputs>;
}

function figureCells(row: FunnelRow | null): Partial<Record<RoiColumnId, number | null>> {
  if (!row) return {};
  return {
    store_visitors: row.storeVisitors,
    product_viewers: row.productViewers,
    buyers: row.buyers,
    orders: row.orders,
    revenue: Number(centsToText(row.revenueCents)),
  };
}

/** The pulled columns' values for one campaign, in column order. */
export function roiPulledValues(row: FunnelRow): number[] {
  const figures = figureCells(row);
  return ROI_COLUMNS.filter((column) => column.kind === 'pulled').map(
    (column) => figures[column.id] ?? 0,
  );
}

/** The formula columns of a campaign row, in column order, for its sheet row. */
export function roiRowFormulas(sheetRow: number): string[] {
  return ROI_COLUMNS.filter((column) => column.kind === 'formula').map((column) =>
    rowFormula(column.formula as string, sheetRow),
  );
}

function campaignRow(
  campaign: string,
  row: FunnelRow | null,
  inputs: CostInputs,
  sheetRow: number,
): LayoutCell[] {
  const figures = figureCells(row);
  return ROI_COLUMNS.map((column): LayoutCell => {
    switch (column.kind) {
      case 'key':
        return { value: campaign, role: 'key', format: 'text' };
      case 'pulled':
        return { value: figures[column.id] ?? null, role: 'pulled', format: column.format };
      case 'input':
        return {
          value: inputs[column.id as keyof CostInputs] ?? null,
          role: 'input',
          format: column.format,
        };
      case 'formula':
        return {
          formula: rowFormula(column.formula as string, sheetRow),
          role: 'formula',
          format: column.format,
        };
      case 'status':
        return { value: row ? '' : NOT_IN_LATEST_PULL, role: 'status', format: 'text' };
    }
  });
}

/** What the totals row adds up, shown as a note on its label. */
export const TOTALS_NOTE =
  'Visitors, viewers, buyers, orders and revenue: the all-campaigns line of the latest pull, ' +
  'each person once. Inputs, labour cost, cost and profit: summed over the rows of the latest ' +
  `pull; rows marked "${NOT_IN_LATEST_PULL}" are left out, so costs and revenue cover the same campaigns.`;

/**
 * The totals row across every column: people, orders and revenue from the all-campaigns line,
 * inputs and costs summed over the campaign rows `first` to `last` (sheet rows) whose status
 * is not "not in the latest pull", so the costs summed are those of the campaigns whose
 * revenue the totals show.
 *
 * @example
 * roiTotalsRow(funnel.allGroups, 5, 7, 8)[6].formula;
 * // 'SUMIF(S5:S7,"<>not in the latest pull",G5:G7)'
 */
export function roiTotalsRow(
  all: FunnelRow,
  first: number,
  last: number,
  sheetRow: number,
): LayoutCell[] {
  const at = (id: RoiColumnId) => `${columnLetter(columnIndex(id))}${sheetRow}`;
  const span = (id: RoiColumnId) => {
    const letter = columnLetter(columnIndex(id));
    return `${letter}${first}:${letter}${last}`;
  };
  // SUMIF skips text, so the blanks that formulas leave while inputs are missing add nothing.
  const sum = (id: RoiColumnId) =>
    last >= first ? `SUMIF(${span('status')},"<>${NOT_IN_LATEST_PULL}",${span(id)})` : '0';
  const figures = figureCells(all);
  const formulas: Partial<Record<RoiColumnId, string>> = {
    people: sum('people'),
    hours: sum('hours'),
    media_spend: sum('media_spend'),
    labour_cost: sum('labour_cost'),
    cost: sum('cost'),
    // Campaign profits are scaled to the all-campaigns revenue, which counts a person who saw
    // two campaigns once: the revenue-weighted margin times the total revenue.
    profit: `IF(${sum('revenue')}=0,0,${sum('profit')}/${sum('revenue')}*${at('revenue')})`,
    roi: BLANK_IF(`${at('cost')}=0`, `(${at('profit')}-${at('cost')})/${at('cost')}`),
    roas: BLANK_IF(`${at('media_spend')}=0`, `${at('revenue')}/${at('media_spend')}`),
    cost_per_order: BLANK_IF(
      `OR(${at('cost')}=0,${at('orders')}=0)`,
      `${at('cost')}/${at('orders')}`,
    ),
  };
  return ROI_COLUMNS.map((column): LayoutCell => {
    if (column.id === 'campaign') {
      return { value: TOTALS_LABEL, role: 'total', format: 'text', note: TOTALS_NOTE };
    }
    const formula = formulas[column.id];
    if (formula) return { formula, role: 'total', format: column.format };
    return { value: figures[column.id] ?? null, role: 'total', format: column.format };
  });
}

/**
 * Lays out the ROI sheet: a title, the period the figures cover, a header, one row per
 * campaign (campaigns that only have typed costs keep their row, marked), and a totals row
 * whose people, orders and revenue come from the all-campaigns line.
 *
 * @example
 * buildRoiSheetLayout({ funnel, periodText: '2024-01-01 to 2024-01-31 (UTC)' }).rows[4][0];
 * // { value: 'spring sale', role: 'key', format: 'text' }
 */
export function buildRoiSheetLayout(input: RoiSheetInput): RoiSheetLayout {
  const costs = input.costs ?? new Map<string, CostInputs>();
  const byCampaign = new Map(input.funnel.rows.map((row) => [row.keys.campaign ?? '', row]));
  const campaigns = [...byCampaign.keys()];
  for (const campaign of costs.keys()) {
    if (!byCampaign.has(campaign)) campaigns.push(campaign);
  }
  const headerRow = 4;
  const firstCampaignRow = headerRow + 1;
  const lastCampaignRow = headerRow + campaigns.length;
  const totalsSheetRow = lastCampaignRow + 1;

  const rows: LayoutCell[][] = [
    [{ value: ROI_SHEET_TITLE, role: 'title' }],
    [{ value: roiPeriodLine(input.periodText), role: 'subtitle' }],
    [],
    ROI_COLUMNS.map((column) => ({ value: column.header, role: 'header', note: column.note })),
    ...campaigns.map((campaign, i) =>
      campaignRow(
        campaign,
        byCampaign.get(campaign) ?? null,
        costs.get(campaign) ?? {},
        firstCampaignRow + i,
      ),
    ),
    roiTotalsRow(input.funnel.allGroups, firstCampaignRow, lastCampaignRow, totalsSheetRow),
  ];
  return {
    title: ROI_SHEET_TITLE,
    rows,
    columns: ROI_COLUMNS,
    headerRow,
    firstCampaignRow,
    lastCampaignRow,
    totalsRow: totalsSheetRow,
    currency: input.funnel.currency,
  };
}
