// Playwright cannot download its own browser here: end-to-end tests drive Debian's Chromium.
// Installs it with apt-get when it is missing (CI runs as root), and says so plainly otherwise.
// A Chinese font comes with it: without one every page renders its text as boxes, so the
// screenshots cannot be read and the layout checks measure the wrong glyphs.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.JXC_CHROMIUM ?? '/usr/bin/chromium';
const CJK_FONT = 'fonts-wqy-microhei';

function hasChineseFont() {
	try {
		return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim() !== '';
	} catch {
		return false;
	}
}

export function ensureChromium() {
	const missing = [];
	if (!existsSync(CHROMIUM)) missing.push('chromium');
	if (!hasChineseFont()) missing.push(CJK_FONT);
	if (missing.length === 0) return CHROMIUM;
	console.log(`[jxc] installing ${missing.join(' and ')} with apt-get…`);
	try {
		execSync(
			`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`,
			{ stdio: 'inherit' }
		);
	} catch {
		// A missing font only spoils the screenshots; a missing browser stops the tests.
		if (!existsSync(CHROMIUM))
			throw new Error(
				`Could not install chromium; install it (apt-get install -y chromium) or set JXC_CHROMIUM.`
			);
		console.warn(`[jxc] could not install ${CJK_FONT}: screenshots will show boxes for Chinese text`);
	}
	if (!existsSync(CHROMIUM)) throw new Error(`chromium installed but ${CHROMIUM} is still missing`);
	return CHROMIUM;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
