import { expect, test } from '@playwright/test';
import { openDerived, signIn, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

const SHOP = 'B01';
const WH = 'W-ADJ';
const PRODUCT = 'P-ADJ-CUP';

test('报损 and 报溢 from a stock card: a refused entry keeps what was typed, a booked one moves the stock', async ({
	page,
	baseURL
}) => {
	// The back office sets up a shop with ten cups at ¥3.00 each.
	await deviceRecordsThenSyncs(baseURL!, 'ADJHQ', [
		{
			type: 'branch.created',
			user: 'admin',
			payload: { id: SHOP, fields: { code: SHOP, name: 'West Lake shop' } }
		},
		{
			type: 'warehouse.created',
			user: 'admin',
			payload: { id: WH, fields: { name: 'Back room', branch: SHOP } }
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: { id: PRODUCT, fields: { code: 'CUP1', name: 'Glass cup', unit: '个' } }
		},
		{
			type: 'opening.stock',
			user: 'admin',
			branch: SHOP,
			payload: { wh: WH, lines: [{ p: PRODUCT, q: 10_000, value: 30_00 }] }
		}
	]);

	await signIn(page);
	await waitSaved(page);
	await openDerived(page, `/stock/${PRODUCT}/${WH}`);
	const now = page.getByTestId('stock-card-now');
	await expect(now).toContainText('10 个');

	// A clerk found three broken cups but types twelve: refused, with the most that can go, and kept.
	await page.getByTestId('stock-adjust-open').click();
	const form = page.getByTestId('stock-adjust-form');
	await expect(form.locator('input[name=adjust-qty]')).toBeVisible();
	await form.locator('input[name=adjust-qty]').fill('12');
	await form.locator('select[name=adjust-reason]').selectOption('damaged');
	await form.locator('input[name=adjust-note]').fill('搬运时摔碎');
	await form.getByRole('button', { name: '记入库存调整单' }).click();
	await expect(page.getByTestId('error-adjust-qty')).toHaveText('最多可报损 10 个');
	await expect(form.locator('input[name=adjust-qty]')).toHaveValue('12');
	await expect(form.locator('input[name=adjust-note]')).toHaveValue('搬运时摔碎');
	await expect(now).toContainText('10 个');

	// Corrected, it is booked: the stock and the card follow.
	await form.locator('input[name=adjust-qty]').fill('3');
	await form.getByRole('button', { name: '记入库存调整单' }).click();
	await expect(page.getByTestId('stock-adjust').getByRole('status')).toContainText(/已记入库存调整单 TZ-/);
	await expect(now).toContainText('7 个');
	await expect(now).toContainText('¥21.00');
	const rows = page.getByTestId('stock-card-row');
	await expect(rows.filter({ hasText: '库存调整' })).toHaveCount(1);
	await expect(rows.filter({ hasText: '库存调整' })).toContainText('破损：搬运时摔碎');

	// A surplus found later, with "other" as its reason, needs a note first.
	await page.getByTestId('stock-adjust-open').click();
	await form.getByLabel('报溢（增加库存）').check();
	await form.locator('input[name=adjust-qty]').fill('1');
	await form.locator('select[name=adjust-reason]').selectOption('other');
	await form.getByRole('button', { name: '记入库存调整单' }).click();
	await expect(form).toContainText('选择“其他”时请在备注里写明原因');
	await form.locator('input[name=adjust-note]').fill('货架下面找到');
	await form.getByRole('button', { name: '记入库存调整单' }).click();
	await expect(now).toContainText('8 个');
	await expect(rows.filter({ hasText: '库存调整' })).toHaveCount(2);
	await expect(rows.filter({ hasText: '货架下面找到' })).toContainText('其他：货架下面找到');
	await waitSaved(page);

	// In English the form and the reasons read in English; what the clerk typed stays as typed.
	await openDerived(page, '/settings');
	await page.getByTestId('language').selectOption('en');
	await openDerived(page, `/stock/${PRODUCT}/${WH}`);
	await expect(rows.filter({ hasText: '货架下面找到' })).toContainText('Other: 货架下面找到');
	await expect(rows.filter({ hasText: '搬运时摔碎' })).toContainText('Damaged: 搬运时摔碎');
	await page.getByTestId('stock-adjust-open').click();
	await expect(form).toContainText('Stock adjustment (write-off or surplus)');
	await form.locator('input[name=adjust-qty]').fill('9');
	await form.locator('select[name=adjust-reason]').selectOption('lost');
	await form.getByRole('button', { name: 'Book the adjustment' }).click();
	await expect(page.getByTestId('error-adjust-qty')).toHaveText('At most 8 个 can be written off');
	await page.screenshot({ path: 'test-results/screenshots/en-stock-adjust-1024x768.png', fullPage: true });
	await openDerived(page, '/settings');
	await page.getByTestId('language').selectOption('zh-CN');
	await openDerived(page, `/stock/${PRODUCT}/${WH}`);

	await page.setViewportSize({ width: 1024, height: 768 });
	await page.getByTestId('stock-adjust-open').click();
	await page.screenshot({ path: 'test-results/screenshots/stock-adjust-1024x768.png', fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: 'test-results/screenshots/stock-adjust-390x844.png', fullPage: true });
});
