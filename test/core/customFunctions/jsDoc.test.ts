// The JSDoc block Sheets reads for formula help, written from the declaration table.
import {
  CustomFunctionDeclaration,
  customFunctionDeclarations,
} from '../../../src/core/customFunctions/declarations';
import { renderCustomFunctionJsDoc } from '../../../src/core/customFunctions/jsDoc';

describe('renderCustomFunctionJsDoc', () => {
  test.each(customFunctionDeclarations.map((declaration) => [declaration.name, declaration]))(
    'writes %s as one block: summary, example, a typed @param per argument, @return, @customfunction',
    (_name, declaration) => {
      const lines = renderCustomFunctionJsDoc(declaration).split('\n');
      expect(lines[0]).toBe('/**');
      expect(lines[1]).toBe(` * ${declaration.summary}`);
      expect(lines).toContain(
        ` * Example: ${declaration.example.formula} gives ${declaration.example.answer}.`,
      );
      const params = lines.filter((line) => line.startsWith(' * @param'));
      expect(params).toEqual(
        declaration.args.map((argument) =>
          expect.stringMatching(new RegExp(`^ \\* @param \\{[^}]+\\} ${argument.name} \\S`)),
        ),
      );
      expect(lines.slice(-3, -1)).toEqual([
        expect.stringMatching(/^ \* @return \{/),
        ' * @customfunction',
      ]);
      expect(lines[lines.length - 1]).toBe(' */');
      expect(lines.slice(1, -1).every((line) => line === ' *' || line.startsWith(' * '))).toBe(
        true,
      );
    },
  );

  test('types a range of numbers, and a word too where the argument takes a mode', () => {
    const funnel = customFunctionDeclarations.find((d) => d.name === 'FUNNEL_RATE');
    const block = renderCustomFunctionJsDoc(funnel as CustomFunctionDeclaration);
    expect(block).toContain('@param {number|Array<Array<number>>} from ');
    expect(block).toContain('@param {number|string|Array<Array<number>>} to ');
  });

  test('keeps help text from ending the comment early or breaking its lines', () => {
    const [roi] = customFunctionDeclarations;
    const hostile = { ...roi, summary: 'Ends */ early\nand breaks', returns: 'a */ b' };
    const block = renderCustomFunctionJsDoc(hostile);
    expect(block.indexOf('*/')).toBe(block.length - 2);
    expect(block).toContain(' * Ends *\\/ early and breaks');
  });
});
