import { Parser } from 'xml2js';
import { WechatXmlError } from './errors.js';

export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;

export interface ParseXmlOptions {
  /** Refuse documents larger than this many UTF-8 bytes. Default 1 MiB. */
  maxBytes?: number;
}

export type XmlValue = string | XmlFields | XmlValue[];
export interface XmlFields {
  [name: string]: XmlValue;
}

/** The parts of xml2js's Parser it does not declare: the underlying sax parser it drives. */
interface SaxDriven {
  saxParser: {
    ondoctype: (doctype: string) => void;
    onsgmldeclaration: (declaration: string) => void;
    write(chunk: string): { close(): void };
  };
}

const CDATA_OR_COMMENT = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;
const DTD_DECLARATION = /<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Parses a WeChat XML document synchronously and returns the children of its root `<xml>` element:
 * text as strings (never trimmed), nested elements as objects, repeated elements as arrays.
 * DTDs and entity declarations are refused outright, so no entity is ever expanded.
 */
export function parseXmlDocument(xml: string, options: ParseXmlOptions = {}): Record<string, unknown> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  if (typeof xml !== 'string') throw new WechatXmlError('malformed', 'the body is not text');
  if (xml.length > maxBytes || Buffer.byteLength(xml, 'utf8') > maxBytes) {
    throw new WechatXmlError('too-large', `the XML body is larger than ${maxBytes} bytes`);
  }
  if (DTD_DECLARATION.test(xml.replace(CDATA_OR_COMMENT, ''))) {
    throw new WechatXmlError('dtd-forbidden', 'XML with a DOCTYPE or entity declaration is refused');
  }

  const parser = new Parser({
    strict: true,
    async: false,
    explicitArray: false,
    explicitRoot: true,
    ignoreAttrs: true,
    trim: false,
    normalize: false,
    emptyTag: '',
  });
  let result: unknown = null;
  let failure: unknown = null;
  parser.on('end', (value: unknown) => {
    result = value;
  });
  parser.on('error', (error: unknown) => {
    failure ??= error;
  });
  const driven = parser as unknown as SaxDriven;
  const refuseDtd = () => {
    throw new WechatXmlError('dtd-forbidden', 'XML with a DOCTYPE or entity declaration is refused');
  };
  driven.saxParser.ondoctype = refuseDtd;
  driven.saxParser.onsgmldeclaration = refuseDtd;
  try {
    driven.saxParser.write(xml.replace(/^\uFEFF/, '')).close();
  } catch (error) {
    failure ??= error;
  }
  if (failure instanceof WechatXmlError) throw failure;
  if (failure) throw new WechatXmlError('malformed', `malformed XML: ${firstLine(failure)}`);
  if (!isRecord(result)) throw new WechatXmlError('malformed', 'the body is not an XML document');
  if (!Object.hasOwn(result, 'xml')) throw new WechatXmlError('malformed', 'the root element is not <xml>');
  const root = result.xml;
  if (root === '') return {};
  if (!isRecord(root)) throw new WechatXmlError('malformed', 'the <xml> root holds text instead of fields');
  return root;
}

export type XmlBuildValue = string | number | boolean | null | undefined | XmlBuildObject | XmlBuildValue[];
export interface XmlBuildObject {
  [name: string]: XmlBuildValue;
}

/**
 * Builds `<xml>…</xml>` the way WeChat writes it: strings in CDATA, numbers bare, nested objects as
 * child elements, arrays as repeated elements (`{ item: [a, b] }` → `<item>a</item><item>b</item>`).
 * null/undefined fields are left out.
 */
export function buildXml(fields: Record<string, string | number | Record<string, unknown>>): string {
  return `<xml>${buildChildren(fields as XmlBuildObject)}</xml>`;
}

/** CDATA that survives any content: a `]]>` inside is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function buildChildren(fields: XmlBuildObject): string {
  let out = '';
  for (const [name, value] of Object.entries(fields)) out += buildElement(name, value);
  return out;
}

function buildElement(name: string, value: XmlBuildValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => buildElement(name, item)).join('');
  if (!ELEMENT_NAME.test(name)) throw new TypeError(`not a valid XML element name: ${JSON.stringify(name)}`);
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  if (typeof value === 'number' || typeof value === 'boolean') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError(`${name} is not a finite number`);
    return `<${name}>${String(value)}</${name}>`;
  }
  return `<${name}>${buildChildren(value)}</${name}>`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
