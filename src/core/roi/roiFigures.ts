// The ROI sheet's formulas computed in TypeScript, for the terminal and the sidebar preview.
import {
  campaignCost,
  campaignRoi,
  costPerOrder,
  returnOnAdSpend,
} from '../customFunctions/campaignMaths';
import { CostInputs, WORK_HOURS_PER_YEAR } from './roiSheetLayout';

export interface RoiFigures {
  labourCost: number | null;
  cost: number | null;
  profit: number;
  roi: number | null;
  roas: number | null;
  costPerOrder: number | null;
}

/**
 * What the ROI sheet's formulas give for one campaign: null where the sheet shows a blank.
 *
 * @example
 * roiFigures(1200, 12, { people: 2, hours: 10, hourly_rate: 50, media_spend: 300, margin: 0.4 });
 * // { labourCost: 1000, cost: 1300, profit: 480, roi: -0.6308, roas: 4, costPerOrder: 108.33 }
 */
export function roiFigures(revenue: number, orders: number, inputs: CostInputs): RoiFigures {
  const { people, hours, hourly_rate, annual_salary, media_spend, margin } = inputs;
  const rate =
    hourly_rate ?? (annual_salary === undefined ? undefined : annual_salary / WORK_HOURS_PER_YEAR);
  const labourCost =
    people === undefined || hours === undefined || rate === undefined
      ? null
      : campaignCost(people, hours, rate, 0);
  const cost =
    labourCost === null && media_spend === undefined
      ? null
      : (labourCost ?? 0) + (media_spend ?? 0);
  const share = margin ?? 1;
  return {
    labourCost,
    cost,
    profit: revenue * share,
    roi: cost ? campaignRoi(revenue, cost, share) : null,
    roas: media_spend ? returnOnAdSpend(revenue, media_spend) : null,
    costPerOrder: cost !== null && orders > 0 ? costPerOrder(cost, orders) : null,
  };
}
