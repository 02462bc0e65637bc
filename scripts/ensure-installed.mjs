// Lets `npm start` and `npm test` work on a fresh clone: installs dependencies when they are missing or
// were installed from a different package-lock.json. The lock file's content decides, not its time: a fresh
// checkout (or a git worktree sharing one install) has a newer lock file with the same content.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const marker = 'node_modules/.installed-from-lock';
const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
const installed = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : null;
if (installed !== lockHash) {
  console.log('Installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
  writeFileSync(marker, `${lockHash}\n`);
}
