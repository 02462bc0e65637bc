import type { SimulatorClock } from '../clock.js';
import { ControlError, isRecord } from '../http/http-types.js';
import { newOpenId } from '../ids.js';
import { missing, optionalBoolean, optionalString, requiredString } from '../http/validate.js';
import { ENCRYPTION_MODES, type EncryptionMode, type OaAccount, type OaCustomer } from './oa-model.js';

export interface OaDefaults {
  quotaPerCustomerMessage: number;
}

const DEFAULT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** The accounts configured on the simulated WeChat, and their followers. */
export class OaDirectory {
  private readonly accounts = new Map<string, OaAccount>();
  private readonly customers = new Map<string, Map<string, OaCustomer>>();
  private nextItemId = 1;

  constructor(
    private readonly clock: SimulatorClock,
    private readonly defaults: OaDefaults,
  ) {}

  /** Creates or updates an account by appId (what the admin saves on the server-config page). */
  upsertAccount(input: unknown): OaAccount {
    if (!isRecord(input)) throw new ControlError(400, 'Body must be a JSON object');
    const appId = requiredString(input, 'appId');
    const existing = this.accounts.get(appId);
    const encryptionMode = (input.encryptionMode ??
      existing?.encryptionMode ??
      'plaintext') as EncryptionMode;
    if (!ENCRYPTION_MODES.includes(encryptionMode)) {
      throw new ControlError(400, `encryptionMode must be one of ${ENCRYPTION_MODES.join(', ')}`);
    }
    const encodingAesKey = optionalString(input, 'encodingAesKey') ?? existing?.encodingAesKey;
    if (encodingAesKey !== undefined && !/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) {
      throw new ControlError(400, 'encodingAesKey must be exactly 43 letters or digits');
    }
    if (encryptionMode !== 'plaintext' && encodingAesKey === undefined) {
      throw new ControlError(400, `encryptionMode ${encryptionMode} needs an encodingAesKey`);
    }
    const callbackUrl = optionalString(input, 'callbackUrl') ?? existing?.callbackUrl;
    if (callbackUrl === undefined || !/^https?:\/\/[^\s]+$/.test(callbackUrl)) {
      throw new ControlError(400, 'callbackUrl must be an http(s) URL');
    }
    const quota =
      input.quotaPerCustomerMessage ??
      existing?.quotaPerCustomerMessage ??
      this.defaults.quotaPerCustomerMessage;
    if (!Number.isInteger(quota) || (quota as number) < 1) {
      throw new ControlError(400, 'quotaPerCustomerMessage must be a positive integer');
    }
    const imageMaxBytes = input.imageMaxBytes ?? existing?.imageMaxBytes ?? DEFAULT_IMAGE_MAX_BYTES;
    if (!Number.isInteger(imageMaxBytes) || (imageMaxBytes as number) < 1) {
      throw new ControlError(400, 'imageMaxBytes must be a positive integer');
    }
    const account: OaAccount = {
      appId,
      appSecret: optionalString(input, 'appSecret') ?? existing?.appSecret ?? missing('appSecret'),
      token: optionalString(input, 'token') ?? existing?.token ?? missing('token'),
      encodingAesKey,
      originalId: optionalString(input, 'originalId') ?? existing?.originalId ?? missing('originalId'),
      encryptionMode,
      callbackUrl,
      name: optionalString(input, 'name') ?? existing?.name ?? appId,
      quotaPerCustomerMessage: quota as number,
      exposeProfile: optionalBoolean(input, 'exposeProfile') ?? existing?.exposeProfile ?? false,
      customerServicePermission:
        optionalBoolean(input, 'customerServicePermission') ?? existing?.customerServicePermission ?? true,
      imageMaxBytes: imageMaxBytes as number,
      ipWhitelist: existing?.ipWhitelist ?? { enabled: false, ips: [] },
      menu: existing?.menu,
      createdAt: existing?.createdAt ?? this.clock.now(),
    };
    this.accounts.set(appId, account);
    if (!this.customers.has(appId)) this.customers.set(appId, new Map());
    return account;
  }

  findAccount(appId: string): OaAccount | undefined {
    return this.accounts.get(appId);
  }

  account(appId: string): OaAccount {
    const account = this.accounts.get(appId);
    if (!account) throw new ControlError(404, `No OA account with appId ${appId}`);
    return account;
  }

  listAccounts(): OaAccount[] {
    return [...this.accounts.values()];
  }

  deleteAccount(appId: string): void {
    this.account(appId);
    this.accounts.delete(appId);
    this.customers.delete(appId);
  }

  setIpWhitelist(appId: string, input: unknown): OaAccount['ipWhitelist'] {
    const account = this.account(appId);
    if (!isRecord(input) || typeof input.enabled !== 'boolean') {
      throw new ControlError(400, 'Body must be { enabled: boolean, ips?: string[] }');
    }
    const ips = input.ips ?? account.ipWhitelist.ips;
    if (!Array.isArray(ips) || !ips.every((ip) => typeof ip === 'string')) {
      throw new ControlError(400, '`ips` must be an array of strings');
    }
    account.ipWhitelist = { enabled: input.enabled, ips: [...(ips as string[])] };
    return account.ipWhitelist;
  }

  /** Adds a follower (`openid` generated like WeChat's when absent). */
  addCustomer(appId: string, input: unknown): OaCustomer {
    this.account(appId);
    const body = isRecord(input) ? input : {};
    const openid = optionalString(body, 'openid') ?? newOpenId(appId);
    const followers = this.customers.get(appId)!;
    if (followers.has(openid)) throw new ControlError(409, `Customer ${openid} already exists`);
    const customer: OaCustomer = {
      openid,
      appId,
      nickname: optionalString(body, 'nickname') ?? '',
      headimgurl: optionalString(body, 'headimgurl') ?? '',
      unionid: optionalString(body, 'unionid'),
      language: optionalString(body, 'language') ?? 'zh_CN',
      remark: '',
      subscribed: optionalBoolean(body, 'subscribed') ?? true,
      subscribeTime: this.clock.nowSeconds(),
      subscribeScene: optionalString(body, 'subscribeScene') ?? 'ADD_SCENE_SEARCH',
      inbox: [],
      outbox: [],
    };
    followers.set(openid, customer);
    return customer;
  }

  findCustomer(appId: string, openid: string): OaCustomer | undefined {
    return this.customers.get(appId)?.get(openid);
  }

  customer(appId: string, openid: string): OaCustomer {
    this.account(appId);
    const customer = this.findCustomer(appId, openid);
    if (!customer) throw new ControlError(404, `No customer ${openid} on ${appId}`);
    return customer;
  }

  listCustomers(appId: string): OaCustomer[] {
    this.account(appId);
    return [...this.customers.get(appId)!.values()];
  }

  /** Ids shared by inbox and outbox items, so the phone page can merge them in order. */
  nextId(): number {
    return this.nextItemId++;
  }
}
