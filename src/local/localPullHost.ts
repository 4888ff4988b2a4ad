// The pull service's host on a laptop: the local DuckDB warehouse, document properties kept in a
// JSON file, and each pulled "sheet" written as a CSV file.
import * as fs from 'fs';
import * as path from 'path';
import { csvField } from '../core/csvText';
import { PullHost, PulledBlockWriter } from '../core/pull/pullService';
import { todayIn } from '../core/pull/pullSettings';
import { DocumentStore } from '../core/pull/savedPulls';
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

function csvSheetWriter(folder: string): PulledBlockWriter {
  return {
    write(block) {
      fs.mkdirSync(folder, { recursive: true });
      const lines = block.values.map((row) => row.map((cell) => csvField(String(cell))).join(','));
      fs.writeFileSync(path.join(folder, sheetFileName(block.sheetName)), lines.join('\n') + '\n');
      return {
        sheetName: block.sheetName,
        sheetId: null,
        rows: block.values.length,
        columns: block.values[0].length,
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
