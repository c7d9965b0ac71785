/**
 * 先调拨，再采购 (PU14): a branch about to run out is offered the spare stock of another branch on the
 * purchase plan, the transfer form opens with the route and quantity filled in, and once shipped the
 * plan neither suggests buying nor transferring it again.
 */
import { expect, test } from '@playwright/test';
import { dayFromWall } from '../../src/lib/domain/dates';
import type { RecordCommand } from '../../src/lib/sync/journal';
import { signIn, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const EAST = `BE${RUN}`;
const WEST = `BW${RUN}`;
const W_EAST = `W-E-${RUN}`;
const W_WEST = `W-W-${RUN}`;
const PRODUCT = `P-RB-${RUN}`;
/** Sold in the east only and held nowhere else: bought, never transferred. */
const SODA = `P-RS-${RUN}`;
const NAME = `Cola ${RUN}`;
const U = 1000;
const today = dayFromWall(Date.now());

const sale = (q: number, daysAgo: number): RecordCommand => ({
	type: 'sales.counter.posted',
	user: 'admin',
	branch: EAST,
	at: today - daysAgo,
	payload: {
		wh: W_EAST,
		lines: [
			{ p: PRODUCT, q: q * U, amount: q * 300, vat: 1300 },
			{ p: SODA, q: U, amount: 250, vat: 1300 }
		],
		tenders: [{ account: `A-${RUN}`, amount: q * 300 + 250 }]
	}
});

test('the plan offers another branch’s spare stock before buying, and the transfer form opens filled in', async ({
	page,
	baseURL
}) => {
	test.setTimeout(120_000);
	await deviceRecordsThenSyncs(baseURL!, `RB${RUN}`, [
		{
			type: 'branch.created',
			user: 'admin',
			payload: { id: EAST, fields: { code: EAST, name: `East ${RUN}` } }
		},
		{
			type: 'branch.created',
			user: 'admin',
			payload: { id: WEST, fields: { code: WEST, name: `West ${RUN}` } }
		},
		{
			type: 'warehouse.created',
			user: 'admin',
			payload: { id: W_EAST, fields: { name: `East floor ${RUN}`, branch: EAST } }
		},
		{
			type: 'warehouse.created',
			user: 'admin',
			payload: { id: W_WEST, fields: { name: `West floor ${RUN}`, branch: WEST } }
		},
		{
			type: 'account.created',
			user: 'admin',
			payload: { id: `A-${RUN}`, fields: { name: `Till ${RUN}`, kind: 'cash' } }
		},
		{
			type: 'supplier.created',
			user: 'admin',
			payload: { id: `S-${RUN}`, fields: { name: `Drinks ${RUN}`, leadTimeDays: 7 } }
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: {
				id: PRODUCT,
				fields: {
					code: `RB${RUN}`,
					name: NAME,
					unit: 'can',
					purchasePrice: 200,
					retailPrice: 300,
					vat: 1300,
					supplier: `S-${RUN}`
				}
			}
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: {
				id: SODA,
				fields: {
					code: `RS${RUN}`,
					name: `Soda ${RUN}`,
					unit: 'btl',
					purchasePrice: 150,
					retailPrice: 250,
					vat: 1300,
					supplier: `S-${RUN}`,
					safety: { [W_EAST]: { min: 10 * U } }
				}
			}
		},
		{
			type: 'opening.stock',
			user: 'admin',
			branch: EAST,
			at: today - 40,
			payload: {
				wh: W_EAST,
				lines: [
					{ p: PRODUCT, q: 93 * U, value: 186_00 },
					{ p: SODA, q: 5 * U, value: 7_50 }
				]
			}
		},
		{
			type: 'opening.stock',
			user: 'admin',
			branch: WEST,
			at: today - 40,
			payload: { wh: W_WEST, lines: [{ p: PRODUCT, q: 200 * U, value: 400_00 }] }
		},
		sale(30, 25),
		sale(30, 15),
		sale(30, 3)
	]);
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page);
	await waitSaved(page);
	await page.goto('/purchases/plan');

	// East sold 90 in 30 days: 21 over the 7-day lead time, 3 left, so 18 short; West holds 200 and sells none.
	const row = page.locator(`[data-testid=suggestion][data-product=${PRODUCT}]`);
	await expect(row.getByTestId('reason')).toContainText('建议采购 18 can');
	await expect(row.getByTestId('transfer-cover')).toHaveText(
		`可从 West floor ${RUN} 18 can 调拨，还需采购 0 can`
	);
	await expect(row.getByRole('textbox', { name: /采购数量/ })).toHaveValue('0');
	const move = page.getByTestId('plan-transfer').filter({ hasText: NAME });
	await expect(move).toContainText(`West floor ${RUN} → East floor ${RUN}`);
	await expect(move).toContainText(`${NAME} 18 can`);
	// 全选 ticks what is left to buy (the soda), not what a transfer covers (the cola); again, it unticks.
	const soda = page.locator(`[data-testid=suggestion][data-product=${SODA}]`);
	await page.getByTestId('plan-tick-all').click();
	await expect(soda.getByRole('checkbox')).toBeChecked();
	await expect(row.getByRole('checkbox')).not.toBeChecked();
	await expect(page.getByTestId('plan-tick-all')).toHaveText('全不选');
	await page.getByTestId('plan-tick-all').click();
	await expect(soda.getByRole('checkbox')).not.toBeChecked();
	await move.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screenshots/plan-transfer-1024x768.png' });
	await page.setViewportSize({ width: 390, height: 844 });
	await move.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screenshots/plan-transfer-390x844.png' });
	await page.setViewportSize({ width: 1024, height: 768 });

	// 去调拨: the form opens with the route and the line; the clerk ships it as it stands.
	await move.getByTestId('plan-transfer-go').click();
	const form = page.getByTestId('ship-form');
	await expect(form).toBeVisible();
	await expect(form.locator('select[name=transfer-from]')).toHaveValue(W_WEST);
	await expect(form.locator('select[name=transfer-to]')).toHaveValue(W_EAST);
	await expect(form.getByTestId('ship-line')).toContainText(NAME);
	await expect(form.locator('input[name=ship-qty-0]')).toHaveValue('18');
	await form.getByRole('button', { name: '调拨出库' }).click();
	await expect(page.getByTestId('transfer-status')).toHaveText('在途');

	// On its way: East's plan counts it as incoming, so nothing is suggested twice.
	await page.goto('/purchases/plan');
	await expect(page.getByTestId('page-purchase-plan')).toBeVisible();
	await expect(page.getByTestId('plan-transfer').filter({ hasText: NAME })).toHaveCount(0);
	await expect(row).toHaveCount(0);
});
