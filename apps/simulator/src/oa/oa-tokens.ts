import type { SimulatorClock } from '../clock.js';
import { ACCESS_TOKEN_SHAPE, newAccessToken } from '../ids.js';
import { PlatformRefusal } from '../platform-errors.js';

export interface IssuedToken {
  token: string;
  appId: string;
  kind: 'basic' | 'stable';
  issuedAt: number;
  /** When it dies: its natural expiry, or earlier when a newer token superseded it. */
  expiresAt: number;
  naturalExpiresAt: number;
}

export interface OaTokenSettings {
  ttlSeconds: number;
  /** How long a superseded cgi-bin/token token keeps working (WeChat: "about 5 minutes"). */
  overlapSeconds: number;
}

const STABLE_RENEW_BEFORE_MS = 300_000;
const FORCE_REFRESH_SPACING_MS = 30_000;
const FORCE_REFRESH_PER_DAY = 20;
const DAY_MS = 86_400_000;

/**
 * access_token issuing and checking, per appId. `cgi-bin/token` and `cgi-bin/stable_token` tokens are
 * independent of each other, as on WeChat.
 */
export class OaTokenService {
  private readonly byToken = new Map<string, IssuedToken>();
  private readonly latestBasic = new Map<string, IssuedToken>();
  private readonly latestStable = new Map<string, IssuedToken>();
  private readonly forceRefreshTimes = new Map<string, number[]>();

  constructor(
    private readonly clock: SimulatorClock,
    readonly settings: OaTokenSettings,
  ) {}

  /** cgi-bin/token: always a new token; the previous one survives only for the overlap. */
  issueBasic(appId: string): IssuedToken {
    const now = this.clock.now();
    const previous = this.latestBasic.get(appId);
    if (previous)
      previous.expiresAt = Math.min(previous.expiresAt, now + this.settings.overlapSeconds * 1000);
    const issued = this.create(appId, 'basic', now);
    this.latestBasic.set(appId, issued);
    return issued;
  }

  /**
   * cgi-bin/stable_token: the same token while valid; renewed in the last 5 minutes of its life (the
   * old one keeps working until its own expiry); force_refresh kills the old one at once.
   */
  issueStable(appId: string, forceRefresh: boolean): IssuedToken {
    const now = this.clock.now();
    const current = this.latestStable.get(appId);
    if (forceRefresh) {
      this.checkForceRefreshAllowed(appId, now);
      if (current) current.expiresAt = Math.min(current.expiresAt, now);
    } else if (current && current.expiresAt - now > STABLE_RENEW_BEFORE_MS) {
      return current;
    }
    const issued = this.create(appId, 'stable', now);
    this.latestStable.set(appId, issued);
    return issued;
  }

  /** The appId a token belongs to, or the refusal WeChat would give. */
  verify(accessToken: string | undefined): IssuedToken {
    if (accessToken === undefined || accessToken === '') throw new PlatformRefusal(41001);
    const issued = this.byToken.get(accessToken);
    if (!issued) {
      throw new PlatformRefusal(ACCESS_TOKEN_SHAPE.test(accessToken) ? 40001 : 40014);
    }
    const now = this.clock.now();
    if (now >= issued.expiresAt) {
      // Superseded tokens are "not latest" (40001); tokens that ran out their time are expired (42001).
      throw new PlatformRefusal(issued.expiresAt < issued.naturalExpiresAt ? 40001 : 42001);
    }
    return issued;
  }

  secondsLeft(issued: IssuedToken): number {
    return Math.max(0, Math.floor((issued.expiresAt - this.clock.now()) / 1000));
  }

  /** Forgets every token of an account (used when an account is deleted). */
  revokeAll(appId: string): void {
    for (const [token, issued] of this.byToken) if (issued.appId === appId) this.byToken.delete(token);
    this.latestBasic.delete(appId);
    this.latestStable.delete(appId);
  }

  private create(appId: string, kind: IssuedToken['kind'], now: number): IssuedToken {
    this.purgeOld(now);
    const expiresAt = now + this.settings.ttlSeconds * 1000;
    const issued: IssuedToken = {
      token: newAccessToken(),
      appId,
      kind,
      issuedAt: now,
      expiresAt,
      naturalExpiresAt: expiresAt,
    };
    this.byToken.set(issued.token, issued);
    return issued;
  }

  private checkForceRefreshAllowed(appId: string, now: number): void {
    const times = (this.forceRefreshTimes.get(appId) ?? []).filter((t) => now - t < DAY_MS);
    const last = times[times.length - 1];
    if (last !== undefined && now - last < FORCE_REFRESH_SPACING_MS) throw new PlatformRefusal(45011);
    if (times.length >= FORCE_REFRESH_PER_DAY) throw new PlatformRefusal(45009);
    times.push(now);
    this.forceRefreshTimes.set(appId, times);
  }

  private purgeOld(now: number): void {
    for (const [token, issued] of this.byToken) {
      if (issued.expiresAt < now - 7 * DAY_MS) this.byToken.delete(token);
    }
  }
}
