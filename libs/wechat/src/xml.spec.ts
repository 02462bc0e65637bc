import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { WechatXmlError } from './errors.js';
import { buildXml, cdata, DEFAULT_MAX_XML_BYTES, parseXmlDocument } from './xml.js';

/** Characters XML 1.0 cannot carry at all (so WeChat never sends them). */
function notAllowedInXml(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff
  );
}

function xmlReason(run: () => unknown): string {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof WechatXmlError ? error.reason : `other: ${String(error)}`;
  }
}

describe('parseXmlDocument', () => {
  it('returns the children of <xml> as strings, CDATA and plain text alike, untrimmed', () => {
    const doc = parseXmlDocument(
      '<xml>\n<ToUserName><![CDATA[gh_1]]></ToUserName>\n<CreateTime>1348831860</CreateTime>\n' +
        '<Content><![CDATA[ 你好 <a href="x">link</a> \n]]></Content><Empty></Empty><Self/><Amp>a &amp; b</Amp></xml>',
    );
    expect(doc).toEqual({
      ToUserName: 'gh_1',
      CreateTime: '1348831860',
      Content: ' 你好 <a href="x">link</a> \n',
      Empty: '',
      Self: '',
      Amp: 'a & b',
    });
  });

  it('keeps nested and repeated elements (SendPicsInfo)', () => {
    const doc = parseXmlDocument(
      '<xml><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[a1]]></PicMd5Sum></item>' +
        '<item><PicMd5Sum><![CDATA[b2]]></PicMd5Sum></item></PicList></SendPicsInfo></xml>',
    );
    expect(doc).toEqual({
      SendPicsInfo: { Count: '2', PicList: { item: [{ PicMd5Sum: 'a1' }, { PicMd5Sum: 'b2' }] } },
    });
  });

  it('accepts an XML declaration and a BOM', () => {
    expect(parseXmlDocument('\uFEFF<?xml version="1.0" encoding="UTF-8"?><xml><A>1</A></xml>')).toEqual({
      A: '1',
    });
  });

  it('treats "<!DOCTYPE" inside CDATA as text, not as a declaration', () => {
    expect(parseXmlDocument('<xml><Content><![CDATA[<!DOCTYPE html>]]></Content></xml>')).toEqual({
      Content: '<!DOCTYPE html>',
    });
  });

  it('refuses DTDs and entity declarations (XXE, billion laughs)', () => {
    expect(
      xmlReason(() =>
        parseXmlDocument(
          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><A>&xxe;</A></xml>',
        ),
      ),
    ).toBe('dtd-forbidden');
    expect(xmlReason(() => parseXmlDocument('<!DOCTYPE xml><xml/>'))).toBe('dtd-forbidden');
    expect(xmlReason(() => parseXmlDocument('<!ENTITY a "b"><xml/>'))).toBe('dtd-forbidden');
    expect(xmlReason(() => parseXmlDocument('<!doctype xml><xml/>'))).toBe('dtd-forbidden');
    const laughs =
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><xml><A>&lol2;</A></xml>';
    expect(xmlReason(() => parseXmlDocument(laughs))).toBe('dtd-forbidden');
  });

  it('refuses undeclared entities as malformed', () => {
    expect(xmlReason(() => parseXmlDocument('<xml><A>&xxe;</A></xml>'))).toBe('malformed');
  });

  it('refuses oversized bodies by UTF-8 bytes before parsing', () => {
    expect(DEFAULT_MAX_XML_BYTES).toBe(1024 * 1024);
    const body = `<xml><A>${'x'.repeat(DEFAULT_MAX_XML_BYTES)}</A></xml>`;
    expect(xmlReason(() => parseXmlDocument(body))).toBe('too-large');
    // 100 Chinese characters are 300 bytes.
    const chinese = `<xml><A>${'中'.repeat(100)}</A></xml>`;
    expect(xmlReason(() => parseXmlDocument(chinese, { maxBytes: 250 }))).toBe('too-large');
    expect(parseXmlDocument(chinese, { maxBytes: 400 })).toEqual({ A: '中'.repeat(100) });
  });

  it('refuses malformed XML, JSON, empty bodies, trailing garbage and a root other than <xml>', () => {
    for (const body of [
      '',
      '   ',
      '{"ToUserName":"gh"}',
      '<xml><A>1</A>',
      '<xml><A>1</B></xml>',
      '<xml><A>1</A></xml><more/>',
      '<xml><A>1</A></xml>garbage',
      'success',
      '<xml>just text</xml>',
    ]) {
      expect([body, xmlReason(() => parseXmlDocument(body))]).toEqual([body, 'malformed']);
    }
    expect(xmlReason(() => parseXmlDocument('<root><A>1</A></root>'))).toBe('malformed');
  });

  it('does not let element names reach Object.prototype', () => {
    const doc = parseXmlDocument(
      '<xml><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor></xml>',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(doc, '__proto__')).toBe(true);
  });
});

describe('buildXml', () => {
  it('writes strings as CDATA and numbers bare, in order, as WeChat does', () => {
    expect(
      buildXml({
        ToUserName: 'o1',
        FromUserName: 'gh',
        CreateTime: 1714037059,
        MsgType: 'text',
        Content: 'hi',
      }),
    ).toBe(
      '<xml><ToUserName><![CDATA[o1]]></ToUserName><FromUserName><![CDATA[gh]]></FromUserName>' +
        '<CreateTime>1714037059</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>',
    );
  });

  it('writes nested objects and arrays as repeated elements, leaving out undefined', () => {
    expect(buildXml({ Articles: { item: [{ Title: 'a', Url: undefined }, { Title: 'b' }] } })).toBe(
      '<xml><Articles><item><Title><![CDATA[a]]></Title></item><item><Title><![CDATA[b]]></Title></item></Articles></xml>',
    );
  });

  it('escapes "]]>" inside CDATA so the text survives a round trip', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(parseXmlDocument(buildXml({ Content: 'x]]>y]]>' }))).toEqual({ Content: 'x]]>y]]>' });
  });

  it('refuses element names that are not XML names', () => {
    expect(() => buildXml({ 'bad name': 'x' })).toThrow(TypeError);
    expect(() => buildXml({ '<x>': 'x' })).toThrow(TypeError);
  });

  it('round-trips any text through build and parse (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (content) => {
        // XML cannot carry most C0 control characters at all, so WeChat never sends them.
        fc.pre(![...content].some(notAllowedInXml));
        expect(parseXmlDocument(buildXml({ Content: content, N: 7 }))).toEqual({ Content: content, N: '7' });
      }),
      { numRuns: 200 },
    );
  });
});
