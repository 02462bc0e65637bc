import { isRecord, type SimRequest } from '../http/http-types.js';
import type { Router } from '../http/router.js';
import { PlatformRefusal } from '../platform-errors.js';
import {
  platformApi,
  platformJson,
  platformJsonBody,
  platformOk,
  type PlatformApiDeps,
} from '../platform-api.js';
import { parseCustomMessage } from './oa-custom-message.js';
import type { OaAccount } from './oa-model.js';
import type { OaPlatform } from './oa-platform.js';
import { assertCanSend } from './oa-reply-window.js';

const TYPING_MS = 15_000;

/** Resolves the account behind `?access_token=`, or refuses as WeChat does (41001/40014/40001/42001). */
export function authenticate(oa: OaPlatform, req: SimRequest): OaAccount {
  const issued = oa.tokens.verify(req.query.access_token);
  const account = oa.directory.findAccount(issued.appId);
  if (!account) throw new PlatformRefusal(40001);
  return account;
}

/** The customer-service APIs need the account's customer-service permission (48001 otherwise). */
function requireCustomerService(account: OaAccount): void {
  if (!account.customerServicePermission) throw new PlatformRefusal(48001);
}

/** access_token endpoints and customer-service messages, at api.weixin.qq.com paths. */
export function registerOaApiRoutes(router: Router, oa: OaPlatform, deps: PlatformApiDeps): void {
  const api = (handler: Parameters<typeof platformApi>[1]) => platformApi(deps, handler);

  router.get(
    '/cgi-bin/token',
    api((req) => {
      if (req.query.grant_type !== 'client_credential') throw new PlatformRefusal(40002);
      const account = checkCredentials(oa, req, req.query.appid, req.query.secret);
      const issued = oa.tokens.issueBasic(account.appId);
      return platformJson('oa', { access_token: issued.token, expires_in: oa.tokens.settings.ttlSeconds });
    }),
  );

  router.post(
    '/cgi-bin/stable_token',
    api((req) => {
      const body = platformJsonBody(req);
      if (!isRecord(body)) throw new PlatformRefusal(47001);
      if (body.grant_type !== 'client_credential') throw new PlatformRefusal(40002);
      const account = checkCredentials(oa, req, body.appid, body.secret);
      if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean')
        throw new PlatformRefusal(47001);
      const issued = oa.tokens.issueStable(account.appId, body.force_refresh === true);
      return platformJson('oa', { access_token: issued.token, expires_in: oa.tokens.secondsLeft(issued) });
    }),
  );

  router.post(
    '/cgi-bin/message/custom/send',
    api((req) => {
      const account = authenticate(oa, req);
      requireCustomerService(account);
      const message = parseCustomMessage(platformJsonBody(req), (mediaId, types) => {
        const media = oa.media.get(account.appId, mediaId);
        return media !== undefined && types.includes(media.type);
      });
      const customer = oa.directory.findCustomer(account.appId, message.touser);
      if (!customer) throw new PlatformRefusal(40003);
      const window = assertCanSend(customer, oa.clock.now());
      window.used += 1;
      oa.deliverToInbox(customer, {
        msgtype: message.msgtype,
        content: message.content,
        payload: message.payload,
        via: 'custom-send',
        kfAccount: message.kfAccount,
      });
      return platformOk('oa');
    }),
  );

  router.post(
    '/cgi-bin/message/custom/typing',
    api((req) => {
      const account = authenticate(oa, req);
      requireCustomerService(account);
      const body = platformJsonBody(req);
      if (!isRecord(body)) throw new PlatformRefusal(47001);
      if (typeof body.touser !== 'string') throw new PlatformRefusal(40003);
      const customer = oa.directory.findCustomer(account.appId, body.touser);
      if (!customer) throw new PlatformRefusal(40003);
      if (body.command !== 'Typing' && body.command !== 'CancelTyping') throw new PlatformRefusal(40035);
      assertCanSend(customer, oa.clock.now());
      customer.typing = body.command === 'Typing' ? { until: oa.clock.now() + TYPING_MS } : undefined;
      return platformOk('oa');
    }),
  );

  // Legacy customer-service accounts: none are simulated, but the call reveals the permission.
  router.get(
    '/cgi-bin/customservice/getkflist',
    api((req) => {
      requireCustomerService(authenticate(oa, req));
      return platformJson('oa', { kf_list: [] });
    }),
  );

  router.get(
    '/cgi-bin/getcallbackip',
    api((req) => {
      authenticate(oa, req);
      return platformJson('oa', { ip_list: ['127.0.0.1'] });
    }),
  );

  router.get(
    '/cgi-bin/get_api_domain_ip',
    api((req) => {
      authenticate(oa, req);
      return platformJson('oa', { ip_list: ['127.0.0.1'] });
    }),
  );
}

/** appid, secret and IP whitelist, in the order WeChat checks them. */
function checkCredentials(oa: OaPlatform, req: SimRequest, appId: unknown, secret: unknown): OaAccount {
  const account = typeof appId === 'string' ? oa.directory.findAccount(appId) : undefined;
  if (!account) throw new PlatformRefusal(40013);
  if (secret !== account.appSecret) throw new PlatformRefusal(40125);
  if (account.ipWhitelist.enabled && !account.ipWhitelist.ips.includes(req.ip)) {
    throw new PlatformRefusal(40164, `invalid ip ${req.ip} ipv6 ::ffff:${req.ip}, not in whitelist`);
  }
  return account;
}
