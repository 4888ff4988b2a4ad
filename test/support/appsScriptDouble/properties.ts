// PropertiesService: document, user and script stores of strings, with Google's size limits.
import { Tracker, namedError } from './tracking';

/** About 9 KB a value and 500 KB a store, as the Properties quotas state them. */
export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

/** One property store. Values are kept as strings, as Apps Script keeps them. */
export class FakeProperties {
  readonly values = new Map<string, string>();

  constructor(private readonly tracker: Tracker) {}

  getProperty(key: string): string | null {
    return this.values.get(String(key)) ?? null;
  }

  setProperty(key: string, value: unknown): FakeProperties {
    this._store({ ...Object.fromEntries(this.values), [String(key)]: String(value) });
    return this.tracker.track(this, 'Properties');
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.values);
  }

  getKeys(): string[] {
    return [...this.values.keys()];
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): FakeProperties {
    const next = deleteAllOthers ? {} : Object.fromEntries(this.values);
    Object.entries(properties).forEach(([key, value]) => {
      next[key] = String(value);
    });
    this._store(next);
    return this.tracker.track(this, 'Properties');
  }

  deleteProperty(key: string): FakeProperties {
    this.values.delete(String(key));
    return this.tracker.track(this, 'Properties');
  }

  deleteAllProperties(): FakeProperties {
    this.values.clear();
    return this.tracker.track(this, 'Properties');
  }

  private _store(next: Record<string, string>): void {
    let total = 0;
    Object.entries(next).forEach(([key, value]) => {
      if (byteLength(value) > MAX_VALUE_BYTES) {
        throw namedError('Exception', 'Argument too large: value');
      }
      total += byteLength(key) + byteLength(value);
    });
    if (total > MAX_STORE_BYTES) {
      throw namedError(
        'Exception',
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.values.clear();
    Object.entries(next).forEach(([key, value]) => this.values.set(key, value));
  }
}

/** PropertiesService with its three stores. */
export class FakePropertiesService {
  readonly document: FakeProperties;
  readonly user: FakeProperties;
  readonly script: FakeProperties;

  constructor(private readonly tracker: Tracker) {
    this.document = new FakeProperties(tracker);
    this.user = new FakeProperties(tracker);
    this.script = new FakeProperties(tracker);
  }

  getDocumentProperties(): FakeProperties {
    return this.tracker.track(this.document, 'Properties');
  }

  getUserProperties(): FakeProperties {
    return this.tracker.track(this.user, 'Properties');
  }

  getScriptProperties(): FakeProperties {
    return this.tracker.track(this.script, 'Properties');
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
