import { describeWechatError, type WechatErrorCategory } from './error-catalogue.js';

export type { WechatErrorCategory } from './error-catalogue.js';

/** Base class of every error this library throws on purpose. */
export abstract class WechatError extends Error {}

/** The platform answered with `errcode != 0`. */
export class WechatApiError extends WechatError {
  override readonly name = 'WechatApiError';
  readonly category: WechatErrorCategory;
  /** Human-readable explanation for agents and admins. */
  readonly description: string;

  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
    /** Overrides the catalogue where the endpoint changes a code's meaning (40001 from a token endpoint = bad secret). */
    override?: { category: WechatErrorCategory; description: string },
  ) {
    super(`${api} failed: ${errcode} ${errmsg}`);
    const described = override ?? describeWechatError(errcode, errmsg);
    this.category = described.category;
    this.description = described.description;
  }
}

/**
 * `connect`: no connection could be opened (refused, unknown host, unreachable), so the request provably
 * never reached the platform. `network`: the connection failed later, possibly after the platform got it.
 */
export type WechatTransportFailure =
  'timeout' | 'connect' | 'network' | 'http-status' | 'invalid-json' | 'invalid-response';

/** The platform did not answer usably: timeout, network failure, non-2xx, unreadable or unexpected body. */
export class WechatTransportError extends WechatError {
  override readonly name = 'WechatTransportError';
  readonly category = 'retryable' as const;
  /** The HTTP status, for `http-status` failures. */
  readonly status: number | undefined;

  constructor(
    readonly api: string,
    readonly failure: WechatTransportFailure,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(`${api}: ${message}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
  }
}

/** A callback's signature does not match (official code -40001). */
export class WechatSignatureError extends WechatError {
  override readonly name = 'WechatSignatureError';
  readonly code = -40001;
}

/** Official WXBizMsgCrypt codes (spec §2.5). */
export const WechatCryptoCode = {
  ValidateSignature: -40001,
  ParseXml: -40002,
  ComputeSignature: -40003,
  IllegalAesKey: -40004,
  ValidateReceiveId: -40005,
  EncryptAes: -40006,
  DecryptAes: -40007,
  IllegalBuffer: -40008,
  EncodeBase64: -40009,
  DecodeBase64: -40010,
  GenerateXml: -40011,
} as const;

export class WechatCryptoError extends WechatError {
  override readonly name = 'WechatCryptoError';

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`${message} (${code})`);
  }
}

export type WechatXmlErrorReason = 'too-large' | 'dtd-forbidden' | 'malformed' | 'missing-field';

export class WechatXmlError extends WechatError {
  override readonly name = 'WechatXmlError';

  constructor(
    readonly reason: WechatXmlErrorReason,
    message: string,
  ) {
    super(message);
  }
}
