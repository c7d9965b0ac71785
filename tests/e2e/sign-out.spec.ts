import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { COMPANY, PASSWORD, createProduct, installed, signIn, uniqueName, waitSaved } from './helpers';

async function unlock(page: Page): Promise<void> {
	await page.locator('input[name=company]').fill(COMPANY);
	await page.locator('input[name=username]').fill('admin');
	await page.locator('input[name=password]').fill(PASSWORD);
	await page.locator('form button[type=submit]').click();
	// Back where the user signed out (the settings page), in the app shell.
	await expect(page.getByTestId('page-settings')).toBeVisible({ timeout: 20_000 });
}

/** Signed in and installed, then offline with one product created and not yet saved; returns its name. */
async function offlineWithUnsavedProduct(
	page: Page,
	context: BrowserContext,
	label: string
): Promise<string> {
	await signIn(page);
	await waitSaved(page);
	// Pages are loaded below with the network off: the installed app must serve them.
	await installed(page);
	await context.setOffline(true);
	const name = uniqueName(label);
	await createProduct(page, name);
	return name;
}

test('signing out with everything saved asks nothing', async ({ page }) => {
	await signIn(page);
	await waitSaved(page);
	await page.goto('/settings');
	await page.getByTestId('sign-out').click();
	await expect(page.locator('input[name=company]')).toBeVisible();
});

test('signing out with unsaved work asks first, and signing out wipes nothing', async ({ page, context }) => {
	const name = await offlineWithUnsavedProduct(page, context, 'Unsaved teapot');
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-pending', '1');

	// Asked, with the count; cancelling keeps the user in.
	await page.goto('/settings');
	await page.getByTestId('sign-out').click();
	await expect(page.getByRole('alert')).toContainText('1');
	await page.getByRole('button', { name: '取消' }).click();
	await expect(page.getByTestId('page-settings')).toBeVisible();

	// Confirmed: signed out, but the unsaved product is still on the device.
	await page.getByTestId('sign-out').click();
	await page.getByTestId('confirm-sign-out').click();
	await expect(page.locator('input[name=company]')).toBeVisible();
	await unlock(page); // offline: unlocked with the password checked on the device
	// In-app navigation: the password of an offline unlock lives in memory until the relay answers.
	await page.locator('nav.side').getByRole('link', { name: '商品' }).click();
	await expect(page.getByTestId('product-table')).toContainText(name);
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-pending', '1');

	// Back online it reaches the server.
	await context.setOffline(false);
	await waitSaved(page);
});

test('unlocked offline, a password the relay now refuses: the badge asks to sign in again, and nothing is lost', async ({
	page,
	context
}) => {
	const name = await offlineWithUnsavedProduct(page, context, 'Kept teapot');
	await page.goto('/settings');
	await page.getByTestId('sign-out').click();
	await page.getByTestId('confirm-sign-out').click();
	await unlock(page);
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'no-token');
	// Meanwhile the password was changed elsewhere: the relay refuses the one typed here.
	await context.route('**/api/login', (route) =>
		route.fulfill({ status: 401, contentType: 'application/json', body: '{"error":"bad credentials"}' })
	);
	await context.setOffline(false);
	const badge = page.getByTestId('sync-status');
	await expect(badge).toHaveAttribute('data-phase', 'refused', { timeout: 15_000 });
	await expect(badge).toContainText('请重新登录');
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.screenshot({ path: 'test-results/screenshots/sign-in-refused-1024x768.png' });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: 'test-results/screenshots/sign-in-refused-390x844.png' });
	// The work done offline is still on the device, waiting to be sent.
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.locator('nav.side').getByRole('link', { name: '商品' }).click();
	await expect(page.getByTestId('product-table')).toContainText(name);
	await expect(badge).toHaveAttribute('data-pending', '1');
	await context.unroute('**/api/login');
});
