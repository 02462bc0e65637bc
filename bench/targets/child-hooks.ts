import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * Loaded into every server under test (`node --import`): it ends the server when the bench goes away
 * (even on `kill -9` of the bench, the IPC channel closes), and takes a CPU profile of exactly the
 * measured window when asked — `--cpu-prof` would include start-up and is lost when a signal ends the
 * process.
 */
type Command = { type: 'profile-start' } | { type: 'profile-stop'; path: string };

if (process.channel) {
  process.channel.unref();
  process.on('disconnect', () => process.exit(0));
  let session: Session | null = null;
  process.on('message', (command: Command) => {
    void (async () => {
      if (command.type === 'profile-start') {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
        process.send?.({ type: 'profile-started' });
      } else if (command.type === 'profile-stop' && session) {
        const { profile } = await session.post('Profiler.stop');
        await writeFile(command.path, JSON.stringify(profile));
        session.disconnect();
        session = null;
        process.send?.({ type: 'profile-written' });
      }
    })();
  });
}
