// The arithmetic behind the custom functions, on plain numbers that have already been checked.

/**
 * Return on investment: what the campaign earned back beyond its cost, per unit of cost.
 * `margin` is the share of revenue that is profit (1 when revenue is already profit).
 *
 * @example
 * campaignRoi(12000, 4000, 0.5); // 0.5: (12000 × 0.5 − 4000) ÷ 4000
 */
export function campaignRoi(revenue: number, cost: number, margin: number): number {
  return (revenue * margin - cost) / cost;
}

/**
 * Conversion from one funnel step to a later one: the share of `from` who reached `to`.
 *
 * @example
 * funnelRate(2000, 50); // 0.025: 50 buyers of 2000 visitors
 */
export function funnelRate(from: number, to: number): number {
  return to / from;
}

/**
 * What a campaign cost: the team's time at an hourly rate, plus what was spent on media.
 *
 * @example
 * campaignCost(2, 10, 50, 300); // 1300: 2 people × 10 hours × 50 an hour + 300 of media
 */
export function campaignCost(
  people: number,
  hours: number,
  hourlyRate: number,
  mediaSpend: number,
): number {
  return people * hours * hourlyRate + mediaSpend;
}

/**
 * Return on ad spend: revenue per unit of media spend.
 *
 * @example
 * returnOnAdSpend(5000, 1250); // 4
 */
export function returnOnAdSpend(revenue: number, mediaSpend: number): number {
  return revenue / mediaSpend;
}

/**
 * Cost per order: what each order cost to win.
 *
 * @example
 * costPerOrder(1300, 52); // 25
 */
export function costPerOrder(cost: number, orders: number): number {
  return cost / orders;
}
