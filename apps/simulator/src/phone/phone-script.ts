/**
 * The phone page's script (plain browser JS, no build step). It only calls the control API, and polls
 * the thread every second to show replies as they arrive. No template literals inside: this file is one.
 */
export const PHONE_SCRIPT = String.raw`
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var state = { mode: 'oa', account: null, customer: null, accounts: [], customers: [], sending: false, lastRender: '' };

  var modes = {
    oa: {
      accounts: function () { return api('GET', '/sim/oa/accounts').then(function (list) {
        return list.map(function (a) { return { key: a.appId, label: a.name + ' (' + a.appId + ')', name: a.name, raw: a }; }); }); },
      customers: function (acc) { return api('GET', '/sim/oa/accounts/' + enc(acc.key) + '/customers').then(function (list) {
        return list.map(function (c) { return { key: c.openid, label: (c.nickname || c.openid.slice(0, 10) + '…') + (c.subscribed ? '' : ' (unfollowed)'), raw: c }; }); }); },
      create: function (acc, nickname) { return api('POST', '/sim/oa/accounts/' + enc(acc.key) + '/customers', { nickname: nickname }).then(function (c) { return c.openid; }); },
      base: function (acc, cus) { return '/sim/oa/accounts/' + enc(acc.key) + '/customers/' + enc(cus.key); },
      menu: function (acc) { return api('GET', '/sim/oa/accounts/' + enc(acc.key) + '/menu').then(function (r) { return r.menu ? r.menu.button : []; }); },
    },
    wecom: {
      accounts: function () { return api('GET', '/sim/wecom/kf-accounts').then(function (list) {
        return list.map(function (a) { return { key: a.corpId + '|' + a.openKfId, label: a.name + ' (' + a.corpId + ')', name: a.name, raw: a }; }); }); },
      customers: function (acc) { return api('GET', '/sim/wecom/corps/' + enc(acc.raw.corpId) + '/customers').then(function (list) {
        return list.map(function (c) { return { key: c.externalUserId, label: c.nickname || c.externalUserId.slice(0, 10) + '…', raw: c }; }); }); },
      create: function (acc, nickname) { return api('POST', '/sim/wecom/corps/' + enc(acc.raw.corpId) + '/customers', { nickname: nickname }).then(function (c) { return c.externalUserId; }); },
      base: function (acc, cus) { return '/sim/wecom/corps/' + enc(acc.raw.corpId) + '/kf-accounts/' + enc(acc.raw.openKfId) + '/customers/' + enc(cus.key); },
      menu: function () { return Promise.resolve([]); },
    },
  };

  function enc(s) { return encodeURIComponent(s); }
  function api(method, path, body) {
    return fetch(path, { method: method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined })
      .then(function (res) { return res.json().then(function (data) {
        if (!res.ok) throw new Error(data && data.error ? data.error : 'HTTP ' + res.status);
        return data; }); });
  }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function fmtTime(ms) { var d = new Date(ms); return d.toLocaleString(); }
  function status(text) { $('status').textContent = text; }

  function loadAccounts() {
    return modes[state.mode].accounts().then(function (list) {
      state.accounts = list;
      fillSelect($('account'), list, state.account && state.account.key, 'No accounts — configure one with POST /sim/' + state.mode + '/…');
      state.account = list.find(function (a) { return a.key === $('account').value; }) || null;
      return loadCustomers();
    }).catch(function (e) { status(e.message); });
  }
  function loadCustomers() {
    if (!state.account) { state.customers = []; fillSelect($('customer'), [], null, '—'); state.customer = null; render(null); return Promise.resolve(); }
    loadMenu();
    return modes[state.mode].customers(state.account).then(function (list) {
      state.customers = list;
      fillSelect($('customer'), list, state.customer && state.customer.key, 'No customers yet: press + 顾客');
      state.customer = list.find(function (c) { return c.key === $('customer').value; }) || null;
      $('title-name').textContent = state.account.name;
      refresh();
    });
  }
  function fillSelect(select, list, keep, emptyLabel) {
    select.textContent = '';
    if (list.length === 0) { var o = el('option', '', emptyLabel); o.value = ''; select.appendChild(o); return; }
    list.forEach(function (item) { var o = el('option', '', item.label); o.value = item.key; select.appendChild(o); });
    if (keep && list.some(function (i) { return i.key === keep; })) select.value = keep;
  }
  function loadMenu() {
    var menu = $('menu'); menu.textContent = '';
    modes[state.mode].menu(state.account).then(function (buttons) {
      buttons.forEach(function (b) {
        var btn = el('button', '', b.name);
        btn.type = 'button';
        btn.onclick = function () {
          if (b.sub_button) {
            var names = b.sub_button.map(function (s, i) { return (i + 1) + '. ' + s.name; }).join('\n');
            var pick = Number(prompt(b.name + '\n' + names, '1'));
            if (b.sub_button[pick - 1]) clickMenu(b.sub_button[pick - 1]);
          } else { clickMenu(b); }
        };
        menu.appendChild(btn);
      });
    }).catch(function () {});
  }
  function clickMenu(b) {
    if (b.type === 'view') return send({ type: 'view', eventKey: b.url });
    if (b.key) return send({ type: 'click', eventKey: b.key });
    status('Menu button type ' + b.type + ' is not simulated');
  }

  function refresh() {
    if (!state.account || !state.customer) { render(null); return; }
    api('GET', modes[state.mode].base(state.account, state.customer) + '/thread').then(render).catch(function (e) { status(e.message); });
  }
  function render(thread) {
    var chat = $('chat');
    if (!thread) { chat.textContent = ''; chat.appendChild(el('div', 'empty', 'Pick an account and a customer, or create one.')); return; }
    var key = JSON.stringify(thread);
    if (key === state.lastRender) return;
    state.lastRender = key;
    var c = thread.customer;
    $('title-sub').textContent = c.typing ? '对方正在输入… typing' : (c.nickname || c.openid || c.externalUserId || '');
    status(describeWindow(c));
    var atBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
    chat.textContent = '';
    var lastAt = 0;
    thread.items.forEach(function (m) {
      if (m.at - lastAt > 5 * 60 * 1000) chat.appendChild(el('div', 'time', fmtTime(m.at)));
      lastAt = m.at;
      if (m.msgtype === 'system' || m.direction === 'system') { var s = el('div', 'system'); s.appendChild(el('span', '', m.content)); chat.appendChild(s); return; }
      var row = el('div', 'row ' + m.direction);
      row.appendChild(el('div', 'avatar', m.direction === 'customer' ? '我' : '客'));
      row.appendChild(el('div', 'bubble', bubbleText(m)));
      if (m.direction === 'customer') {
        var failed = !m.delivered && (m.failure || m.attempts > 0);
        var meta = el('div', 'meta' + (failed ? ' failed' : ''),
          m.delivered ? '✓ delivered' + (m.attempts > 1 ? ' (' + m.attempts + ' tries)' : '') : failed ? '✗ ' + (m.failure || 'failed') : '发送中…');
        row.appendChild(meta);
      } else if (m.via === 'passive-reply') {
        row.appendChild(el('div', 'meta', 'reply'));
      }
      chat.appendChild(row);
    });
    if (atBottom || state.sending) chat.scrollTop = chat.scrollHeight;
  }
  function bubbleText(m) {
    if (m.direction === 'customer') return m.content || ('[' + (m.event || m.msgtype) + ']');
    if (m.content) return m.content;
    var p = m.payload || {};
    switch (m.msgtype) {
      case 'image': return '[图片 image] ' + (p.media_id || '');
      case 'voice': return '[语音 voice]';
      case 'video': return '[视频 video] ' + (p.title || '');
      case 'file': return '[文件 file]';
      case 'news': return '[图文] ' + (p.articles && p.articles[0] ? p.articles[0].title + '\n' + (p.articles[0].url || '') : '');
      case 'link': return '[链接] ' + (p.title || '') + '\n' + (p.url || '');
      case 'msgmenu': return (p.head_content || '') + '\n' + (p.list || []).map(function (i) { return '› ' + (i.content || (i.click && i.click.content) || (i.text && i.text.content) || ''); }).join('\n') + '\n' + (p.tail_content || '');
      case 'miniprogrampage': case 'miniprogram': return '[小程序] ' + (p.title || '');
      case 'location': return '[位置] ' + (p.name || '') + ' ' + (p.address || '');
      default: return '[' + m.msgtype + ']';
    }
  }
  function describeWindow(c) {
    var w = c.window;
    var who = c.subscribed === false ? 'Not following · ' : '';
    if (w && c.sessionState !== undefined) who += 'Session state ' + c.sessionState + ' · ';
    if (!w || !w.open) return who + 'Reply window closed';
    var h = Math.floor(w.secondsLeft / 3600), m = Math.floor((w.secondsLeft % 3600) / 60);
    return who + 'Reply window: ' + h + ' h ' + m + ' m left · ' + w.remaining + ' of ' + (w.used + w.remaining) + ' messages left';
  }

  function send(message) {
    if (!state.account || !state.customer) { status('Pick an account and a customer first'); return Promise.resolve(); }
    state.sending = true; $('send').disabled = true;
    var p = api('POST', modes[state.mode].base(state.account, state.customer) + '/messages', message)
      .then(function (r) { if (!r.delivered) status('Not delivered after ' + r.attempts + ' attempt(s)'); })
      .catch(function (e) { status('Failed: ' + e.message); })
      .then(function () { state.sending = false; $('send').disabled = false; refresh(); loadCustomerList(); });
    setTimeout(refresh, 150);
    return p;
  }
  function loadCustomerList() {
    if (!state.account) return;
    modes[state.mode].customers(state.account).then(function (list) {
      state.customers = list;
      fillSelect($('customer'), list, state.customer && state.customer.key, '—');
    });
  }
  function sendText() {
    var text = $('text').value;
    if (!text.trim()) return;
    $('text').value = '';
    send({ type: 'text', content: text });
  }

  $('send').onclick = sendText;
  $('text').addEventListener('keydown', function (e) { if (e.key === 'Enter') sendText(); });
  $('plus').onclick = function () { $('more').classList.toggle('open'); };
  $('account').onchange = function () { state.account = state.accounts.find(function (a) { return a.key === $('account').value; }) || null; state.customer = null; loadCustomers(); };
  $('customer').onchange = function () { state.customer = state.customers.find(function (c) { return c.key === $('customer').value; }) || null; state.lastRender = ''; refresh(); };
  $('new-customer').onclick = function () {
    if (!state.account) { status('Pick an account first'); return; }
    var nickname = prompt('Nickname for the new customer', '顾客' + Math.floor(Math.random() * 1000));
    if (nickname === null) return;
    modes[state.mode].create(state.account, nickname).then(function (key) { state.customer = { key: key }; return loadCustomers(); }).catch(function (e) { status(e.message); });
  };
  $('file').onchange = function () {
    var file = $('file').files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { send({ type: 'image', data: String(reader.result).split(',')[1], filename: file.name }); };
    reader.readAsDataURL(file);
    $('file').value = '';
  };
  Array.prototype.forEach.call(document.querySelectorAll('.more button'), function (b) {
    b.onclick = function () {
      $('more').classList.remove('open');
      switch (b.getAttribute('data-action')) {
        case 'image': $('file').click(); break;
        case 'voice': send({ type: 'voice', recognition: prompt('Speech recognition text (optional)', '你好') || undefined }); break;
        case 'location': send({ type: 'location', latitude: 31.2304, longitude: 121.4737, label: '上海市黄浦区', name: '外滩', address: '上海市黄浦区中山东一路' }); break;
        case 'link': var url = prompt('Link URL', 'https://example.com/order/123'); if (url) send({ type: 'link', url: url, title: 'Order 123' }); break;
        case 'follow': send({ type: 'follow' }); break;
        case 'unfollow': send({ type: 'unfollow' }); break;
        case 'scan': var scene = prompt('QR scene value', '1001'); if (scene) send({ type: 'scan', scene: scene }); break;
        case 'enter': send({ type: 'enter_session', scene: 'phone' }); break;
      }
    };
  });
  function setMode(mode) {
    state.mode = mode; state.account = null; state.customer = null; state.lastRender = '';
    $('tab-oa').classList.toggle('active', mode === 'oa');
    $('tab-wecom').classList.toggle('active', mode === 'wecom');
    Array.prototype.forEach.call(document.querySelectorAll('[data-only]'), function (b) { b.style.display = b.getAttribute('data-only') === mode ? '' : 'none'; });
    loadAccounts();
  }
  $('tab-oa').onclick = function () { setMode('oa'); };
  $('tab-wecom').onclick = function () { setMode('wecom'); };
  setMode('oa');
  setInterval(refresh, 1000);
  setInterval(function () { if (!state.account) loadAccounts(); }, 3000);
})();
`;
