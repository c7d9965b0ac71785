// Playwright cannot download its own browser here: end-to-end tests drive Debian's Chromium.
// Installs it with apt-get when it is missing (CI runs as root), and says so plainly otherwise.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.JXC_CHROMIUM ?? '/usr/bin/chromium';

export function ensureChromium() {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	console.log(`[jxc] ${CHROMIUM} is missing: installing Debian's chromium…`);
	try {
		execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
			stdio: 'inherit'
		});
	} catch {
		throw new Error(
			`Could not install chromium; install it (apt-get install -y chromium) or set JXC_CHROMIUM.`
		);
	}
	if (!existsSync(CHROMIUM)) throw new Error(`chromium installed but ${CHROMIUM} is still missing`);
	return CHROMIUM;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
