/**
 * 期初应收应付 from a spreadsheet (IM7): a shop moving from another system imports what its customers
 * owe and what it owes its suppliers; a typo is named and nothing is recorded; the clean file lands in
 * one go, the customer's page shows the debt, and the same file again is refused.
 */
import { expect, test } from '@playwright/test';
import { navigate, signIn, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const csvFile = (name: string, text: string) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from('\ufeff' + text, 'utf8')
});

test('opening receivables and payables are imported from a sheet, all or nothing, and never twice', async ({
	page,
	baseURL
}) => {
	await deviceRecordsThenSyncs(baseURL!, `OB${RUN}`, [
		{
			type: 'customer.created',
			user: 'admin',
			payload: { id: `C-OB-${RUN}`, fields: { code: `K${RUN}`, name: `Corner shop ${RUN}` } }
		},
		{
			type: 'supplier.created',
			user: 'admin',
			payload: { id: `S-OB-${RUN}`, fields: { code: `G${RUN}`, name: `Drinks wholesale ${RUN}` } }
		}
	]);
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page);
	await waitSaved(page);
	await navigate(page, '/products/import');
	await page.getByTestId('import-kind').selectOption('balances');
	await expect(page.getByTestId('import-hint')).toContainText('为负是预收或预付');

	const good = `类型,编码或名称,金额,到期日\n客户,K${RUN},1200.50,2026-01-31\n客户,Corner shop ${RUN},300,\n供应商,G${RUN},8000,\n`;
	// A name nobody has: named, and the apply button stays off.
	await page
		.getByTestId('import-file')
		.setInputFiles(csvFile('期初.csv', good.replace(`G${RUN}`, `G${RUN}X`)));
	await expect(page.getByTestId('import-errors')).toContainText(`找不到“G${RUN}X”：请核对编码或名称`);
	await expect(page.getByTestId('import-apply')).toBeDisabled();
	await page.screenshot({
		path: 'test-results/screenshots/import-balances-errors-1024x768.png',
		fullPage: true
	});

	await navigate(page, '/products/import');
	await page.getByTestId('import-kind').selectOption('balances');
	await page.getByTestId('import-file').setInputFiles(csvFile('期初.csv', good));
	await expect(page.getByTestId('import-ready')).toContainText('3');
	await page.getByTestId('import-apply').click();
	await expect(page.getByTestId('import-done')).toHaveText('已导入 3 条');

	// The customer now owes both rows.
	await navigate(page, `/sales/customers/C-OB-${RUN}`);
	await expect(page.getByTestId('page-sales-customer')).toContainText('¥1,500.50');

	// The same file again: refused by name, nothing counted twice.
	await navigate(page, '/products/import');
	await page.getByTestId('import-kind').selectOption('balances');
	await page.getByTestId('import-file').setInputFiles(csvFile('期初.csv', good));
	await expect(page.getByTestId('import-errors')).toContainText('已经有期初余额，不能重复导入');
	await expect(page.getByTestId('import-apply')).toBeDisabled();
});
