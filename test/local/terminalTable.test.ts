import { countOf, formatTable } from '../../src/local/terminalTable';

describe('formatTable', () => {
  test('pads columns and aligns numbers right', () => {
    const table = formatTable(
      [{ header: 'campaign' }, { header: 'orders', alignRight: true }],
      [['spring', '12']],
    );
    expect(table).toBe('campaign  orders\n--------  ------\nspring        12');
  });

  test('cuts a long key in the middle, so keys that differ at the end stay apart', () => {
    const columns = [{ header: 'campaign', maxWidth: 10 }];
    const [one, two] = ['spring_sale_15off_v1', 'spring_sale_15off_v2'].map(
      (key) => formatTable(columns, [[key]]).split('\n')[2],
    );
    // 10 characters: the first 6, an ellipsis, the last 3.
    expect(one).toBe('spring…_v1');
    expect(two).toBe('spring…_v2');
  });
});

describe('countOf', () => {
  test('says one thing in the singular and any other count in the plural', () => {
    expect(countOf(1, 'person', 'people')).toBe('1 person');
    expect(countOf(0, 'person', 'people')).toBe('0 people');
    expect(countOf(2500, 'row', 'rows')).toBe('2,500 rows');
  });
});
