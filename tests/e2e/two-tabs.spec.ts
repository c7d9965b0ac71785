import { expect, test } from '@playwright/test';
import { createProduct, installed, signIn, uniqueName, waitSaved } from './helpers';

test('a product created in one tab appears in the other within a second', async ({ context }) => {
	const first = await context.newPage();
	await signIn(first);
	await waitSaved(first);
	// The second tab reopens the same account from this device's storage, as its own device code.
	const second = await context.newPage();
	await second.goto('/products');
	await expect(second.getByTestId('page-products')).toBeVisible();
	await waitSaved(second);

	const name = uniqueName('Two tabs');
	await createProduct(first, name);
	await expect(second.getByTestId('product-table')).toContainText(name, { timeout: 1000 });
});

test('with no network, a product created in one tab appears in the other within a second', async ({
	context
}) => {
	const first = await context.newPage();
	await signIn(first);
	await waitSaved(first);
	const second = await context.newPage();
	await second.goto('/products');
	await expect(second.getByTestId('page-products')).toBeVisible();
	// Both tabs start with everything on the server, so the one pending event below is the new product.
	await waitSaved(second);
	// The first tab loads a page with the network off: the installed app serves it.
	await installed(first);

	await context.setOffline(true);
	await expect(first.getByTestId('sync-status')).toHaveAttribute('data-phase', 'offline');
	const name = uniqueName('Offline tabs');
	await createProduct(first, name);
	await expect(second.getByTestId('product-table')).toContainText(name, { timeout: 1000 });
	// The other tab's event is not on the server yet, and says so.
	await expect(second.getByTestId('sync-status')).toHaveAttribute('data-pending', '1');

	await context.setOffline(false);
	await waitSaved(first);
	await waitSaved(second);
});
