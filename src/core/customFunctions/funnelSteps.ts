// FUNNEL_RATE over a row or column of step counts: each step's rate from the one before, or
// from the first step, in the same row or column shape.
import { ProductError } from '../productError';
import { funnelRate } from './campaignMaths';
import {
  CellAnswer,
  ChoiceArgument,
  NumberArgument,
  readChoice,
  readNumber,
  readShape,
} from './cellArguments';

/**
 * Rates of a funnel given as one row or one column of step counts. The first step's rate is 1
 * (everyone who reached it); a blank step, or a step whose base is blank, gives a blank. A base
 * of 0 is an error naming its cell. `mode` is "step" (from the step before) or "overall" (from
 * the first step).
 *
 * @example
 * mapFunnelSteps('FUNNEL_RATE', 'FUNNEL_RATE(steps, [mode])', steps, mode,
 *   [[2000], [500], [50]], 'step'); // [[1], [0.25], [0.1]]
 */
export function mapFunnelSteps(
  fn: string,
  usage: string,
  stepsArgument: NumberArgument,
  modeArgument: ChoiceArgument,
  steps: unknown,
  mode: unknown,
): CellAnswer[][] {
  const shape = readShape(fn, usage, stepsArgument, steps, false);
  if (!shape.isRange) throw new ProductError('formula/funnel-needs-two-counts', { fn });
  if (shape.rows > 1 && shape.columns > 1) {
    throw new ProductError('formula/steps-not-a-line', {
      fn,
      rows: shape.rows,
      columns: shape.columns,
    });
  }
  const fromFirst = readChoice(mode, modeArgument, fn) === 'overall';

  const inColumn = shape.columns === 1;
  const stepCount = inColumn ? shape.rows : shape.columns;
  const rowOf = (step: number) => (inColumn ? step : 0);
  const columnOf = (step: number) => (inColumn ? 0 : step);
  const counts = new Float64Array(stepCount);
  for (let step = 0; step < stepCount; step += 1) {
    const cell = shape.cells[rowOf(step)][columnOf(step)];
    counts[step] = readNumber(cell, stepsArgument, fn, rowOf(step), columnOf(step));
  }

  // Rates with NaN for blank, turned into cells once at the end.
  const rates = new Float64Array(stepCount);
  for (let step = 0; step < stepCount; step += 1) {
    const base = step === 0 || fromFirst ? 0 : step - 1;
    if (counts[step] !== counts[step] || counts[base] !== counts[base]) {
      rates[step] = NaN;
      continue;
    }
    if (counts[base] === 0) {
      const code = base === 0 ? 'formula/first-step-zero' : 'formula/previous-step-zero';
      throw new ProductError(code, {
        fn,
        argument: stepsArgument.name,
        row: rowOf(base) + 1,
        column: columnOf(base) + 1,
      });
    }
    rates[step] = funnelRate(counts[base], counts[step]);
  }
  const cellOf = (rate: number): CellAnswer => (rate !== rate ? '' : rate);
  return inColumn ? Array.from(rates, (rate) => [cellOf(rate)]) : [Array.from(rates, cellOf)];
}
