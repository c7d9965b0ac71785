/**
 * A quotation goes to the customer: printed, as a picture in WeChat, or as a text message, all three
 * from one sheet with the company's name, the customer's contact, each line and the total in capital
 * numerals (大写). A device records the customer, two products and a quotation; the owner opens it,
 * prints it (print media: only the sheet shows), shares the image (downloaded here: headless Chromium
 * cannot share files) and sends the text (handed to a stand-in share sheet). The order made from the
 * quotation and its delivery note offer the same. Screenshots of the pages and the printed sheet go to
 * test-results/sales-share/.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dayFromWall } from '../../src/lib/domain/dates';
import { navigate, recordShares, sharedTexts, signIn, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

const BRANCH = 'BSS';
const WH = 'W-SS';
const CUSTOMER = 'C-SS';
const U = 1000;
const today = dayFromWall(Date.now());

test.beforeAll(async ({ browserName: _browserName }, testInfo) => {
	testInfo.setTimeout(60_000);
	const baseURL = String(testInfo.project.use.baseURL);
	await deviceRecordsThenSyncs(baseURL, 'SSHQ', [
		{
			type: 'settings.updated',
			user: 'admin',
			payload: { fields: { companyName: '杭州西子茶业贸易有限公司' } }
		},
		{
			type: 'branch.created',
			user: 'admin',
			payload: { id: BRANCH, fields: { code: BRANCH, name: '报价测试店' } }
		},
		{
			type: 'warehouse.created',
			user: 'admin',
			payload: { id: WH, fields: { name: '报价仓', branch: BRANCH } }
		},
		{
			type: 'customer.created',
			user: 'admin',
			payload: {
				id: CUSTOMER,
				fields: {
					name: '西湖国宾馆采购部',
					contact: '陈主管',
					phones: ['13900001111'],
					address: '杭州市西湖区杨公堤 18 号'
				}
			}
		},
		{
			type: 'account.created',
			user: 'admin',
			payload: { id: 'A-SS', fields: { name: 'Cash (quote test)', kind: 'cash' } }
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: {
				id: 'P-SS-1',
				fields: { code: 'SS01', name: '龙井礼盒', spec: '250g×2', unit: '盒', vat: 1300 }
			}
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: { id: 'P-SS-2', fields: { code: 'SS02', name: '茉莉花茶', unit: '袋', vat: 900 } }
		},
		{
			type: 'opening.stock',
			user: 'admin',
			branch: BRANCH,
			at: today,
			payload: {
				no: 1,
				wh: WH,
				lines: [
					{ p: 'P-SS-1', q: 50 * U, value: 50 * 200_00 },
					{ p: 'P-SS-2', q: 50 * U, value: 50 * 20_00 }
				]
			}
		},
		{
			type: 'sales.quote.placed',
			user: 'admin',
			branch: BRANCH,
			at: today,
			payload: {
				no: 1,
				customer: CUSTOMER,
				wh: WH,
				valid: today + 14,
				note: '含运费，节前可送达。',
				lines: [
					// 12 × ¥388.00 = ¥4,656.00 and 5 × ¥45.50 = ¥227.50: ¥4,883.50 in all.
					{ p: 'P-SS-1', q: 12 * U, amount: 12 * 388_00, vat: 1300 },
					{ p: 'P-SS-2', q: 5 * U, amount: 5 * 45_50, vat: 900 }
				]
			}
		}
	]);
});

const WORDS = '肆仟捌佰捌拾叁元伍角';

test('a quotation is printed, shared as an image and sent as text, with the total in capitals', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page);
	await waitSaved(page);
	await navigate(page, '/sales?tab=quote');
	await page
		.getByTestId('sales-doc')
		.filter({ hasText: '西湖国宾馆采购部' })
		.getByRole('link')
		.first()
		.click();
	await expect(page.getByTestId('page-sales-quote')).toBeVisible();
	const number = (await page.getByTestId('doc-number').innerText()).trim();
	await page.screenshot({ path: 'test-results/sales-share/quote-1024.png', fullPage: true });

	// On screen the sheet is not shown; printed, it is all there is.
	const sheet = page.getByTestId('doc-sheet');
	await expect(sheet).toBeHidden();
	await page.emulateMedia({ media: 'print' });
	await expect(sheet).toBeVisible();
	await expect(page.locator('nav.side')).toBeHidden();
	await expect(page.getByTestId('convert')).toBeHidden();
	await expect(sheet).toContainText('杭州西子茶业贸易有限公司');
	await expect(sheet).toContainText('报价单');
	await expect(sheet).toContainText('陈主管');
	await expect(sheet).toContainText('13900001111');
	await expect(sheet).toContainText('¥4,883.50');
	await expect(sheet).toContainText(WORDS);
	await expect(sheet).toContainText('含运费，节前可送达。');
	await page.screenshot({ path: 'test-results/sales-share/quote-printed.png', fullPage: true });
	await page.emulateMedia({ media: 'screen' });

	// The image: downloaded here, named after the quotation, a page of text at 2× A4 width.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('share-image').click()
	]);
	expect(download.suggestedFilename()).toBe(`${number}.png`);
	await expect(page.getByTestId('share-note')).toContainText(`已下载 ${number}.png`);
	const path = 'test-results/sales-share/quote.png';
	await download.saveAs(path);
	const png = readFileSync(path);
	expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
	expect(png.readUInt32BE(16)).toBe(2480);
	expect(png.length).toBeGreaterThan(60_000);

	// The text: handed to the share sheet, every line and the capitals in it.
	await recordShares(page);
	await page.getByTestId('share-text').click();
	await expect(page.getByTestId('share-note')).toHaveText('已通过系统分享发送文字');
	const shared = await sharedTexts(page);
	expect(shared).toHaveLength(1);
	expect(shared[0]!.title).toBe(`报价单 ${number}`);
	const text = shared[0]!.text!;
	expect(text).toContain('【报价单】');
	expect(text).toContain('1. 龙井礼盒 · 250g×2');
	expect(text).toContain('12 盒 × ¥388.00 = ¥4,656.00');
	expect(text).toContain('合计：¥4,883.50');
	expect(text).toContain(`合计（大写）：${WORDS}`);

	// At phone width the three buttons fit and the page does not overflow.
	await page.setViewportSize({ width: 390, height: 844 });
	await expect(page.getByTestId('share-text')).toBeInViewport();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.screenshot({ path: 'test-results/sales-share/quote-390.png', fullPage: true });
	await page.setViewportSize({ width: 1024, height: 768 });

	// The order made from it prints the same way and names the quotation and the address.
	await page.getByTestId('convert').click();
	await expect(page.getByTestId('page-sales-order')).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(sheet).toBeVisible();
	await expect(sheet).toContainText('销售订单');
	await expect(sheet).toContainText(number);
	await expect(sheet).toContainText('杭州市西湖区杨公堤 18 号');
	// The quotation's terms carry over to the order.
	await expect(sheet).toContainText('含运费，节前可送达。');
	await expect(sheet).toContainText(WORDS);
	await page.screenshot({ path: 'test-results/sales-share/order-printed.png', fullPage: true });
	await page.emulateMedia({ media: 'screen' });
});

test('a customer statement goes out as an image and as text, with the balance in capitals', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page);
	await waitSaved(page);
	await navigate(page, `/sales/customers/${CUSTOMER}`);
	await expect(page.getByTestId('page-sales-customer')).toBeVisible();
	const statement = page.getByTestId('statement');
	// Nothing delivered yet: the quotation and the order move no balance.
	await expect(page.getByTestId('statement-closing')).toHaveText('¥0.00');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		statement.getByTestId('share-image').click()
	]);
	expect(download.suggestedFilename()).toMatch(/^西湖国宾馆采购部 \d{4}-\d{2}-01–\d{4}-\d{2}-\d{2}\.png$/);
	await download.saveAs('test-results/sales-share/statement.png');
	expect(readFileSync('test-results/sales-share/statement.png').readUInt32BE(16)).toBe(2480);

	await recordShares(page);
	await statement.getByTestId('share-text').click();
	await expect(statement.getByTestId('share-note')).toHaveText('已通过系统分享发送文字');
	const shared = await sharedTexts(page);
	const text = shared[0]!.text!;
	expect(text).toContain('【对账单】');
	expect(text).toContain('客户：西湖国宾馆采购部');
	expect(text).toContain('期初余额：¥0.00');
	expect(text).toContain('期末余额：¥0.00');
	expect(text).toContain('期末余额（大写）：零元整');

	// The customer pays ¥500 ahead: the receipt (收款收据) prints from its own button, the amount in
	// capitals, while the page's print stays the statement.
	const form = page.getByTestId('receipt-form');
	await form.locator('select[name=account]').selectOption('A-SS');
	await form.locator('input[name=amount]').fill('500');
	await form.locator('input[name=pay-note]').fill('节前备货预付');
	await form.getByTestId('post-receipt').click();
	await expect(page.getByTestId('paid')).toBeVisible();
	const receipt = page.getByTestId('receipt');
	await expect(receipt.getByTestId('print')).toHaveText('打印收据');
	await page.emulateMedia({ media: 'print' });
	await expect(receipt.getByTestId('doc-sheet')).toBeHidden();
	await expect(statement).toBeVisible();
	await page.emulateMedia({ media: 'screen' });
	await page.evaluate(() => {
		const w = window as unknown as { printed?: string };
		window.print = () => {
			w.printed = document.querySelector('.print-area')?.textContent ?? '';
		};
	});
	await receipt.getByTestId('print').click();
	const printed = await page.evaluate(() => (window as unknown as { printed?: string }).printed ?? '');
	expect(printed).toContain('收款收据');
	expect(printed).toContain('Cash (quote test)');
	expect(printed).toContain('预收款');
	expect(printed).toContain('伍佰元整');
	expect(printed).toContain('节前备货预付');
	await page.screenshot({ path: 'test-results/sales-share/customer-1024.png', fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.screenshot({ path: 'test-results/sales-share/customer-390.png', fullPage: true });
});
