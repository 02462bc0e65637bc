import type { SimulatorClock } from '../clock.js';
import { newAccessToken, randomChars } from '../ids.js';
import { PlatformRefusal } from '../platform-errors.js';
import { KF_CALLBACK_TOKEN_MS } from './wecom-model.js';

interface Issued {
  token: string;
  corpId: string;
  expiresAt: number;
}

/** WeCom access tokens (gettoken) and the short-lived sync_msg tokens carried by kf callbacks. */
export class WecomTokens {
  private readonly access = new Map<string, Issued>();
  private readonly latest = new Map<string, Issued>();
  private readonly callbackTokens = new Map<string, Issued>();

  constructor(
    private readonly clock: SimulatorClock,
    readonly ttlSeconds: number,
  ) {}

  issueAccess(corpId: string, reuse: boolean): Issued {
    const now = this.clock.now();
    const current = this.latest.get(corpId);
    if (reuse && current && current.expiresAt > now) return current;
    const issued = {
      token: newAccessToken().replace(/^\d+_/, ''),
      corpId,
      expiresAt: now + this.ttlSeconds * 1000,
    };
    this.access.set(issued.token, issued);
    this.latest.set(corpId, issued);
    return issued;
  }

  secondsLeft(issued: Issued): number {
    return Math.max(0, Math.floor((issued.expiresAt - this.clock.now()) / 1000));
  }

  verifyAccess(token: string | undefined): string {
    if (!token) throw new PlatformRefusal(41001);
    const issued = this.access.get(token);
    if (!issued) throw new PlatformRefusal(40014);
    if (this.clock.now() >= issued.expiresAt) throw new PlatformRefusal(42001);
    return issued.corpId;
  }

  issueCallbackToken(corpId: string): string {
    const issued = {
      token: `ENC${randomChars(40)}`,
      corpId,
      expiresAt: this.clock.now() + KF_CALLBACK_TOKEN_MS,
    };
    this.callbackTokens.set(issued.token, issued);
    return issued.token;
  }

  /** sync_msg's `token`: must come from a callback of this corp within the last 10 minutes (else 95007). */
  verifyCallbackToken(corpId: string, token: string): void {
    const issued = this.callbackTokens.get(token);
    if (!issued || issued.corpId !== corpId || this.clock.now() >= issued.expiresAt)
      throw new PlatformRefusal(95007);
  }
}
