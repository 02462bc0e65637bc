/**
 * The server's preview of a message: its text, or its kind in brackets with a detail ("[Voice] 我想退货",
 * "[Image]"); the kind is shown muted, so words and placeholders are told apart at a glance.
 */
export function previewParts(preview: string): { kind: string | null; text: string } {
  const tagged = /^\[([^\]]{1,40})\](?: ([\s\S]*))?$/.exec(preview);
  if (!tagged) return { kind: null, text: preview };
  const kind = tagged[1] === 'unsupported' ? 'Unsupported' : tagged[1];
  return { kind, text: tagged[2] ?? '' };
}
