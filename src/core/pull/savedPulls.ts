// Saved pulls: each as JSON under its own document property, so several live in one spreadsheet.
import { ProductError } from '../productError';
import { PullSettings, readPullSettings } from './pullSettings';

/** Document properties as the pull service uses them (Apps Script's, or a local stand-in). */
export interface DocumentStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
}

/** The cells a pull last wrote: the only ones the next pull of it clears. */
export interface OwnedBlock {
  sheetName: string;
  /** The sheet's id, which survives a rename; null where the host has none. */
  sheetId: number | null;
  rows: number;
  columns: number;
  /**
   * The block's last row is the "no rows" line rather than a group. Absent from blocks recorded
   * before it was kept, where it is read from the last pull's group count.
   */
  noRowsLine?: boolean;
}

/** What the last run of a saved pull did. */
export interface LastPull {
  /** RFC 3339 instant. */
  at: string;
  groupRows: number;
  bytesBilled: number | null;
  block: OwnedBlock;
}

export interface SavedPull {
  settings: PullSettings;
  savedAt: string;
  lastPull: LastPull | null;
}

const PULL_PREFIX = 'pull:';
const LAST_USED_KEY = 'sidebar:last-pull';
/** Apps Script keeps about 9 KB in one property value; stay under it with room to spare. */
export const LARGEST_SAVED_PULL_BYTES = 9_000;
export const MOST_SAVED_PULLS = 50;

/** The property key of a saved pull: names differing only in case are the same pull. */
export const savedPullKey = (name: string) => PULL_PREFIX + name.trim().toLowerCase();

/** UTF-8 length without TextEncoder, which Apps Script lacks. */
export function utf8Bytes(text: string): number {
  return encodeURIComponent(text).replace(/%[0-9A-F]{2}/gi, 'x').length;
}

function readSavedPull(json: string | null): SavedPull | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as SavedPull;
    return { ...parsed, settings: readPullSettings(parsed.settings) };
  } catch {
    // A value that no longer reads (hand-edited, or from a newer version) is skipped, not fatal.
    return null;
  }
}

/** Every saved pull, by name. */
export function listSavedPulls(store: DocumentStore): SavedPull[] {
  return store
    .keys()
    .filter((key) => key.startsWith(PULL_PREFIX))
    .map((key) => readSavedPull(store.get(key)))
    .filter((pull): pull is SavedPull => pull !== null)
    .sort((left, right) => left.settings.name.localeCompare(right.settings.name));
}

export function findSavedPull(store: DocumentStore, name: string): SavedPull | null {
  return readSavedPull(store.get(savedPullKey(name)));
}

/**
 * Saves a pull under its name, replacing one of the same name. Refuses when the JSON would not
 * fit in one property, or when too many pulls are saved already.
 *
 * @example
 * savePull(store, { settings, savedAt: '2024-07-01T09:15:00.000Z', lastPull: null });
 */
export function savePull(store: DocumentStore, pull: SavedPull): void {
  const [key, json] = checkSavable(store, pull);
  store.set(key, json);
  store.set(LAST_USED_KEY, pull.settings.name);
}

/**
 * The property key and JSON a pull is saved as, or the product error saving it would give; a
 * pull checks this before it runs, so it never writes a sheet it could not record owning.
 */
export function checkSavable(store: DocumentStore, pull: SavedPull): [string, string] {
  const key = savedPullKey(pull.settings.name);
  const json = JSON.stringify(pull);
  const bytes = utf8Bytes(key) + utf8Bytes(json);
  if (bytes > LARGEST_SAVED_PULL_BYTES) {
    throw new ProductError('pull/too-large-to-save', {
      field: 'campaigns',
      bytes,
      largest: LARGEST_SAVED_PULL_BYTES,
    });
  }
  const others = store.keys().filter((other) => other.startsWith(PULL_PREFIX) && other !== key);
  if (store.get(key) === null && others.length >= MOST_SAVED_PULLS) {
    throw new ProductError('pull/too-many-saved', { field: 'name', most: MOST_SAVED_PULLS });
  }
  return [key, json];
}

export function deleteSavedPull(store: DocumentStore, name: string): void {
  store.remove(savedPullKey(name));
  if ((store.get(LAST_USED_KEY) ?? '').trim().toLowerCase() === name.trim().toLowerCase()) {
    store.remove(LAST_USED_KEY);
  }
}

/** The pull the sidebar last saved or ran, to fill the form when it opens again. */
export function lastUsedPull(store: DocumentStore): SavedPull | null {
  const name = store.get(LAST_USED_KEY);
  return name ? findSavedPull(store, name) : null;
}
