import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data and the real WeChat hosts', () => {
    const config = loadConfig({}, '/srv/desk');
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toBe('/srv/desk/data');
    expect(config.mediaDir).toBe('/srv/desk/data/media');
    expect(config.callbackLogRetentionDays).toBe(14);
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.wechatApiBase).toBe('https://api.weixin.qq.com');
    expect(config.wecomApiBase).toBe('https://qyapi.weixin.qq.com');
    expect(config.masterKey).toBeNull();
    expect(config.egressIps).toEqual([]);
  });

  it('reads the egress IP list for the WeChat whitelist, and refuses what is not an address', () => {
    expect(
      loadConfig({ EGRESS_IPS: ' 203.0.113.7, 203.0.113.8 2001:db8::1,203.0.113.7 ' }).egressIps,
    ).toEqual(['203.0.113.7', '203.0.113.8', '2001:db8::1']);
    expect(() => loadConfig({ EGRESS_IPS: '203.0.113.7, desk.example.com, 10.0.0.0/8' })).toThrow(
      'EGRESS_IPS must list IP addresses separated by commas, e.g. "203.0.113.7, 203.0.113.8" (not addresses: "desk.example.com", "10.0.0.0/8")',
    );
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/desk',
      DATA_DIR: '/var/lib/desk',
      MASTER_KEY: KEY,
      ADMIN_EMAIL: 'Boss@Example.com',
      ADMIN_PASSWORD: 'correct horse',
      WECHAT_API_BASE: 'http://127.0.0.1:3900/',
      WECOM_API_BASE: 'http://127.0.0.1:3900/qyapi',
      PUBLIC_URL: 'https://desk.example.com/',
      MEDIA_DIR: '/mnt/media',
      CALLBACK_LOG_RETENTION_DAYS: '30',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@db:5432/desk',
      dataDir: '/var/lib/desk',
      masterKey: KEY,
      adminEmail: 'boss@example.com',
      adminPassword: 'correct horse',
      wechatApiBase: 'http://127.0.0.1:3900',
      wecomApiBase: 'http://127.0.0.1:3900/qyapi',
      publicUrl: 'https://desk.example.com',
      mediaDir: '/mnt/media',
      callbackLogRetentionDays: 30,
    });
  });

  it('refuses production without a master key, and lists every problem at once', () => {
    let thrown: unknown;
    try {
      loadConfig({
        NODE_ENV: 'production',
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        MASTER_KEY: undefined,
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const problems = (thrown as ConfigError).problems;
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "eighty")',
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
      'MASTER_KEY is required when NODE_ENV=production (it encrypts channel secrets at rest)',
    ]);
  });

  it('refuses a master key that is not 32 bytes and a short admin password', () => {
    expect(() => loadConfig({ MASTER_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /MASTER_KEY must be the base64 encoding of exactly 32 random bytes/,
    );
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD must be at least 8 characters/,
    );
    expect(() => loadConfig({ CALLBACK_LOG_RETENTION_DAYS: '0' })).toThrow(
      /CALLBACK_LOG_RETENTION_DAYS must be a whole number from 1 to 3650 \(got "0"\)/,
    );
    expect(() => loadConfig({ WECHAT_API_BASE: 'ftp://x' })).toThrow(
      /WECHAT_API_BASE must be an http\(s\) URL/,
    );
  });

  it('uses the in-memory Socket.IO adapter unless REDIS_URL is set, and keeps live events an hour', () => {
    expect(loadConfig({})).toMatchObject({
      redisUrl: null,
      redisPrefix: 'wechat-desk',
      realtimeRetentionMinutes: 60,
    });
    expect(
      loadConfig({
        REDIS_URL: 'redis://:pw@127.0.0.1:6379/2',
        REDIS_PREFIX: 'desk-eu',
        REALTIME_RETENTION_MINUTES: '15',
      }),
    ).toMatchObject({
      redisUrl: 'redis://:pw@127.0.0.1:6379/2',
      redisPrefix: 'desk-eu',
      realtimeRetentionMinutes: 15,
    });
  });

  it('refuses a Redis URL of another kind without repeating it (it may hold a password)', () => {
    let thrown: unknown;
    try {
      loadConfig({
        REDIS_URL: 'http://:secret@cache:6379',
        REDIS_PREFIX: 'a b',
        REALTIME_RETENTION_MINUTES: '0',
      });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as ConfigError).problems).toEqual([
      'REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
      'REDIS_PREFIX may only contain letters, digits and . _ : - (at most 64)',
      'REALTIME_RETENTION_MINUTES must be a whole number from 1 to 10080 (got "0")',
    ]);
    expect(String((thrown as Error).message)).not.toContain('secret');
  });
});
