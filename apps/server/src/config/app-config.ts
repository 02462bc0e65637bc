import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';

/** Everything the server reads from the environment, validated once at boot. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Base URL that WeChat and browsers use to reach this server (callback URLs are built from it). */
  publicUrl: string;
  /** null → embedded PostgreSQL (PGlite) in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Where media files (attachments in and out) are stored; default `<dataDir>/media`. */
  mediaDir: string;
  /** Days the callback flight recorder keeps its entries (BX1). */
  callbackLogRetentionDays: number;
  /** base64 of 32 bytes; null → generated into the data directory (never in production). */
  masterKey: string | null;
  adminEmail: string;
  adminPassword: string | null;
  wechatApiBase: string;
  wecomApiBase: string;
  /**
   * The public addresses this server calls WeChat from, shown to admins for the account's API IP whitelist
   * (`cgi-bin/token` refuses other callers with 40164). Empty: not configured, and the console says how to find them.
   */
  egressIps: string[];
  /** Directory of the built console; null → the API runs without serving it. */
  consoleDir: string | null;
  sessionTtlHours: number;
  /** An online agent with no activity for this long is set away and gets no new chats. */
  agentIdleAwayMinutes: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /**
   * Redis for the Socket.IO adapter, so that several server processes act as one towards sockets (room
   * changes, disconnections). null → the in-memory adapter: one process.
   */
  redisUrl: string | null;
  /** Prefix of the adapter's Redis channels: installations sharing one Redis must use different ones. */
  redisPrefix: string;
  /** How long the live event log keeps events for consoles that reconnect (older: they reload). */
  realtimeRetentionMinutes: number;
  /** How often the chat timers' sweeper looks for due work (missed, idle, auto-close): at most 15 s (PF4). */
  timerSweepSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'], 'development', problems);
  const port = integer(env, 'PORT', 3000, 0, 65535, problems);
  const host = env.HOST?.trim() || '0.0.0.0';
  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`, problems).replace(/\/+$/, '');
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const dataDirRaw = env.DATA_DIR?.trim() || './data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const mediaDirRaw = env.MEDIA_DIR?.trim();
  const mediaDir = mediaDirRaw ? resolve(cwd, mediaDirRaw) : resolve(dataDir, 'media');
  const callbackLogRetentionDays = integer(env, 'CALLBACK_LOG_RETENTION_DAYS', 14, 1, 3650, problems);

  const masterKey = env.MASTER_KEY?.trim() || null;
  if (masterKey !== null && Buffer.from(masterKey, 'base64').length !== 32) {
    problems.push(
      'MASTER_KEY must be the base64 encoding of exactly 32 random bytes (openssl rand -base64 32)',
    );
  }
  if (masterKey === null && nodeEnv === 'production') {
    problems.push('MASTER_KEY is required when NODE_ENV=production (it encrypts channel secrets at rest)');
  }

  const adminEmail = (env.ADMIN_EMAIL?.trim() || 'admin@example.com').toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) problems.push('ADMIN_EMAIL must be an email address');
  const adminPassword = env.ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 8) {
    problems.push('ADMIN_PASSWORD must be at least 8 characters');
  }

  const wechatApiBase = url(env, 'WECHAT_API_BASE', 'https://api.weixin.qq.com', problems).replace(
    /\/+$/,
    '',
  );
  const wecomApiBase = url(env, 'WECOM_API_BASE', 'https://qyapi.weixin.qq.com', problems).replace(
    /\/+$/,
    '',
  );
  const egressIps = ipList(env, 'EGRESS_IPS', problems);
  const consoleDirRaw = env.CONSOLE_DIR?.trim();
  const consoleDir = consoleDirRaw === 'none' ? null : resolve(cwd, consoleDirRaw || 'apps/console/dist');
  const sessionTtlHours = integer(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90, problems);
  const agentIdleAwayMinutes = integer(env, 'AGENT_IDLE_AWAY_MINUTES', 15, 1, 24 * 60, problems);
  const logLevel = oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'], 'log', problems);
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl !== null && !validRedisUrl(redisUrl)) {
    // Not echoed: the URL may carry the Redis password.
    problems.push('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379');
  }
  const redisPrefix = env.REDIS_PREFIX?.trim() || 'wechat-desk';
  if (!/^[\w.:-]{1,64}$/.test(redisPrefix)) {
    problems.push('REDIS_PREFIX may only contain letters, digits and . _ : - (at most 64)');
  }
  const realtimeRetentionMinutes = integer(env, 'REALTIME_RETENTION_MINUTES', 60, 1, 7 * 24 * 60, problems);
  const timerSweepSeconds = integer(env, 'TIMER_SWEEP_SECONDS', 10, 1, 15, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv,
    host,
    port,
    publicUrl,
    databaseUrl,
    dataDir,
    mediaDir,
    callbackLogRetentionDays,
    masterKey,
    adminEmail,
    adminPassword,
    wechatApiBase,
    wecomApiBase,
    egressIps,
    consoleDir,
    sessionTtlHours,
    agentIdleAwayMinutes,
    logLevel,
    redisUrl,
    redisPrefix,
    realtimeRetentionMinutes,
    timerSweepSeconds,
  };
}

function validRedisUrl(raw: string): boolean {
  try {
    const parsed = new URL(raw);
    return (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

/** Comma- or space-separated IPv4/IPv6 addresses, without duplicates. */
function ipList(env: Env, name: string, problems: string[]): string[] {
  const entries = (env[name] ?? '').split(/[\s,]+/).filter(Boolean);
  const invalid = entries.filter((entry) => isIP(entry) === 0);
  if (invalid.length > 0) {
    problems.push(
      `${name} must list IP addresses separated by commas, e.g. "203.0.113.7, 203.0.113.8" (not addresses: ${invalid.map((e) => `"${e}"`).join(', ')})`,
    );
    return [];
  }
  return [...new Set(entries)];
}

function url(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = env[name]?.trim() || fallback;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
  } catch {
    problems.push(`${name} must be an http(s) URL (got "${raw}")`);
  }
  return raw;
}

function oneOf<T extends string>(
  env: Env,
  name: string,
  values: readonly T[],
  fallback: T,
  problems: string[],
): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    problems.push(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
    return fallback;
  }
  return raw as T;
}
