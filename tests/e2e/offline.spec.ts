import { expect, test } from '@playwright/test';
import { createProduct, installed, signIn, uniqueName, waitSaved } from './helpers';

test('installed app reloads with no network and opens its data', async ({ page, context }) => {
	await signIn(page);
	const name = uniqueName('Offline kettle');
	await createProduct(page, name);
	await waitSaved(page);
	await installed(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('page-products')).toBeVisible();
	await expect(page.getByTestId('product-table')).toContainText(name);
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'offline');

	// Recorded offline: counted as not saved, then saved once the network is back.
	const second = uniqueName('Offline cup');
	await createProduct(page, second);
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-pending', '1');
	await context.setOffline(false);
	await waitSaved(page);
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-pending', '0');
});
