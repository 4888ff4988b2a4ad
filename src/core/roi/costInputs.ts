// Cost inputs typed in a CSV file keyed by campaign, and the template a marketer fills in.
import { parseTextNumber } from '../customFunctions/textNumber';
import { parseCsv, readSpreadsheetSafeField, spreadsheetSafeField } from '../csvText';
import { normalizeKeyValue } from '../funnel/funnelOptions';
import { ProductError } from '../productError';
import { CostInputs } from './roiSheetLayout';

export const COST_INPUT_COLUMNS = [
  'people',
  'hours',
  'hourly_rate',
  'annual_salary',
  'media_spend',
  'margin',
] as const;
export type CostInputColumn = (typeof COST_INPUT_COLUMNS)[number];

/** A cell of the costs file that could not be used; the run goes on without it. */
export interface CostProblem {
  code: string;
  details: Record<string, unknown>;
}

const headerName = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function readCost(text: string, column: CostInputColumn): number | CostProblem['code'] | null {
  const reading = parseTextNumber(text);
  if (reading.kind === 'blank') return null;
  if (reading.kind === 'ambiguous') return 'costs/ambiguous-number';
  if (reading.kind !== 'number') return 'costs/unreadable-number';
  if (reading.value < 0) return 'costs/negative-number';
  if (column !== 'margin') return reading.percent ? 'costs/percent-not-allowed' : reading.value;
  if (!reading.percent && reading.value > 1) return 'costs/margin-looks-like-percent';
  if (reading.value > 1) return 'costs/margin-above-100';
  return reading.value;
}

/**
 * Reads a costs file: a `campaign` column and any of the input columns. Campaigns are
 * normalised like the funnel's keys so `Spring+Sale` finds `spring sale`. Every cell that does
 * not read is reported with its line and column; the caller decides what to do with the rest.
 * Semicolon-separated files are read too.
 *
 * @example
 * parseCostInputs('campaign,media_spend,margin\nSpring+Sale,"$1,200",40%\n', 'costs.csv', true);
 * // costs: spring sale -> { media_spend: 1200, margin: 0.4 }, problems: []
 */
export function parseCostInputs(
  text: string,
  file: string,
  normalize: boolean,
): { costs: Map<string, CostInputs>; problems: CostProblem[] } {
  // Spreadsheet programs in many European locales save CSV with semicolons.
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const [header, ...rows] = parseCsv(text, { delimiter });
  const names = (header ?? []).map(headerName);
  const campaignIndex = names.indexOf('campaign');
  if (campaignIndex < 0) throw new ProductError('costs/no-campaign-column', { file });
  const unknown = names.filter(
    (name, i) =>
      i !== campaignIndex &&
      name !== '' &&
      !(COST_INPUT_COLUMNS as readonly string[]).includes(name),
  );
  if (unknown.length) {
    throw new ProductError('costs/unknown-columns', {
      file,
      columns: unknown,
      allowed: COST_INPUT_COLUMNS,
    });
  }

  const costs = new Map<string, CostInputs>();
  const firstRowOf = new Map<string, number>();
  const problems: CostProblem[] = [];
  rows.forEach((fields, index) => {
    const line = index + 2;
    const written = readSpreadsheetSafeField(fields[campaignIndex] ?? '');
    const campaign = normalize ? normalizeKeyValue(written) : written.trim() || null;
    if (!campaign) {
      problems.push({ code: 'costs/row-without-campaign', details: { file, line } });
      return;
    }
    if (firstRowOf.has(campaign)) {
      problems.push({
        code: 'costs/repeated-campaign',
        details: { file, campaign, line, firstLine: firstRowOf.get(campaign) },
      });
      return;
    }
    firstRowOf.set(campaign, line);
    const inputs: CostInputs = {};
    names.forEach((name, i) => {
      if (i === campaignIndex || !(COST_INPUT_COLUMNS as readonly string[]).includes(name)) return;
      const column = name as CostInputColumn;
      const value = readCost(fields[i] ?? '', column);
      if (typeof value === 'number') inputs[column] = value;
      else if (value !== null) {
        problems.push({ code: value, details: { file, line, column, value: fields[i] } });
      }
    });
    costs.set(campaign, inputs);
  });
  return { costs, problems };
}

/** A costs file with every campaign and empty input columns, ready to fill in. */
export function costsTemplateCsv(campaigns: string[]): string {
  const lines = [['campaign', ...COST_INPUT_COLUMNS].join(',')];
  for (const campaign of campaigns)
    lines.push(spreadsheetSafeField(campaign) + ','.repeat(COST_INPUT_COLUMNS.length));
  return lines.join('\n') + '\n';
}
