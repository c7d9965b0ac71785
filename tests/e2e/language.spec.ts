import { expect, test, type Page } from '@playwright/test';
import { createProduct, signIn, uniqueName } from './helpers';

const PAGES = [
	'/',
	'/products',
	'/purchases',
	'/sales',
	'/stock',
	'/stock/transfers',
	'/stock/expiry',
	'/stock/stocktakes',
	'/money',
	'/reports',
	'/conflicts',
	'/settings/users',
	'/settings/audit',
	'/settings'
];
const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
const RAW_KEY =
	/\b(app|nav|sync|login|demo|session|common|dash|products|stock|transfer|adjust|count|expiry|purchases|sales|docs|money|reports|conflicts|event|settings|users|password|audit|pwa|status|type)\.[a-z][\w.-]*/;

/** "1 products", "1 rows"…: a count of one with a plural noun (i18n plural forms prevent it). */
const ONE_PLURAL =
	/(?<![\d,.])1 (products|rows|days|records|suppliers|customers|warehouses|branches|accounts|lines|errors|deliveries|receipts|conflicts|orders|batches)\b/;

/** Visible text, leaving out elements that name themselves in another language (the language picker). */
function visibleText(page: Page): Promise<string> {
	return page.evaluate(() => {
		const out: string[] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			if (!el || el.closest('[lang]:not([lang^="en"])') || el.closest('script,style')) continue;
			if (!el.checkVisibility()) continue;
			out.push(n.textContent ?? '');
		}
		return out.join(' ');
	});
}

test('switching to English changes every visible string on the main pages', async ({ page }) => {
	await signIn(page);
	await createProduct(page, uniqueName('Lang check'));
	await page.goto('/settings');
	await page.getByTestId('language').selectOption('en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	for (const path of PAGES) {
		await page.goto(path);
		await expect(page.locator('main .page')).toBeVisible();
		const text = await visibleText(page);
		expect(text, `${path} has Chinese left`).not.toMatch(CJK);
		expect(text, `${path} shows a raw message key`).not.toMatch(RAW_KEY);
		expect(text, `${path} counts one thing in the plural`).not.toMatch(ONE_PLURAL);
	}
	// Remembered across a reload.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
	// And back.
	await page.getByTestId('language').selectOption('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
});
