/**
 * The phone page's script (plain browser JS, no build step). It only calls the control API, and polls
 * the thread every second to show replies as they arrive. Every input is an inline sheet (no prompt or
 * alert), so a person and a browser test drive it the same way. No template literals inside: this file
 * is one.
 */
export const PHONE_SCRIPT = String.raw`
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const MAX_FILE_BYTES = 20 * 1024 * 1024;
  const state = { mode: 'oa', account: null, customer: null, accounts: [], customers: [], thread: null, busy: false, lastRender: '', sheet: null };

  const modes = {
    oa: {
      accounts: () => api('GET', '/sim/oa/accounts').then((list) => list.map((a) => ({ key: a.appId, label: a.name + ' (' + a.appId + ')', name: a.name, raw: a }))),
      customers: (acc) => api('GET', '/sim/oa/accounts/' + enc(acc.key) + '/customers').then((list) => list.map((c) => ({
        key: c.openid, label: (c.nickname || c.openid.slice(0, 10) + '…') + (c.subscribed ? '' : ' (未关注 not following)'), raw: c }))),
      create: (acc, v) => api('POST', '/sim/oa/accounts/' + enc(acc.key) + '/customers', { nickname: v.nickname, subscribed: v.follows }).then((c) => c.openid),
      base: (acc, cus) => '/sim/oa/accounts/' + enc(acc.key) + '/customers/' + enc(cus.key),
      menu: (acc) => api('GET', '/sim/oa/accounts/' + enc(acc.key) + '/menu').then((r) => (r.menu ? r.menu.button : [])),
    },
    wecom: {
      accounts: () => api('GET', '/sim/wecom/kf-accounts').then((list) => list.map((a) => ({ key: a.corpId + '|' + a.openKfId, label: a.name + ' (' + a.corpId + ')', name: a.name, raw: a }))),
      customers: (acc) => api('GET', '/sim/wecom/corps/' + enc(acc.raw.corpId) + '/customers').then((list) => list.map((c) => ({
        key: c.externalUserId, label: c.nickname || c.externalUserId.slice(0, 10) + '…', raw: c }))),
      create: (acc, v) => api('POST', '/sim/wecom/corps/' + enc(acc.raw.corpId) + '/customers', { nickname: v.nickname }).then((c) => c.externalUserId),
      base: (acc, cus) => '/sim/wecom/corps/' + enc(acc.raw.corpId) + '/kf-accounts/' + enc(acc.raw.openKfId) + '/customers/' + enc(cus.key),
      menu: () => Promise.resolve([]),
    },
  };
  const SESSION_STATES = { 0: 'new', 1: 'with the bot/API', 2: 'queued', 3: 'with a servicer', 4: 'ended' };

  function enc(s) { return encodeURIComponent(s); }
  function api(method, path, body) {
    return fetch(path, { method: method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined })
      .then((res) => res.json().then((data) => {
        if (!res.ok) throw new Error(data && data.error ? data.error : 'HTTP ' + res.status);
        return data;
      }));
  }
  function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function status(text, isError) { const s = $('status'); s.textContent = text; s.classList.toggle('error', Boolean(isError)); }
  function chatBase() { return modes[state.mode].base(state.account, state.customer); }

  // ---- accounts and customers ------------------------------------------------------------------
  function loadAccounts() {
    return modes[state.mode].accounts().then((list) => {
      state.accounts = list;
      fillSelect($('account'), list, state.account && state.account.key, 'No accounts yet — configure one (POST /sim/' + state.mode + '/…)');
      state.account = list.find((a) => a.key === $('account').value) || null;
      return loadCustomers();
    }).catch((e) => status(e.message, true));
  }
  function loadCustomers() {
    if (!state.account) { state.customers = []; fillSelect($('customer'), [], null, '—'); state.customer = null; render(null); return Promise.resolve(); }
    $('title-name').textContent = state.account.name;
    loadMenu();
    return modes[state.mode].customers(state.account).then((list) => {
      state.customers = list;
      fillSelect($('customer'), list, state.customer && state.customer.key, 'No customers yet: press + 顾客');
      state.customer = list.find((c) => c.key === $('customer').value) || null;
      state.lastRender = '';
      refresh();
    });
  }
  function fillSelect(select, list, keep, emptyLabel) {
    select.textContent = '';
    if (list.length === 0) { const o = el('option', '', emptyLabel); o.value = ''; select.appendChild(o); return; }
    list.forEach((item) => { const o = el('option', '', item.label); o.value = item.key; select.appendChild(o); });
    if (keep && list.some((i) => i.key === keep)) select.value = keep;
  }

  // ---- the OA menu (what the server published with menu/create) ---------------------------------
  function loadMenu() {
    const menu = $('menu');
    menu.textContent = '';
    closeSubmenu();
    modes[state.mode].menu(state.account).then((buttons) => {
      menu.hidden = buttons.length === 0;
      buttons.forEach((b) => {
        const btn = el('button', '', b.name);
        btn.type = 'button';
        if (b.sub_button) {
          btn.setAttribute('aria-haspopup', 'true');
          btn.setAttribute('aria-expanded', 'false');
          btn.onclick = () => toggleSubmenu(b, btn);
        } else {
          btn.onclick = () => clickMenu(b);
        }
        menu.appendChild(btn);
      });
    }).catch(() => { menu.hidden = true; });
  }
  function toggleSubmenu(b, btn) {
    const sub = $('submenu');
    const open = sub.hidden || sub.getAttribute('aria-label') !== b.name;
    closeSubmenu();
    if (!open) return;
    sub.setAttribute('aria-label', b.name);
    b.sub_button.forEach((s) => {
      const item = el('button', '', s.name);
      item.type = 'button';
      item.onclick = () => { closeSubmenu(); clickMenu(s); };
      sub.appendChild(item);
    });
    sub.hidden = false;
    btn.setAttribute('aria-expanded', 'true');
    sub.firstChild.focus();
  }
  function closeSubmenu() {
    const sub = $('submenu');
    sub.hidden = true;
    sub.textContent = '';
    Array.prototype.forEach.call($('menu').querySelectorAll('[aria-expanded]'), (b) => b.setAttribute('aria-expanded', 'false'));
  }
  function clickMenu(b) {
    if (b.type === 'click') return send({ type: 'click', eventKey: b.key });
    if (b.type === 'view') return send({ type: 'view', eventKey: b.url });
    if (b.type === 'media_id' || b.type === 'article_id' || b.type === 'article_view_limited')
      return status('WeChat shows that material itself; no event reaches the server');
    status('Menu buttons of type ' + b.type + ' are not simulated', true);
  }

  // ---- the thread -------------------------------------------------------------------------------
  function refresh() {
    if (!state.account || !state.customer) { render(null); return; }
    api('GET', chatBase() + '/thread').then(render).catch((e) => status(e.message, true));
  }
  function render(thread) {
    state.thread = thread;
    const chat = $('chat');
    if (!thread) {
      state.lastRender = '';
      chat.textContent = '';
      chat.appendChild(el('div', 'empty', 'Pick an account and a customer, or create one.'));
      updateActions();
      return;
    }
    const key = JSON.stringify(thread);
    if (key === state.lastRender) return;
    state.lastRender = key;
    const c = thread.customer;
    $('title-sub').textContent = c.typing ? '对方正在输入… typing' : (c.nickname || c.openid || c.externalUserId || '');
    if (!state.busy) status(describeWindow(c));
    updateActions();
    const atBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
    chat.textContent = '';
    let lastAt = 0;
    thread.items.forEach((m) => {
      if (m.at - lastAt > 5 * 60 * 1000) chat.appendChild(el('div', 'time', new Date(m.at).toLocaleString()));
      lastAt = m.at;
      if (m.msgtype === 'system') return chat.appendChild(systemLine(m.content));
      if (m.recalledAt !== undefined)
        return chat.appendChild(systemLine(m.direction === 'customer' ? '你撤回了一条消息' : '对方撤回了一条消息'));
      const row = el('div', 'row ' + m.direction);
      row.appendChild(el('div', 'avatar', m.direction === 'customer' ? '我' : '客'));
      row.appendChild(bubble(m));
      if (m.direction === 'customer') row.appendChild(customerMeta(m));
      else if (m.via === 'passive-reply') row.appendChild(el('div', 'meta', 'reply'));
      chat.appendChild(row);
    });
    if (atBottom || state.busy) chat.scrollTop = chat.scrollHeight;
  }
  function systemLine(text) { const s = el('div', 'system'); s.appendChild(el('span', '', text)); return s; }
  function customerMeta(m) {
    const failed = !m.delivered && (m.failure || m.attempts > 0);
    const meta = el('div', 'meta' + (failed ? ' failed' : ''),
      m.delivered ? '✓ delivered' + (m.attempts > 1 ? ' (' + m.attempts + ' tries)' : '') : failed ? '✗ ' + (m.failure || 'failed') : '发送中…');
    if (m.recallable) {
      const recall = el('button', 'recall', '撤回');
      recall.type = 'button';
      recall.setAttribute('aria-label', '撤回 Recall: ' + (m.content || m.msgtype));
      recall.onclick = () => recallMessage(m);
      meta.appendChild(recall);
    }
    return meta;
  }
  function bubble(m) {
    const b = el('div', 'bubble');
    const p = m.payload || {};
    const mediaId = p.media_id || (m.fields && m.fields.MediaId);
    if (m.msgtype === 'image' && mediaId) {
      const img = el('img');
      img.src = '/sim/media/' + enc(mediaId);
      img.alt = m.direction === 'customer' ? '图片 image you sent' : '图片 image';
      b.appendChild(img);
      return b;
    }
    b.textContent = bubbleText(m);
    return b;
  }
  function bubbleText(m) {
    if (m.direction === 'customer') return m.content || ('[' + (m.event || m.msgtype) + ']');
    if (m.content) return m.content;
    const p = m.payload || {};
    switch (m.msgtype) {
      case 'voice': return '[语音 voice]';
      case 'video': return '[视频 video] ' + (p.title || '');
      case 'file': return '[文件 file]';
      case 'news': return '[图文] ' + (p.articles && p.articles[0] ? p.articles[0].title + '\n' + (p.articles[0].url || '') : '');
      case 'link': return '[链接] ' + (p.title || '') + '\n' + (p.url || '');
      case 'msgmenu': return (p.head_content || '') + '\n' + (p.list || []).map((i) => '› ' + (i.content || (i.click && i.click.content) || (i.text && i.text.content) || '')).join('\n') + '\n' + (p.tail_content || '');
      case 'miniprogrampage': case 'miniprogram': return '[小程序] ' + (p.title || '');
      case 'location': return '[位置] ' + (p.name || '') + ' ' + (p.address || '');
      default: return '[' + m.msgtype + ']';
    }
  }
  function describeWindow(c) {
    const w = c.window;
    let who = c.subscribed === false ? '未关注 Not following · ' : '';
    if (c.sessionState !== undefined) who += 'Session ' + c.sessionState + ' (' + SESSION_STATES[c.sessionState] + ') · ';
    if (!w || !w.open) return who + 'Reply window closed';
    const h = Math.floor(w.secondsLeft / 3600), min = Math.floor((w.secondsLeft % 3600) / 60);
    return who + 'Reply window: ' + h + ' h ' + min + ' m left · ' + w.remaining + ' of ' + (w.used + w.remaining) + ' messages left';
  }
  function updateActions() {
    const c = state.thread && state.thread.customer;
    Array.prototype.forEach.call(document.querySelectorAll('.more button'), (b) => {
      const only = b.getAttribute('data-only');
      let hidden = Boolean(only) && only !== state.mode;
      const action = b.getAttribute('data-action');
      if (!hidden && action === 'follow') hidden = Boolean(c) && c.subscribed !== false;
      if (!hidden && action === 'unfollow') hidden = !c || c.subscribed === false;
      b.hidden = hidden;
    });
  }

  // ---- doing things -----------------------------------------------------------------------------
  function ready() {
    if (state.account && state.customer) return true;
    status('Pick an account and a customer first', true);
    return false;
  }
  function send(message) {
    if (!ready()) return Promise.resolve();
    return act('/messages', message, 'Sending…');
  }
  function recallMessage(m) { return act('/recall', { msgid: m.msgid }, 'Recalling…'); }
  function act(path, body, doing) {
    state.busy = true;
    $('send').disabled = true;
    status(doing);
    setTimeout(refresh, 150);
    return api('POST', chatBase() + path, body)
      .then((r) => {
        state.busy = false;
        if (r.delivered === false) status('Not delivered after ' + r.attempts + ' attempt(s)', true);
        else state.lastRender = '';
      })
      .catch((e) => { state.busy = false; status('Refused: ' + e.message, true); })
      .then(() => { $('send').disabled = false; refresh(); refreshCustomerLabels(); });
  }
  function refreshCustomerLabels() {
    if (!state.account) return;
    modes[state.mode].customers(state.account).then((list) => {
      state.customers = list;
      fillSelect($('customer'), list, state.customer && state.customer.key, '—');
    }).catch(() => {});
  }
  function sendText() {
    const text = $('text').value;
    if (!text.trim()) return;
    if (!ready()) return;
    $('text').value = '';
    send({ type: 'text', content: text });
  }
  function pickFile(input, onFile) {
    input.onchange = () => {
      const file = input.files[0];
      input.value = '';
      if (!file) return;
      if (file.size > MAX_FILE_BYTES) { status('Files over 20 MB are not simulated', true); return; }
      const reader = new FileReader();
      reader.onload = () => onFile(file, String(reader.result).split(',')[1] || '');
      reader.onerror = () => status('Could not read ' + file.name, true);
      reader.readAsDataURL(file);
    };
    input.click();
  }

  // ---- sheets: small inline forms instead of prompt() -------------------------------------------
  function openSheet(title, fields, submitLabel, onSubmit) {
    closeMore();
    const form = $('sheet');
    $('sheet-title').textContent = title;
    $('sheet-submit').textContent = submitLabel;
    const box = $('sheet-fields');
    box.textContent = '';
    fields.forEach((f) => {
      const id = 'sheet-' + f.name;
      const wrap = el('div', 'field' + (f.type === 'checkbox' ? ' check' : ''));
      const label = el('label', '', f.label);
      label.htmlFor = id;
      let input;
      if (f.type === 'select') {
        input = el('select');
        f.options.forEach((o) => { const opt = el('option', '', o.label); opt.value = o.value; input.appendChild(opt); });
      } else {
        input = el('input');
        input.type = f.type || 'text';
        if (f.type === 'checkbox') input.checked = f.value !== false;
        else input.value = f.value === undefined ? '' : String(f.value);
        if (f.type === 'number') input.step = 'any';
        if (f.placeholder) input.placeholder = f.placeholder;
      }
      input.id = id;
      input.name = f.name;
      if (f.required) input.required = true;
      if (f.type === 'checkbox') { wrap.appendChild(input); wrap.appendChild(label); } else { wrap.appendChild(label); wrap.appendChild(input); }
      box.appendChild(wrap);
    });
    state.sheet = { onSubmit: onSubmit, fields: fields };
    form.hidden = false;
    const first = box.querySelector('input, select');
    if (first) first.focus();
  }
  function closeSheet() {
    $('sheet').hidden = true;
    state.sheet = null;
  }
  function sheetValues() {
    const values = {};
    state.sheet.fields.forEach((f) => {
      const input = $('sheet-' + f.name);
      values[f.name] = f.type === 'checkbox' ? input.checked : f.type === 'number' ? Number(input.value) : input.value.trim();
    });
    return values;
  }
  $('sheet').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!state.sheet) return;
    const onSubmit = state.sheet.onSubmit;
    const values = sheetValues();
    closeSheet();
    onSubmit(values);
    $('text').focus();
  });
  $('sheet-close').onclick = closeSheet;

  function closeMore() { $('more').hidden = true; $('plus').setAttribute('aria-expanded', 'false'); }
  const ACTIONS = {
    image: () => pickFile($('image-file'), (file, data) => send({ type: 'image', data: data, filename: file.name })),
    file: () => pickFile($('any-file'), (file, data) => send({ type: 'file', data: data, filename: file.name, contentType: file.type || 'application/octet-stream' })),
    voice: () => {
      if (state.mode === 'wecom') return send({ type: 'voice' });
      openSheet('语音 Voice message', [{ name: 'recognition', label: '识别文字 Recognition text', placeholder: 'What WeChat recognised, if the account turned recognition on' }], '发送 Send voice',
        (v) => send({ type: 'voice', recognition: v.recognition || undefined }));
    },
    video: () => send({ type: 'video' }),
    location: () => openSheet('位置 Location', [
      { name: 'name', label: '地点 Place', value: '外滩', required: true },
      { name: 'address', label: '地址 Address', value: '上海市黄浦区中山东一路' },
      { name: 'latitude', label: '纬度 Latitude', value: 31.2397, type: 'number' },
      { name: 'longitude', label: '经度 Longitude', value: 121.4912, type: 'number' },
    ], '发送 Send location', (v) => send(state.mode === 'oa'
      ? { type: 'location', latitude: v.latitude, longitude: v.longitude, label: v.address ? v.name + ' ' + v.address : v.name }
      : { type: 'location', latitude: v.latitude, longitude: v.longitude, name: v.name, address: v.address })),
    link: () => openSheet('链接 Link', [
      { name: 'url', label: '网址 URL', value: 'https://example.com/order/123', type: 'url', required: true },
      { name: 'title', label: '标题 Title', value: '我的订单' },
      { name: 'description', label: '描述 Description', value: '' },
    ], '发送 Send link', (v) => send({ type: 'link', url: v.url, title: v.title || undefined, description: v.description || undefined })),
    scan: () => openSheet('扫一扫 Scan a QR code', [
      { name: 'scene', label: '二维码场景值 QR scene', value: '1001', required: true },
    ], '扫码 Scan', (v) => {
      const follows = state.thread && state.thread.customer.subscribed !== false;
      send(follows ? { type: 'scan', scene: v.scene } : { type: 'follow', scene: v.scene });
    }),
    follow: () => send({ type: 'follow' }),
    unfollow: () => send({ type: 'unfollow' }),
    enter: () => {
      if (!ready()) return;
      const acc = state.account.raw;
      api('GET', '/sim/wecom/corps/' + enc(acc.corpId) + '/kf-accounts/' + enc(acc.openKfId) + '/contact-ways').then((ways) => {
        const options = ways.map((w) => ({ value: w.url, label: (w.scene ? 'scene ' + w.scene : '(no scene)') + ' · …' + w.url.slice(-8) }));
        options.push({ value: '', label: 'No link: type a scene below' });
        openSheet('进入会话 Open the chat', [
          { name: 'link', label: '客服链接 Chat link', type: 'select', options: options },
          { name: 'scene', label: '场景 Scene (without a link)', value: '' },
          { name: 'sceneParam', label: '场景参数 scene_param', value: '' },
        ], '进入 Enter', (v) => {
          if (!v.link) return send({ type: 'enter_session', scene: v.scene, sceneParam: v.sceneParam });
          const url = v.sceneParam ? v.link + (v.link.indexOf('?') < 0 ? '?' : '&') + 'scene_param=' + enc(v.sceneParam) : v.link;
          send({ type: 'enter_session', contactUrl: url });
        });
      }).catch((e) => status(e.message, true));
    },
  };
  Array.prototype.forEach.call(document.querySelectorAll('.more button'), (b) => {
    b.onclick = () => {
      closeMore();
      if (!ready()) return;
      ACTIONS[b.getAttribute('data-action')]();
    };
  });

  $('send').onclick = sendText;
  $('text').addEventListener('keydown', (e) => { if (e.key === 'Enter') sendText(); });
  $('plus').onclick = () => {
    const open = $('more').hidden;
    closeSheet();
    $('more').hidden = !open;
    $('plus').setAttribute('aria-expanded', String(open));
  };
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    closeSheet(); closeMore(); closeSubmenu();
  });
  $('account').onchange = () => {
    state.account = state.accounts.find((a) => a.key === $('account').value) || null;
    state.customer = null;
    loadCustomers();
  };
  $('customer').onchange = () => {
    state.customer = state.customers.find((c) => c.key === $('customer').value) || null;
    state.lastRender = '';
    refresh();
  };
  $('new-customer').onclick = () => {
    if (!state.account) { status('Pick an account first', true); return; }
    const fields = [{ name: 'nickname', label: '昵称 Nickname', value: '顾客' + Math.floor(Math.random() * 1000), required: true }];
    if (state.mode === 'oa') fields.push({ name: 'follows', label: '已关注 Follows the account', type: 'checkbox', value: true });
    openSheet('新顾客 New customer', fields, '创建 Create', (v) => {
      modes[state.mode].create(state.account, v).then((key) => { state.customer = { key: key }; return loadCustomers(); })
        .catch((e) => status(e.message, true));
    });
  };
  function setMode(mode) {
    state.mode = mode; state.account = null; state.customer = null; state.lastRender = '';
    closeSheet(); closeMore();
    $('tab-oa').setAttribute('aria-selected', String(mode === 'oa'));
    $('tab-wecom').setAttribute('aria-selected', String(mode === 'wecom'));
    $('menu').hidden = true;
    updateActions();
    loadAccounts();
  }
  $('tab-oa').onclick = () => setMode('oa');
  $('tab-wecom').onclick = () => setMode('wecom');
  setMode('oa');
  setInterval(refresh, 1000);
  setInterval(() => { if (!state.account) loadAccounts(); }, 3000);
})();
`;
