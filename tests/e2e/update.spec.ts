import { expect, test } from '@playwright/test';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signIn } from './helpers';

// The relay serves the build of this worktree from disk, as after a deployment.
const WORKER = join(process.cwd(), 'build', 'service-worker.js');

test('a new version waits for the user, then takes over when asked', async ({ page }) => {
	await signIn(page);
	await page.waitForFunction(async () => {
		const reg = await navigator.serviceWorker.ready;
		return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
	});
	await expect(page.getByText('有新版本可用')).toHaveCount(0);
	const original = readFileSync(WORKER, 'utf8');
	try {
		// A new version is deployed: the service worker's bytes change.
		appendFileSync(WORKER, `\n// deployed ${Date.now()}\n`);
		await page.evaluate(async () => (await navigator.serviceWorker.ready).update());

		// It installs and waits: the page keeps running until the user chooses.
		const prompt = page.getByRole('status').filter({ hasText: '有新版本可用' });
		await expect(prompt).toBeVisible({ timeout: 20_000 });
		await prompt.getByRole('button', { name: '稍后' }).click();
		await expect(prompt).toHaveCount(0);
		const waiting = await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null);
		expect(waiting).toBe(true);

		// Asked again after a reload, and this time accepted: the new version controls a reloaded page.
		await page.reload();
		await expect(prompt).toBeVisible({ timeout: 20_000 });
		const reloaded = page.waitForEvent('load');
		await prompt.getByRole('button', { name: '立即更新' }).click();
		await reloaded;
		await expect(page.getByTestId('page-dashboard')).toBeVisible();
		await expect(prompt).toHaveCount(0);
		const state = await page.evaluate(async () => {
			const reg = await navigator.serviceWorker.ready;
			return { waiting: reg.waiting !== null, controlled: navigator.serviceWorker.controller !== null };
		});
		expect(state).toEqual({ waiting: false, controlled: true });
	} finally {
		writeFileSync(WORKER, original);
	}
});
