import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('presence: each device sees who else is working and on which page', async ({ browser, baseURL }) => {
	const options = { baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
	const office = await browser.newContext(options);
	const shop = await browser.newContext(options);
	const a = await office.newPage();
	const b = await shop.newPage();
	await signIn(a);
	await signIn(b);

	// Both on the dashboard: each sees the other there.
	const seenByA = a.getByTestId('presence-peer');
	await expect(seenByA).toHaveCount(1, { timeout: 10_000 });
	await expect(seenByA).toHaveAttribute('data-page', '/');
	await expect(b.getByTestId('presence-peer')).toHaveAttribute('data-page', '/');

	// The shop moves to the stock page (in-app navigation): the office sees it, named in its language.
	await b.locator('nav.side').getByRole('link', { name: '库存' }).click();
	await expect(b.getByTestId('page-stock')).toBeVisible();
	await expect(seenByA).toHaveAttribute('data-page', '/stock');
	await expect(seenByA).toContainText('库存');
	await expect(seenByA).toHaveAttribute('title', /在「库存」/);
	for (const size of [
		{ width: 1024, height: 768 },
		{ width: 390, height: 844 }
	]) {
		await a.setViewportSize(size);
		await a.screenshot({ path: `test-results/screenshots/presence-${size.width}x${size.height}.png` });
	}

	// The shop closes the app: it leaves the office's list.
	await shop.close();
	await expect(seenByA).toHaveCount(0, { timeout: 15_000 });
	await office.close();
});
