import { expect, test } from '@playwright/test';
import { openDerived, signIn, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

const SHOP = 'B-ST';
const WH = 'W-ST';

test('盘点: count a warehouse while a till keeps selling, fix a bad count, post, read the variance report', async ({
	page,
	baseURL
}) => {
	await deviceRecordsThenSyncs(baseURL!, 'STHQ', [
		{ type: 'branch.created', user: 'admin', payload: { id: SHOP, fields: { name: 'Lake shop' } } },
		{
			type: 'warehouse.created',
			user: 'admin',
			payload: { id: WH, fields: { name: 'Lake floor', branch: SHOP } }
		},
		{
			type: 'account.created',
			user: 'admin',
			payload: { id: 'A-ST', fields: { name: 'Till', kind: 'cash' } }
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: { id: 'P-ST1', fields: { name: 'Tea cup', unit: '个', spec: '200ml', category: '茶具/杯' } }
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: { id: 'P-ST2', fields: { name: 'Tea pot', unit: '个', category: '茶具/壶' } }
		},
		{
			type: 'opening.stock',
			user: 'admin',
			branch: SHOP,
			payload: {
				wh: WH,
				lines: [
					{ p: 'P-ST1', q: 10_000, value: 50_00 },
					{ p: 'P-ST2', q: 3_000, value: 90_00 }
				]
			}
		}
	]);

	await signIn(page);
	await waitSaved(page);
	await openDerived(page, '/stock');
	await page.getByTestId('stock-stocktakes').click();
	await expect(page.getByTestId('page-stocktakes')).toBeVisible();
	await page.locator('select[name=count-wh]').selectOption(WH);
	await page.getByRole('button', { name: '开始盘点' }).click();
	const sheet = page.getByTestId('count-sheet');
	await expect(sheet.getByTestId('count-line')).toHaveCount(2);
	// Products of one name are told apart by their spec (sizes, colours) on the sheet.
	await expect(sheet.getByTestId('count-line').filter({ hasText: 'Tea cup' })).toContainText('200ml');

	// Counting with a pen: printed, the sheet is the 盘点表 alone, the book beside a blank count column.
	await expect(sheet.getByTestId('print')).toHaveText('打印盘点表');
	await page.emulateMedia({ media: 'print' });
	const paper = sheet.getByTestId('doc-sheet');
	await expect(paper).toBeVisible();
	await expect(paper).toContainText('盘点表');
	await expect(paper).toContainText('200ml');
	await expect(paper).toContainText('复核人');
	await expect(sheet.locator('input[name=count-0]')).toBeHidden();
	await page.screenshot({ path: 'test-results/screenshots/stocktake-paper-printed.png' });
	await page.emulateMedia({ media: 'screen' });

	// While the clerks count, the till sells two cups (another device, synced through the relay).
	await deviceRecordsThenSyncs(baseURL!, 'STTILL', [
		{
			type: 'sales.counter.posted',
			user: 'admin',
			branch: SHOP,
			payload: {
				wh: WH,
				lines: [{ p: 'P-ST1', q: 2_000, amount: 20_00, vat: 1300 }],
				tenders: [{ account: 'A-ST', amount: 20_00 }]
			}
		}
	]);

	// Counted against the book when counting began: 9 cups (one short), 4 pots (one over); a typo first.
	const cups = sheet.getByRole('textbox', { name: '实盘数 Tea cup' });
	const pots = sheet.getByRole('textbox', { name: '实盘数 Tea pot' });
	await cups.fill('9');
	// A reload (or a tablet gone flat) loses no count: the sheet resumes as it was left.
	await openDerived(page, '/stock/stocktakes');
	await expect(cups).toHaveValue('9');
	await pots.fill('4x');
	await sheet.getByRole('button', { name: '过账' }).click();
	await expect(sheet).toContainText('请输入 0 或更大的数量（最多三位小数）');
	await expect(cups).toHaveValue('9');
	await pots.fill('4');
	await expect(sheet.getByTestId('count-summary')).toHaveText('已盘 2 行 · 盘盈 1 行 · 盘亏 1 行');
	await sheet.getByRole('button', { name: '过账' }).click();

	await expect(page.getByRole('status')).toContainText(/已过账：PD-/);
	const report = page.getByTestId('variance-report');
	await expect(report).toContainText('盘盈 ¥30.00 · 盘亏 ¥5.00');
	await expect(report.getByTestId('variance-line').filter({ hasText: 'Tea cup' })).toContainText('200ml');
	await expect(report.getByTestId('variance-line').filter({ hasText: 'Tea cup' })).toContainText('-1 个');
	await expect(report.getByTestId('variance-line').filter({ hasText: 'Tea pot' })).toContainText('+1 个');
	await waitSaved(page);

	// The sale during the count is taken off once: 10 − 1 short − 2 sold = 7 cups.
	await openDerived(page, `/stock/P-ST1/${WH}`);
	await expect(page.getByTestId('stock-card-now')).toContainText('当前结存 7 个');
	await openDerived(page, `/stock/P-ST2/${WH}`);
	await expect(page.getByTestId('stock-card-now')).toContainText('当前结存 4 个');

	await openDerived(page, '/stock/stocktakes');
	await page.getByTestId('stocktake-row').first().getByRole('link').click();
	await expect(page.getByTestId('page-stocktake')).toBeVisible();
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.screenshot({ path: 'test-results/screenshots/stocktake-1024x768.png', fullPage: true });
	// A shelf at a time: a count of the cups' category lists the cups only (I9).
	await openDerived(page, '/stock/stocktakes');
	await page.locator('select[name=count-wh]').selectOption(WH);
	await expect(page.locator('select[name=count-category] option')).toHaveText([
		'整个仓库',
		'茶具',
		'茶具/杯',
		'茶具/壶'
	]);
	await page.locator('select[name=count-category]').selectOption('茶具/杯');
	await page.screenshot({ path: 'test-results/screenshots/stocktake-start-1024x768.png' });
	await page.getByRole('button', { name: '开始盘点' }).click();
	await expect(sheet.getByTestId('count-category')).toHaveText('分类：茶具/杯');
	await expect(sheet.getByTestId('count-line')).toHaveCount(1);
	await page.getByRole('textbox', { name: '实盘数 Tea cup' }).fill('6');
	await page.screenshot({ path: 'test-results/screenshots/stocktake-sheet-1024x768.png', fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: 'test-results/screenshots/stocktake-sheet-390x844.png', fullPage: true });
});
