import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSetupInfo, GeneratedCallbackSecrets } from '#contracts';
import { generateCallbackToken, generateEncodingAesKey } from '#wechat';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';

/** What an admin needs before and while connecting an account on WeChat's side (OA1). */
@Injectable()
export class ChannelSetupService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Random, from the crypto RNG; stored nowhere until the admin saves them on a channel. */
  generateSecrets(): GeneratedCallbackSecrets {
    return { token: generateCallbackToken(32), encodingAesKey: generateEncodingAesKey() };
  }

  setupInfo(): ChannelSetupInfo {
    return {
      egressIps: this.config.egressIps,
      publicUrl: this.config.publicUrl,
      callbackUrlWarnings: callbackUrlWarnings(this.config.publicUrl),
    };
  }
}

/** WeChat calls only public hosts, on port 80 (http) or 443 (https). */
export function callbackUrlWarnings(publicUrl: string): string[] {
  const url = new URL(publicUrl);
  const warnings: string[] = [];
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    isPrivateAddress(host)
  ) {
    warnings.push(
      `${url.origin} is not reachable from the internet, so WeChat cannot call it (the simulator can). Set PUBLIC_URL to this server's public address.`,
    );
  }
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if ((url.protocol === 'http:' && port !== '80') || (url.protocol === 'https:' && port !== '443')) {
    warnings.push(
      `WeChat only calls URLs on port 80 (http) or 443 (https); ${url.origin} uses port ${port}. Put a reverse proxy in front, or change PUBLIC_URL.`,
    );
  }
  return warnings;
}

function isPrivateAddress(host: string): boolean {
  const version = isIP(host);
  if (version === 4) {
    const [a, b] = host.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  if (version === 6) return host === '::1' || /^f[cd]/i.test(host) || /^fe80:/i.test(host);
  return false;
}
