// The spreadsheet's Ui: add-on menus, alerts and prompts with scripted answers, sidebars and
// dialogs, all recorded for tests to read.
import { Tracker } from './tracking';

export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

export const Button = {
  CLOSE: 'CLOSE',
  OK: 'OK',
  CANCEL: 'CANCEL',
  YES: 'YES',
  NO: 'NO',
} as const;

/** One line of a menu as it was built. */
export type MenuEntry =
  | { readonly kind: 'item'; readonly caption: string; readonly functionName: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'subMenu'; readonly menu: BuiltMenu };

/** A menu as addToUi put it in the spreadsheet. */
export interface BuiltMenu {
  readonly caption: string;
  readonly addOn: boolean;
  readonly entries: MenuEntry[];
}

/** A menu under construction. */
export class FakeMenu {
  readonly entries: MenuEntry[] = [];

  constructor(
    private readonly tracker: Tracker,
    private readonly ui: FakeUi,
    readonly caption: string,
    readonly addOn: boolean,
  ) {}

  addItem(caption: string, functionName: string): FakeMenu {
    this.entries.push({ kind: 'item', caption, functionName });
    return this.tracker.track(this, 'Menu');
  }

  addSeparator(): FakeMenu {
    this.entries.push({ kind: 'separator' });
    return this.tracker.track(this, 'Menu');
  }

  addSubMenu(menu: FakeMenu): FakeMenu {
    const raw = this.tracker.untrack(menu);
    this.entries.push({ kind: 'subMenu', menu: raw._built() });
    return this.tracker.track(this, 'Menu');
  }

  addToUi(): void {
    this.ui.menus.push(this._built());
  }

  _built(): BuiltMenu {
    return { caption: this.caption, addOn: this.addOn, entries: [...this.entries] };
  }
}

/** What the person answers to a prompt. */
export interface PromptAnswer {
  readonly button: string;
  readonly text: string;
}

/** Ui: what the script showed, and the answers the test scripted for alerts and prompts. */
export class FakeUi {
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;
  readonly menus: BuiltMenu[] = [];
  readonly alerts: { title: string; prompt: string; buttons: string }[] = [];
  readonly prompts: { title: string; prompt: string; buttons: string }[] = [];
  readonly sidebars: { title: string; content: string }[] = [];
  readonly dialogs: {
    title: string;
    content: string;
    modal: boolean;
    width?: number;
    height?: number;
  }[] = [];
  /** Buttons the person will press, in order; OK when none is scripted. */
  readonly alertAnswers: string[] = [];
  readonly promptAnswers: PromptAnswer[] = [];

  constructor(
    private readonly tracker: Tracker,
    private readonly addOnName: string,
  ) {}

  createAddonMenu(): FakeMenu {
    return this.tracker.track(new FakeMenu(this.tracker, this, this.addOnName, true), 'Menu');
  }

  createMenu(caption: string): FakeMenu {
    return this.tracker.track(new FakeMenu(this.tracker, this, caption, false), 'Menu');
  }

  /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons). */
  alert(first: string, second?: string, third?: string): string {
    const [title, prompt, buttons] =
      third !== undefined
        ? [first, second ?? '', third]
        : second !== undefined && second in ButtonSet
          ? ['', first, second]
          : ['', first, ButtonSet.OK];
    this.alerts.push({ title, prompt, buttons });
    return this.alertAnswers.shift() ?? Button.OK;
  }

  prompt(
    first: string,
    second?: string,
    third?: string,
  ): { getResponseText(): string; getSelectedButton(): string } {
    const [title, prompt, buttons] =
      third !== undefined ? [first, second ?? '', third] : ['', first, second ?? ButtonSet.OK];
    this.prompts.push({ title, prompt, buttons });
    const answer = this.promptAnswers.shift() ?? { button: Button.OK, text: '' };
    return { getResponseText: () => answer.text, getSelectedButton: () => answer.button };
  }

  showSidebar(userInterface: { getTitle(): string; getContent(): string }): void {
    const page = this.tracker.untrack(userInterface);
    this.sidebars.push({ title: page.getTitle(), content: page.getContent() });
  }

  showModalDialog(userInterface: HtmlPage, title: string): void {
    this._dialog(userInterface, title, true);
  }

  showModelessDialog(userInterface: HtmlPage, title: string): void {
    this._dialog(userInterface, title, false);
  }

  private _dialog(userInterface: HtmlPage, title: string, modal: boolean): void {
    const page = this.tracker.untrack(userInterface);
    this.dialogs.push({
      title,
      content: page.getContent(),
      modal,
      width: page.getWidth?.(),
      height: page.getHeight?.(),
    });
  }
}

interface HtmlPage {
  getContent(): string;
  getTitle(): string;
  getWidth?(): number | undefined;
  getHeight?(): number | undefined;
}
