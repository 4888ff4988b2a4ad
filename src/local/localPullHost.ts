// The pull service's host on a laptop: the local DuckDB warehouse, document properties kept in a
// JSON file, and each pulled "sheet" kept as a CSV file, merged into as a Google sheet is.
import * as fs from 'fs';
import * as path from 'path';
import { csvField, parseCsv } from '../core/csvText';
import { PullHost, PulledBlockWriter } from '../core/pull/pullService';
import { todayIn } from '../core/pull/pullSettings';
import { DocumentStore } from '../core/pull/savedPulls';
import { planPulledSheetWrite } from '../core/refresh/pulledSheetMerge';
import { cellText, SheetCell, SheetGrid } from '../core/refresh/sheetGrid';
import { SyncLocalWarehouse } from './syncLocalWarehouse';

export interface LocalPullHostOptions {
  warehouse: SyncLocalWarehouse;
  /** The spreadsheet's time zone the stand-in plays. */
  timeZone: string;
  /** The date the sidebar takes as today (`YYYY-MM-DD`), so presets land on the data's days. */
  today: string | null;
  /** The JSON file standing in for document properties; null keeps them in memory. */
  stateFile: string | null;
  /** Where pulled sheets are written as CSV files. */
  sheetsFolder: string;
  log(line: string): void;
}

/** Document properties in a JSON file, rewritten on every change as Apps Script would keep them. */
export function fileDocumentStore(file: string | null): DocumentStore {
  let properties: Record<string, string> = {};
  if (file && fs.existsSync(file)) {
    properties = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  }
  const persist = () => {
    if (!file) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(properties, null, 2));
  };
  return {
    get: (key) => properties[key] ?? null,
    set: (key, value) => {
      properties[key] = value;
      persist();
    },
    remove: (key) => {
      delete properties[key];
      persist();
    },
    keys: () => Object.keys(properties),
  };
}

/** The file a sheet is written to: its name with only safe characters. */
export function sheetFileName(sheetName: string): string {
  return `${sheetName.replace(/[^A-Za-z0-9._ -]/g, '_').trim() || 'sheet'}.csv`;
}

/**
 * A CSV file as the cells of a sheet, blank lines kept since rows are places. A field that
 * starts with `=` is a formula, as a spreadsheet opening the file reads it.
 *
 * @example
 * csvSheetGrid('campaign,visits\nspring,120,=B2*2\n');
 * // [['campaign', 'visits'], ['spring', '120', { formula: 'B2*2' }]]
 */
export function csvSheetGrid(text: string): SheetGrid {
  return parseCsv(text, { keepBlankLines: true }).map((fields) =>
    fields.map((field): SheetCell => {
      if (field === '') return null;
      return field.startsWith('=') && field.length > 1 ? { formula: field.slice(1) } : field;
    }),
  );
}

/** The cells of a sheet as CSV text, every line as wide as the widest. */
export function csvSheetText(grid: SheetGrid): string {
  const width = grid.reduce((widest, row) => Math.max(widest, row.length), 0);
  const lines = grid.map((row) =>
    Array.from({ length: width }, (_, column) => csvField(cellText(row[column]))).join(','),
  );
  return lines.join('\n') + '\n';
}

/**
 * Pulled sheets as CSV files, one per pull. A file that still holds the pull's block is merged
 * into as the Google sheet would be (the same plan), so a person's columns and lines in the file
 * stay with their campaign; otherwise the block is the whole file. The new file is written
 * beside the old one and moved over it, so a write that fails leaves the old file whole.
 */
function csvSheetWriter(folder: string): PulledBlockWriter {
  return {
    write(block, previous) {
      const file = path.join(folder, sheetFileName(block.sheetName));
      const held = previous && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
      const plan = planPulledSheetWrite(
        held === null ? null : { name: block.sheetName, grid: csvSheetGrid(held) },
        block,
        previous,
      );
      fs.mkdirSync(folder, { recursive: true });
      const partFile = `${file}.part`;
      fs.writeFileSync(
        partFile,
        csvSheetText(plan.kind === 'merge' ? plan.merge.grid : block.values),
      );
      fs.renameSync(partFile, file);
      const owned = { sheetName: block.sheetName, sheetId: null };
      if (plan.kind === 'merge') {
        const { rows, columns, noRowsLine } = plan.merge;
        return { ...owned, rows, columns, noRowsLine };
      }
      return {
        ...owned,
        rows: block.values.length,
        columns: block.values[0].length,
        noRowsLine: block.groupRows === 0,
      };
    },
  };
}

/**
 * A clock whose date is `today` in the time zone (the wall-clock time of day is the real one),
 * so durations stay true while date presets cover the data's days.
 */
export function shiftedClock(today: string | null, timeZone: string): () => Date {
  if (!today) return () => new Date();
  const realToday = todayIn(new Date(), timeZone);
  const shiftMs = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${realToday}T00:00:00Z`);
  return () => new Date(Date.now() + shiftMs);
}

export function localPullHost(options: LocalPullHostOptions): PullHost {
  return {
    warehouseKind: 'local',
    now: shiftedClock(options.today, options.timeZone),
    timeZone: () => options.timeZone,
    store: fileDocumentStore(options.stateFile),
    warehouse: () => options.warehouse,
    writer: csvSheetWriter(options.sheetsFolder),
    withDocumentLock: (work) => work(),
    log: options.log,
  };
}
