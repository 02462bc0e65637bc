import Koa from 'koa';
import wechat from 'co-wechat';
import { targetEnv } from './target-env.js';

/** (c) `co-wechat` on Koa 3: verifies, decrypts in safe mode, parses (xml2js), stores nothing. */
const { port, secrets } = targetEnv();
const app = new Koa();
// co-wechat turns any non-empty reply into a passive-reply XML; '' is its "no reply", sent as `success`.
app.use(async (ctx, next) => {
  await next();
  if (ctx.body === '') {
    ctx.type = 'text/plain';
    ctx.body = 'success';
  }
});
app.use(
  wechat({
    token: secrets.token,
    appid: secrets.appId,
    encodingAESKey: secrets.encodingAesKey ?? undefined,
  }).middleware(async () => ''),
);
app.listen(port, '127.0.0.1');
