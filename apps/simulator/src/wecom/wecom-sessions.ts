import { randomChars } from '../ids.js';
import { PlatformRefusal } from '../platform-errors.js';
import {
  KF_MESSAGES_PER_CUSTOMER_MESSAGE,
  KF_WINDOW_MS,
  WELCOME_CODE_MS,
  type EventCode,
  type KfAccount,
  type KfSession,
  type ServiceState,
} from './wecom-model.js';

/** Allowed service_state/trans moves (spec §6.5; X → 4 allowed from every open state). */
const TRANSITIONS: Record<ServiceState, readonly ServiceState[]> = {
  0: [1, 2, 3, 4],
  1: [2, 3, 4],
  2: [3, 4],
  3: [3, 4],
  4: [],
};

const QUEUE_CODE_MS = 48 * 3600 * 1000;

/** Session states, the 48 h / 5-message rule, and the one-shot codes for send_msg_on_event. */
export class WecomSessionRules {
  private readonly codes = new Map<string, EventCode>();

  /** A customer message: an ended session restarts as new (0); the allowance resets. */
  onCustomerMessage(session: KfSession, now: number): void {
    if (session.state === 4) {
      session.state = 0;
      session.servicerUserId = undefined;
    }
    session.window = {
      openedAt: now,
      expiresAt: now + KF_WINDOW_MS,
      limit: KF_MESSAGES_PER_CUSTOMER_MESSAGE,
      used: 0,
    };
  }

  assertCanSend(session: KfSession, now: number): void {
    if (session.state !== 0 && session.state !== 1) throw new PlatformRefusal(95018);
    const window = session.window;
    if (!window || now >= window.expiresAt) throw new PlatformRefusal(95002);
    if (window.used >= window.limit) throw new PlatformRefusal(95001);
  }

  /** Changes the state; returns a msg_code when the move produces one (to 2/3 the first time, to 4). */
  transition(
    session: KfSession,
    account: KfAccount,
    target: number,
    servicerUserId: unknown,
    now: number,
  ): string | undefined {
    if (!Number.isInteger(target) || target < 0 || target > 4)
      throw new PlatformRefusal(40058, 'invalid service_state');
    const to = target as ServiceState;
    if (!TRANSITIONS[session.state].includes(to)) throw new PlatformRefusal(95016);
    if (to === 3) {
      const servicer = account.servicers.find((s) => s.userid === servicerUserId);
      if (!servicer || servicer.status !== 0) throw new PlatformRefusal(95014);
      if (session.state === 3 && session.servicerUserId === servicerUserId) throw new PlatformRefusal(95016);
      session.servicerUserId = servicer.userid;
    }
    const from = session.state;
    session.state = to;
    if (to === 4) {
      session.servicerUserId = undefined;
      return this.issue(session, 'end', now + WELCOME_CODE_MS, 4);
    }
    if ((to === 2 || to === 3) && from !== 2 && from !== 3) {
      return this.issue(session, to === 2 ? 'queue' : 'taken', now + QUEUE_CODE_MS, to);
    }
    return undefined;
  }

  /** enter_session's welcome_code, valid 20 s, when no welcome or message reached the customer in 48 h. */
  welcomeCode(session: KfSession, now: number): string | undefined {
    const recent = (t: number | undefined): boolean => t !== undefined && now - t < KF_WINDOW_MS;
    const lastReceived = session.inbox[session.inbox.length - 1]?.receivedAt;
    if (recent(session.lastWelcomeAt) || recent(lastReceived)) return undefined;
    return this.issue(session, 'welcome', now + WELCOME_CODE_MS, undefined);
  }

  /** The code for send_msg_on_event if it may be used now (not yet consumed), or the refusal. */
  checkCode(
    corpId: string,
    code: unknown,
    now: number,
    stateOf: (c: EventCode) => ServiceState | undefined,
  ): EventCode {
    const found = typeof code === 'string' ? this.codes.get(code) : undefined;
    if (!found || found.corpId !== corpId || found.used || now >= found.expiresAt)
      throw new PlatformRefusal(95013);
    if (found.state !== undefined && stateOf(found) !== found.state) throw new PlatformRefusal(95018);
    return found;
  }

  private issue(
    session: KfSession,
    kind: EventCode['kind'],
    expiresAt: number,
    state: ServiceState | undefined,
  ): string {
    const code = randomChars(43);
    this.codes.set(code, {
      code,
      kind,
      corpId: session.corpId,
      openKfId: session.openKfId,
      externalUserId: session.externalUserId,
      expiresAt,
      state,
      used: false,
    });
    return code;
  }
}

export function describeKfWindow(session: KfSession | undefined, now: number) {
  const window = session?.window;
  const sendable = session !== undefined && (session.state === 0 || session.state === 1);
  if (!window) return { open: false, secondsLeft: 0, used: 0, remaining: 0 };
  return {
    open: sendable && now < window.expiresAt && window.used < window.limit,
    expiresAt: window.expiresAt,
    secondsLeft: Math.max(0, Math.floor((window.expiresAt - now) / 1000)),
    used: window.used,
    remaining: Math.max(0, window.limit - window.used),
  };
}
