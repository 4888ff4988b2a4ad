// Writes the JSDoc block Sheets reads to offer a custom function in autocomplete and help.
import { CustomFunctionDeclaration } from './declarations';

const RANGE_OF_NUMBERS = 'number|Array<Array<number>>';

/**
 * The JSDoc block for a custom function: its summary and example, one `@param` line per
 * argument with its type, the `@return` line and the `@customfunction` tag.
 *
 * @example
 * renderCustomFunctionJsDoc(findCustomFunction('ROAS')!);
 * // '/**\n * Return on ad spend: ...\n * @param {number|Array<Array<number>>} revenue ...'
 */
export function renderCustomFunctionJsDoc(declaration: CustomFunctionDeclaration): string {
  const { formula, answer } = declaration.example;
  const lines = [
    declaration.summary,
    '',
    `Example: ${formula} gives ${answer}.`,
    '',
    ...declaration.args.map((argument) => {
      const type = argument.choice ? `number|string|Array<Array<number>>` : RANGE_OF_NUMBERS;
      return `@param {${type}} ${argument.name} ${argument.summary}`;
    }),
    `@return {${RANGE_OF_NUMBERS}} ${declaration.returns}`,
    '@customfunction',
  ];
  const body = lines.map((line) => (line === '' ? ' *' : ` * ${commentSafe(line)}`));
  return ['/**', ...body, ' */'].join('\n');
}

// Text inside a block comment must not end it early.
function commentSafe(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/[\r\n]+/g, ' ');
}
