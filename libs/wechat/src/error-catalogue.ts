/**
 * What each documented platform error code means for the desk (spec §5, §6.1, §6.9, §6.10).
 * The category decides what callers do: refresh the token, retry later, alert an admin, lock the chat…
 */
export type WechatErrorCategory =
  | 'token-invalid'
  | 'retryable'
  | 'configuration'
  | 'window-closed'
  | 'quota-used'
  | 'session-state'
  | 'bad-media'
  | 'bad-request'
  | 'unknown';

export interface WechatErrorDescription {
  category: WechatErrorCategory;
  description: string;
}

type Entry = readonly [WechatErrorCategory, string];

const CATALOGUE: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  // Token: invalidate the cached access_token and retry once with a fresh one.
  [40001, ['token-invalid', 'The access token is invalid (or, when fetching a token, the secret is wrong).']],
  [40014, ['token-invalid', 'The access token is invalid; a fresh one is needed.']],
  [42001, ['token-invalid', 'The access token has expired; a fresh one is needed.']],
  [42009, ['token-invalid', 'The suite access token has expired; a fresh one is needed.']],

  // The platform may clear these by itself: retry later with backoff.
  [-1, ['retryable', 'WeChat is busy right now; try again shortly.']],
  [45011, ['retryable', 'The API is being called too frequently; slow down and try again shortly.']],
  [45033, ['retryable', 'Too many concurrent calls to this API; try again shortly.']],

  // An administrator must act; retrying in a loop only burns quota.
  // 45009 is a daily call quota (OA) or a frequency ceiling (WeCom): it does not clear within a retry
  // loop's horizon and hammering it delays recovery, so it is treated as configuration, not retryable.
  [
    45009,
    [
      'configuration',
      'The daily API call quota for this account is used up; it resets at midnight (or clear it in the admin console).',
    ],
  ],
  [
    40164,
    [
      'configuration',
      "This server's IP address is not on the account's IP whitelist; add it in the WeChat admin console.",
    ],
  ],
  [
    60020,
    [
      'configuration',
      "This server's IP address is not on the WeCom app's trusted IP list; add it in the WeCom admin console.",
    ],
  ],
  [40125, ['configuration', 'The AppSecret is wrong; paste the current one from the WeChat admin console.']],
  [40013, ['configuration', 'The AppID or CorpID is invalid; check the channel settings.']],
  [
    40002,
    ['configuration', 'The credential type is invalid (wrong grant type); check the channel settings.'],
  ],
  [
    48001,
    [
      'configuration',
      'This account is not authorized to use this API (an unverified account or a missing permission).',
    ],
  ],
  [
    48002,
    [
      'configuration',
      'This API is not permitted for the WeCom app; grant the permission in the WeCom admin console.',
    ],
  ],
  [50002, ['configuration', 'The account is restricted by WeChat; check notices in the admin console.']],
  [
    95017,
    [
      'configuration',
      'API access is not enabled for this Customer Service account; enable it in the WeCom admin console.',
    ],
  ],
  [
    95011,
    [
      'configuration',
      'This Customer Service account is managed inside the WeCom app; hand it over to the API in the WeCom admin console.',
    ],
  ],
  [
    95012,
    ['configuration', 'This Customer Service account is not managed in WeCom yet; hand it to WeCom first.'],
  ],
  [
    95003,
    [
      'configuration',
      'The organisation has reached its customer reception quota (verify the organisation or bind a WeChat Channels account).',
    ],
  ],
  [
    95000,
    ['configuration', 'The Customer Service account id (open_kfid) is invalid; check the channel settings.'],
  ],
  [
    95004,
    ['configuration', 'The Customer Service account (open_kfid) does not exist; it may have been deleted.'],
  ],
  [40201, ['configuration', 'The Customer Service account has been banned for sensitive content.']],
  [
    40084,
    [
      'configuration',
      'The permanent authorization code is invalid; the organisation must authorize the app again.',
    ],
  ],

  // The conversation window is over; wait for the customer to write.
  [
    45015,
    [
      'window-closed',
      'The 48-hour reply window has closed or the customer has unfollowed the account; wait for the customer to write again.',
    ],
  ],
  [95002, ['window-closed', 'The 48-hour reply window has closed; wait for the customer to write again.']],
  [43004, ['window-closed', 'The customer does not follow the account, so it cannot be messaged.']],

  [
    45047,
    [
      'quota-used',
      'The number of messages allowed per customer message is used up; wait for the customer to write again.',
    ],
  ],
  [
    95001,
    [
      'quota-used',
      'At most 5 messages may be sent per customer message; wait for the customer to write again.',
    ],
  ],

  [
    95018,
    [
      'session-state',
      'The session was taken by a person in the WeCom app (or has ended), so messages can no longer be sent through the API; continue in WeCom or wait for the customer to write again.',
    ],
  ],
  [95016, ['session-state', 'This session state change is not allowed.']],

  [40004, ['bad-media', 'The media type is not allowed.']],
  [40005, ['bad-media', 'The file type is not allowed.']],
  [40006, ['bad-media', 'The file size is not allowed.']],
  [40007, ['bad-media', 'The media id is invalid or has expired (temporary media lasts 3 days).']],
  [40009, ['bad-media', 'The image is too large.']],
  [40010, ['bad-media', 'The voice file is too large.']],
  [40011, ['bad-media', 'The video is too large.']],
  [40012, ['bad-media', 'The thumbnail is too large.']],
  [41005, ['bad-media', 'The media data is missing.']],
  [41006, ['bad-media', 'The media id is missing.']],

  [40003, ['bad-request', 'The recipient is not a user of this account (invalid OpenID).']],
  [40008, ['bad-request', 'The message type is not valid.']],
  [40058, ['bad-request', 'A parameter is invalid (for example a media id of the wrong length).']],
  [40096, ['bad-request', 'The customer id (external_userid) is invalid.']],
  [41001, ['bad-request', 'The access token is missing from the request.']],
  [43019, ['bad-request', 'The customer has blocked this account, so it cannot be messaged.']],
  [45002, ['bad-request', 'The message content is too long.']],
  [45008, ['bad-request', 'Too many articles in one news message (the limit is 1).']],
  [45029, ['bad-request', 'The limit of permanent QR codes for this account has been reached.']],
  [47001, ['bad-request', 'The request body is not in the expected format.']],
  [44002, ['bad-request', 'The request body is empty.']],
  [40035, ['bad-request', 'A parameter is invalid.']],
  [40016, ['bad-request', 'The menu has an invalid number of buttons.']],
  [40017, ['bad-request', 'A menu button has an invalid type.']],
  [40018, ['bad-request', 'A menu button name is too long.']],
  [40019, ['bad-request', 'A menu button key is too long.']],
  [40023, ['bad-request', 'A submenu has an invalid number of buttons.']],
  [40053, ['bad-request', 'The QR code action_info is invalid.']],
  [42007, ['bad-request', 'The pre-authorization code has expired.']],
  [90207, ['bad-request', 'The mini program appid is invalid or not linked to this account.']],
  [95007, ['bad-request', 'The message pull token is invalid or expired; pull again without it.']],
]);

export function describeWechatError(errcode: number, errmsg?: string): WechatErrorDescription {
  const entry = CATALOGUE.get(errcode);
  if (entry) return { category: entry[0], description: entry[1] };
  const detail = errmsg ? `: ${errmsg}` : '';
  return { category: 'unknown', description: `WeChat returned error ${errcode}${detail}.` };
}

/** Every code the catalogue knows, for documentation and tests. */
export function catalogedErrorCodes(): number[] {
  return [...CATALOGUE.keys()];
}
