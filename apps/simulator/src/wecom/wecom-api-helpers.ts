import { isRecord, type SimRequest } from '../http/http-types.js';
import { PlatformRefusal } from '../platform-errors.js';
import { platformJsonBody } from '../platform-api.js';
import type { KfAccount, WecomCorp } from './wecom-model.js';
import type { WecomPlatform } from './wecom-platform.js';

/** WeCom APIs live under /qyapi in the simulator (WECOM_API_BASE=<sim url>/qyapi). */
export const QY = '/qyapi/cgi-bin';

/**
 * The corp behind `?access_token=`, or WeCom's refusal (41001/40014/42001). With the app's trusted-IP
 * list switched on, a caller outside it gets 60020 on every API but gettoken.
 */
export function authenticateCorp(wecom: WecomPlatform, req: SimRequest): WecomCorp {
  const corpId = wecom.tokens.verifyAccess(req.query.access_token);
  const corp = wecom.directory.findCorp(corpId);
  if (!corp) throw new PlatformRefusal(40014);
  if (corp.ipWhitelist.enabled && !corp.ipWhitelist.ips.includes(req.ip)) throw new PlatformRefusal(60020);
  return corp;
}

export function jsonObject(req: SimRequest): Record<string, unknown> {
  const body = platformJsonBody(req);
  if (!isRecord(body)) throw new PlatformRefusal(47001);
  return body;
}

export function kfAccountOf(wecom: WecomPlatform, corp: WecomCorp, openKfId: unknown): KfAccount {
  if (typeof openKfId !== 'string' || openKfId === '' || openKfId.length > 64)
    throw new PlatformRefusal(95000);
  const account = wecom.directory.findAccount(corp.corpId, openKfId);
  if (!account) throw new PlatformRefusal(95004);
  return account;
}
