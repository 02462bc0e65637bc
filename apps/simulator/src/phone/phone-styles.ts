/** WeChat-like styling for the phone page: grey chat background, green customer bubbles on the right. */
export const PHONE_CSS = `
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
  background: #d9dde3; font: 15px/1.45 -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #191919; }
.phone { width: 390px; max-width: 100vw; height: 780px; max-height: 96vh; background: #ededed; border-radius: 36px; border: 10px solid #1b1b1b;
  box-shadow: 0 20px 50px rgba(0,0,0,.25); display: flex; flex-direction: column; overflow: hidden; }
.tabs { display: flex; background: #1b1b1b; }
.tabs button { flex: 1; border: 0; background: transparent; color: #aaa; padding: 6px 0 8px; font-size: 12px; cursor: pointer; }
.tabs button[aria-selected="true"] { color: #fff; font-weight: 600; }
.setup { background: #f7f7f7; padding: 8px 10px; display: grid; grid-template-columns: 1fr 1fr auto; gap: 6px; border-bottom: 1px solid #ddd; }
.setup select, .setup button { font-size: 13px; padding: 5px 6px; border: 1px solid #ccc; border-radius: 6px; background: #fff; min-width: 0; }
.setup button { cursor: pointer; }
.title { height: 48px; display: flex; align-items: center; justify-content: center; flex-direction: column; background: #ededed;
  border-bottom: 1px solid #d6d6d6; font-weight: 600; }
.title small { font-weight: 400; font-size: 11px; color: #888; }
.status { font-size: 11px; color: #576b95; text-align: center; padding: 3px 8px; background: #f2f2f2; border-bottom: 1px solid #e2e2e2; }
.status.error { color: #e64340; }
.chat { flex: 1; overflow-y: auto; padding: 12px 10px; }
.row { display: flex; margin: 10px 0; align-items: flex-start; }
.row.customer { flex-direction: row-reverse; }
.avatar { width: 38px; height: 38px; border-radius: 5px; flex: none; display: flex; align-items: center; justify-content: center;
  color: #fff; font-size: 15px; font-weight: 600; }
.row.business .avatar { background: #3d7cf5; margin-right: 8px; }
.row.customer .avatar { background: #f29c38; margin-left: 8px; }
.bubble { max-width: 70%; padding: 9px 11px; border-radius: 5px; word-break: break-word; white-space: pre-wrap; position: relative; }
.row.business .bubble { background: #fff; }
.row.customer .bubble { background: #95ec69; }
.meta { font-size: 11px; color: #999; margin: 0 8px; align-self: flex-end; max-width: 90px; }
.meta.failed { color: #e64340; }
.recall { display: block; margin-top: 3px; border: 0; background: transparent; color: #576b95; font-size: 11px; padding: 0; cursor: pointer; }
.recall:hover, .recall:focus-visible { text-decoration: underline; }
.bubble img { display: block; max-width: 160px; max-height: 160px; border-radius: 3px; image-rendering: auto; min-width: 24px; min-height: 24px; background: #f4f4f4; }
.system { text-align: center; margin: 10px 0; }
.system span { background: #dadada; color: #fff; font-size: 12px; padding: 3px 8px; border-radius: 4px; display: inline-block; }
.time { text-align: center; color: #b2b2b2; font-size: 11px; margin: 14px 0 6px; }
.composer { background: #f7f7f7; border-top: 1px solid #ddd; padding: 8px; display: flex; gap: 6px; align-items: center; }
.composer input { flex: 1; border: 0; border-radius: 5px; padding: 9px; font-size: 15px; background: #fff; }
.composer button { border: 0; border-radius: 5px; padding: 8px 12px; font-size: 14px; cursor: pointer; }
.send { background: #07c160; color: #fff; }
.send:disabled { background: #9ed9b6; }
.plus { background: #fff; border: 1px solid #ccc !important; width: 34px; height: 34px; border-radius: 50% !important; padding: 0 !important; font-size: 20px !important; }
.more { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; padding: 12px; background: #f7f7f7; border-top: 1px solid #e5e5e5; }
.more button { border: 0; background: #fff; border-radius: 8px; padding: 10px 2px; font-size: 12px; cursor: pointer; display: flex; flex-direction: column; align-items: center; gap: 2px; }
.more button .en { color: #888; font-size: 10px; }
.sheet { background: #fff; border-top: 1px solid #ddd; border-radius: 12px 12px 0 0; padding: 10px 14px 12px; box-shadow: 0 -6px 16px rgba(0,0,0,.08); }
.sheet-head { display: flex; justify-content: space-between; align-items: center; margin-bottom: 6px; }
.sheet-head button { border: 0; background: transparent; font-size: 20px; line-height: 1; cursor: pointer; color: #888; }
.field { display: flex; flex-direction: column; margin: 6px 0; font-size: 12px; color: #555; }
.field input, .field select { margin-top: 3px; font-size: 14px; padding: 7px 8px; border: 1px solid #ccc; border-radius: 6px; }
.field.check { flex-direction: row; align-items: center; gap: 6px; }
.field.check input { margin: 0; }
.sheet .send { width: 100%; border: 0; border-radius: 6px; padding: 9px; font-size: 15px; margin-top: 6px; cursor: pointer; }
.submenu { display: flex; flex-direction: column; align-self: center; background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 0 auto 4px; min-width: 60%; box-shadow: 0 4px 12px rgba(0,0,0,.1); }
.submenu button { border: 0; border-bottom: 1px solid #eee; background: transparent; padding: 10px; font-size: 14px; cursor: pointer; }
.submenu button:last-child { border-bottom: 0; }
button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid #07c160; outline-offset: 1px; }
.menu { display: flex; border-top: 1px solid #ddd; background: #fafafa; }
.menu button { flex: 1; border: 0; border-right: 1px solid #e5e5e5; background: transparent; padding: 10px 2px; font-size: 13px; cursor: pointer; }
.empty { color: #999; text-align: center; margin-top: 40px; font-size: 13px; padding: 0 20px; }
.typing { color: #888; font-size: 11px; }
@media (max-width: 430px) {
  body { align-items: stretch; }
  .phone { width: 100vw; height: 100vh; max-height: none; border: 0; border-radius: 0; box-shadow: none; }
}
`;
