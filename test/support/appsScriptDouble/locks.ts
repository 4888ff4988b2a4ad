// LockService: document, user and script locks. A test can make another execution hold one.
import { Tracker, namedError } from './tracking';

/**
 * Which execution is running script code now. Locks belong to an execution: a second run of
 * the add-on at the same time (a trigger firing while a menu action runs) is another one.
 */
export class Executions {
  current = 1;
  private next = 2;

  /** Runs `work` as a new execution, as a trigger or a second user's action would start. */
  run<T>(work: () => T): T {
    const previous = this.current;
    this.current = this.next;
    this.next += 1;
    try {
      return work();
    } finally {
      this.current = previous;
    }
  }
}

/** Who holds one kind of lock: nobody, this execution, or another one the test stands in for. */
export class LockState {
  holder: 'nobody' | 'this execution' | 'another execution' = 'nobody';
  /** The execution holding the lock, when it is one the double runs. */
  owner: number | null = null;
  /** Milliseconds callers asked to wait, in order, so tests can check the timeouts used. */
  readonly waits: number[] = [];

  /** Makes another execution hold the lock until `releaseElsewhere`. */
  holdElsewhere(): void {
    this.holder = 'another execution';
    this.owner = null;
  }

  releaseElsewhere(): void {
    if (this.holder === 'another execution') this.holder = 'nobody';
  }

  /** Whether `execution` may take the lock now. */
  _freeFor(execution: number): boolean {
    if (this.holder === 'another execution') return false;
    return this.holder === 'nobody' || this.owner === null || this.owner === execution;
  }
}

/** A Lock as LockService returns it; all Lock objects of one kind share one state. */
export class FakeLock {
  private held = false;

  constructor(
    private readonly state: LockState,
    private readonly executions: Executions,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    this.state.waits.push(timeoutInMillis);
    if (!this.state._freeFor(this.executions.current)) return false;
    this.state.holder = 'this execution';
    this.state.owner = this.executions.current;
    this.held = true;
    return true;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) {
      throw namedError(
        'Exception',
        'Lock timeout: another process was holding the lock for too long.',
      );
    }
  }

  releaseLock(): void {
    if (this.held) {
      this.held = false;
      this.state.holder = 'nobody';
      this.state.owner = null;
    }
  }

  hasLock(): boolean {
    return this.held;
  }
}

/** LockService with one shared state per kind of lock. */
export class FakeLockService {
  readonly document = new LockState();
  readonly user = new LockState();
  readonly script = new LockState();
  readonly executions = new Executions();

  constructor(private readonly tracker: Tracker) {}

  getDocumentLock(): FakeLock {
    return this.tracker.track(new FakeLock(this.document, this.executions), 'Lock');
  }

  getUserLock(): FakeLock {
    return this.tracker.track(new FakeLock(this.user, this.executions), 'Lock');
  }

  getScriptLock(): FakeLock {
    return this.tracker.track(new FakeLock(this.script, this.executions), 'Lock');
  }
}
