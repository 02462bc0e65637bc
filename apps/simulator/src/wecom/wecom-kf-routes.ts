import type { Router } from '../http/router.js';
import { PlatformRefusal } from '../platform-errors.js';
import { platformApi, platformOk, type PlatformApiDeps } from '../platform-api.js';
import { parseKfOutgoing } from './wecom-messages.js';
import type { WecomPlatform } from './wecom-platform.js';
import { SYNC_LIMIT_MAX } from './wecom-sync-log.js';
import { QY, authenticateCorp, jsonObject, kfAccountOf } from './wecom-api-helpers.js';

const MSGID_SHAPE = /^[0-9a-zA-Z_-]{1,32}$/;

/** Sessions, pulling messages and sending them: the kf rules (states, 48 h / 5, codes, tokens). */
export function registerWecomKfRoutes(router: Router, wecom: WecomPlatform, deps: PlatformApiDeps): void {
  const api = (handler: Parameters<typeof platformApi>[1]) => platformApi(deps, handler);
  const sessionOf = (corpId: string, body: Record<string, unknown>) => {
    const corp = wecom.directory.findCorp(corpId)!;
    const account = kfAccountOf(wecom, corp, body.open_kfid);
    const customer = wecom.directory.findCustomer(corpId, body.external_userid ?? body.touser);
    if (!customer) throw new PlatformRefusal(40096);
    return { corp, account, customer, session: wecom.directory.session(account, customer) };
  };

  router.post(
    `${QY}/kf/service_state/get`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const { session } = sessionOf(corp.corpId, jsonObject(req));
      return platformOk('wecom', {
        service_state: session.state,
        servicer_userid: session.servicerUserId ?? '',
      });
    }),
  );

  router.post(
    `${QY}/kf/service_state/trans`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const body = jsonObject(req);
      const { account, session } = sessionOf(corp.corpId, body);
      const msgCode = wecom.sessions.transition(
        session,
        account,
        body.service_state as number,
        body.servicer_userid,
        wecom.clock.now(),
      );
      return platformOk('wecom', msgCode ? { msg_code: msgCode } : {});
    }),
  );

  router.post(
    `${QY}/kf/sync_msg`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const body = jsonObject(req);
      if (body.token !== undefined && body.token !== '') {
        if (typeof body.token !== 'string' || body.token.length > 128) throw new PlatformRefusal(95007);
        wecom.tokens.verifyCallbackToken(corp.corpId, body.token);
      }
      const limit = body.limit ?? SYNC_LIMIT_MAX;
      if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > SYNC_LIMIT_MAX) {
        throw new PlatformRefusal(40058, 'invalid limit');
      }
      if (body.cursor !== undefined && typeof body.cursor !== 'string')
        throw new PlatformRefusal(40058, 'invalid cursor');
      const openKfId =
        body.open_kfid === undefined || body.open_kfid === ''
          ? undefined
          : kfAccountOf(wecom, corp, body.open_kfid).openKfId;
      const page = wecom.syncLog.page(corp.corpId, body.cursor || undefined, limit as number, openKfId);
      return platformOk('wecom', { ...page });
    }),
  );

  router.post(
    `${QY}/kf/send_msg`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const body = jsonObject(req);
      const { session } = sessionOf(corp.corpId, body);
      const requested = body.msgid;
      if (requested !== undefined && (typeof requested !== 'string' || !MSGID_SHAPE.test(requested))) {
        throw new PlatformRefusal(40058, 'invalid msgid');
      }
      if (typeof requested === 'string' && session.sentMsgIds.has(requested))
        return platformOk('wecom', { msgid: requested });
      const outgoing = parseKfOutgoing(
        body,
        (mediaId) => wecom.media.get(corp.corpId, mediaId) !== undefined,
      );
      const now = wecom.clock.now();
      wecom.sessions.assertCanSend(session, now);
      session.window!.used += 1;
      const msgid = typeof requested === 'string' ? requested : wecom.newMsgId();
      session.sentMsgIds.add(msgid);
      wecom.deliverToInbox(session, {
        msgid,
        msgtype: outgoing.msgtype,
        content: outgoing.content,
        payload: outgoing.payload,
        via: 'send_msg',
      });
      return platformOk('wecom', { msgid });
    }),
  );

  router.post(
    `${QY}/kf/send_msg_on_event`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const body = jsonObject(req);
      const requested = body.msgid;
      if (requested !== undefined && (typeof requested !== 'string' || !MSGID_SHAPE.test(requested))) {
        throw new PlatformRefusal(40058, 'invalid msgid');
      }
      const now = wecom.clock.now();
      const sessionFor = (openKfId: string, externalUserId: string) =>
        wecom.directory.findSession(openKfId, externalUserId);
      const code = wecom.sessions.checkCode(
        corp.corpId,
        body.code,
        now,
        (c) => sessionFor(c.openKfId, c.externalUserId)?.state,
      );
      const allowed = code.kind === 'welcome' || code.kind === 'end' ? ['text', 'msgmenu'] : ['text'];
      const outgoing = parseKfOutgoing(body, () => false, allowed);
      const session = sessionFor(code.openKfId, code.externalUserId);
      if (!session) throw new PlatformRefusal(95013);
      // Single use, but only once the message is accepted: a refused call changes nothing.
      code.used = true;
      if (code.kind === 'welcome') session.lastWelcomeAt = now;
      const msgid = typeof requested === 'string' ? requested : wecom.newMsgId();
      wecom.deliverToInbox(session, {
        msgid,
        msgtype: outgoing.msgtype,
        content: outgoing.content,
        payload: outgoing.payload,
        via: 'send_msg_on_event',
      });
      return platformOk('wecom', { msgid });
    }),
  );

  router.post(
    `${QY}/kf/customer/batchget`,
    api((req) => {
      const corp = authenticateCorp(wecom, req);
      const body = jsonObject(req);
      const ids = body.external_userid_list;
      if (!Array.isArray(ids) || ids.length < 1 || ids.length > 100)
        throw new PlatformRefusal(40058, 'invalid external_userid_list');
      const withContext = body.need_enter_session_context === 1;
      const customer_list: unknown[] = [];
      const invalid_external_userid: unknown[] = [];
      for (const id of ids) {
        const customer = wecom.directory.findCustomer(corp.corpId, id);
        if (!customer) {
          invalid_external_userid.push(id);
          continue;
        }
        customer_list.push({
          external_userid: customer.externalUserId,
          nickname: customer.nickname,
          avatar: customer.avatar,
          gender: customer.gender,
          unionid: customer.unionid ?? '',
          ...(withContext && customer.enterSessionContext
            ? { enter_session_context: customer.enterSessionContext }
            : {}),
        });
      }
      return platformOk('wecom', { customer_list, invalid_external_userid });
    }),
  );
}
