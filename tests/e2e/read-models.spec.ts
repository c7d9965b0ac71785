import { expect, test, type Page } from '@playwright/test';
import { createProduct, signIn, uniqueName, waitSaved } from './helpers';

/** The stored read models' product names and their journal position (event count). */
async function storedModels(page: Page): Promise<{ events: number; products: string[] } | null> {
	return page.evaluate(
		() =>
			new Promise<{ events: number; products: string[] } | null>((resolve, reject) => {
				const open = indexedDB.open('jxc-read-models');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const get = db.transaction('heads').objectStore('heads').get('jxc:demo');
					get.onsuccess = () => {
						const row = get.result as
							| {
									position: { events: number };
									models: { names: { products: Map<string, { name: string }> } };
							  }
							| undefined;
						db.close();
						resolve(
							row
								? {
										events: row.position.events,
										products: [...row.models.names.products.values()].map((p) => p.name)
									}
								: null
						);
					};
				};
			})
	);
}

/** Rewrites the stored read models as an older picture: without `name`, and one event behind. */
async function makeStale(page: Page, name: string): Promise<void> {
	await page.evaluate(
		(drop) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('jxc-read-models');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction('heads', 'readwrite');
					const store = tx.objectStore('heads');
					const get = store.get('jxc:demo');
					get.onsuccess = () => {
						const row = get.result as {
							position: { events: number };
							models: { names: { products: Map<string, { name: string }> } };
						};
						for (const [id, p] of row.models.names.products)
							if (p.name === drop) row.models.names.products.delete(id);
						row.position.events -= 1;
						store.put(row);
					};
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		name
	);
}

test('a reload opens from the saved read models, then shows and saves what the journal says', async ({
	page
}) => {
	await signIn(page);
	const name = uniqueName('Read model cup');
	await createProduct(page, name);
	await waitSaved(page);
	// Saved shortly after the last change.
	await expect.poll(async () => (await storedModels(page))?.products ?? []).toContain(name);

	// The stored picture is made stale (as if the tab died before saving its last change).
	await makeStale(page, name);
	await page.reload();
	await expect(page.getByTestId('page-products')).toBeVisible();
	// Whatever was shown meanwhile, once the journal is derived the product is there …
	await expect(page.getByTestId('product-table')).toContainText(name);
	await page.locator('nav.side').getByRole('link', { name: '首页' }).click();
	await expect(page.getByTestId('page-dashboard')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('provisional')).toHaveCount(0);
	// … and the read models are saved again from the ledger.
	await expect.poll(async () => (await storedModels(page))?.products ?? []).toContain(name);
	const events = Number(await page.getByTestId('sync-status').getAttribute('data-events'));
	expect((await storedModels(page))?.events).toBe(events);
});
