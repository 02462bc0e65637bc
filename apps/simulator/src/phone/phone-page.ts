import { html, type SimResponse } from '../http/http-types.js';
import type { Router } from '../http/router.js';
import { PHONE_SCRIPT } from './phone-script.js';
import { PHONE_CSS } from './phone-styles.js';

/** The phone page: play a WeChat customer (OA or WeCom kf) against the server under test. */
export function registerPhonePage(router: Router): void {
  router.get('/phone', (): SimResponse => html(PHONE_HTML));
}

const PHONE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WeChat simulator · phone</title>
<style>${PHONE_CSS}</style>
</head>
<body>
<div class="phone">
  <div class="tabs">
    <button id="tab-oa" class="active" type="button">公众号 Official Account</button>
    <button id="tab-wecom" type="button">微信客服 WeCom</button>
  </div>
  <div class="setup">
    <select id="account" aria-label="Account"></select>
    <select id="customer" aria-label="Customer"></select>
    <button id="new-customer" type="button" title="Create a customer">+ 顾客</button>
  </div>
  <div class="title"><span id="title-name">—</span><small id="title-sub"></small></div>
  <div class="status" id="status">Pick an account and a customer</div>
  <div class="chat" id="chat" aria-live="polite"></div>
  <div class="menu" id="menu"></div>
  <div class="composer">
    <button class="plus" id="plus" type="button" aria-label="More">+</button>
    <input id="text" placeholder="输入消息 Type a message" autocomplete="off" aria-label="Message">
    <button class="send" id="send" type="button">发送</button>
  </div>
  <div class="more" id="more">
    <button type="button" data-action="image">图片<br>Image</button>
    <button type="button" data-action="voice">语音<br>Voice</button>
    <button type="button" data-action="location">位置<br>Location</button>
    <button type="button" data-action="link">链接<br>Link</button>
    <button type="button" data-action="follow" data-only="oa">关注<br>Follow</button>
    <button type="button" data-action="unfollow" data-only="oa">取消关注<br>Unfollow</button>
    <button type="button" data-action="scan" data-only="oa">扫码<br>Scan QR</button>
    <button type="button" data-action="enter" data-only="wecom">进入会话<br>Enter chat</button>
  </div>
  <input type="file" id="file" accept="image/png,image/jpeg,image/gif" hidden>
</div>
<script>${PHONE_SCRIPT}</script>
</body>
</html>`;
