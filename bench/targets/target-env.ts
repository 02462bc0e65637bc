import type { OaChannelSecrets } from '#wechat';

/** What the bench tells a target server: where to listen and the channel's secrets. */
export function targetEnv(): { port: number; secrets: OaChannelSecrets; databaseUrl: string | null } {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set');
  const mode = process.env.BENCH_MODE === 'safe' ? 'safe' : 'plaintext';
  return {
    port,
    secrets: {
      token: required('BENCH_TOKEN'),
      appId: required('BENCH_APP_ID'),
      encodingAesKey: mode === 'safe' ? required('BENCH_AES_KEY') : null,
      encryptionMode: mode,
    },
    databaseUrl: process.env.DATABASE_URL ?? null,
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}
