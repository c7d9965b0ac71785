/**
 * End-to-end tests against the real relay serving the built app (as `npm start` runs it), on a test port
 * with a throwaway data folder, driving Debian's Chromium (Playwright cannot download its own here).
 */
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from './scripts/ensure-chromium.mjs';

const PORT = Number(process.env.JXC_E2E_PORT ?? 4317);
const ADMIN_PASSWORD = 'e2e-admin-password';
// Evaluated once per process; the web server and the workers share it through the environment.
process.env.JXC_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'jxc-e2e-'));

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		browserName: 'chromium',
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		actionTimeout: 10_000,
		navigationTimeout: 20_000,
		trace: 'off',
		launchOptions: {
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	webServer: {
		command: 'npx vite build --logLevel warn && node --import tsx server/main.ts',
		url: `http://127.0.0.1:${PORT}/healthz`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			JXC_DATA_DIR: process.env.JXC_E2E_DATA,
			JXC_ADMIN_PASSWORD: ADMIN_PASSWORD,
			// Only for tests: a cheaper password hash on the relay.
			JXC_SCRYPT_LOG2N: '10',
			JXC_LOG_LEVEL: 'warn'
		}
	}
});
