import { expect, test } from '@playwright/test';
import type { RecordCommand } from '../../src/lib/sync/journal';
import { signIn, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

const SHOP = 'B01';
const WH = 'W-E2E';
const PRODUCT = 'P-E2E-KETTLE';
const sale = (): RecordCommand => ({
	type: 'sales.counter.posted',
	user: 'admin',
	branch: SHOP,
	payload: {
		wh: WH,
		lines: [{ p: PRODUCT, q: 1000, amount: 8800, vat: 1300 }],
		tenders: [{ account: 'A-CASH', amount: 8800 }]
	}
});

test('two devices sell the last unit offline: the conflict center shows who and resolves it', async ({
	page,
	baseURL
}) => {
	// The back office sets up a shop with one kettle on the shelf.
	await deviceRecordsThenSyncs(baseURL!, 'E2EHQ', [
		{
			type: 'branch.created',
			user: 'admin',
			payload: { id: SHOP, fields: { code: SHOP, name: 'West Lake shop' } }
		},
		{
			type: 'warehouse.created',
			user: 'admin',
			payload: { id: WH, fields: { name: 'Shop floor', branch: SHOP } }
		},
		{
			type: 'account.created',
			user: 'admin',
			payload: { id: 'A-CASH', fields: { name: 'Till', kind: 'cash' } }
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: { id: PRODUCT, fields: { code: 'KT01', name: 'Last kettle', unit: 'pc' } }
		},
		{
			type: 'opening.stock',
			user: 'admin',
			branch: SHOP,
			payload: { wh: WH, lines: [{ p: PRODUCT, q: 1000, value: 5000 }] }
		}
	]);
	// Two tills, each offline, each sells it; then both come back online.
	await deviceRecordsThenSyncs(baseURL!, 'TILLA', [sale()]);
	await deviceRecordsThenSyncs(baseURL!, 'TILLB', [sale()]);

	await signIn(page);
	await waitSaved(page);
	await page.goto('/conflicts');
	const card = page.locator('[data-testid=conflict][data-kind=oversell]');
	await expect(card).toHaveCount(1);
	await expect(card).toContainText('超卖');
	await expect(card).toContainText('Last kettle');
	await expect(card).toContainText('-1 pc');
	// The sale that went short, with its device and document number.
	await expect(card).toContainText(/TILL[AB]/);
	await expect(card).toContainText(/LS-B01-TILL[AB]-000001/);

	await card.getByRole('button', { name: /按盘点调整库存/ }).click();
	await expect(page.locator('[data-testid=conflict][data-kind=oversell]')).toHaveCount(0);
	await waitSaved(page);
	// Nothing is negative any more: the kettle is back at zero on hand, so it leaves the stock table.
	await page.goto('/stock');
	await expect(page.getByTestId('page-stock')).toBeVisible();
	await expect(page.locator('tr.negative')).toHaveCount(0);
	await page.goto('/');
	await expect(page.getByTestId('page-dashboard')).toBeVisible();
	await expect(page.locator('.notice.danger')).toHaveCount(0);
});
