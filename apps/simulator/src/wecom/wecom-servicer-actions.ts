import { ControlError, isRecord } from '../http/http-types.js';
import type { KfServicer } from './wecom-model.js';
import { chatScope, type WecomPlatform } from './wecom-platform.js';

/**
 * How servicer_status_change writes "receiving" and "stopped" ([conflict] spec §6.6): `'1-2'` (1 receiving,
 * 2 stopped — silenceper, copying the official table; the default) or `'0-1'` (the wecom-sdk enum, and
 * what kf/servicer/list uses).
 */
export type ServicerStatusValues = '1-2' | '0-1';
export const SERVICER_STATUS_VALUES: readonly ServicerStatusValues[] = ['1-2', '0-1'];

/** What a human servicer does in the WeCom app; the server learns of each through sync_msg. */
export class WecomServicerActions {
  constructor(private readonly wecom: WecomPlatform) {}

  /** A reply from the WeCom app (origin 5): only while the session is with a human (3). */
  async sends(corpId: string, openKfId: string, externalUserId: string, input: unknown) {
    const { corp, session } = this.wecom.chat(corpId, openKfId, externalUserId);
    if (session.state !== 3 || !session.servicerUserId) {
      throw new ControlError(
        409,
        `Session is in state ${session.state}; a servicer replies from WeCom only in state 3`,
      );
    }
    const content =
      isRecord(input) && typeof input.content === 'string' && input.content ? input.content : undefined;
    if (!content) throw new ControlError(400, '`content` is required');
    const now = this.wecom.clock.now();
    const msgid = this.wecom.newMsgId();
    this.wecom.syncLog.append(corpId, openKfId, {
      msgid,
      open_kfid: openKfId,
      external_userid: externalUserId,
      send_time: Math.floor(now / 1000),
      origin: 5,
      servicer_userid: session.servicerUserId,
      msgtype: 'text',
      text: { content },
    });
    this.wecom.deliverToInbox(session, {
      msgid,
      msgtype: 'text',
      content,
      payload: { content },
      via: 'servicer',
      servicerUserId: session.servicerUserId,
    });
    return { msgid, ...(await this.wecom.ringDoorbell(corp, openKfId)) };
  }

  /**
   * Take a queued or new session (change_type 1), transfer it to another servicer (2) or end it (3),
   * reported as session_status_change.
   */
  async acts(corpId: string, openKfId: string, externalUserId: string, input: unknown) {
    const { corp, account, customer, session } = this.wecom.chat(corpId, openKfId, externalUserId);
    const action = isRecord(input) ? input.action : undefined;
    const servicerUserId = isRecord(input) ? input.servicerUserId : undefined;
    const old = session.servicerUserId;
    const changeType = action === 'take' ? 1 : action === 'transfer' ? 2 : action === 'end' ? 3 : undefined;
    if (changeType === undefined) throw new ControlError(400, '`action` must be take, transfer or end');
    if (changeType === 2 && session.state !== 3)
      throw new ControlError(409, 'Only a session with a servicer (3) can be transferred');
    if (changeType === 1 && session.state === 3)
      throw new ControlError(409, 'The session already has a servicer; transfer it');
    let msgCode: string | undefined;
    try {
      msgCode = this.wecom.sessions.transition(
        session,
        account,
        changeType === 3 ? 4 : 3,
        servicerUserId,
        this.wecom.clock.now(),
      );
    } catch (error) {
      throw new ControlError(409, `WeCom refuses: ${error instanceof Error ? error.message : String(error)}`);
    }
    const event: Record<string, unknown> = {
      event_type: 'session_status_change',
      open_kfid: openKfId,
      external_userid: externalUserId,
      change_type: changeType,
    };
    if (changeType !== 1 && old) event.old_servicer_userid = old;
    if (changeType !== 3) event.new_servicer_userid = session.servicerUserId;
    if (msgCode && changeType !== 2) event.msg_code = msgCode;
    const pushed = await this.wecom.pushEvent(corp, chatScope(account, customer), event);
    return { sessionState: session.state, msgCode, ...pushed };
  }

  /**
   * The servicer starts or stops receiving (status 0/1 as in kf/servicer/list; stopType 0 stopped,
   * 1 paused) → servicer_status_change. A stopped servicer cannot be given sessions (95014).
   */
  async changeStatus(corpId: string, openKfId: string, userid: string, input: unknown) {
    const corp = this.wecom.directory.corp(corpId);
    const account = this.wecom.directory.account(corpId, openKfId);
    const servicer = account.servicers.find((s) => s.userid === userid);
    if (!servicer) throw new ControlError(404, `${userid} is not a servicer of ${openKfId}`);
    const body = isRecord(input) ? input : {};
    const status = body.status;
    if (status !== 0 && status !== 1)
      throw new ControlError(400, '`status` must be 0 (receiving) or 1 (stopped)');
    const stopType = status === 1 ? (body.stopType ?? 0) : undefined;
    if (stopType !== undefined && stopType !== 0 && stopType !== 1)
      throw new ControlError(400, '`stopType` must be 0 (stopped) or 1 (paused)');
    if (servicer.status === status && servicer.stop_type === stopType)
      throw new ControlError(409, `${userid} is already in that status`);
    const next: KfServicer = { userid, status, ...(stopType === undefined ? {} : { stop_type: stopType }) };
    account.servicers[account.servicers.indexOf(servicer)] = next;
    const receiving = status === 0;
    const wire = this.wecom.options.servicerStatusValues === '1-2' ? (receiving ? 1 : 2) : receiving ? 0 : 1;
    const pushed = await this.wecom.pushEvent(
      corp,
      { openKfId, topLevel: false },
      {
        event_type: 'servicer_status_change',
        servicer_userid: userid,
        status: wire,
        ...(stopType === undefined ? {} : { stop_type: stopType }),
        open_kfid: openKfId,
      },
    );
    return { servicer: next, ...pushed };
  }

  /** The servicer recalls a message they sent from the WeCom app, within the recall window. */
  async recalls(corpId: string, openKfId: string, externalUserId: string, input: unknown) {
    const { corp, account, customer, session } = this.wecom.chat(corpId, openKfId, externalUserId);
    const msgid = isRecord(input) && typeof input.msgid === 'string' ? input.msgid : '';
    if (!msgid) throw new ControlError(400, '`msgid` (the servicer message to recall) is required');
    const sent = session.inbox.find((m) => m.msgid === msgid && m.via === 'servicer');
    if (!sent) throw new ControlError(404, `No servicer message ${msgid} in this chat`);
    const now = this.wecom.clock.now();
    this.wecom.assertRecallable(sent.receivedAt, sent.recalledAt, now);
    sent.recalledAt = now;
    const pushed = await this.wecom.pushEvent(corp, chatScope(account, customer), {
      event_type: 'servicer_recall_msg',
      open_kfid: openKfId,
      external_userid: externalUserId,
      recall_msgid: msgid,
      servicer_userid: sent.servicerUserId ?? '',
    });
    return { recalledMsgid: msgid, ...pushed };
  }

  /** A servicer switches "reject this customer's messages" on (1) or off (0). */
  async rejectSwitch(corpId: string, openKfId: string, externalUserId: string, input: unknown) {
    const { corp, account, customer, session } = this.wecom.chat(corpId, openKfId, externalUserId);
    const body = isRecord(input) ? input : {};
    const servicerUserId = body.servicerUserId;
    if (typeof servicerUserId !== 'string' || !account.servicers.some((s) => s.userid === servicerUserId))
      throw new ControlError(400, '`servicerUserId` must be a servicer of this account');
    const rejectSwitch = body.rejectSwitch;
    if (rejectSwitch !== 0 && rejectSwitch !== 1)
      throw new ControlError(400, '`rejectSwitch` must be 1 (reject) or 0 (cancel the rejection)');
    const rejecting = session.rejectedBy.has(servicerUserId);
    if (rejecting === (rejectSwitch === 1))
      throw new ControlError(
        409,
        `The switch is already ${rejectSwitch === 1 ? 'on' : 'off'} for ${servicerUserId}`,
      );
    if (rejectSwitch === 1) session.rejectedBy.add(servicerUserId);
    else session.rejectedBy.delete(servicerUserId);
    return this.wecom.pushEvent(corp, chatScope(account, customer), {
      event_type: 'reject_customer_msg_switch_change',
      open_kfid: openKfId,
      external_userid: externalUserId,
      servicer_userid: servicerUserId,
      reject_switch: rejectSwitch,
    });
  }
}
