/** Stable machine-readable codes; the console and API clients branch on these, never on messages. */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  TooManyAttempts = 'too_many_attempts',
  ChannelInactive = 'channel_inactive',
  ChannelDeleted = 'channel_deleted',
  ChannelNotConfigured = 'channel_not_configured',
  ConversationClosed = 'conversation_closed',
  WindowClosed = 'window_closed',
  MessageBudgetUsed = 'message_budget_used',
  CustomerUnfollowed = 'customer_unfollowed',
  InvalidSignature = 'invalid_signature',
  InvalidCallback = 'invalid_callback',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  /** The platform (WeChat, WeCom) refused the call; the message says why in words. */
  PlatformRefused = 'platform_refused',
  /** The platform did not answer usably (timeout, network, malformed answer). */
  PlatformUnavailable = 'platform_unavailable',
  MediaNotReady = 'media_not_ready',
  MediaTooLarge = 'media_too_large',
  CannotReingest = 'cannot_reingest',
  /** Someone else took the chat first (two agents picking the same one). */
  ConversationTaken = 'conversation_taken',
  /** The conversation's state does not allow this (see conversation-state.ts). */
  TransitionNotAllowed = 'transition_not_allowed',
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.TooManyAttempts]: 429,
  [ErrorCode.ChannelInactive]: 409,
  [ErrorCode.ChannelDeleted]: 409,
  [ErrorCode.ChannelNotConfigured]: 409,
  [ErrorCode.ConversationClosed]: 409,
  [ErrorCode.WindowClosed]: 409,
  [ErrorCode.MessageBudgetUsed]: 409,
  [ErrorCode.CustomerUnfollowed]: 409,
  [ErrorCode.InvalidSignature]: 401,
  [ErrorCode.InvalidCallback]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.PlatformRefused]: 409,
  [ErrorCode.PlatformUnavailable]: 502,
  [ErrorCode.MediaNotReady]: 409,
  [ErrorCode.MediaTooLarge]: 413,
  [ErrorCode.CannotReingest]: 409,
  [ErrorCode.ConversationTaken]: 409,
  [ErrorCode.TransitionNotAllowed]: 409,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export const notFound = (what: string) => new DomainError(ErrorCode.NotFound, `${what} not found`);
export const forbidden = (message = 'You do not have access to this') =>
  new DomainError(ErrorCode.Forbidden, message);
