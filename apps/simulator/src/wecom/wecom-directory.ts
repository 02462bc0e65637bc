import type { SimulatorClock } from '../clock.js';
import { ControlError, isRecord } from '../http/http-types.js';
import { optionalBoolean, optionalNumber, optionalString, requiredString } from '../http/validate.js';
import { newExternalUserId, newOpenKfId } from '../ids.js';
import type { KfAccount, KfContactWay, KfCustomer, KfSession, WecomCorp } from './wecom-model.js';

const DEFAULT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** Organisations, their kf accounts, customers (external_userid) and sessions. */
export class WecomDirectory {
  private readonly corps = new Map<string, WecomCorp>();
  private readonly accounts = new Map<string, KfAccount>();
  private readonly customers = new Map<string, KfCustomer>();
  private readonly sessions = new Map<string, KfSession>();
  private readonly contactWays = new Map<string, KfContactWay>();
  private nextItemId = 1;

  constructor(private readonly clock: SimulatorClock) {}

  upsertCorp(input: unknown): WecomCorp {
    if (!isRecord(input)) throw new ControlError(400, 'Body must be a JSON object');
    const corpId = requiredString(input, 'corpId');
    const existing = this.corps.get(corpId);
    const encodingAesKey = optionalString(input, 'encodingAesKey') ?? existing?.encodingAesKey;
    if (encodingAesKey === undefined || !/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) {
      throw new ControlError(
        400,
        'encodingAesKey must be exactly 43 letters or digits (WeCom callbacks are always encrypted)',
      );
    }
    const callbackUrl = optionalString(input, 'callbackUrl') ?? existing?.callbackUrl;
    if (callbackUrl === undefined || !/^https?:\/\/\S+$/.test(callbackUrl))
      throw new ControlError(400, 'callbackUrl must be an http(s) URL');
    const imageMaxBytes =
      optionalNumber(input, 'imageMaxBytes') ?? existing?.imageMaxBytes ?? DEFAULT_IMAGE_MAX_BYTES;
    if (!Number.isInteger(imageMaxBytes) || imageMaxBytes < 1)
      throw new ControlError(400, 'imageMaxBytes must be a positive integer');
    const corp: WecomCorp = {
      corpId,
      corpSecret:
        optionalString(input, 'corpSecret') ?? existing?.corpSecret ?? requiredString(input, 'corpSecret'),
      token: optionalString(input, 'token') ?? existing?.token ?? requiredString(input, 'token'),
      encodingAesKey,
      callbackUrl,
      name: optionalString(input, 'name') ?? existing?.name ?? corpId,
      tokenReuse: optionalBoolean(input, 'tokenReuse') ?? existing?.tokenReuse ?? true,
      ipWhitelist: existing?.ipWhitelist ?? { enabled: false, ips: [] },
      imageMaxBytes,
      createdAt: existing?.createdAt ?? this.clock.now(),
    };
    this.corps.set(corpId, corp);
    return corp;
  }

  findCorp(corpId: string): WecomCorp | undefined {
    return this.corps.get(corpId);
  }

  corp(corpId: string): WecomCorp {
    const corp = this.corps.get(corpId);
    if (!corp) throw new ControlError(404, `No WeCom corp ${corpId}`);
    return corp;
  }

  listCorps(): WecomCorp[] {
    return [...this.corps.values()];
  }

  setIpWhitelist(corpId: string, input: unknown): WecomCorp['ipWhitelist'] {
    const corp = this.corp(corpId);
    if (!isRecord(input) || typeof input.enabled !== 'boolean')
      throw new ControlError(400, 'Body must be { enabled: boolean, ips?: string[] }');
    const ips = input.ips ?? corp.ipWhitelist.ips;
    if (!Array.isArray(ips) || !ips.every((ip) => typeof ip === 'string'))
      throw new ControlError(400, '`ips` must be an array of strings');
    corp.ipWhitelist = { enabled: input.enabled, ips: [...(ips as string[])] };
    return corp.ipWhitelist;
  }

  addContactWay(account: KfAccount, url: string, scene: string): KfContactWay {
    const way: KfContactWay = {
      url,
      corpId: account.corpId,
      openKfId: account.openKfId,
      scene,
      createdAt: this.clock.now(),
    };
    this.contactWays.set(url, way);
    return way;
  }

  findContactWay(url: string): KfContactWay | undefined {
    return this.contactWays.get(url);
  }

  listContactWays(openKfId: string): KfContactWay[] {
    return [...this.contactWays.values()].filter((w) => w.openKfId === openKfId);
  }

  addAccount(corpId: string, name: string, avatar = ''): KfAccount {
    const account: KfAccount = {
      openKfId: newOpenKfId(),
      corpId,
      name,
      avatar,
      servicers: [],
      createdAt: this.clock.now(),
    };
    this.accounts.set(account.openKfId, account);
    return account;
  }

  findAccount(corpId: string, openKfId: unknown): KfAccount | undefined {
    const account = typeof openKfId === 'string' ? this.accounts.get(openKfId) : undefined;
    return account && account.corpId === corpId ? account : undefined;
  }

  account(corpId: string, openKfId: string): KfAccount {
    this.corp(corpId);
    const account = this.findAccount(corpId, openKfId);
    if (!account) throw new ControlError(404, `No kf account ${openKfId} in ${corpId}`);
    return account;
  }

  deleteAccount(openKfId: string): void {
    this.accounts.delete(openKfId);
  }

  listAccounts(corpId?: string): KfAccount[] {
    return [...this.accounts.values()].filter((a) => corpId === undefined || a.corpId === corpId);
  }

  addCustomer(corpId: string, input: unknown): KfCustomer {
    this.corp(corpId);
    const body = isRecord(input) ? input : {};
    const externalUserId = optionalString(body, 'externalUserId') ?? newExternalUserId();
    if (this.customers.has(externalUserId))
      throw new ControlError(409, `Customer ${externalUserId} already exists`);
    const customer: KfCustomer = {
      externalUserId,
      corpId,
      nickname: optionalString(body, 'nickname') ?? '微信用户',
      avatar: optionalString(body, 'avatar') ?? '',
      gender: optionalNumber(body, 'gender') ?? 0,
      unionid: optionalString(body, 'unionid'),
    };
    this.customers.set(externalUserId, customer);
    return customer;
  }

  findCustomer(corpId: string, externalUserId: unknown): KfCustomer | undefined {
    const customer = typeof externalUserId === 'string' ? this.customers.get(externalUserId) : undefined;
    return customer && customer.corpId === corpId ? customer : undefined;
  }

  customer(corpId: string, externalUserId: string): KfCustomer {
    this.corp(corpId);
    const customer = this.findCustomer(corpId, externalUserId);
    if (!customer) throw new ControlError(404, `No customer ${externalUserId} in ${corpId}`);
    return customer;
  }

  listCustomers(corpId: string): KfCustomer[] {
    this.corp(corpId);
    return [...this.customers.values()].filter((c) => c.corpId === corpId);
  }

  findSession(openKfId: string, externalUserId: string): KfSession | undefined {
    return this.sessions.get(`${openKfId}|${externalUserId}`);
  }

  /** The session of a customer with an account; a fresh one is "ended/not started" (4). */
  session(account: KfAccount, customer: KfCustomer): KfSession {
    const key = `${account.openKfId}|${customer.externalUserId}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = {
        openKfId: account.openKfId,
        externalUserId: customer.externalUserId,
        corpId: account.corpId,
        state: 4,
        inbox: [],
        outbox: [],
        sentMsgIds: new Set(),
        rejectedBy: new Set(),
      };
      this.sessions.set(key, session);
    }
    return session;
  }

  nextId(): number {
    return this.nextItemId++;
  }
}
