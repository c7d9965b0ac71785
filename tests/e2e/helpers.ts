/** Shared steps of the end-to-end tests: sign in as the relay's bootstrap owner, create a product. */
import { expect, type Page } from '@playwright/test';

export const COMPANY = 'demo';
export const ADMIN = 'admin';
export const PASSWORD = 'e2e-admin-password';

export async function signIn(page: Page): Promise<void> {
	await page.goto('/');
	await page.locator('input[name=company]').fill(COMPANY);
	await page.locator('input[name=username]').fill(ADMIN);
	await page.locator('input[name=password]').fill(PASSWORD);
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('page-dashboard')).toBeVisible({ timeout: 20_000 });
}

/** Waits until every live partition is on the relay's disk. */
export async function waitSaved(page: Page): Promise<void> {
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'saved', { timeout: 15_000 });
	// And the device has derived what it holds (a new device catches up in the background).
	await expect(page.getByTestId('catch-up')).toHaveCount(0, { timeout: 20_000 });
}

let serial = 0;
/** A product name unique to this run (ASCII, so the English-page checks see no Chinese from data). */
export function uniqueName(prefix: string): string {
	serial++;
	return `${prefix} ${Date.now().toString(36)}${serial}`;
}

export async function createProduct(page: Page, name: string, unit = 'pc'): Promise<void> {
	await page.goto('/products');
	await page.getByRole('button', { name: /新增商品|New product/ }).click();
	await page.locator('input[name=name]').fill(name);
	await page.locator('input[name=unit]').fill(unit);
	await page.locator('input[name=retailPrice]').fill('12.50');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('product-table')).toContainText(name);
}
