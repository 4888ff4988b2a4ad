// Costs typed in a file are read as the custom functions read pasted numbers: an amount whose
// dot could group thousands or mark decimals is left blank and reported, never guessed.
import { parseCostInputs } from '../../../src/core/roi/costInputs';
import { messageFor } from '../../../src/core/messages';

const read = (mediaSpend: string) =>
  parseCostInputs(`campaign,media_spend\nspring sale,"${mediaSpend}"\n`, 'costs.csv', true);

describe('parseCostInputs reading media spend', () => {
  test.each([
    ['1,200', 1200],
    ['€1.200,50', 1200.5],
    ['1.25', 1.25],
    ['0.125', 0.125],
    ['1200', 1200],
  ])('reads %j as %p', (written, spend) => {
    const { costs, problems } = read(written);
    expect(costs.get('spring sale')).toEqual({ media_spend: spend });
    expect(problems).toEqual([]);
  });

  test.each(['€1.200', '1.200', '12.500'])(
    'leaves %j blank and reports it rather than reading twelve hundred as 1.2',
    (written) => {
      const { costs, problems } = read(written);
      expect(costs.get('spring sale')).toEqual({});
      expect(problems).toEqual([
        {
          code: expect.stringMatching(/^costs\//),
          details: expect.objectContaining({ line: 2, column: 'media_spend', value: written }),
        },
      ]);
      expect(messageFor(problems[0].code, problems[0].details)).toMatch(/like 1200\b/);
    },
  );
});
