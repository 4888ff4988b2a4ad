// ScriptApp: authorisation modes, installable triggers with their builders, and a way for tests
// to fire a trigger at a handler by name, as Apps Script does.
import { AuthModeName, Tracker, namedError } from './tracking';

export const AuthMode: Record<AuthModeName, AuthModeName> = {
  NONE: 'NONE',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
};

export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
} as const;

export const TriggerSource = { CLOCK: 'CLOCK', SPREADSHEETS: 'SPREADSHEETS' } as const;

export const WeekDay = {
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
  SUNDAY: 'SUNDAY',
} as const;

/** At most 20 triggers per user per script. */
export const MAX_TRIGGERS = 20;
const EVERY_MINUTES = [1, 5, 10, 15, 30];
const EVERY_HOURS = [1, 2, 4, 6, 8, 12];

/** A trigger's schedule or event, as the builder calls set it. */
export interface TriggerSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  onWeekDay?: string;
  onMonthDay?: number;
  after?: number;
  at?: Date;
  timeZone?: string;
  spreadsheetEvent?: 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
}

/** An installed trigger. */
export class FakeTrigger {
  constructor(
    readonly _uniqueId: string,
    readonly _handler: string,
    readonly _schedule: TriggerSchedule,
    readonly _documentId: string | null,
  ) {}

  getUniqueId(): string {
    return this._uniqueId;
  }

  getHandlerFunction(): string {
    return this._handler;
  }

  getEventType(): string {
    return this._schedule.spreadsheetEvent ?? EventType.CLOCK;
  }

  getTriggerSource(): string {
    return this._schedule.spreadsheetEvent ? TriggerSource.SPREADSHEETS : TriggerSource.CLOCK;
  }

  getTriggerSourceId(): string | null {
    return this._schedule.spreadsheetEvent ? this._documentId : null;
  }
}

/** Options that change what the trigger rules allow. */
export interface TriggerOptions {
  /** An editor add-on: clock triggers at most hourly, one trigger of each kind per document. */
  readonly addOn: boolean;
  /** The document the add-on runs in; its triggers count as this document's. */
  readonly documentId: string;
}

/** ScriptApp with its enums and the project's installed triggers. */
export class FakeScriptApp {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  readonly installed: FakeTrigger[] = [];
  private nextId = 1;

  constructor(
    private readonly tracker: Tracker,
    private readonly options: TriggerOptions,
  ) {}

  newTrigger(functionName: string): FakeTriggerBuilder {
    return this.tracker.track(
      new FakeTriggerBuilder(this.tracker, this, functionName),
      'TriggerBuilder',
    );
  }

  getProjectTriggers(): FakeTrigger[] {
    return this.installed.map((trigger) => this.tracker.track(trigger, 'Trigger'));
  }

  getUserTriggers(_document: unknown): FakeTrigger[] {
    return this.getProjectTriggers();
  }

  deleteTrigger(trigger: FakeTrigger): void {
    const raw = this.tracker.untrack(trigger);
    const index = this.installed.findIndex((candidate) => candidate._uniqueId === raw._uniqueId);
    if (index !== -1) this.installed.splice(index, 1);
  }

  _install(handler: string, schedule: TriggerSchedule): FakeTrigger {
    if (this.installed.length >= MAX_TRIGGERS) {
      throw namedError(
        'Exception',
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    if (this.options.addOn) checkAddOnRules(schedule, this.installed);
    const trigger = new FakeTrigger(
      String(this.nextId),
      handler,
      schedule,
      this.options.documentId,
    );
    this.nextId += 1;
    this.installed.push(trigger);
    return this.tracker.track(trigger, 'Trigger');
  }
}

/** ScriptApp.newTrigger(name): pick a clock or a spreadsheet trigger. */
export class FakeTriggerBuilder {
  constructor(
    private readonly tracker: Tracker,
    private readonly scriptApp: FakeScriptApp,
    private readonly handler: string,
  ) {}

  timeBased(): FakeClockTriggerBuilder {
    return this.tracker.track(
      new FakeClockTriggerBuilder(this.tracker, this.scriptApp, this.handler),
      'ClockTriggerBuilder',
    );
  }

  forSpreadsheet(_spreadsheet: unknown): FakeSpreadsheetTriggerBuilder {
    return this.tracker.track(
      new FakeSpreadsheetTriggerBuilder(this.tracker, this.scriptApp, this.handler),
      'SpreadsheetTriggerBuilder',
    );
  }
}

/** The time-driven trigger builder; each call returns the builder, `create()` installs. */
export class FakeClockTriggerBuilder {
  private readonly schedule: TriggerSchedule = {};

  constructor(
    private readonly tracker: Tracker,
    private readonly scriptApp: FakeScriptApp,
    private readonly handler: string,
  ) {}

  everyMinutes(n: number): FakeClockTriggerBuilder {
    if (!EVERY_MINUTES.includes(n)) {
      throw namedError(
        'Exception',
        `The value passed to everyMinutes must be one of ${EVERY_MINUTES.join(', ')}.`,
      );
    }
    return this._set({ everyMinutes: n });
  }

  everyHours(n: number): FakeClockTriggerBuilder {
    if (!EVERY_HOURS.includes(n)) {
      throw namedError(
        'Exception',
        `The value passed to everyHours must be one of ${EVERY_HOURS.join(', ')}.`,
      );
    }
    return this._set({ everyHours: n });
  }

  everyDays(n: number): FakeClockTriggerBuilder {
    return this._set({ everyDays: n });
  }

  everyWeeks(n: number): FakeClockTriggerBuilder {
    return this._set({ everyWeeks: n });
  }

  atHour(hour: number): FakeClockTriggerBuilder {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
      throw namedError('Exception', 'The hour must be between 0 and 23.');
    }
    return this._set({ atHour: hour });
  }

  nearMinute(minute: number): FakeClockTriggerBuilder {
    return this._set({ nearMinute: minute });
  }

  onWeekDay(day: string): FakeClockTriggerBuilder {
    return this._set({ onWeekDay: day });
  }

  onMonthDay(day: number): FakeClockTriggerBuilder {
    return this._set({ onMonthDay: day });
  }

  after(durationMilliseconds: number): FakeClockTriggerBuilder {
    return this._set({ after: durationMilliseconds });
  }

  at(date: Date): FakeClockTriggerBuilder {
    return this._set({ at: date });
  }

  inTimezone(timeZone: string): FakeClockTriggerBuilder {
    return this._set({ timeZone });
  }

  create(): FakeTrigger {
    const { schedule } = this;
    const repeats = [
      schedule.everyMinutes,
      schedule.everyHours,
      schedule.everyDays,
      schedule.everyWeeks,
    ];
    // onWeekDay and onMonthDay are schedules of their own: Google's reference builds a weekly
    // trigger as timeBased().onWeekDay(MONDAY).atHour(9).create().
    const onDay = schedule.onWeekDay !== undefined || schedule.onMonthDay !== undefined;
    if (
      repeats.every((n) => n === undefined) &&
      !onDay &&
      schedule.after === undefined &&
      !schedule.at
    ) {
      throw namedError(
        'Exception',
        'The trigger needs a schedule: call everyMinutes, everyHours, everyDays, everyWeeks, onWeekDay, onMonthDay, after or at before create().',
      );
    }
    return this.scriptApp._install(this.handler, { ...schedule });
  }

  private _set(part: TriggerSchedule): FakeClockTriggerBuilder {
    Object.assign(this.schedule, part);
    return this.tracker.track(this, 'ClockTriggerBuilder');
  }
}

/** The spreadsheet trigger builder: onOpen, onEdit, onChange or onFormSubmit, then create(). */
export class FakeSpreadsheetTriggerBuilder {
  private event?: TriggerSchedule['spreadsheetEvent'];

  constructor(
    private readonly tracker: Tracker,
    private readonly scriptApp: FakeScriptApp,
    private readonly handler: string,
  ) {}

  onOpen(): FakeSpreadsheetTriggerBuilder {
    return this._on('ON_OPEN');
  }

  onEdit(): FakeSpreadsheetTriggerBuilder {
    return this._on('ON_EDIT');
  }

  onChange(): FakeSpreadsheetTriggerBuilder {
    return this._on('ON_CHANGE');
  }

  onFormSubmit(): FakeSpreadsheetTriggerBuilder {
    return this._on('ON_FORM_SUBMIT');
  }

  create(): FakeTrigger {
    if (!this.event) {
      throw namedError(
        'Exception',
        'The trigger needs an event: call onOpen, onEdit, onChange or onFormSubmit before create().',
      );
    }
    return this.scriptApp._install(this.handler, { spreadsheetEvent: this.event });
  }

  private _on(event: TriggerSchedule['spreadsheetEvent']): FakeSpreadsheetTriggerBuilder {
    this.event = event;
    return this.tracker.track(this, 'SpreadsheetTriggerBuilder');
  }
}

// Google's add-on trigger restrictions: clock triggers no more often than hourly, and one
// trigger of each kind per user and document. The wording of these two errors is ours.
function checkAddOnRules(schedule: TriggerSchedule, installed: readonly FakeTrigger[]): void {
  if (schedule.everyMinutes !== undefined) {
    throw namedError(
      'Exception',
      'Add-ons can only create time-based triggers that run at most once an hour (everyMinutes is not allowed).',
    );
  }
  const kind = schedule.spreadsheetEvent ?? EventType.CLOCK;
  if (installed.some((trigger) => trigger.getEventType() === kind)) {
    throw namedError(
      'Exception',
      `An add-on can have only one ${kind} trigger per user and document; delete the existing one first.`,
    );
  }
}
