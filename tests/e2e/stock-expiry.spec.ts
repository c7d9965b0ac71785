import { expect, test } from '@playwright/test';
import { dayFromWall } from '../../src/lib/domain/dates';
import { openDerived, signIn, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

const SHOP = 'B-EX';
const WH = 'W-EX';

test('临期批次: expired and expiring batches, soonest first, from the stock page to the stock card', async ({
	page,
	baseURL
}) => {
	const today = dayFromWall(Date.now());
	await deviceRecordsThenSyncs(baseURL!, 'EXHQ', [
		{ type: 'branch.created', user: 'admin', payload: { id: SHOP, fields: { name: 'Dairy shop' } } },
		{
			type: 'warehouse.created',
			user: 'admin',
			payload: { id: WH, fields: { name: 'Dairy cold room', branch: SHOP } }
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: { id: 'P-EX1', fields: { name: 'Fresh milk', unit: '盒', batchTracked: true } }
		},
		{
			type: 'opening.stock',
			user: 'admin',
			branch: SHOP,
			payload: {
				wh: WH,
				lines: [
					{ p: 'P-EX1', q: 5_000, value: 25_00, batch: 'L-FAR', expiry: today + 200 },
					{ p: 'P-EX1', q: 3_000, value: 15_00, batch: 'L-SOON', expiry: today + 10 },
					{ p: 'P-EX1', q: 2_000, value: 10_00, batch: 'L-OLD', expiry: today - 2 }
				]
			}
		}
	]);

	await signIn(page);
	await waitSaved(page);
	await openDerived(page, '/stock');
	const open = page.getByTestId('stock-expiry');
	await expect(open.locator('.pill')).toHaveText(/^\d+$/);
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.screenshot({ path: 'test-results/screenshots/stock-ops-1024x768.png' });
	await open.click();
	await expect(page.getByTestId('page-expiry')).toBeVisible();
	await page.locator('select[name=expiry-wh]').selectOption(WH);
	const rows = page.getByTestId('expiry-row');
	// Within 30 days (the default): the expired batch first, then the one expiring soon.
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText('L-OLD');
	await expect(rows.nth(0)).toContainText('已过期 2 天');
	await expect(rows.nth(1)).toContainText('L-SOON');
	await expect(rows.nth(1)).toContainText('还有 10 天');
	await expect(page.getByTestId('expiry-summary')).toHaveText('已过期 1 批 ¥10.00 30 天内到期 1 批 ¥15.00');
	await page.locator('select[name=expiry-window]').selectOption({ label: '全部批次' });
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(2)).toContainText('L-FAR');
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.screenshot({ path: 'test-results/screenshots/stock-expiry-1024x768.png', fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: 'test-results/screenshots/stock-expiry-390x844.png', fullPage: true });

	// 报损 on the expired batch opens its stock card with the write-off filled in: reason 过期, the batch and
	// what is left of it.
	await page.setViewportSize({ width: 1024, height: 768 });
	await rows.nth(0).getByTestId('expiry-write-off').click();
	await expect(page.getByTestId('stock-card-now')).toContainText('当前结存 10 盒');
	const form = page.getByTestId('stock-adjust-form');
	await expect(form.locator('select[name=adjust-reason]')).toHaveValue('expired');
	await expect(form.locator('input[name=adjust-batch]')).toHaveValue('L-OLD');
	await expect(form.locator('input[name=adjust-qty]')).toHaveValue('2');
	await form.getByRole('button', { name: '记入库存调整单' }).click();
	await expect(page.getByTestId('stock-adjust').getByRole('status')).toContainText(/已记入库存调整单 TZ-/);
	await expect(page.getByTestId('stock-card-now')).toContainText('当前结存 8 盒');
	await openDerived(page, '/stock/expiry');
	await page.locator('select[name=expiry-wh]').selectOption(WH);
	await expect(rows).toHaveCount(1);
	await expect(rows.nth(0)).toContainText('L-SOON');
});
