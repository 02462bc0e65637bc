/**
 * The placeholders of canned replies, shared by the server (which refuses unknown ones and fills them in)
 * and the console (which checks as the admin types and offers them as buttons).
 */
export const CANNED_REPLY_PLACEHOLDERS = {
  'contact.name': 'the customer’s name',
  'agent.name': 'your name, as customers see it',
} as const;

export type CannedReplyPlaceholder = keyof typeof CANNED_REPLY_PLACEHOLDERS;
export type CannedReplyValues = Record<CannedReplyPlaceholder, string>;

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const KNOWN = Object.keys(CANNED_REPLY_PLACEHOLDERS) as CannedReplyPlaceholder[];
const isKnown = (name: string): name is CannedReplyPlaceholder => (KNOWN as string[]).includes(name);
const spelled = (name: string) => `{{${name}}}`;
const choices = () => KNOWN.map(spelled).join(' or ');

/** What is wrong with a body's placeholders, in words for the person writing it; empty when nothing is. */
export function cannedReplyProblems(body: string): string[] {
  const problems: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) {
    const name = match[1].trim();
    if (!isKnown(name)) {
      problems.push(`Unknown placeholder ${match[0]}: use ${choices()}`);
    }
  }
  // What is left once the placeholders are out: a "{{" here opens one that never closes.
  const rest = body.replace(PLACEHOLDER, '');
  const unclosed = rest.indexOf('{{');
  if (unclosed !== -1) {
    const fragment = rest.slice(unclosed, unclosed + 20).split(/\s/)[0];
    problems.push(`A placeholder is not closed: “${fragment}”. Write it as ${choices()}`);
  } else if (rest.includes('}}')) {
    problems.push(`“}}” closes no placeholder: write placeholders as ${choices()}`);
  }
  return problems;
}

/** The body with its placeholders filled in (spaces inside the braces are allowed: `{{ contact.name }}`). */
export function renderCannedReply(body: string, values: CannedReplyValues): string {
  return body.replace(PLACEHOLDER, (whole, raw: string) => {
    const name = raw.trim();
    return isKnown(name) ? values[name] : whole;
  });
}
