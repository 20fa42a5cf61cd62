/**
 * When a camera that keeps failing the same way should be shown as `failed` (a person must look
 * at it) rather than `reconnecting`. CameraSupervisor already gives up on errors a retry cannot
 * fix (auth, unsupported stream); this adds the network reasons that usually mean a wrong
 * address — host not found, port refused, path not found — once they persisted both for a number
 * of attempts and for a while, so a switch reboot or a camera restart never trips it. Pure.
 */
import type { CaptureErrorReason } from '../capture/capture-error';

export interface GiveUpRule {
  /** Consecutive failures with this reason (no live frame in between)… */
  attempts: number;
  /** …and for at least this long since the first failure of the streak. */
  afterMs: number;
}

export type GiveUpPolicy = Partial<Record<CaptureErrorReason, GiveUpRule>>;

export const DEFAULT_GIVE_UP: Readonly<GiveUpPolicy> = {
  unreachable: { attempts: 3, afterMs: 30_000 },
  not_found: { attempts: 3, afterMs: 30_000 },
  refused: { attempts: 5, afterMs: 120_000 },
};

export class FailureTracker {
  private streakStart: number | null = null;
  private readonly counts = new Map<CaptureErrorReason, number>();
  private gaveUp = false;

  constructor(private readonly policy: GiveUpPolicy = DEFAULT_GIVE_UP) {
    for (const [reason, rule] of Object.entries(policy)) {
      if (!rule) continue;
      if (!(Number.isInteger(rule.attempts) && rule.attempts >= 1) || !(rule.afterMs >= 0)) {
        throw new RangeError(`give-up rule for ${reason}: attempts >= 1 (integer), afterMs >= 0`);
      }
    }
  }

  /** Frames arrived: the camera works, forget the streak. */
  onLive(): void {
    this.streakStart = null;
    this.counts.clear();
    this.gaveUp = false;
  }

  /**
   * Records one failed attempt; true when the camera should now be shown as failed. After a give
   * up, the next slow retry failing the same way gives up again at once.
   */
  onFailure(reason: CaptureErrorReason, now = Date.now()): boolean {
    this.streakStart ??= now;
    const n = (this.counts.get(reason) ?? 0) + 1;
    this.counts.set(reason, n);
    const rule = this.policy[reason];
    if (!rule) return false;
    if (this.gaveUp || (n >= rule.attempts && now - this.streakStart >= rule.afterMs)) {
      this.gaveUp = true;
      return true;
    }
    return false;
  }

  attempts(reason: CaptureErrorReason): number {
    return this.counts.get(reason) ?? 0;
  }
}
