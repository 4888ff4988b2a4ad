// HtmlService: HTML outputs, files from the project (src/client/*.html once built) and
// templates with printing scriptlets <?= name ?> and <?!= name ?>.
import { Tracker, namedError } from './tracking';

export const SandboxMode = { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' } as const;
export const XFrameOptionsMode = { DEFAULT: 'DEFAULT', ALLOWALL: 'ALLOWALL' } as const;

/** An HTML page to show in a sidebar or dialog. */
export class FakeHtmlOutput {
  private title = '';
  private width?: number;
  private height?: number;
  readonly metaTags: { name: string; content: string }[] = [];

  constructor(
    private readonly tracker: Tracker,
    private content: string,
  ) {}

  getContent(): string {
    return this.content;
  }

  setContent(content: string): FakeHtmlOutput {
    this.content = content;
    return this._self();
  }

  append(addedContent: string): FakeHtmlOutput {
    this.content += addedContent;
    return this._self();
  }

  appendUntrusted(addedContent: string): FakeHtmlOutput {
    this.content += escapeHtml(addedContent);
    return this._self();
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this._self();
  }

  getWidth(): number | undefined {
    return this.width;
  }

  setWidth(width: number): FakeHtmlOutput {
    this.width = width;
    return this._self();
  }

  getHeight(): number | undefined {
    return this.height;
  }

  setHeight(height: number): FakeHtmlOutput {
    this.height = height;
    return this._self();
  }

  setSandboxMode(_mode: string): FakeHtmlOutput {
    return this._self();
  }

  setXFrameOptionsMode(_mode: string): FakeHtmlOutput {
    return this._self();
  }

  setFaviconUrl(_url: string): FakeHtmlOutput {
    return this._self();
  }

  addMetaTag(name: string, content: string): FakeHtmlOutput {
    this.metaTags.push({ name, content });
    return this._self();
  }

  private _self(): FakeHtmlOutput {
    return this.tracker.track(this, 'HtmlOutput');
  }
}

/**
 * A template: properties set on it are the data its scriptlets print. Only printing
 * scriptlets naming data (or a dotted path into it) are evaluated; code scriptlets <? ?> are
 * refused, since the double runs no template code.
 */
export class FakeHtmlTemplate {
  [data: string]: unknown;

  constructor(
    private readonly _tracker: Tracker,
    private readonly _source: string,
  ) {}

  getRawContent(): string {
    return this._source;
  }

  evaluate(): FakeHtmlOutput {
    const html = this._source.replace(
      /<\?(!?=)?([\s\S]*?)\?>/g,
      (_all, kind: string, code: string) => {
        const path = code.trim();
        if (!kind || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(path)) {
          throw new Error(
            `The Apps Script double only evaluates <?= name ?> scriptlets, not <?${kind ?? ''}${code}?>.`,
          );
        }
        const value = path
          .split('.')
          .reduce<unknown>((object, key) => (object as Record<string, unknown>)?.[key], this);
        const text = value === undefined || value === null ? '' : String(value);
        return kind === '!=' ? text : escapeHtml(text);
      },
    );
    return this._tracker.track(new FakeHtmlOutput(this._tracker, html), 'HtmlOutput');
  }
}

/** HtmlService over the project's HTML files, keyed by file name without `.html`. */
export class FakeHtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(
    private readonly tracker: Tracker,
    readonly files: Map<string, string>,
  ) {}

  createHtmlOutput(html = ''): FakeHtmlOutput {
    return this.tracker.track(new FakeHtmlOutput(this.tracker, html), 'HtmlOutput');
  }

  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    return this.createHtmlOutput(this._file(filename));
  }

  createTemplate(html: string): FakeHtmlTemplate {
    return this.tracker.track(new FakeHtmlTemplate(this.tracker, html), 'HtmlTemplate');
  }

  createTemplateFromFile(filename: string): FakeHtmlTemplate {
    return this.createTemplate(this._file(filename));
  }

  private _file(filename: string): string {
    const name = filename.replace(/\.html$/, '');
    const html = this.files.get(name);
    if (html === undefined) throw namedError('Exception', `No HTML file named ${name} was found.`);
    return html;
  }
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
