/**
 * Master data end to end (issue 5): a product with extra units and a barcode, a duplicate barcode
 * refused naming its owner with the form kept, pinyin search, a warehouse and opening stock, an import
 * with a bad row (nothing applied) then fixed and applied, an export; screenshots of the pages.
 */
import { readFileSync } from 'node:fs';
import { ean13CheckDigit } from '../../src/lib/domain/master/ean13';
import { expect, test, type Page } from '@playwright/test';
import { navigate, signIn } from './helpers';

const SIZES = [
	{ width: 1024, height: 768 },
	{ width: 390, height: 844 }
] as const;

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await page.screenshot({
			path: `test-results/screenshots/${name}-${size.width}x${size.height}.png`,
			fullPage
		});
	}
	await page.setViewportSize(SIZES[0]);
}

function csvFile(name: string, text: string) {
	return { name, mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + text, 'utf8') };
}

/** The pages of a PDF, as [width, height] in points (rounded). */
function pageSizes(pdf: Buffer): number[][] {
	return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
		Math.round(Number(m[1])),
		Math.round(Number(m[2]))
	]);
}

test('products, duplicate barcode, pinyin search, opening stock, import and export', async ({ page }) => {
	test.setTimeout(120_000);
	const run = Date.now().toString().slice(-6);
	const jeans = `牛仔裤${run}`;
	// A valid EAN-13 (its check digit right), so the price tag draws its bars.
	const barcode = `690${run}000${ean13CheckDigit(`690${run}000`)}`;
	await page.setViewportSize(SIZES[0]);
	await signIn(page);

	// A branch and a warehouse, so the product can have stock.
	await navigate(page, '/products/warehouses');
	const branches = page.getByTestId('list-branches');
	await branches.getByRole('button', { name: '新增门店' }).click();
	await branches.locator('input[name=code]').fill(`B${run}`);
	await branches.locator('input[name=name]').fill(`总店${run}`);
	await branches.locator('form button[type=submit]').click();
	await expect(branches).toContainText(`总店${run}`);
	const warehouses = page.getByTestId('list-warehouses');
	await warehouses.getByRole('button', { name: '新增仓库' }).click();
	await warehouses.locator('input[name=name]').fill(`主仓${run}`);
	await warehouses.locator('select[name=branch]').selectOption({ label: `总店${run}` });
	await warehouses.locator('form button[type=submit]').click();
	await expect(warehouses).toContainText(`主仓${run}`);
	await shoot(page, 'warehouses');

	// A product with a base unit, two extra units and a barcode.
	await navigate(page, '/products');
	await page.getByRole('button', { name: '新增商品' }).click();
	await page.locator('input[name=name]').fill(jeans);
	await page.locator('input[name=unit]').fill('条');
	await page.locator('input[name=category]').fill('服装 / 裤装');
	await page.getByTestId('add-unit').click();
	await page.locator('input[name="units.0.name"]').fill('盒');
	await page.locator('input[name="units.0.factor"]').fill('5');
	await page.getByTestId('add-unit').click();
	await page.locator('input[name="units.1.name"]').fill('箱');
	await page.locator('input[name="units.1.factor"]').fill('20');
	await page.locator('input[name="barcodes.0"]').fill(barcode);
	await page.locator('input[name=retailPrice]').fill('199');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('product-table')).toContainText(jeans);

	// The same barcode on another product is refused with the owner's name; the form keeps the input.
	await page.getByRole('button', { name: '新增商品' }).click();
	await page.locator('input[name=name]').fill(`短裤${run}`);
	await page.locator('input[name=unit]').fill('条');
	await page.locator('input[name="barcodes.0"]').fill(barcode);
	await page.locator('input[name=retailPrice]').fill('89');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('error-barcodes.0')).toHaveText(`条码“${barcode}”已被“${jeans}”使用`);
	await expect(page.locator('input[name=name]')).toHaveValue(`短裤${run}`);
	await expect(page.locator('input[name=retailPrice]')).toHaveValue('89');
	await shoot(page, 'product-form', false);
	await page.getByRole('button', { name: '取消' }).click();

	// Pinyin initials find it.
	await page.getByTestId('product-search').fill('nzk');
	await expect(page.getByTestId('product-table')).toContainText(jeans);

	// Price tags (价签) for what the list shows: one tag with the price and the EAN-13 bars.
	await page.getByTestId('product-search').fill(jeans);
	await expect(page.getByTestId('print-tags')).toHaveText('打印价签（1）');
	await page.evaluate(() => {
		window.print = () => {
			(window as unknown as { printed?: string }).printed =
				document.querySelector('.print-area')?.innerHTML ?? '';
		};
	});
	await page.getByTestId('print-tags').click();
	const panel = page.getByTestId('tags-panel');
	await expect(panel.getByTestId('tags-summary')).toHaveText('共 1 张价签，打印 1 页');
	await panel.getByTestId('print-tags-go').click();
	const printed = await page.evaluate(() => (window as unknown as { printed?: string }).printed ?? '');
	expect(printed.match(/data-testid="price-tag"/g)).toHaveLength(1);
	expect(printed).toContain(jeans);
	expect(printed).toContain('199.00');
	expect(printed).toContain(barcode);
	// 30 bars: 2 in each of the three guards and 2 in each of the 12 coded digits.
	expect(printed.match(/<rect/g)).toHaveLength(30);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('price-tag')).toBeVisible();
	await page.screenshot({ path: 'test-results/screenshots/price-tags-printed.png' });
	// One A4 page (595 × 842 pt).
	expect(pageSizes(await page.pdf({ preferCSSPageSize: true }))).toEqual([[595, 842]]);
	await page.emulateMedia({ media: 'screen' });
	await page.getByTestId('print-tags').click();
	await expect(panel).toBeVisible();
	// On a label printer, three of it: a count that is not one is refused in Chinese and kept as typed.
	await panel.locator('select[name=tag-format]').selectOption('label60x40');
	await panel.locator('input[name=tag-copies]').fill('0');
	await expect(panel).toContainText('张数请填 1 到 50 之间的整数');
	await expect(panel.getByTestId('print-tags-go')).toBeDisabled();
	await expect(panel.locator('input[name=tag-copies]')).toHaveValue('0');
	await panel.locator('input[name=tag-copies]').fill('3');
	await expect(panel.getByTestId('tags-summary')).toHaveText('共 3 张价签，打印 3 页');
	await page.screenshot({ path: 'test-results/screenshots/price-tags-panel-1024x768.png' });
	await page.setViewportSize({ width: 390, height: 844 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.screenshot({ path: 'test-results/screenshots/price-tags-panel-390x844.png' });
	await page.setViewportSize({ width: 1024, height: 768 });
	await panel.getByTestId('print-tags-go').click();
	const labels = await page.evaluate(() => (window as unknown as { printed?: string }).printed ?? '');
	expect(labels.match(/data-testid="price-tag"/g)).toHaveLength(3);
	// What the printer gets: three pages, each the label's size (60 × 40 mm is 170 × 113 pt).
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('price-tags')).toHaveAttribute('data-format', 'label60x40');
	await page.screenshot({ path: 'test-results/screenshots/price-tags-labels-printed.png' });
	const boxes = pageSizes(await page.pdf({ preferCSSPageSize: true }));
	expect(boxes).toEqual([
		[170, 113],
		[170, 113],
		[170, 113]
	]);
	await page.emulateMedia({ media: 'screen' });
	// The paper is the device's printer's: it is what the panel offers next time.
	await page.reload();
	await expect(page.getByTestId('page-products')).toBeVisible();
	// Made today, so it is among the products to re-tag (new or repriced in the last 7 days).
	await page.getByTestId('filter-repriced').check();
	await expect(page.getByTestId('product-table')).toContainText(jeans);
	await page.getByTestId('print-tags').click();
	await expect(page.getByTestId('tags-panel').locator('select[name=tag-format]')).toHaveValue('label60x40');
	await page.getByTestId('tags-panel').getByRole('button', { name: '取消' }).click();
	await page.getByTestId('filter-repriced').uncheck();
	await page.getByTestId('product-search').fill('xyzq');
	await expect(page.getByTestId('product-table')).toHaveCount(0);
	await page.getByTestId('product-search').fill('');

	// A keyboard-wedge scanner (a fast burst of keys ending in Enter) opens the product.
	await page.getByRole('heading', { name: /共 \d+ 个商品/ }).click();
	await page.keyboard.type(barcode, { delay: 5 });
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('page-product')).toBeVisible();
	await expect(page.getByRole('heading', { name: jeans })).toBeVisible();

	// Opening stock by barcode: 2 箱 at ¥1,600 a case = 40 条.
	await navigate(page, '/products/opening');
	await page.locator('input[name="lines.0.product"]').fill(barcode);
	await page.locator('select[name="lines.0.warehouse"]').selectOption({ label: `主仓${run}` });
	await page.locator('input[name="lines.0.qty"]').fill('2');
	await page.locator('select[name="lines.0.unit"]').selectOption({ label: '箱' });
	await page.locator('input[name="lines.0.cost"]').fill('1600');
	await page.getByRole('button', { name: '保存期初库存' }).click();
	await expect(page.getByText('已保存 1 张期初库存单')).toBeVisible();

	await shoot(page, 'opening');

	// The product page: fields, stock per warehouse, history.
	await navigate(page, '/products');
	await page.getByTestId('product-table').getByRole('link', { name: jeans }).click();
	await expect(page.getByTestId('page-product')).toBeVisible();
	await expect(page.getByTestId('product-fields')).toContainText('1 箱 = 20 条');
	await expect(page.getByTestId('product-stock')).toContainText('40 条');
	await expect(page.getByTestId('history')).toContainText('新建');
	await page.getByRole('button', { name: '编辑' }).click();
	await page.locator('input[name=retailPrice]').fill('179');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('history')).toContainText('¥199.00');
	await expect(page.getByTestId('history')).toContainText('¥179.00');
	// [MD10] A member price set by mistake is emptied: it is gone, and the history says so.
	await page.getByRole('button', { name: '编辑' }).click();
	await page.locator('input[name=memberPrice]').fill('88');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('product-fields')).toContainText('¥88.00');
	await page.getByRole('button', { name: '编辑' }).click();
	await expect(page.locator('input[name=memberPrice]')).toHaveValue('88.00');
	await page.locator('input[name=memberPrice]').fill('');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('product-fields')).not.toContainText('¥88.00');
	await expect(page.getByTestId('history')).toContainText('（空）');
	await shoot(page, 'product-detail');

	await navigate(page, '/products');
	await expect(page.getByTestId('product-table')).toContainText(jeans);
	await shoot(page, 'product-list');

	// Import: one bad row → the report names it, nothing is applied.
	const shirt = `衬衫${run}`;
	const coat = `外套${run}`;
	const bad = `名称,单位,条码,零售价\n${shirt},件,691${run}0002,59\n${coat},件,,12.3.4\n`;
	await navigate(page, '/products/import');
	await page.getByTestId('import-file').setInputFiles(csvFile('products.csv', bad));
	const errors = page.getByTestId('import-errors');
	await expect(errors).toContainText('1 处错误');
	await expect(errors.locator('tbody tr')).toHaveText([/3\s*零售价\s*金额格式不对/]);
	await expect(page.getByTestId('import-apply')).toBeDisabled();
	await expect(page.getByTestId('import-preview')).toContainText(coat);
	await shoot(page, 'import-preview');
	await navigate(page, '/products');
	await page.getByTestId('product-search').fill(shirt);
	await expect(page.getByText('没有找到匹配的商品')).toBeVisible();

	// Fixed, it applies in one go.
	await navigate(page, '/products/import');
	await page.getByTestId('import-file').setInputFiles(csvFile('products.csv', bad.replace('12.3.4', '259')));
	await expect(page.getByTestId('import-ready')).toHaveText(
		'检查通过：新增 2 个商品，更新 0 个已有商品，0 行没有变化'
	);
	await page.getByTestId('import-apply').click();
	await expect(page.getByTestId('import-done')).toHaveText('已导入 2 条');
	await navigate(page, '/products');
	await page.getByTestId('product-search').fill(run);
	await expect(page.getByTestId('product-table')).toContainText(shirt);
	await expect(page.getByTestId('product-table')).toContainText(coat);

	// Export writes the same columns back, with the imported rows.
	await navigate(page, '/products/import');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-csv').click()
	]);
	const text = readFileSync((await download.path())!, 'utf8');
	expect(text.split('\r\n')[0]).toContain('编码,名称*,规格,型号,分类,单位*,辅助单位,条码');
	expect(text).toContain(`${jeans},,,服装/裤装,条,盒=5;箱=20,${barcode}`);
	expect(text).toContain(`${coat},,,,件,,,,259.00`);

	// [IM6] A sheet of codes and prices reprices existing products; a typo in a code is named, nothing changes.
	const coatCode = text
		.split('\r\n')
		.find((l) => l.includes(coat))!
		.split(',')[0]!;
	await navigate(page, '/products/import');
	await page
		.getByTestId('import-file')
		.setInputFiles(csvFile('prices.csv', `编码,零售价\n${coatCode},199\n${coatCode}X,5\n`));
	await expect(page.getByTestId('import-errors')).toContainText(`没有编码为“${coatCode}X”的商品`);
	await expect(page.getByTestId('import-apply')).toBeDisabled();
	await navigate(page, '/products/import');
	await page
		.getByTestId('import-file')
		.setInputFiles(csvFile('prices.csv', `编码,零售价\n${coatCode},199\n`));
	await expect(page.getByTestId('import-ready')).toHaveText(
		'检查通过：新增 0 个商品，更新 1 个已有商品，0 行没有变化'
	);
	await shoot(page, 'import-reprice');
	await page.getByTestId('import-apply').click();
	await expect(page.getByTestId('import-done')).toHaveText('已导入 1 条');
	await navigate(page, '/products');
	await page.getByTestId('product-search').fill(coat);
	await expect(page.getByTestId('product-table')).toContainText('199.00');

	// Suppliers and customers, with a link to their trading pages.
	await navigate(page, '/products/suppliers');
	await page.getByRole('button', { name: '新增供应商' }).click();
	await page.locator('input[name=name]').fill(`杭州纺织${run}`);
	await page.locator('input[name=contact]').fill('陈经理');
	await page.locator('input[name=phones]').fill('13800000000;0571-88886666');
	await page.locator('input[name=termsDays]').fill('30');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('page-suppliers')).toContainText(`杭州纺织${run}`);
	await shoot(page, 'suppliers');
	await page.getByRole('link', { name: `杭州纺织${run}` }).click();
	await expect(page.getByTestId('trade-link')).toHaveText('采购往来');

	await navigate(page, '/products/customers');
	await page.getByRole('button', { name: '新增客户' }).click();
	await page.locator('input[name=name]').fill(`王老板${run}`);
	await page.locator('input[name=phones]').fill('13900000000');
	await page.locator('select[name=tier]').selectOption('wholesale');
	await page.locator('input[name=creditLimit]').fill('5000');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('page-customers')).toContainText(`王老板${run}`);
	await shoot(page, 'customers');
	await page.getByRole('link', { name: `王老板${run}` }).click();
	await expect(page.getByTestId('trade-link')).toHaveText('销售往来');
});
