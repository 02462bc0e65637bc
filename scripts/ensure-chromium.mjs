// The browser tests drive Debian's Chromium (npx playwright install cannot download browsers here).
// Installs it when it is missing and we may use apt; otherwise says what to do. A CJK font comes with it:
// without one, Chinese text renders as boxes in the screenshots the tests take for the docs.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
const missing = [];
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (!existsSync(CJK_FONT)) missing.push('fonts-wqy-zenhei');

if (missing.length > 0) {
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing for the browser tests (apt-get install ${missing.join(' ')})…`);
    execSync(
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`,
      { stdio: 'inherit', shell: '/bin/bash' },
    );
  } else if (missing.includes('chromium')) {
    console.warn(`Chromium is not at ${CHROMIUM}: install Debian's chromium package (or set CHROMIUM_PATH).`);
  }
}
