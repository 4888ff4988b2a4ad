// The data validations of an .xlsx file as written, read from the sheet's XML inside the zip,
// and the check that Excel opens them without offering a repair.
import * as fs from 'fs';
import JSZip from 'jszip';
import { addressBounds } from '../../src/local/workbookGrid';

export interface WrittenValidation {
  sqref: string;
  type: string | null;
}

/** Every `<dataValidation>` of the workbook's first sheet, with its range and type. */
export async function sheetValidations(file: string): Promise<WrittenValidation[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('xl/worksheets/sheet1.xml')?.async('string');
  if (xml === undefined) throw new Error(`${file} has no first sheet`);
  return [...xml.matchAll(/<dataValidation(?=[\s>/])([^>]*)>?/g)].map(([, attributes]) => ({
    sqref: /\bsqref="([^"]*)"/.exec(attributes)?.[1] ?? '',
    type: /\btype="([^"]*)"/.exec(attributes)?.[1] ?? null,
  }));
}

type Bounds = NonNullable<ReturnType<typeof addressBounds>>;

const overlap = (a: Bounds, b: Bounds) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** No validation is empty (without a range or a type) and no two ranges share a cell. */
export function expectCleanValidations(validations: WrittenValidation[]): void {
  const ranges = validations.flatMap((v) => v.sqref.split(/\s+/));
  for (const validation of validations) {
    expect(validation.sqref).not.toBe('');
    expect(validation.type).not.toBeNull();
  }
  const bounds = ranges.map((range) => {
    const found = addressBounds(range);
    if (!found) throw new Error(`"${range}" is not a range`);
    return found;
  });
  const overlapping = ranges.flatMap((range, i) =>
    ranges
      .slice(i + 1)
      .flatMap((other, j) => (overlap(bounds[i], bounds[i + 1 + j]) ? [[range, other]] : [])),
  );
  expect(overlapping).toEqual([]);
}
