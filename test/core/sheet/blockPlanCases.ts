// Rewrites of a pulled block and the cells each must clear or find empty, worked out by hand.
import { OwnedBlock } from '../../../src/core/pull/savedPulls';

const owned = (rows: number, columns: number): OwnedBlock => ({
  sheetName: 'Funnel',
  sheetId: 1,
  rows,
  columns,
});

/** [what, previous block, new rows, new columns, cleared range, ranges that must be empty]. */
export const blockPlanCases: [
  string,
  OwnedBlock | null,
  number,
  number,
  string | null,
  string[],
][] = [
  ['a first write needs its whole block empty', null, 3, 12, null, ['A1:L3']],
  ['the same size clears the old block and needs nothing else', owned(5, 12), 5, 12, 'A1:L5', []],
  ['fewer rows clear the old block only', owned(9, 12), 2, 12, 'A1:L9', []],
  ['more rows need the new rows below empty', owned(5, 12), 8, 12, 'A1:L5', ['A6:L8']],
  ['a wider block needs the new columns empty', owned(5, 12), 5, 13, 'A1:L5', ['M1:M5']],
  [
    'wider and taller needs the new column and the new rows',
    owned(5, 12),
    8,
    13,
    'A1:L5',
    ['M1:M8', 'A6:L8'],
  ],
  [
    'narrower and taller needs only the new rows under the new width',
    owned(5, 13),
    8,
    12,
    'A1:M5',
    ['A6:L8'],
  ],
  ['a block past column Z is named with two letters', null, 1, 28, null, ['A1:AB1']],
];
