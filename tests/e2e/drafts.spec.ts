/**
 * Documents being typed survive a reload (U7): a sales order and a purchase order come back exactly as
 * typed, with a notice and a way to start again; once saved, the form opens empty.
 */
import { expect, test } from '@playwright/test';
import { signIn, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const WH = `W-DR-${RUN}`;
const CUSTOMER = `C-DR-${RUN}`;
const SUPPLIER = `S-DR-${RUN}`;
const PRODUCT = `P-DR-${RUN}`;

test.beforeAll(async ({ browserName: _b }, testInfo) => {
	await deviceRecordsThenSyncs(String(testInfo.project.use.baseURL), `DR${RUN}`, [
		{
			type: 'branch.created',
			user: 'admin',
			payload: { id: `B-DR-${RUN}`, fields: { code: `BD${RUN}`, name: `Draft shop ${RUN}` } }
		},
		{
			type: 'warehouse.created',
			user: 'admin',
			payload: { id: WH, fields: { name: `Draft floor ${RUN}`, branch: `B-DR-${RUN}` } }
		},
		{
			type: 'customer.created',
			user: 'admin',
			payload: { id: CUSTOMER, fields: { name: `Draft customer ${RUN}` } }
		},
		{
			type: 'supplier.created',
			user: 'admin',
			payload: { id: SUPPLIER, fields: { name: `Draft supplier ${RUN}` } }
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: {
				id: PRODUCT,
				fields: {
					code: `DR${RUN}`,
					name: `Draft tea ${RUN}`,
					unit: 'pc',
					retailPrice: 20_00,
					purchasePrice: 8_00,
					vat: 1300
				}
			}
		},
		{
			type: 'opening.stock',
			user: 'admin',
			branch: `B-DR-${RUN}`,
			payload: { no: 1, wh: WH, lines: [{ p: PRODUCT, q: 50_000, value: 400_00 }] }
		}
	]);
});

test('a sales order being typed comes back after a reload; discarded, it is gone; saved, the next form is empty', async ({
	page
}) => {
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page);
	await waitSaved(page);
	await page.goto('/sales/orders/new');
	const form = page.getByTestId('sales-form');
	await form.locator('select[name=customer]').selectOption(CUSTOMER);
	await form.locator('select[name=wh]').selectOption(WH);
	await form.locator('input[name=product-search]').fill(`DR${RUN}`);
	await form.getByTestId('pick-product').first().click();
	await form.locator('input[name=q-0]').fill('7');
	await form.locator('input[name=price-0]').fill('12.34');
	await form.locator('input[name=note]').fill('送到后门');
	await expect(page.getByTestId('draft-restored')).toHaveCount(0);

	// The tablet reloads the page (an app switch on iOS does this): everything typed is back.
	await page.reload();
	await expect(page.getByTestId('draft-restored')).toContainText('已恢复');
	await expect(form.locator('select[name=customer]')).toHaveValue(CUSTOMER);
	await expect(form.locator('select[name=wh]')).toHaveValue(WH);
	await expect(form.locator('input[name=q-0]')).toHaveValue('7');
	await expect(form.locator('input[name=price-0]')).toHaveValue('12.34');
	await expect(form.locator('input[name=note]')).toHaveValue('送到后门');
	await page.screenshot({ path: 'test-results/screenshots/draft-sales-order-1024x768.png' });

	// Started again: empty, and a reload brings nothing back.
	await page.getByTestId('draft-discard').click();
	await expect(form.locator('input[name=q-0]')).toHaveCount(0);
	await expect(form.locator('select[name=customer]')).toHaveValue('');
	await page.reload();
	await expect(page.getByTestId('sales-form')).toBeVisible();
	await expect(page.getByTestId('draft-restored')).toHaveCount(0);

	// Typed and saved: the next new order opens empty.
	await form.locator('select[name=customer]').selectOption(CUSTOMER);
	await form.locator('select[name=wh]').selectOption(WH);
	await form.locator('input[name=product-search]').fill(`DR${RUN}`);
	await form.getByTestId('pick-product').first().click();
	await form.locator('input[name=q-0]').fill('2');
	await form.getByTestId('save').click();
	await expect(page).toHaveURL(/\/sales\/orders\/[^n]/);
	const orderUrl = page.url();
	await page.goto('/sales/orders/new');
	await expect(page.getByTestId('sales-form')).toBeVisible();
	await expect(page.getByTestId('draft-restored')).toHaveCount(0);
	await expect(page.getByTestId('sales-form').locator('input[name=q-0]')).toHaveCount(0);

	// 再来一单: the customer orders the same again; the form opens filled in, at today's price.
	await page.goto(orderUrl);
	await page.getByTestId('order-again').click();
	await expect(page.getByTestId('repeat-note')).toContainText('单价按客户现在的价格');
	await expect(form.locator('select[name=customer]')).toHaveValue(CUSTOMER);
	await expect(form.locator('select[name=wh]')).toHaveValue(WH);
	await expect(form.locator('input[name=q-0]')).toHaveValue('2');
	await expect(form.locator('input[name=price-0]')).toHaveValue('20.00');
});

test('a purchase order being typed comes back after a reload, units and quantities as typed', async ({
	page
}) => {
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page);
	await waitSaved(page);
	await page.goto('/purchases/orders/new');
	await page.locator('select[name=supplier]').selectOption(SUPPLIER);
	await page.locator('select[name=wh]').selectOption(WH);
	await page.locator('input[name=product-search]').fill(`DR${RUN}`);
	await page.getByTestId('product-matches').getByRole('button').first().click();
	await page.locator('input[name=qty-0]').fill('30');
	await expect(page.getByTestId('order-total')).toHaveText('¥240.00');

	await page.reload();
	await expect(page.getByTestId('draft-restored')).toBeVisible();
	await expect(page.locator('select[name=supplier]')).toHaveValue(SUPPLIER);
	await expect(page.locator('input[name=qty-0]')).toHaveValue('30');
	await expect(page.getByTestId('order-total')).toHaveText('¥240.00');
	await page.getByRole('button', { name: '提交订单' }).click();
	await expect(page.getByTestId('order-status')).toBeVisible();
	const orderUrl = page.url();
	await page.goto('/purchases/orders/new');
	await expect(page.getByTestId('order-form')).toBeVisible();
	await expect(page.getByTestId('draft-restored')).toHaveCount(0);
	await expect(page.locator('input[name=qty-0]')).toHaveCount(0);

	// 再来一单 from the order's page: a half-typed new order is not replaced unasked.
	await page.locator('select[name=supplier]').selectOption(SUPPLIER);
	await page.goto(orderUrl);
	page.once('dialog', (d) => {
		expect(d.message()).toContain('没保存的新订单');
		void d.dismiss();
	});
	await page.getByTestId('order-again').click();
	await expect(page).toHaveURL(orderUrl);
	page.once('dialog', (d) => void d.accept());
	await page.getByTestId('order-again').click();
	await expect(page.getByTestId('repeat-note')).toContainText('最近的进价');
	await expect(page.locator('select[name=supplier]')).toHaveValue(SUPPLIER);
	await expect(page.locator('input[name=qty-0]')).toHaveValue('30');
	await expect(page.locator('input[name=price-0]')).toHaveValue('8.00');
	await expect(page.getByTestId('draft-restored')).toHaveCount(0);
});
