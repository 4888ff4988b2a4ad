// LockService: document, user and script locks. A test can make another execution hold one.
import { Tracker, namedError } from './tracking';

/** Who holds one kind of lock: nobody, this execution, or another one the test stands in for. */
export class LockState {
  holder: 'nobody' | 'this execution' | 'another execution' = 'nobody';
  /** Milliseconds callers asked to wait, in order, so tests can check the timeouts used. */
  readonly waits: number[] = [];

  /** Makes another execution hold the lock until `releaseElsewhere`. */
  holdElsewhere(): void {
    this.holder = 'another execution';
  }

  releaseElsewhere(): void {
    if (this.holder === 'another execution') this.holder = 'nobody';
  }
}

/** A Lock as LockService returns it; all Lock objects of one kind share one state. */
export class FakeLock {
  private held = false;

  constructor(private readonly state: LockState) {}

  tryLock(timeoutInMillis: number): boolean {
    this.state.waits.push(timeoutInMillis);
    if (this.state.holder === 'another execution') return false;
    this.state.holder = 'this execution';
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

  constructor(private readonly tracker: Tracker) {}

  getDocumentLock(): FakeLock {
    return this.tracker.track(new FakeLock(this.document), 'Lock');
  }

  getUserLock(): FakeLock {
    return this.tracker.track(new FakeLock(this.user), 'Lock');
  }

  getScriptLock(): FakeLock {
    return this.tracker.track(new FakeLock(this.script), 'Lock');
  }
}
