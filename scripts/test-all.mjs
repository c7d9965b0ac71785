// The one test command of the README: installs exactly what the lock file says, then runs every gate
// (types, lint, format), the unit/integration suite and the end-to-end suite. Exits non-zero on the first failure.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd) => {
	console.log(`\n[jxc] $ ${cmd}`);
	execSync(cmd, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
};

run('npm ci --no-audit --no-fund');
run('npm run check');
run('npm run lint');
run('npm run test:unit');
if (existsSync('playwright.config.ts')) run('npm run test:e2e');
