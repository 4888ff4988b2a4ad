// The custom functions marketers type in cells, declared once: names, arguments, defaults,
// bounds and help text. The table feeds the formula help (JSDoc), the checks and the tests.
import {
  campaignCost,
  campaignRoi,
  costPerOrder,
  funnelRate,
  returnOnAdSpend,
} from './campaignMaths';
import {
  ChoiceArgument,
  FormulaAnswer,
  NumberArgument,
  checkArgumentCount,
  mapNumberArguments,
} from './cellArguments';
import { mapFunnelSteps } from './funnelSteps';
import { parseTextNumber } from './textNumber';

/** An argument as the formula help shows it; `choice` marks one that may also be a word. */
export type FormulaArgument = NumberArgument & { readonly choice?: ChoiceArgument };

/** One custom function: what Sheets shows in its help, and the adapter that computes it. */
export interface CustomFunctionDeclaration {
  readonly name: string;
  /** What the function gives, in a marketer's words; the first line of the formula help. */
  readonly summary: string;
  readonly args: readonly FormulaArgument[];
  /** How to write it, as error messages quote it. */
  readonly usage: string;
  readonly returns: string;
  /** A formula and the answer it gives, for the help and as a test. */
  readonly example: { readonly formula: string; readonly answer: number | string };
  /** Computes the answer from the values Sheets passes, in order. */
  readonly evaluate: (given: readonly unknown[]) => FormulaAnswer;
}

const revenue: NumberArgument = {
  name: 'revenue',
  summary: 'Revenue the campaign brought in: one amount, or a range of amounts.',
  kind: 'amount',
};

const roiCost: NumberArgument = {
  name: 'cost',
  summary: 'What the campaign cost, above 0: one amount, or a range the same size as revenue.',
  kind: 'amount',
  divisor: true,
};

const margin: NumberArgument = {
  name: 'margin',
  summary:
    'Optional. The share of revenue that is profit, from 0% to 100% (or 0 to 1). Leave it out when revenue is already profit.',
  kind: 'share',
  optional: true,
  defaultValue: 1,
  highest: 1,
};

const from: NumberArgument = {
  name: 'from',
  summary: 'People at the earlier step, such as visitors; or a whole row or column of step counts.',
  kind: 'count',
  divisor: true,
};

const stepMode: ChoiceArgument = {
  name: 'mode',
  summary: '"step" for each step\'s rate from the step before, "overall" for each from the first.',
  choices: ['step', 'overall'],
  defaultValue: 'step',
};

const to: FormulaArgument = {
  name: 'to',
  summary:
    'People at the later step, such as buyers. After a row or column of steps: "step" (the default) for each rate from the step before, or "overall" for each rate from the first step.',
  kind: 'count',
  optional: true,
  choice: stepMode,
};

const steps: NumberArgument = {
  name: 'steps',
  summary: 'A row or column of step counts, first step first.',
  kind: 'count',
};

const people: NumberArgument = {
  name: 'people',
  summary: 'How many people worked on the campaign (0.5 for someone on it half the time).',
  kind: 'count',
};

const hours: NumberArgument = {
  name: 'hours',
  summary: 'Hours each of them spent on it.',
  kind: 'count',
};

const hourlyRate: NumberArgument = {
  name: 'rate',
  summary:
    'What one hour of their time costs. From a monthly salary: the salary divided by the working hours in a month (about 160).',
  kind: 'amount',
};

const optionalMediaSpend: NumberArgument = {
  name: 'media_spend',
  summary: 'Optional. What was spent on ads and placements; 0 when left out.',
  kind: 'amount',
  optional: true,
  defaultValue: 0,
};

const mediaSpend: NumberArgument = {
  name: 'media_spend',
  summary: 'What was spent on ads and placements, above 0.',
  kind: 'amount',
  divisor: true,
};

const orderCost: NumberArgument = {
  name: 'cost',
  summary: 'What the campaign cost, for example from CAMPAIGN_COST.',
  kind: 'amount',
};

const orders: NumberArgument = {
  name: 'orders',
  summary: 'Orders the campaign won, above 0.',
  kind: 'count',
  divisor: true,
};

const toCount: NumberArgument = { ...to, optional: false };

/** Every custom function, in the order the help lists them. */
export const customFunctionDeclarations = [
  numberFunction(
    {
      name: 'CAMPAIGN_ROI',
      summary:
        'Return on investment of a campaign: (revenue × margin − cost) ÷ cost. 0.5 means the campaign paid back its cost and half as much again; format the cell as a percentage.',
      args: [revenue, roiCost, margin],
      returns: 'The ROI as a fraction, or rows of them in the shape of the ranges given.',
      example: { formula: '=CAMPAIGN_ROI(12000, 4000, 50%)', answer: 0.5 },
    },
    campaignRoi,
  ),
  {
    name: 'FUNNEL_RATE',
    summary:
      'Conversion rate between two funnel steps: to ÷ from. Given a row or column of step counts instead, each step\'s rate from the step before ("step") or from the first step ("overall").',
    args: [from, to],
    usage: 'FUNNEL_RATE(from, to) or FUNNEL_RATE(steps, [mode])',
    returns: 'The rate as a fraction, or rows of them in the shape of the range given.',
    example: { formula: '=FUNNEL_RATE(2000, 50)', answer: 0.025 },
    evaluate: funnelRateCells,
  },
  numberFunction(
    {
      name: 'CAMPAIGN_COST',
      summary: 'What a campaign cost: people × hours × hourly rate, plus media spend.',
      args: [people, hours, hourlyRate, optionalMediaSpend],
      returns: 'The cost, or rows of costs in the shape of the ranges given.',
      example: { formula: '=CAMPAIGN_COST(2, 10, 50, 300)', answer: 1300 },
    },
    campaignCost,
  ),
  numberFunction(
    {
      name: 'ROAS',
      summary:
        'Return on ad spend: revenue ÷ media spend. 4 means every 1 spent on media brought in 4 of revenue.',
      args: [revenue, mediaSpend],
      returns: 'The return on ad spend, or rows of them in the shape of the ranges given.',
      example: { formula: '=ROAS(5000, 1250)', answer: 4 },
    },
    returnOnAdSpend,
  ),
  numberFunction(
    {
      name: 'COST_PER_ORDER',
      summary: 'What each order cost to win: cost ÷ orders.',
      args: [orderCost, orders],
      returns: 'The cost per order, or rows of them in the shape of the ranges given.',
      example: { formula: '=COST_PER_ORDER(1300, 52)', answer: 25 },
    },
    costPerOrder,
  ),
] as const satisfies readonly CustomFunctionDeclaration[];

/** The name of a declared custom function, as typed in a cell. */
export type CustomFunctionName = (typeof customFunctionDeclarations)[number]['name'];

/** The declaration of a custom function by name, or undefined for a name we do not declare. */
export function findCustomFunction(name: string): CustomFunctionDeclaration | undefined {
  const declarations: readonly CustomFunctionDeclaration[] = customFunctionDeclarations;
  return declarations.find((declaration) => declaration.name === name);
}

// ---- Adapters: each reads its arguments and applies one number function ----

// A function of number arguments only: its usage line and adapter come from its arguments.
function numberFunction<Name extends string>(
  declared: Omit<CustomFunctionDeclaration, 'usage' | 'evaluate'> & { readonly name: Name },
  compute: (a: number, b: number, c: number, d: number) => number,
): CustomFunctionDeclaration & { readonly name: Name } {
  const names = declared.args.map((argument) =>
    argument.optional ? `[${argument.name}]` : argument.name,
  );
  const usage = `${declared.name}(${names.join(', ')})`;
  return {
    ...declared,
    usage,
    evaluate: (given) => mapNumberArguments(declared.name, usage, declared.args, given, compute),
  };
}

// FUNNEL_RATE reads a list of steps when its first argument is a range and the second is left
// out, blank or a word, or when the second is "step" or "overall"; otherwise a pair of counts.
function funnelRateCells(given: readonly unknown[]): FormulaAnswer {
  const usage = 'FUNNEL_RATE(from, to) or FUNNEL_RATE(steps, [mode])';
  checkArgumentCount('FUNNEL_RATE', usage, 2, given);
  const [first, second] = given;
  if (second === undefined || isModeWord(second) || readsAsSteps(first, second)) {
    return mapFunnelSteps('FUNNEL_RATE', usage, steps, stepMode, first, second);
  }
  return mapNumberArguments('FUNNEL_RATE', usage, [from, toCount], given, funnelRate);
}

function isModeWord(value: unknown): boolean {
  return typeof value === 'string' && stepMode.choices.includes(value.trim().toLowerCase());
}

function readsAsSteps(first: unknown, second: unknown): boolean {
  if (!isLargerThanOneCell(first)) return false;
  if (Array.isArray(second)) return !isLargerThanOneCell(second) && readsAsWord(second[0]?.[0]);
  return readsAsWord(second);
}

function readsAsWord(value: unknown): boolean {
  if (value === '' || value === null || value === undefined) return true;
  return typeof value === 'string' && parseTextNumber(value).kind !== 'number';
}

function isLargerThanOneCell(value: unknown): boolean {
  return (
    Array.isArray(value) && (value.length > 1 || (Array.isArray(value[0]) && value[0].length > 1))
  );
}
