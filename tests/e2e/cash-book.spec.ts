import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openDerived, signIn, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

test('资金调拨 and 资金日记账: bank the till, refused entries keep what was typed, read the account’s book', async ({
	page,
	baseURL
}) => {
	await deviceRecordsThenSyncs(baseURL!, 'CBHQ', [
		{
			type: 'account.created',
			user: 'admin',
			payload: { id: 'A-TILL', fields: { name: 'Till', kind: 'cash' } }
		},
		{
			type: 'account.created',
			user: 'admin',
			payload: { id: 'A-BANK', fields: { name: 'Bank', kind: 'bank' } }
		},
		{ type: 'opening.cash', user: 'admin', payload: { account: 'A-TILL', amount: 500_00 } }
	]);

	await signIn(page);
	await waitSaved(page);
	await openDerived(page, '/money');
	await page.getByTestId('cash-transfer').click();
	const form = page.getByTestId('cash-transfer-form');
	await form.locator('select[name=cash-from]').selectOption('A-TILL');
	await expect(form.getByTestId('cash-from-balance')).toHaveText('余额 ¥500.00');
	await form.locator('select[name=cash-to]').selectOption('A-TILL');
	await form.locator('input[name=cash-amount]').fill('3OO');
	await form.locator('input[name=cash-note]').fill('存现');
	await form.getByRole('button', { name: '确认调拨' }).click();
	await expect(form).toContainText('转出和转入不能是同一个账户');
	await expect(form).toContainText('请输入大于 0 的金额（最多两位小数）');
	await expect(form.locator('input[name=cash-note]')).toHaveValue('存现');
	await form.locator('select[name=cash-to]').selectOption('A-BANK');
	await form.locator('input[name=cash-amount]').fill('300');
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.screenshot({ path: 'test-results/screenshots/cash-transfer-1024x768.png', fullPage: true });
	await form.getByRole('button', { name: '确认调拨' }).click();
	await expect(page.getByRole('status')).toContainText(/已调拨：ZZ-/);
	await waitSaved(page);

	await page.getByRole('link', { name: 'Bank的资金日记账' }).click();
	await expect(page.getByTestId('page-cash-book')).toBeVisible();
	await expect(page.getByTestId('cash-book-now')).toHaveText('当前余额 ¥300.00');
	const row = page.getByTestId('cash-book-row');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('资金调拨 · Till · 存现');
	await expect(page.getByTestId('cash-book-closing')).toHaveText('¥300.00');

	// 费用支出: "other" needs a note; then the till pays the cleaner.
	await openDerived(page, '/money');
	await page.getByTestId('expense-new').click();
	const expense = page.getByTestId('expense-form');
	await expense.locator('select[name=expense-category]').selectOption({ label: '其他' });
	await expense.locator('select[name=expense-account]').selectOption('A-TILL');
	await expense.locator('input[name=expense-amount]').fill('50');
	await expense.getByRole('button', { name: '记账' }).click();
	await expect(expense).toContainText('选“其他”时请在备注里写明是什么费用');
	await expect(expense.locator('input[name=expense-amount]')).toHaveValue('50');
	await expense.locator('input[name=expense-note]').fill('保洁');
	await expense.getByRole('button', { name: '记账' }).click();
	await expect(page.getByRole('status')).toContainText(/已记账：FY-/);
	await waitSaved(page);

	// The report takes the expenses off the gross profit.
	await openDerived(page, '/reports');
	// Other specs sell on this relay too: the expenses are this spec's alone, the gross profit is not.
	await expect(page.getByTestId('profit')).toContainText('费用 ¥50.00');
	await expect(page.getByTestId('profit').locator('li')).toHaveText(['其他¥50.00']);
	await expect(page.getByTestId('profit-net')).toHaveText(/¥/);
	await page
		.getByTestId('profit')
		.screenshot({ path: 'test-results/screenshots/reports-profit-1024x768.png' });

	// 资金流: the expense is among the last 30 days' outflows, and the outlook adds up the accounts.
	await openDerived(page, '/money');
	await expect(page.getByTestId('flow-line').filter({ hasText: '费用支出' })).toContainText('1 笔');
	await expect(page.getByTestId('flow-line').filter({ hasText: '费用支出' })).toContainText('¥50.00');
	await expect(page.getByTestId('cash-outlook')).toContainText(
		/^现有资金 ¥[\d,.]+ \+ 到期应收 ¥[\d,.]+ − 到期应付 ¥[\d,.]+ = 预计 -?¥[\d,.]+$/
	);
	await page.getByTestId('flow-span').selectOption('7');
	await expect(page.getByTestId('flow-line').filter({ hasText: '费用支出' })).toContainText('¥50.00');
	await page.getByTestId('cash-flow').screenshot({ path: 'test-results/screenshots/cash-flow-1024x768.png' });

	// 其他收入 (F9): cartons sold to the scrap dealer, into the till; a money-in flow of its own.
	await page.getByTestId('income-new').click();
	const income = page.getByTestId('income-form');
	// "Other" without a note is refused in an income's words; what was typed stays.
	await income.locator('select[name=income-category]').selectOption({ label: '其他' });
	await income.locator('input[name=income-amount]').fill('15');
	await income.getByRole('button', { name: '记账' }).click();
	await expect(income).toContainText('选“其他”时请在备注里写明是什么收入');
	await expect(income.locator('input[name=income-amount]')).toHaveValue('15');
	await income.locator('select[name=income-category]').selectOption({ label: '废品收入' });
	await income.locator('select[name=income-account]').selectOption('A-TILL');
	await income.locator('input[name=income-amount]').fill('15');
	await income.getByRole('button', { name: '记账' }).click();
	await expect(page.getByRole('status')).toContainText(/已记账：SR-/);
	await expect(page.getByTestId('flow-line').filter({ hasText: '其他收入' })).toContainText('¥15.00');
	await waitSaved(page);

	await openDerived(page, '/money/accounts/A-TILL');
	await expect(page.getByTestId('cash-book-row')).toHaveCount(4);
	await expect(page.getByTestId('cash-book-row').nth(2)).toContainText('费用支出 · 其他 · 保洁');
	await expect(page.getByTestId('cash-book-row').nth(3)).toContainText('其他收入 · 废品收入');
	await expect(page.getByTestId('cash-book-closing')).toHaveText('¥165.00');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-cash-book').click()
	]);
	expect(download.suggestedFilename()).toMatch(/^资金日记账-Till-.*\.csv$/);
	const csv = readFileSync((await download.path())!, 'utf8');
	expect(csv).toContain('费用支出 · 其他 · 保洁,,50.00,150.00\r\n');
	expect(csv).toContain('其他收入 · 废品收入,15.00,,165.00\r\n');
	await page.screenshot({ path: 'test-results/screenshots/cash-book-1024x768.png', fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: 'test-results/screenshots/cash-book-390x844.png', fullPage: true });

	// The report's 30-day profit adds the income to the gross profit before taking the expenses off.
	await page.setViewportSize({ width: 1024, height: 768 });
	await openDerived(page, '/reports');
	const card = page.getByTestId('profit');
	await expect(page.getByTestId('profit-terms')).toHaveText(
		/^毛利 -?¥[\d,.]+ \+ 其他收入 ¥15\.00 − 费用 ¥50\.00$/
	);
	const fen = (s: string) => Math.round(Number(s.replace(/[¥,]/g, '')) * 100);
	const gross = fen(/毛利 (-?¥[\d,.]+)/.exec((await page.getByTestId('profit-terms').textContent())!)![1]!);
	expect(fen((await page.getByTestId('profit-net').textContent())!.trim())).toBe(gross + 15_00 - 50_00);
	await card.screenshot({ path: 'test-results/screenshots/reports-profit-income-1024x768.png' });
});
