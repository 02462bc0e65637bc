/** The demo installation `npm start` sets up: one department, one agent, one Official Account on the simulator. */
export const DEMO = {
  department: 'Customer Support',
  agent: { email: 'agent@example.com', name: 'Li Na', password: 'agent-demo-1' },
  channel: {
    name: 'Demo Coffee',
    appId: 'wxd0c0ffee00000001',
    appSecret: 'demosecret0000000000000000000001',
    token: 'demotoken2026',
    originalId: 'gh_d0c0ffee0001',
    encryptionMode: 'plaintext' as const,
  },
};
