// Updates an ROI workbook already on disk: new figures merged in, typed costs, notes and a
// person's own columns and rows kept.
import * as fs from 'fs';
import ExcelJS from 'exceljs';
import { ProductError } from '../core/productError';
import { mergeRoiSheet, RoiSheetMerge } from '../core/refresh/roiSheetMerge';
import { ROI_SHEET_TITLE, RoiSheetInput } from '../core/roi/roiSheetLayout';
import { restyleRoiTable, SOURCE_PREFIX } from './roiWorkbook';
import { readWorksheetGrid, writeWorksheetGrid } from './workbookGrid';

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new ProductError('refresh/workbook-unreadable', {
      file,
      reason: error instanceof Error ? error.message.split('\n')[0] : String(error),
    });
  }
  return workbook;
}

/** A workbook read from disk, with the source its figures came from (null when not noted). */
export interface OpenedWorkbook {
  file: string;
  workbook: ExcelJS.Workbook;
  source: string | null;
}

/**
 * Reads a workbook and the source noted in it by `writeRoiWorkbook`; a workbook written before
 * sources were noted, or by hand, has none.
 */
export async function openRoiWorkbook(file: string): Promise<OpenedWorkbook> {
  const workbook = await readWorkbook(file);
  const description = workbook.description ?? '';
  const source = description.startsWith(SOURCE_PREFIX)
    ? description.slice(SOURCE_PREFIX.length)
    : null;
  return { file, workbook, source };
}

/**
 * Merges a campaign funnel into the ROI sheet of an existing workbook (a file name, or one
 * already opened), so that typed costs, notes, a person's own columns and rows stay where they
 * were; `costs` fill blank input cells only. The new file is written beside the old one and
 * then moved over it, so a failure leaves the old file whole. Say what
 * `roiMergeWarnings(merge)` lists: costs typed for another period, costs that differ from typed
 * cells, costs of campaigns the data does not have.
 *
 * @example
 * await updateRoiWorkbook('out/campaign-roi.xlsx', { funnel, periodText, costs });
 * // { updated: 8, added: ['brunch club'], missing: [], costs: { filled: 5, ... }, ... }
 */
export async function updateRoiWorkbook(
  target: string | OpenedWorkbook,
  input: RoiSheetInput,
  source: string | null = null,
): Promise<RoiSheetMerge> {
  const { file, workbook } = typeof target === 'string' ? await openRoiWorkbook(target) : target;
  if (source) workbook.description = SOURCE_PREFIX + source;
  const sheet = workbook.getWorksheet(ROI_SHEET_TITLE);
  if (!sheet) {
    throw new ProductError('refresh/workbook-without-roi-sheet', { file, sheet: ROI_SHEET_TITLE });
  }
  const merge = mergeRoiSheet(readWorksheetGrid(sheet), sheet.name, input);
  writeWorksheetGrid(sheet, merge.grid, merge.insertion);
  restyleRoiTable(sheet, merge.place, input.funnel.currency);

  const partFile = `${file}.part`;
  workbook.calcProperties.fullCalcOnLoad = true;
  await workbook.xlsx.writeFile(partFile);
  fs.renameSync(partFile, file);
  return merge;
}
