import { json, parseJsonBody, type SimRequest } from '../http/http-types.js';
import type { Router } from '../http/router.js';
import type { OaAccount, OaCustomer } from '../oa/oa-model.js';
import type { OaPlatform } from '../oa/oa-platform.js';
import { describeWindow } from '../oa/oa-reply-window.js';

/** The control API for the OA platform: what an OA admin and the customers do, for tests and the demo. */
export function registerOaControlRoutes(router: Router, oa: OaPlatform): void {
  const base = '/sim/oa/accounts';
  const customerPath = `${base}/:appId/customers/:openid`;

  router.post(base, (req) => json(accountView(oa.directory.upsertAccount(parseJsonBody(req)))));
  router.get(base, () => json(oa.directory.listAccounts().map(accountView)));
  router.get(`${base}/:appId`, (req) => json(accountView(oa.directory.account(req.params.appId))));
  router.delete(`${base}/:appId`, (req) => {
    oa.directory.deleteAccount(req.params.appId);
    oa.tokens.revokeAll(req.params.appId);
    return json({ deleted: req.params.appId });
  });
  router.post(`${base}/:appId/verify-url`, async (req) => json(await oa.verifyUrl(req.params.appId)));
  router.post(`${base}/:appId/ip-whitelist`, (req) =>
    json(oa.directory.setIpWhitelist(req.params.appId, parseJsonBody(req))),
  );
  router.get(`${base}/:appId/menu`, (req) =>
    json({ menu: oa.directory.account(req.params.appId).menu ?? null }),
  );

  router.post(`${base}/:appId/customers`, (req) =>
    json(customerView(oa, oa.directory.addCustomer(req.params.appId, parseJsonBody(req))), 201),
  );
  router.get(`${base}/:appId/customers`, (req) =>
    json(oa.directory.listCustomers(req.params.appId).map((c) => customerView(oa, c))),
  );
  router.get(customerPath, (req) => json(customerView(oa, customerOf(oa, req))));
  router.post(`${customerPath}/messages`, async (req) =>
    json(await oa.customerSends(req.params.appId, req.params.openid, parseJsonBody(req), req.baseUrl)),
  );
  router.get(`${customerPath}/inbox`, (req) => json(customerOf(oa, req).inbox));
  router.get(`${customerPath}/outbox`, (req) => json(customerOf(oa, req).outbox));
  router.get(`${customerPath}/thread`, (req) => {
    const customer = customerOf(oa, req);
    const items = [
      ...customer.outbox.map((m) => ({ direction: 'customer' as const, at: m.sentAt, ...m })),
      ...customer.inbox.map((m) => ({ direction: 'business' as const, at: m.receivedAt, ...m })),
    ].sort((a, b) => a.id - b.id);
    return json({ customer: customerView(oa, customer), items });
  });
}

function customerOf(oa: OaPlatform, req: SimRequest): OaCustomer {
  return oa.directory.customer(req.params.appId, req.params.openid);
}

function accountView(account: OaAccount): OaAccount {
  return { ...account };
}

function customerView(oa: OaPlatform, customer: OaCustomer) {
  const now = oa.clock.now();
  return {
    openid: customer.openid,
    appId: customer.appId,
    nickname: customer.nickname,
    headimgurl: customer.headimgurl,
    unionid: customer.unionid,
    subscribed: customer.subscribed,
    subscribeTime: customer.subscribeTime,
    lastMessageAt: customer.lastMessageAt,
    window: describeWindow(customer, now),
    typing: customer.typing !== undefined && customer.typing.until > now,
    inboxCount: customer.inbox.length,
  };
}
