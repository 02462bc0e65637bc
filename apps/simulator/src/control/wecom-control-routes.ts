import { ControlError, isRecord, json, parseJsonBody, type SimRequest } from '../http/http-types.js';
import type { Router } from '../http/router.js';
import { describeKfWindow } from '../wecom/wecom-sessions.js';
import type { KfCustomer } from '../wecom/wecom-model.js';
import type { WecomPlatform } from '../wecom/wecom-platform.js';

/** The control API for WeCom kf: corps, kf accounts, servicers, customers and what customers do. */
export function registerWecomControlRoutes(router: Router, wecom: WecomPlatform): void {
  const corps = '/sim/wecom/corps';
  const chat = `${corps}/:corpId/kf-accounts/:openKfId/customers/:externalUserId`;
  const dir = wecom.directory;

  router.post(corps, (req) => json(dir.upsertCorp(parseJsonBody(req))));
  router.get(corps, () => json(dir.listCorps()));
  router.post(`${corps}/:corpId/verify-url`, async (req) => json(await wecom.verifyUrl(req.params.corpId)));

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
  router.post(`${corps}/:corpId/kf-accounts/:openKfId/servicers`, (req) => {
    const account = dir.account(req.params.corpId, req.params.openKfId);
    const body = parseJsonBody(req);
    if (!isRecord(body) || typeof body.userid !== 'string' || !body.userid)
      throw new ControlError(400, '`userid` is required');
    const status = body.status === 1 ? 1 : 0;
    const existing = account.servicers.find((s) => s.userid === body.userid);
    if (existing) existing.status = status;
    else account.servicers.push({ userid: body.userid, status });
    return json(account.servicers);
  });

  router.post(`${corps}/:corpId/customers`, (req) =>
    json(dir.addCustomer(req.params.corpId, parseJsonBody(req)), 201),
  );
  router.get(`${corps}/:corpId/customers`, (req) => json(dir.listCustomers(req.params.corpId)));

  router.post(`${chat}/messages`, async (req) =>
    json(
      await wecom.customerSends(
        req.params.corpId,
        req.params.openKfId,
        req.params.externalUserId,
        parseJsonBody(req),
      ),
    ),
  );
  router.post(`${chat}/servicer-messages`, async (req) =>
    json(
      await wecom.servicerSends(
        req.params.corpId,
        req.params.openKfId,
        req.params.externalUserId,
        parseJsonBody(req),
      ),
    ),
  );
  router.post(`${chat}/servicer-actions`, async (req) =>
    json(
      await wecom.servicerActs(
        req.params.corpId,
        req.params.openKfId,
        req.params.externalUserId,
        parseJsonBody(req),
      ),
    ),
  );
  router.get(`${chat}/inbox`, (req) => json(sessionOf(wecom, req).session.inbox));
  router.get(`${chat}/session`, (req) => json(sessionView(wecom, req)));
  router.get(`${chat}/thread`, (req) => {
    const { session, customer } = sessionOf(wecom, req);
    const items = [
      ...session.outbox.map((m) => ({ direction: 'customer' as const, at: m.sentAt, ...m })),
      ...session.inbox.map((m) => ({ direction: 'business' as const, at: m.receivedAt, ...m })),
    ].sort((a, b) => a.id - b.id);
    return json({ customer: { ...customerView(customer), ...sessionView(wecom, req) }, items });
  });
}

function sessionOf(wecom: WecomPlatform, req: SimRequest) {
  const account = wecom.directory.account(req.params.corpId, req.params.openKfId);
  const customer = wecom.directory.customer(req.params.corpId, req.params.externalUserId);
  return { account, customer, session: wecom.directory.session(account, customer) };
}

function sessionView(wecom: WecomPlatform, req: SimRequest) {
  const { session } = sessionOf(wecom, req);
  return {
    sessionState: session.state,
    servicerUserId: session.servicerUserId,
    window: describeKfWindow(session, wecom.clock.now()),
  };
}

function customerView(customer: KfCustomer) {
  return { ...customer };
}
