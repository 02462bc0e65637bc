import type { SimRequest } from '../http/http-types.js';
import type { Router } from '../http/router.js';
import { ALNUM, randomChars } from '../ids.js';
import { PlatformRefusal } from '../platform-errors.js';
import { platformApi, platformOk, type PlatformApiDeps } from '../platform-api.js';
import type { WecomCorp } from './wecom-model.js';
import { QY, authenticateCorp, jsonObject, kfAccountOf } from './wecom-api-helpers.js';
import type { WecomPlatform } from './wecom-platform.js';
import { registerWecomKfRoutes } from './wecom-kf-routes.js';
import { registerWecomMediaRoutes } from './wecom-media-routes.js';

/** gettoken, kf accounts, contact ways and servicers, at qyapi.weixin.qq.com paths under /qyapi. */
export function registerWecomApiRoutes(router: Router, wecom: WecomPlatform, deps: PlatformApiDeps): void {
  const api = (handler: Parameters<typeof platformApi>[1]) => platformApi(deps, handler);

  router.get(
    `${QY}/gettoken`,
    api((req) => {
      const corp = wecom.directory.findCorp(req.query.corpid ?? '');
      if (!corp) throw new PlatformRefusal(40013);
      if (req.query.corpsecret !== corp.corpSecret) throw new PlatformRefusal(40001);
      const issued = wecom.tokens.issueAccess(corp.corpId, corp.tokenReuse);
      return platformOk('wecom', {
        access_token: issued.token,
        expires_in: wecom.tokens.secondsLeft(issued),
      });
    }),
  );

  router.post(
    `${QY}/kf/account/add`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const body = jsonObject(req);
      checkName(body.name, true);
      checkAvatar(wecom, corp, body.media_id, true);
      const account = wecom.directory.addAccount(
        corp.corpId,
        body.name as string,
        avatarUrl(req, body.media_id),
      );
      return platformOk('wecom', { open_kfid: account.openKfId });
    }),
  );

  router.post(
    `${QY}/kf/account/update`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const body = jsonObject(req);
      const account = kfAccountOf(wecom, corp, body.open_kfid);
      checkName(body.name, false);
      checkAvatar(wecom, corp, body.media_id, false);
      if (typeof body.name === 'string') account.name = body.name;
      if (body.media_id !== undefined) account.avatar = avatarUrl(req, body.media_id);
      return platformOk('wecom');
    }),
  );

  router.post(
    `${QY}/kf/account/del`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const account = kfAccountOf(wecom, corp, jsonObject(req).open_kfid);
      wecom.directory.deleteAccount(account.openKfId);
      return platformOk('wecom');
    }),
  );

  router.post(
    `${QY}/kf/account/list`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const body = req.body.length === 0 ? {} : jsonObject(req);
      const offset = body.offset ?? 0;
      const limit = body.limit ?? 100;
      if (!Number.isInteger(offset) || (offset as number) < 0)
        throw new PlatformRefusal(40058, 'invalid offset');
      if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > 100)
        throw new PlatformRefusal(40058, 'invalid limit');
      const list = wecom.directory
        .listAccounts(corp.corpId)
        .slice(offset as number, (offset as number) + (limit as number))
        .map((a) => ({ open_kfid: a.openKfId, name: a.name, avatar: a.avatar, manage_privilege: true }));
      return platformOk('wecom', { account_list: list });
    }),
  );

  router.post(
    `${QY}/kf/add_contact_way`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const body = jsonObject(req);
      const account = kfAccountOf(wecom, corp, body.open_kfid);
      const scene = body.scene;
      if (scene !== undefined && (typeof scene !== 'string' || !/^[0-9a-zA-Z_-]{0,32}$/.test(scene))) {
        throw new PlatformRefusal(40058, 'invalid scene');
      }
      const base = `https://work.weixin.qq.com/kf/kfc${randomChars(16, '0123456789abcdef')}`;
      const url = scene ? `${base}?enc_scene=ENC${randomChars(24, ALNUM)}` : base;
      wecom.directory.addContactWay(account, url, typeof scene === 'string' ? scene : '');
      return platformOk('wecom', { url });
    }),
  );

  router.get(
    `${QY}/kf/servicer/list`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const account = kfAccountOf(wecom, corp, req.query.open_kfid);
      return platformOk('wecom', { servicer_list: account.servicers.map((s) => ({ ...s })) });
    }),
  );

  for (const op of ['add', 'del'] as const) {
    router.post(
      `${QY}/kf/servicer/${op}`,
      api((req) => {
        const corp = authenticateCorp(wecom, req);
        const body = jsonObject(req);
        const account = kfAccountOf(wecom, corp, body.open_kfid);
        const ids = body.userid_list;
        if (!Array.isArray(ids) || ids.length < 1 || ids.length > 100)
          throw new PlatformRefusal(40058, 'invalid userid_list');
        const result_list = ids.map((userid) => {
          if (typeof userid !== 'string' || userid === '')
            return { userid, errcode: 60111, errmsg: 'invalid userid' };
          const index = account.servicers.findIndex((s) => s.userid === userid);
          if (op === 'add' && index < 0) account.servicers.push({ userid, status: 0 });
          if (op === 'del' && index >= 0) account.servicers.splice(index, 1);
          return { userid, errcode: 0, errmsg: 'success' };
        });
        return platformOk('wecom', { result_list });
      }),
    );
  }

  router.get(
    `${QY}/getcallbackip`,
    api((req) => {
      authenticateCorp(wecom, req);
      return platformOk('wecom', { ip_list: ['127.0.0.1'] });
    }),
  );
  router.get(
    `${QY}/get_api_domain_ip`,
    api((req) => {
      authenticateCorp(wecom, req);
      return platformOk('wecom', { ip_list: ['127.0.0.1'] });
    }),
  );

  registerWecomKfRoutes(router, wecom, deps);
  registerWecomMediaRoutes(router, wecom, deps);
}

function checkName(name: unknown, required: boolean): void {
  if (name === undefined && !required) return;
  if (typeof name !== 'string' || name.length === 0 || [...name].length > 16)
    throw new PlatformRefusal(40058, 'invalid name');
}

function checkAvatar(wecom: WecomPlatform, corp: WecomCorp, mediaId: unknown, required: boolean): void {
  if (mediaId === undefined && !required) return;
  if (!wecom.media.get(corp.corpId, mediaId)) throw new PlatformRefusal(40007);
}

function avatarUrl(req: SimRequest, mediaId: unknown): string {
  return `${req.baseUrl}/sim/media/${String(mediaId)}`;
}
