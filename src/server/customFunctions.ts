// Custom functions as Apps Script calls them: the core computes, and an error reaches the cell
// as the sentence from the message table.
import { CustomFunctionName, findCustomFunction } from '../core/customFunctions/declarations';
import { FormulaAnswer } from '../core/customFunctions/cellArguments';
import { describeError } from '../core/messages';

/**
 * The entry point for one declared custom function. It calls no Apps Script service, so it
 * runs in the custom function sandbox without authorisation.
 *
 * @example
 * const CAMPAIGN_ROI = customFunction('CAMPAIGN_ROI');
 * CAMPAIGN_ROI(12000, 4000, 0.5); // 0.5
 */
export function customFunction(name: CustomFunctionName): (...given: unknown[]) => FormulaAnswer {
  const declaration = findCustomFunction(name);
  if (!declaration) throw new Error(`No custom function is declared as ${name}.`);
  return (...given) => {
    try {
      return declaration.evaluate(given);
    } catch (error) {
      throw new Error(describeError(error));
    }
  };
}
