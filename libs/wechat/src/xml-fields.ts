/** Reading fields out of a parsed XML document without trusting its shape. */
export type XmlRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is XmlRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a field, or undefined when absent or not text. */
export function text(doc: XmlRecord, name: string): string | undefined {
  if (!Object.hasOwn(doc, name)) return undefined;
  const value = doc[name];
  return typeof value === 'string' ? value : undefined;
}

/** The text of the first field whose name matches case-insensitively (WeChat spells MsgId and MsgID). */
export function textIgnoringCase(doc: XmlRecord, name: string): string | undefined {
  const exact = text(doc, name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const key of Object.keys(doc)) {
    if (key.toLowerCase() === lower && typeof doc[key] === 'string') return doc[key];
  }
  return undefined;
}

export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function child(doc: XmlRecord, name: string): XmlRecord | undefined {
  if (!Object.hasOwn(doc, name)) return undefined;
  const value = doc[name];
  return isRecord(value) ? value : undefined;
}

/** A repeated element as a list: one occurrence is an object, several are an array. */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
