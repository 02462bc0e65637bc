// The two peers ship no types; only what the bench calls is declared.
declare module 'wechat' {
  import type { RequestHandler } from 'express';
  interface WechatConfig {
    token: string;
    appid?: string;
    encodingAESKey?: string;
  }
  function wechat(config: WechatConfig | string, handler: RequestHandler): RequestHandler;
  export default wechat;
}

declare module 'co-wechat' {
  import type { Middleware } from 'koa';
  interface CoWechatConfig {
    token: string;
    appid?: string;
    encodingAESKey?: string;
  }
  class CoWechat {
    constructor(config: CoWechatConfig);
    middleware(handle: (message: Record<string, unknown>, ctx: unknown) => Promise<unknown>): Middleware;
  }
  function wechat(config: CoWechatConfig): CoWechat;
  export default wechat;
}
