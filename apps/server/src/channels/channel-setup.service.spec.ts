import { describe, expect, it } from '@jest/globals';
import { callbackUrlWarnings } from './channel-setup.service.js';

describe('callbackUrlWarnings', () => {
  it('says nothing for a public HTTPS address on 443', () => {
    expect(callbackUrlWarnings('https://desk.example.com')).toEqual([]);
    expect(callbackUrlWarnings('http://203.0.113.7')).toEqual([]);
  });

  it('warns about addresses WeChat cannot reach and ports it does not call', () => {
    expect(callbackUrlWarnings('http://localhost:3000')).toEqual([
      "http://localhost:3000 is not reachable from the internet, so WeChat cannot call it (the simulator can). Set PUBLIC_URL to this server's public address.",
      'WeChat only calls URLs on port 80 (http) or 443 (https); http://localhost:3000 uses port 3000. Put a reverse proxy in front, or change PUBLIC_URL.',
    ]);
    expect(callbackUrlWarnings('https://192.168.1.20')).toHaveLength(1);
    expect(callbackUrlWarnings('https://desk.example.com:8443')).toEqual([
      'WeChat only calls URLs on port 80 (http) or 443 (https); https://desk.example.com:8443 uses port 8443. Put a reverse proxy in front, or change PUBLIC_URL.',
    ]);
  });
});
