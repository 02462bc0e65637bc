import { randomBytes } from 'node:crypto';

/**
 * errmsg texts as api.weixin.qq.com writes them (WeChat appends a request id, " rid: …").
 * Only codes the simulator can produce are listed.
 */
export const OA_ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  0: 'ok',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40006: 'invalid meida size',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid image size',
  40010: 'invalid voice size',
  40011: 'invalid video size',
  40012: 'invalid thumb size',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40020: 'invalid button url size',
  40023: 'invalid sub button size',
  40035: 'invalid args',
  40053: 'invalid action info',
  40066: 'invalid url',
  40125: 'invalid appsecret',
  40164: 'invalid ip',
  41001: 'access_token missing',
  41005: 'media data missing',
  41006: 'media_id missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  44002: 'empty post data',
  44003: 'empty news data',
  44004: 'empty content',
  45002: 'content size out of limit',
  45008: 'article size out of limit',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  46003: 'menu no exist',
  47001: 'data format error',
  48001: 'api unauthorized',
};

function rid(): string {
  const h = randomBytes(12).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 16)}-${h.slice(16, 24)}`;
}

export interface PlatformError {
  errcode: number;
  errmsg: string;
}

export function oaError(errcode: number, detail?: string): PlatformError {
  const base = detail ?? OA_ERRMSG[errcode] ?? 'system error';
  return { errcode, errmsg: `${base} rid: ${rid()}` };
}

/** errmsg texts as qyapi.weixin.qq.com writes them (followed by a hint, the caller IP and a help link). */
export const WECOM_ERRMSG: Record<number, string> = {
  [-1]: 'system busy',
  0: 'ok',
  40001: 'invalid secret',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40006: 'invalid file size',
  40007: 'invalid media_id',
  40009: 'invalid image size',
  40010: 'invalid voice size',
  40011: 'invalid video size',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40058: 'invalid parameter',
  40096: 'invalid external userid',
  41001: 'access_token missing',
  42001: 'access_token expired',
  44002: 'empty post data',
  44004: 'empty content',
  41005: 'media data missing',
  60111: 'invalid userid',
  45002: 'content size out of limit',
  47001: 'data format error',
  95000: 'invalid open_kfid',
  95001: 'send msg count limit',
  95002: 'send msg time limit',
  95004: 'open_kfid not exist',
  95007: 'invalid msg token',
  95013: 'invalid code or code expired',
  95014: 'userid is not servicer or not receiving',
  95016: 'invalid service state transition',
  95018: 'send msg session status invalid',
  60020: 'not allow to access from your ip',
};

export function wecomError(errcode: number, ip: string, detail?: string): PlatformError {
  const base = detail ?? WECOM_ERRMSG[errcode] ?? 'system busy';
  const hint = `${Math.floor(Date.now() / 1000)}${randomBytes(3).toString('hex')}`;
  return {
    errcode,
    errmsg: `${base}, hint: [${hint}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
  };
}

/** Thrown by platform rules; the API layer turns it into `{errcode, errmsg}`. */
export class PlatformRefusal extends Error {
  constructor(
    readonly errcode: number,
    readonly detail?: string,
  ) {
    super(`errcode ${errcode}${detail ? `: ${detail}` : ''}`);
  }
}
