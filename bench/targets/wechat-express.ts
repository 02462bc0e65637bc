import express, { type Request, type Response } from 'express';
import wechat from 'wechat';
import { targetEnv } from './target-env.js';

/** (c) node-webot's `wechat` middleware on Express 5: verifies and parses (xml2js), stores nothing. */
const { port, secrets } = targetEnv();
const app = express();
app.use(
  '/wechat',
  wechat(
    { token: secrets.token, appid: secrets.appId, encodingAESKey: secrets.encodingAesKey ?? undefined },
    (_request: Request, response: Response) => {
      // The middleware's own res.reply('') answers an empty body; WeChat's documented ack is `success`.
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('success');
    },
  ),
);
app.listen(port, '127.0.0.1');
