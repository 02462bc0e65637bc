import { CHANNEL_LIMITS, type ChannelHealth, type EncryptionMode, type OaTokenMode } from '#contracts';

/** The same formats the server checks; checked here first so that the admin sees the problem by the field. */
const FORMATS = {
  appId: /^wx[0-9a-zA-Z]{14,30}$/,
  appSecret: /^[0-9a-zA-Z]{16,64}$/,
  token: /^[0-9a-zA-Z]{3,32}$/,
  encodingAesKey: /^[0-9a-zA-Z]{43}$/,
  originalId: /^gh_[0-9a-zA-Z]{6,30}$/,
};

const encoder = new TextEncoder();
export const utf8Bytes = (text: string) => encoder.encode(text).length;

/** What the channel form edits. Secrets are empty when the admin keeps the stored ones (editing). */
export interface ChannelFormValues {
  name: string;
  departmentId: string;
  originalId: string;
  appId: string;
  appSecret: string;
  token: string;
  encodingAesKey: string;
  encryptionMode: EncryptionMode;
  messagesPerCustomerMessage: string;
  tokenMode: OaTokenMode;
  outsideMainlandChina: boolean;
}

export type ChannelFormErrors = Partial<Record<keyof ChannelFormValues, string>>;

/**
 * Problems by field. `secretsStored`: editing a channel whose secrets the server keeps, so an empty secret
 * field means "unchanged" (and `hasStoredAesKey` says whether a key is already there).
 */
export function channelFormErrors(
  values: ChannelFormValues,
  context: { secretsStored: boolean; hasStoredAesKey: boolean },
): ChannelFormErrors {
  const errors: ChannelFormErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Give the channel a name: agents see it next to each conversation.';
  else if (name.length > CHANNEL_LIMITS.nameMaxChars)
    errors.name = `At most ${CHANNEL_LIMITS.nameMaxChars} characters (this is ${name.length}).`;
  if (!FORMATS.originalId.test(values.originalId.trim()))
    errors.originalId =
      'The Original ID starts with gh_ and is followed by letters or digits, e.g. gh_1a2b3c4d5e6f.';
  if (!FORMATS.appId.test(values.appId.trim()))
    errors.appId =
      'The AppID starts with wx and is followed by 16 letters or digits, e.g. wx1a2b3c4d5e6f7a8b.';
  const appSecret = values.appSecret.trim();
  if (!(context.secretsStored && !appSecret) && !FORMATS.appSecret.test(appSecret))
    errors.appSecret = 'The AppSecret is 32 letters and digits (16–64 are accepted).';
  const token = values.token.trim();
  if (!(context.secretsStored && !token) && !FORMATS.token.test(token))
    errors.token = 'The Token is 3 to 32 letters or digits. Generate one, or paste the one on WeChat’s page.';
  const key = values.encodingAesKey.trim();
  if (key && !FORMATS.encodingAesKey.test(key))
    errors.encodingAesKey = `The EncodingAESKey is exactly 43 letters or digits (this is ${key.length}).`;
  else if (!key && values.encryptionMode !== 'plaintext' && !context.hasStoredAesKey)
    errors.encodingAesKey = `The ${modeLabel(values.encryptionMode).toLowerCase()} needs the EncodingAESKey. Generate one, or paste WeChat’s.`;
  const budget = Number(values.messagesPerCustomerMessage);
  const { min, max } = CHANNEL_LIMITS.messagesPerCustomerMessage;
  if (!Number.isInteger(budget) || budget < min || budget > max)
    errors.messagesPerCustomerMessage = `A whole number from ${min} to ${max}.`;
  return errors;
}

export function modeLabel(mode: EncryptionMode): string {
  switch (mode) {
    case 'plaintext':
      return 'Plaintext mode';
    case 'compatible':
      return 'Compatible mode';
    case 'safe':
      return 'Safe mode';
  }
}

export const MODE_HELP: Record<EncryptionMode, string> = {
  plaintext: 'Messages travel unencrypted (inside HTTPS if your URL uses it). Simplest; WeChat’s default.',
  compatible:
    'WeChat sends each message both plain and encrypted. Meant for switching modes without downtime.',
  safe: 'Messages and replies are encrypted with the EncodingAESKey. Recommended by WeChat.',
};

export function healthLabel(health: ChannelHealth): string {
  switch (health) {
    case 'unknown':
      return 'Not verified yet';
    case 'ok':
      return 'Working';
    case 'unhealthy':
      return 'Problem';
  }
}
