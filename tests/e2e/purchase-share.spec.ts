/**
 * Issue 5: "share the purchase order as a PDF or image". A back-office device records a company name,
 * a supplier, two products (one with a long name that must wrap) and an order with an expected date and
 * a note; the owner opens the order and clicks 分享图片. Headless Chromium cannot share files, so the
 * PNG is downloaded: the test checks it is a PNG at 2× A4-like size and keeps it as
 * test-results/purchase-share/order.png (to look at). Then, on a device that can share files (the Web
 * Share API stood in for by a recorder, since no headless browser has a share sheet), the same click
 * hands the share sheet one PNG file named after the order.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dayFromWall } from '../../src/lib/domain/dates';
import { navigate, recordShares, sharedTexts, signIn, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

const BRANCH = 'BSH';
const WH = 'W-SH';
const SUPPLIER = 'S-SH';
const U = 1000;
const today = dayFromWall(Date.now());
const LONG = '明前特级西湖龙井绿茶（礼盒装）250g×2 罐 高山云雾手工炒制 送手提袋 限量版';

test.beforeAll(async ({ browserName: _browserName }, testInfo) => {
	testInfo.setTimeout(60_000);
	const baseURL = String(testInfo.project.use.baseURL);
	await deviceRecordsThenSyncs(baseURL, 'SHHQ', [
		{
			type: 'settings.updated',
			user: 'admin',
			payload: { fields: { companyName: '杭州西子茶业贸易有限公司' } }
		},
		{
			type: 'branch.created',
			user: 'admin',
			payload: { id: BRANCH, fields: { code: BRANCH, name: '分享测试店' } }
		},
		{
			type: 'warehouse.created',
			user: 'admin',
			payload: { id: WH, fields: { name: '西湖仓', branch: BRANCH } }
		},
		{
			type: 'supplier.created',
			user: 'admin',
			payload: { id: SUPPLIER, fields: { name: '龙井村茶农合作社', termsDays: 30 } }
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: { id: 'P-SH-1', fields: { code: 'SH01', name: LONG, spec: '250g×2', unit: '盒', vat: 1300 } }
		},
		{
			type: 'product.created',
			user: 'admin',
			payload: { id: 'P-SH-2', fields: { code: 'SH02', name: 'Jasmine tea 茉莉花茶', unit: '袋', vat: 900 } }
		},
		{
			type: 'account.created',
			user: 'admin',
			payload: { id: 'A-SH', fields: { name: 'ICBC (share test)', kind: 'bank' } }
		},
		{
			// What the shop owed this supplier when it started with JXC: the statement's first line.
			type: 'opening.balance',
			user: 'admin',
			at: today,
			payload: { party: 'supplier', id: SUPPLIER, amount: 1_234_567_00 }
		},
		{
			type: 'purchase.order.placed',
			user: 'admin',
			branch: BRANCH,
			at: today,
			payload: {
				no: 1,
				supplier: SUPPLIER,
				wh: WH,
				approval: false,
				expected: today + 7,
				note: '请周五前送到西湖仓，到货前电话联系仓库。',
				lines: [
					{ p: 'P-SH-1', q: 12 * U, amount: 12 * 388_00, vat: 1300 },
					{ p: 'P-SH-2', q: 2500, amount: 2 * 45_00 + 22_50, vat: 900 }
				]
			}
		}
	]);
});

test('share turns the order into a PNG image: downloaded here, handed to the share sheet where files can be shared', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page);
	await waitSaved(page);
	await page.goto('/purchases');
	await page.getByTestId('to-receive').getByText('龙井村茶农合作社').click();
	await expect(page.getByTestId('page-purchase-order')).toBeVisible();

	// No file sharing in headless Chromium: the image is downloaded and the page says so.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: '分享图片' }).click()
	]);
	const number = (await page.locator('.page-head h2').innerText()).trim();
	expect(download.suggestedFilename()).toBe(`${number}.png`);
	await expect(page.getByRole('status').filter({ hasText: `已下载订单图片 ${number}.png` })).toBeVisible();
	for (const [w, h] of [
		[1024, 768],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width: w, height: h });
		await page.screenshot({ path: `test-results/purchase-share/order-page-${w}x${h}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1024, height: 768 });
	const path = 'test-results/purchase-share/order.png';
	await download.saveAs(path);
	const png = readFileSync(path);
	expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const width = png.readUInt32BE(16);
	const height = png.readUInt32BE(20);
	expect(width).toBe(2480); // 1240 px at 2×
	expect(height).toBeGreaterThanOrEqual(Math.round((2480 * 297) / 210)); // at least A4-shaped
	// A page of text, not a blank canvas: a white 2480×3508 PNG is a few kB.
	expect(png.length).toBeGreaterThan(60_000);
	expect(png.length).toBeLessThan(3_000_000);

	// A phone that can share files: the share sheet gets one PNG named after the order.
	await page.evaluate(() => {
		const w = window as unknown as { shared?: { name: string; type: string; size: number }[] };
		Object.defineProperty(navigator, 'canShare', {
			configurable: true,
			value: (d: ShareData) => Boolean(d.files?.length)
		});
		Object.defineProperty(navigator, 'share', {
			configurable: true,
			value: (d: ShareData) => {
				w.shared = (d.files ?? []).map((f) => ({ name: f.name, type: f.type, size: f.size }));
				return Promise.resolve();
			}
		});
	});
	await page.getByRole('button', { name: '分享图片' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已通过系统分享发送订单图片' })).toBeVisible();
	const shared = await page.evaluate(() => (window as unknown as { shared?: unknown }).shared);
	expect(shared).toEqual([{ name: `${number}.png`, type: 'image/png', size: png.length }]);

	// In English, the same order in English (the data stays as typed).
	const orderUrl = page.url();
	await page.goto('/settings');
	await page.getByTestId('language').selectOption('en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.goto(orderUrl);
	await expect(page.getByTestId('page-purchase-order')).toBeVisible();
	const [english] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Share image' }).click()
	]);
	await english.saveAs('test-results/purchase-share/order-en.png');
	expect(readFileSync('test-results/purchase-share/order-en.png').readUInt32BE(16)).toBe(2480);
});

test('the supplier statement (应付对账单) prints alone and goes out as text, the balance in capitals', async ({
	page
}) => {
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page);
	await waitSaved(page);
	await navigate(page, `/purchases/suppliers/${SUPPLIER}`);
	const card = page.getByTestId('supplier-statement');
	await expect(card.getByTestId('supplier-statement-row')).toHaveCount(1);
	await expect(card.getByTestId('supplier-statement-closing')).toHaveText('¥1,234,567.00');
	await page.screenshot({ path: 'test-results/purchase-share/supplier-1024.png', fullPage: true });

	await page.emulateMedia({ media: 'print' });
	const sheet = card.getByTestId('doc-sheet');
	await expect(sheet).toBeVisible();
	await expect(page.getByTestId('supplier-payables')).toBeHidden();
	await expect(sheet).toContainText('对账单');
	await expect(sheet).toContainText('应付余额');
	await expect(sheet).toContainText('壹佰贰拾叁万肆仟伍佰陆拾柒元整');
	await expect(sheet).toContainText('供应商确认（签章）');
	await page.screenshot({ path: 'test-results/purchase-share/supplier-printed.png', fullPage: true });
	await page.emulateMedia({ media: 'screen' });

	await recordShares(page);
	await card.getByTestId('share-text').click();
	await expect(card.getByTestId('share-note')).toHaveText('已通过系统分享发送文字');
	const text = (await sharedTexts(page))[0]!.text!;
	expect(text).toContain('供应商：龙井村茶农合作社');
	expect(text).toContain('期末余额：¥1,234,567.00');
	expect(text).toContain('期末余额（大写）：壹佰贰拾叁万肆仟伍佰陆拾柒元整');
	await page.setViewportSize({ width: 390, height: 844 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.screenshot({ path: 'test-results/purchase-share/supplier-390.png', fullPage: true });

	// 付款: a refused form says why in Chinese and keeps what was typed; then ¥1,000 against the opening
	// balance. The voucher (付款单) prints from its own button instead of the statement, which moves.
	await page.setViewportSize({ width: 1024, height: 768 });
	const pay = page.getByTestId('supplier-pay');
	await pay.locator('input[name=amount]').fill('1000');
	await pay.getByTestId('post-payment').click();
	await expect(pay).toContainText('请选择付款账户');
	await expect(pay.locator('input[name=amount]')).toHaveValue('1000');
	await pay.locator('select[name=account]').selectOption('A-SH');
	await pay.locator('input[name=alloc-0]').fill('1000');
	await pay.locator('input[name=pay-note]').fill('首付');
	await pay.getByTestId('post-payment').click();
	await expect(pay.getByTestId('paid')).toContainText('已付款');
	await expect(card.getByTestId('supplier-statement-closing')).toHaveText('¥1,233,567.00');
	await expect(page.getByTestId('supplier-owed')).toHaveText('¥1,233,567.00');
	await expect(pay.getByTestId('print')).toHaveText('打印付款单');
	await page.evaluate(() => {
		window.print = () => {
			const shown = [...document.querySelectorAll('.print-area')].filter(
				(e) => !document.querySelector('.print-area.armed') || e.classList.contains('armed')
			);
			(window as unknown as { printed?: string[] }).printed = shown.map((e) => e.textContent ?? '');
		};
	});
	await pay.getByTestId('print').click();
	const printed = await page.evaluate(() => (window as unknown as { printed?: string[] }).printed ?? []);
	expect(printed).toHaveLength(1);
	expect(printed[0]).toContain('付款单');
	expect(printed[0]).toContain('龙井村茶农合作社');
	expect(printed[0]).toContain('ICBC (share test)');
	expect(printed[0]).toContain('壹仟元整');
	expect(printed[0]).toContain('首付');
	await page.emulateMedia({ media: 'print' });
	await page.screenshot({ path: 'test-results/purchase-share/voucher-printed.png' });
	await page.emulateMedia({ media: 'screen' });
	await page.screenshot({ path: 'test-results/purchase-share/supplier-paid-1024.png', fullPage: true });

	// Later, from the statement: the payment's own page prints its voucher again.
	await card.getByTestId('supplier-statement-row').getByRole('link').click();
	await expect(page.getByTestId('page-payment')).toBeVisible();
	await expect(page.getByTestId('payment-amount')).toHaveText('¥1,000.00');
	await expect(page.getByTestId('payment-line')).toHaveCount(1);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('doc-sheet')).toContainText('付款单');
	await expect(page.getByTestId('doc-sheet')).toContainText('壹仟元整');
	await page.emulateMedia({ media: 'screen' });
	for (const [w, h] of [
		[1024, 768],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width: w, height: h });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
		await page.screenshot({ path: `test-results/purchase-share/payment-${w}.png`, fullPage: true });
	}

	// The account's cash book lists the payment; its number opens the same page, and the page's account
	// leads back to the book.
	await page.getByTestId('payment-account').click();
	await expect(page.getByTestId('page-cash-book')).toBeVisible();
	await expect(page.getByTestId('cash-book-row')).toHaveCount(1);
	await expect(page.getByTestId('cash-book-row')).toContainText('付款 · 龙井村茶农合作社 · 首付');
	await page.getByTestId('cash-book-doc').click();
	await expect(page.getByTestId('page-payment')).toBeVisible();
	await expect(page.getByTestId('payment-amount')).toHaveText('¥1,000.00');
});
