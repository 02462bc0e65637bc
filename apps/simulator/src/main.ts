import { startSimulator } from './simulator.js';

/** Runs the simulator on its own: SIMULATOR_PORT (default 3900), SIMULATOR_HOST (default 127.0.0.1). */
const port = Number(process.env.SIMULATOR_PORT ?? 3900);
const host = process.env.SIMULATOR_HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SIMULATOR_PORT must be a port number, got "${process.env.SIMULATOR_PORT}"`);
  process.exit(1);
}

try {
  const simulator = await startSimulator({ port, host });
  console.log(`WeChat/WeCom simulator listening on ${simulator.url}`);
  console.log(`  OA API base (WECHAT_API_BASE)  ${simulator.url}`);
  console.log(`  WeCom API base (WECOM_API_BASE) ${simulator.url}/qyapi`);
  console.log(`  Customer phone                  ${simulator.url}/phone`);
  const stop = (): void => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(
    `The simulator could not start on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
