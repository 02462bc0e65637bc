import { ControlError, isRecord, json, parseJsonBody, type SimRequest } from '../http/http-types.js';
import type { Router } from '../http/router.js';
import { describeKfWindow } from '../wecom/wecom-sessions.js';
import type { WecomPlatform } from '../wecom/wecom-platform.js';

/** The control API for WeCom kf: corps, kf accounts, servicers, customers and what customers do. */
export function registerWecomControlRoutes(router: Router, wecom: WecomPlatform): void {
  const corps = '/sim/wecom/corps';
  const account = `${corps}/:corpId/kf-accounts/:openKfId`;
  const chat = `${account}/customers/:externalUserId`;
  const dir = wecom.directory;
  /** A POST on one chat: the platform method gets (corpId, openKfId, externalUserId, body). */
  const chatAction = (
    path: string,
    act: (corpId: string, openKfId: string, externalUserId: string, body: unknown) => Promise<unknown>,
  ) =>
    router.post(`${chat}/${path}`, async (req) =>
      json(await act(req.params.corpId, req.params.openKfId, req.params.externalUserId, parseJsonBody(req))),
    );

  router.post(corps, (req) => json(dir.upsertCorp(parseJsonBody(req))));
  router.get(corps, () => json(dir.listCorps()));
  router.post(`${corps}/:corpId/verify-url`, async (req) => json(await wecom.verifyUrl(req.params.corpId)));
  router.post(`${corps}/:corpId/ip-whitelist`, (req) =>
    json(dir.setIpWhitelist(req.params.corpId, parseJsonBody(req))),
  );

  router.get('/sim/wecom/kf-accounts', () => json(dir.listAccounts()));
  router.get(`${corps}/:corpId/kf-accounts`, (req) => {
    dir.corp(req.params.corpId);
    return json(dir.listAccounts(req.params.corpId));
  });
  router.post(`${corps}/:corpId/kf-accounts`, (req) => {
    dir.corp(req.params.corpId);
    const body = parseJsonBody(req);
    const name = isRecord(body) && typeof body.name === 'string' && body.name ? body.name : undefined;
    if (!name) throw new ControlError(400, '`name` is required');
    return json(dir.addAccount(req.params.corpId, name), 201);
  });
  router.get(`${account}/contact-ways`, (req) => {
    const found = dir.account(req.params.corpId, req.params.openKfId);
    return json(dir.listContactWays(found.openKfId));
  });
  router.post(`${account}/servicers`, (req) => {
    const found = dir.account(req.params.corpId, req.params.openKfId);
    const body = parseJsonBody(req);
    if (!isRecord(body) || typeof body.userid !== 'string' || !body.userid)
      throw new ControlError(400, '`userid` is required');
    const status = body.status === 1 ? 1 : 0;
    const existing = found.servicers.find((s) => s.userid === body.userid);
    if (existing) existing.status = status;
    else found.servicers.push({ userid: body.userid, status });
    return json(found.servicers);
  });
  router.post(`${account}/servicers/:userid/status`, async (req) =>
    json(
      await wecom.servicers.changeStatus(
        req.params.corpId,
        req.params.openKfId,
        req.params.userid,
        parseJsonBody(req),
      ),
    ),
  );

  router.post(`${corps}/:corpId/customers`, (req) =>
    json(dir.addCustomer(req.params.corpId, parseJsonBody(req)), 201),
  );
  router.get(`${corps}/:corpId/customers`, (req) => json(dir.listCustomers(req.params.corpId)));

  chatAction('messages', (c, k, u, body) => wecom.customerSends(c, k, u, body));
  chatAction('recall', (c, k, u, body) => wecom.customerRecalls(c, k, u, body));
  chatAction('send-failures', (c, k, u, body) => wecom.failSentMessage(c, k, u, body));
  chatAction('servicer-messages', (c, k, u, body) => wecom.servicers.sends(c, k, u, body));
  chatAction('servicer-actions', (c, k, u, body) => wecom.servicers.acts(c, k, u, body));
  chatAction('servicer-recall', (c, k, u, body) => wecom.servicers.recalls(c, k, u, body));
  chatAction('reject-switch', (c, k, u, body) => wecom.servicers.rejectSwitch(c, k, u, body));

  router.get(`${chat}/inbox`, (req) => json(chatOf(wecom, req).session.inbox));
  router.get(`${chat}/session`, (req) => json(sessionView(wecom, req)));
  router.get(`${chat}/thread`, (req) => json(threadView(wecom, req)));
}

function chatOf(wecom: WecomPlatform, req: SimRequest) {
  return wecom.chat(req.params.corpId, req.params.openKfId, req.params.externalUserId);
}

function sessionView(wecom: WecomPlatform, req: SimRequest) {
  const { session } = chatOf(wecom, req);
  return {
    sessionState: session.state,
    servicerUserId: session.servicerUserId,
    window: describeKfWindow(session, wecom.clock.now()),
  };
}

/**
 * What the customer's phone shows, in order: their own messages (with `recallable` while the recall
 * window is open) and what reached them. Messages that failed later (msg_send_fail) never arrived.
 */
function threadView(wecom: WecomPlatform, req: SimRequest) {
  const { session, customer } = chatOf(wecom, req);
  const now = wecom.clock.now();
  const items = [
    ...session.outbox.map((m) => ({
      direction: 'customer' as const,
      at: m.sentAt,
      ...m,
      recallable: !m.event && m.recalledAt === undefined && now - m.sentAt < wecom.recallWindowMs,
    })),
    ...session.inbox
      .filter((m) => m.failType === undefined)
      .map((m) => ({ direction: 'business' as const, at: m.receivedAt, ...m })),
  ].sort((a, b) => a.id - b.id);
  return { customer: { ...customer, ...sessionView(wecom, req) }, items };
}
