/** Realistic OA pushes, shaped like the examples of the official "receiving messages" pages (spec §3). */
const head = (msgType: string, createTime = 1348831860) =>
  `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName>\n<FromUserName><![CDATA[oUpF8uMuAJO_M2pxb1Q9zNjWeS6o]]></FromUserName>\n<CreateTime>${createTime}</CreateTime>\n<MsgType><![CDATA[${msgType}]]></MsgType>\n`;

export const OA_PUSH = {
  text: `${head('text')}<Content><![CDATA[我的快递到哪了？😀]]></Content>\n<MsgId>1234567890123456789</MsgId>\n<MsgDataId>2247483652</MsgDataId>\n<Idx>1</Idx>\n</xml>`,
  menuText: `${head('text')}<Content><![CDATA[满意]]></Content><MsgId>24416432456</MsgId><bizmsgmenuid>101</bizmsgmenuid></xml>`,
  image: `${head('image')}<PicUrl><![CDATA[http://mmbiz.qpic.cn/mmbiz_jpg/abc/0]]></PicUrl><MediaId><![CDATA[media_id_img]]></MediaId><MsgId>1234567890123456780</MsgId></xml>`,
  voice: `${head('voice')}<MediaId><![CDATA[media_id_voice]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[腾讯微信团队]]></Recognition><MsgID>1234567890123456781</MsgID></xml>`,
  video: `${head('video')}<MediaId><![CDATA[media_id_video]]></MediaId><ThumbMediaId><![CDATA[thumb_video]]></ThumbMediaId><MsgId>1234567890123456782</MsgId></xml>`,
  shortvideo: `${head('shortvideo')}<MediaId><![CDATA[media_id_sv]]></MediaId><ThumbMediaId><![CDATA[thumb_sv]]></ThumbMediaId><MsgId>1234567890123456783</MsgId></xml>`,
  location: `${head('location')}<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>1234567890123456784</MsgId></xml>`,
  link: `${head('link')}<Title><![CDATA[公众平台官网链接]]></Title><Description><![CDATA[公众平台官网链接]]></Description><Url><![CDATA[https://mp.weixin.qq.com]]></Url><MsgId>1234567890123456785</MsgId></xml>`,
  miniprogrampage: `${head('miniprogrampage')}<MsgId>1234567890123456786</MsgId><Title><![CDATA[Title]]></Title><AppId><![CDATA[wxappid]]></AppId><PagePath><![CDATA[pages/index]]></PagePath></xml>`,
  subscribe: `${head('event', 123456789)}<Event><![CDATA[subscribe]]></Event></xml>`,
  subscribeQr: `${head('event', 123456789)}<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_campaign-42]]></EventKey><Ticket><![CDATA[TICKET_1]]></Ticket></xml>`,
  unsubscribe: `${head('event', 123456790)}<Event><![CDATA[unsubscribe]]></Event><EventKey><![CDATA[]]></EventKey></xml>`,
  scan: `${head('event', 123456791)}<Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[123]]></EventKey><Ticket><![CDATA[TICKET_2]]></Ticket></xml>`,
  locationEvent: `${head('event', 123456792)}<Event><![CDATA[LOCATION]]></Event><Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision></xml>`,
  click: `${head('event', 123456793)}<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[TALK_TO_AGENT]]></EventKey></xml>`,
  view: `${head('event', 123456794)}<Event><![CDATA[VIEW]]></Event><EventKey><![CDATA[https://www.qq.com/]]></EventKey><MenuId>208379533</MenuId></xml>`,
  viewMiniprogram: `${head('event', 123456795)}<Event><![CDATA[view_miniprogram]]></Event><EventKey><![CDATA[pages/index/index]]></EventKey><MenuId>MENUID</MenuId></xml>`,
  scancodePush: `${head('event', 1408090502)}<Event><![CDATA[scancode_push]]></Event><EventKey><![CDATA[6]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo></xml>`,
  picSysphoto: `${head('event', 1408090651)}<Event><![CDATA[pic_sysphoto]]></Event><EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item></PicList></SendPicsInfo></xml>`,
  picWeixinTwo: `${head('event', 1408090816)}<Event><![CDATA[pic_weixin]]></Event><EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[aaa]]></PicMd5Sum></item><item><PicMd5Sum><![CDATA[bbb]]></PicMd5Sum></item></PicList></SendPicsInfo></xml>`,
  locationSelect: `${head('event', 1408091189)}<Event><![CDATA[location_select]]></Event><EventKey><![CDATA[6]]></EventKey><SendLocationInfo><Location_X><![CDATA[23]]></Location_X><Location_Y><![CDATA[113]]></Location_Y><Scale><![CDATA[15]]></Scale><Label><![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label><Poiname><![CDATA[]]></Poiname></SendLocationInfo></xml>`,
  templateFinish: `${head('event', 1395658920)}<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>200163836</MsgID><Status><![CDATA[success]]></Status></xml>`,
  kfCreateSession: `${head('event', 1399197672)}<Event><![CDATA[kf_create_session]]></Event><KfAccount><![CDATA[test1@test]]></KfAccount></xml>`,
  kfSwitchSession: `${head('event', 1399197672)}<Event><![CDATA[kf_switch_session]]></Event><FromKfAccount><![CDATA[test1@test]]></FromKfAccount><ToKfAccount><![CDATA[test2@test]]></ToKfAccount></xml>`,
  unknownEvent: `${head('event', 1700000000)}<Event><![CDATA[some_future_event]]></Event><Foo><![CDATA[bar]]></Foo></xml>`,
} as const;
