import { isRecord, type SimRequest } from '../http/http-types.js';
import type { Router } from '../http/router.js';
import { randomChars } from '../ids.js';
import { PlatformRefusal } from '../platform-errors.js';
import {
  platformApi,
  platformJson,
  platformJsonBody,
  platformOk,
  type PlatformApiDeps,
} from '../platform-api.js';
import { authenticate } from './oa-api-routes.js';
import { checkMenu } from './oa-menu.js';
import type { OaAccount, OaCustomer } from './oa-model.js';
import type { OaPlatform } from './oa-platform.js';

const QR_DEFAULT_EXPIRE_SECONDS = 60;
const QR_MAX_EXPIRE_SECONDS = 2_592_000;

/** user/info, menus and parametric QR codes. */
export function registerOaProfileRoutes(router: Router, oa: OaPlatform, deps: PlatformApiDeps): void {
  const api = (handler: Parameters<typeof platformApi>[1]) => platformApi(deps, handler);

  router.get(
    '/cgi-bin/user/info',
    api((req) => {
      const account = authenticate(oa, req);
      const customer = findFollower(oa, account, req.query.openid);
      return platformJson('oa', userInfo(account, customer, req.query.lang));
    }),
  );

  router.post(
    '/cgi-bin/user/info/batchget',
    api((req: SimRequest) => {
      const account = authenticate(oa, req);
      const body = platformJsonBody(req);
      const list = isRecord(body) ? body.user_list : undefined;
      if (!Array.isArray(list) || list.length === 0 || list.length > 100) throw new PlatformRefusal(40035);
      const infos = list.map((entry) => {
        if (!isRecord(entry)) throw new PlatformRefusal(47001);
        const lang = typeof entry.lang === 'string' ? entry.lang : undefined;
        return userInfo(account, findFollower(oa, account, entry.openid), lang);
      });
      return platformJson('oa', { user_info_list: infos });
    }),
  );

  router.post(
    '/cgi-bin/menu/create',
    api((req) => {
      const account = authenticate(oa, req);
      const body = platformJsonBody(req);
      account.menu = checkMenu(body);
      return platformOk('oa');
    }),
  );

  router.get(
    '/cgi-bin/menu/get',
    api((req) => {
      const account = authenticate(oa, req);
      if (!account.menu) throw new PlatformRefusal(46003);
      return platformJson('oa', { menu: account.menu });
    }),
  );

  router.get(
    '/cgi-bin/menu/delete',
    api((req) => {
      const account = authenticate(oa, req);
      account.menu = undefined;
      return platformOk('oa');
    }),
  );

  router.post(
    '/cgi-bin/qrcode/create',
    api((req) => {
      authenticate(oa, req);
      const body = platformJsonBody(req);
      if (!isRecord(body)) throw new PlatformRefusal(47001);
      const action = body.action_name;
      const scene =
        isRecord(body.action_info) && isRecord(body.action_info.scene) ? body.action_info.scene : undefined;
      if (!scene) throw new PlatformRefusal(40053);
      const permanent = action === 'QR_LIMIT_SCENE' || action === 'QR_LIMIT_STR_SCENE';
      if (action === 'QR_SCENE' || action === 'QR_LIMIT_SCENE') {
        const id = scene.scene_id;
        const max = action === 'QR_LIMIT_SCENE' ? 100_000 : 0xffffffff;
        if (!Number.isInteger(id) || (id as number) < 1 || (id as number) > max)
          throw new PlatformRefusal(40053);
      } else if (action === 'QR_STR_SCENE' || action === 'QR_LIMIT_STR_SCENE') {
        const str = scene.scene_str;
        if (typeof str !== 'string' || str.length < 1 || str.length > 64) throw new PlatformRefusal(40053);
      } else {
        throw new PlatformRefusal(40053);
      }
      const ticket = `gQ${randomChars(94)}`;
      const code = randomChars(22);
      if (permanent) return platformJson('oa', { ticket, url: `http://weixin.qq.com/q/${code}` });
      const requested = body.expire_seconds ?? QR_DEFAULT_EXPIRE_SECONDS;
      if (typeof requested !== 'number' || requested < 1) throw new PlatformRefusal(40035);
      const expire = Math.min(requested, QR_MAX_EXPIRE_SECONDS);
      return platformJson('oa', { ticket, expire_seconds: expire, url: `http://weixin.qq.com/q/${code}` });
    }),
  );
}

function findFollower(oa: OaPlatform, account: OaAccount, openid: unknown): OaCustomer {
  const customer = typeof openid === 'string' ? oa.directory.findCustomer(account.appId, openid) : undefined;
  if (!customer) throw new PlatformRefusal(40003);
  return customer;
}

/** As WeChat answers since 2021-12-27: nickname and headimgurl empty unless the account exposes them. */
function userInfo(account: OaAccount, customer: OaCustomer, lang?: string): Record<string, unknown> {
  if (!customer.subscribed) {
    return {
      subscribe: 0,
      openid: customer.openid,
      ...(customer.unionid ? { unionid: customer.unionid } : {}),
    };
  }
  return {
    subscribe: 1,
    openid: customer.openid,
    nickname: account.exposeProfile ? customer.nickname : '',
    sex: 0,
    language: lang ?? customer.language,
    city: '',
    province: '',
    country: '',
    headimgurl: account.exposeProfile ? customer.headimgurl : '',
    subscribe_time: customer.subscribeTime,
    ...(customer.unionid ? { unionid: customer.unionid } : {}),
    remark: customer.remark,
    groupid: 0,
    tagid_list: [],
    subscribe_scene: customer.subscribeScene,
    ...qrSceneFields(customer.qrScene),
  };
}

/** WeChat reports a numeric scene (scene_id) in qr_scene and a string one (scene_str) in qr_scene_str. */
function qrSceneFields(scene: string | undefined): { qr_scene: number; qr_scene_str: string } {
  if (scene !== undefined && /^\d{1,10}$/.test(scene) && Number(scene) <= 0xffffffff)
    return { qr_scene: Number(scene), qr_scene_str: '' };
  return { qr_scene: 0, qr_scene_str: scene ?? '' };
}
