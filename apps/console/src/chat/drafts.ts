/** Unsent replies per conversation, so switching chats does not lose what an agent was typing. */
const drafts = new Map<string, string>();

export function readDraft(conversationId: string): string {
  return drafts.get(conversationId) ?? '';
}

export function writeDraft(conversationId: string, text: string): void {
  if (text) drafts.set(conversationId, text);
  else drafts.delete(conversationId);
}
