import { expect, test, type Page } from '@playwright/test';
import { navigate } from './helpers';

/**
 * Every page of the demo company fits a phone's width (390 px), and the tablet's (1024 px): nothing
 * pokes out to the right of the page or of its card, where a clerk would have to scroll sideways to find
 * a total or a button. Wide tables scroll inside their own box (`.table-wrap`), which is allowed; the
 * page itself must not.
 */

/** Elements whose box ends right of the viewport, outside any box that scrolls or clips sideways. */
async function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const clipped = (el: Element): boolean => {
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				const x = getComputedStyle(p).overflowX;
				if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
			}
			return false;
		};
		const out: string[] = [];
		// The right edge an element must keep within: the page's, or its card's.
		const bound = (el: Element): number => {
			const card = el.parentElement?.closest('.card');
			return card ? Math.min(width, card.getBoundingClientRect().right) : width;
		};
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.height === 0 || r.right <= bound(el) + 1) continue;
			if (getComputedStyle(el).position === 'fixed' || clipped(el)) continue;
			// Report the outermost offender only: its children overflow with it.
			const parent = el.parentElement;
			if (parent && parent.getBoundingClientRect().right > bound(parent) + 1 && !clipped(parent)) continue;
			const label = `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}`;
			out.push(
				`${label} (right ${Math.round(r.right)} > ${width}): ${(el.textContent ?? '').trim().slice(0, 40)}`
			);
		}
		return out;
	});
}

const PAGES: readonly (readonly [string, string])[] = [
	['dashboard', '/'],
	['products', '/products'],
	['customers', '/products/customers'],
	['suppliers', '/products/suppliers'],
	['warehouses', '/products/warehouses'],
	['opening', '/products/opening'],
	['import', '/products/import'],
	['purchases', '/purchases'],
	['purchase-plan', '/purchases/plan'],
	['purchase-new', '/purchases/orders/new'],
	['sales', '/sales'],
	['sales-new-order', '/sales/orders/new'],
	['sales-new-quote', '/sales/quotes/new'],
	['counter', '/counter'],
	['stock', '/stock'],
	['stock-expiry', '/stock/expiry'],
	['stocktakes', '/stock/stocktakes'],
	['transfers', '/stock/transfers'],
	['money', '/money'],
	['reports', '/reports'],
	['conflicts', '/conflicts'],
	['settings', '/settings'],
	['audit', '/settings/audit']
];

/** Detail pages, reached through the first link of their kind on a list page. */
const DETAILS: readonly (readonly [string, string, RegExp])[] = [
	['product', '/products', /^\/products\/(?!suppliers|customers|warehouses|opening|import)[^/]+$/],
	['customer', '/products/customers', /^\/products\/customers\/[^/]+$/],
	['supplier', '/products/suppliers', /^\/products\/suppliers\/[^/]+$/],
	['purchase-order', '/purchases', /^\/purchases\/orders\/(?!new)[^/]+$/],
	['purchase-supplier', '/purchases', /^\/purchases\/suppliers\/[^/]+$/],
	['sales-order', '/sales?tab=order', /^\/sales\/orders\/(?!new)[^/]+$/],
	['sales-customer', '/sales?tab=customers', /^\/sales\/customers\/[^/]+$/],
	['stock-card', '/stock', /^\/stock\/[^/]+\/[^/]+$/],
	['stocktake', '/stock/stocktakes', /^\/stock\/stocktakes\/[^/]+$/],
	['transfer', '/stock/transfers', /^\/stock\/transfers\/[^/]+$/],
	['cash-book', '/money', /^\/money\/accounts\/[^/]+$/]
];

async function firstLink(page: Page, pattern: RegExp): Promise<string | null> {
	const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
	return hrefs.find((h) => pattern.test(h.split('?')[0]!)) ?? null;
}

async function settle(page: Page, path: string): Promise<void> {
	await page.waitForURL((url) => url.pathname === path.split('?')[0]);
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(300);
}

test('every page of the demo fits a phone and a tablet without sideways scrolling, in Chinese and in English', async ({
	page
}) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/');
	await page.getByTestId('open-demo').click();
	await expect(page.getByTestId('page-dashboard')).toBeVisible({ timeout: 90_000 });
	// The bottom bar puts 开单 under the thumb (the demo's user counts as an owner).
	await expect(page.locator('nav.bottom a')).toHaveText(['首页', '开单', '销售', '库存']);
	const found: string[] = [];
	// Chinese on a phone and on the tablet (screenshots of both), then English on a phone (longer words).
	const passes = [
		{ language: 'zh-CN', size: { width: 390, height: 844 }, shot: 'phone' },
		{ language: 'zh-CN', size: { width: 1024, height: 768 }, shot: 'tablet' },
		{ language: 'en', size: { width: 390, height: 844 }, shot: '' }
	] as const;
	for (const { language, size, shot } of passes) {
		await page.setViewportSize(size);
		if (language === 'en') {
			await navigate(page, '/settings');
			await page.getByTestId('language').selectOption('en');
		}
		const where = `${language} ${size.width}px`;
		const visit = async (name: string, path: string): Promise<void> => {
			await navigate(page, path);
			await settle(page, path);
			for (const line of await overflowing(page)) found.push(`${where} ${name}: ${line}`);
			if (shot) await page.screenshot({ path: `test-results/screenshots/${shot}-${name}.png` });
		};
		for (const [name, path] of PAGES) await visit(name, path);
		for (const [name, list, pattern] of DETAILS) {
			await navigate(page, list);
			await settle(page, list);
			const href = await firstLink(page, pattern);
			if (href === null) found.push(`${where} ${name}: no link on ${list}`);
			else await visit(name, href);
		}
	}
	expect(found).toEqual([]);
	// The master-data tab strip scrolls sideways on a phone and keeps the current tab in sight.
	await navigate(page, '/products/import');
	await settle(page, '/products/import');
	const current = await page.locator('nav.tabs [aria-current=page]').boundingBox();
	expect(current!.x).toBeGreaterThanOrEqual(0);
	expect(current!.x + current!.width).toBeLessThanOrEqual(390);
	// A link to another tab of the page already open switches to that tab.
	await navigate(page, '/sales');
	await settle(page, '/sales');
	await navigate(page, '/sales?tab=customers');
	await expect(page.locator('a[href^="/sales/customers/"]').first()).toBeVisible();
});

/** The option values of a select, without its empty "请选择". */
async function options(page: Page, select: string): Promise<string[]> {
	return (
		await page
			.locator(select)
			.locator('option')
			.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
	).filter((v) => v !== '');
}

test('forms with lines in them fit a phone: the till, a purchase order, a sales order, a count sheet', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/');
	await page.getByTestId('open-demo').click();
	await expect(page.getByTestId('page-dashboard')).toBeVisible({ timeout: 90_000 });
	const found: string[] = [];
	const check = async (name: string, fullPage = true): Promise<void> => {
		await page.waitForTimeout(200);
		for (const line of await overflowing(page)) found.push(`${name}: ${line}`);
		await page.screenshot({ path: `test-results/screenshots/phone-${name}.png`, fullPage });
	};

	// 开单: two products in the cart.
	await navigate(page, '/counter');
	await settle(page, '/counter');
	for (const text of ['牛仔裤', '香醋']) {
		await page.getByTestId('scan-input').fill(text);
		await page.getByTestId('scan-results').locator('button').first().click();
	}
	await expect(page.getByTestId('cart').locator('li')).toHaveCount(2);
	await check('counter-cart');

	// 新建采购订单: a supplier, a warehouse and two lines.
	await navigate(page, '/purchases/orders/new');
	await settle(page, '/purchases/orders/new');
	await page
		.locator('select[name=supplier]')
		.selectOption((await options(page, 'select[name=supplier]'))[0]!);
	await page.locator('select[name=wh]').selectOption((await options(page, 'select[name=wh]'))[0]!);
	for (const text of ['珍珠米', '饼干']) {
		await page.locator('input[name=product-search]').fill(text);
		await page.getByTestId('product-matches').locator('button').first().click();
	}
	await expect(page.getByTestId('order-line')).toHaveCount(2);
	await check('purchase-new-lines');

	// 新建销售订单: a customer, a warehouse and two lines with their stock.
	await navigate(page, '/sales/orders/new');
	await settle(page, '/sales/orders/new');
	await page
		.locator('select[name=customer]')
		.selectOption((await options(page, 'select[name=customer]'))[0]!);
	await page.locator('select[name=wh]').selectOption((await options(page, 'select[name=wh]'))[0]!);
	const search = page.getByTestId('sales-form').locator('input[type=search]');
	for (const text of ['珍珠米', '饼干']) {
		await search.fill(text);
		await page.getByTestId('pick-product').first().click();
	}
	await expect(page.getByTestId('line')).toHaveCount(2);
	await check('sales-new-lines');

	// 盘点: the count sheet of a warehouse.
	await navigate(page, '/stock/stocktakes');
	await settle(page, '/stock/stocktakes');
	await page
		.locator('select[name=count-wh]')
		.selectOption((await options(page, 'select[name=count-wh]'))[0]!);
	await page.getByRole('button', { name: '开始盘点' }).click();
	await expect(page.getByTestId('count-line').first()).toBeVisible();
	// The count box of every line is in sight without scrolling sideways; a count shows its difference.
	const first = page.getByTestId('count-line').first();
	const box = await first.locator('input').boundingBox();
	expect(box!.x + box!.width).toBeLessThanOrEqual(390);
	await first.locator('input').fill('1');
	await expect(first).toContainText(/[+-]/);
	await first.scrollIntoViewIfNeeded();
	await check('count-sheet', false);

	expect(found).toEqual([]);
});
