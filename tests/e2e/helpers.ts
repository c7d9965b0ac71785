/** Shared steps of the end-to-end tests: sign in as the relay's bootstrap owner, create a product. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Browser, type Page } from '@playwright/test';

const run = promisify(execFile);

export const COMPANY = 'demo';
export const ADMIN = 'admin';
export const PASSWORD = 'e2e-admin-password';

export async function signIn(page: Page): Promise<void> {
	await signInAs(page, ADMIN, PASSWORD);
}

/** Signs in as any user (a company other than the bootstrap one with `company`). */
export async function signInAs(
	page: Page,
	username: string,
	password: string,
	company = COMPANY
): Promise<void> {
	await page.goto('/');
	await page.locator('input[name=company]').fill(company);
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill(password);
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('page-dashboard')).toBeVisible({ timeout: 20_000 });
}

/** The relay's admin CLI against the test relay's data folder (as an operator would run it). */
export async function adminCli(args: readonly string[], env: Record<string, string> = {}): Promise<void> {
	await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
		env: { ...process.env, JXC_DATA_DIR: process.env.JXC_E2E_DATA, JXC_SCRYPT_LOG2N: '10', ...env }
	});
}

/** Another device: a fresh browser context (its own storage), in Chinese, in Shanghai time. */
export async function newDevice(browser: Browser, baseURL: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const page = await context.newPage();
	await page.setViewportSize({ width: 1024, height: 768 });
	return page;
}

/** A business day as the app shows it in Chinese (medium date style). */
export const dateText = (day: number): string =>
	new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(day * 86_400_000)
	);

/** Waits until every live partition is on the relay's disk. */
export async function waitSaved(page: Page): Promise<void> {
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'saved', { timeout: 15_000 });
	// And the device has derived what it holds (a new device catches up in the background).
	await expect(page.getByTestId('catch-up')).toHaveCount(0, { timeout: 20_000 });
}

/**
 * Opens `path` afresh and waits until the device has derived what it holds: the page may show names
 * from its saved read models before the journal is derived, and commands check against the journal.
 */
export async function openDerived(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await waitSaved(page);
}

let serial = 0;
/** A product name unique to this run (ASCII, so the English-page checks see no Chinese from data). */
export function uniqueName(prefix: string): string {
	serial++;
	return `${prefix} ${Date.now().toString(36)}${serial}`;
}

export async function createProduct(page: Page, name: string, unit = 'pc'): Promise<void> {
	await page.goto('/products');
	await page.getByRole('button', { name: /新增商品|New product/ }).click();
	await page.locator('input[name=name]').fill(name);
	await page.locator('input[name=unit]').fill(unit);
	await page.locator('input[name=retailPrice]').fill('12.50');
	// [U5] A page just opened (offline, from the installed app) may still be deriving its books: the form
	// then refuses with 本机正在核对账目 and keeps what was typed, and the clerk presses save again.
	const submit = page.locator('form button[type=submit]');
	await expect(async () => {
		if (await submit.isVisible()) await submit.click();
		await expect(page.getByTestId('product-table')).toContainText(name, { timeout: 1000 });
	}).toPass({ timeout: 20_000 });
}

/**
 * Client-side navigation, as a clerk clicking a link: a full page load would reopen the whole journal
 * (the demo's tens of thousands of events). Resolves once the address shows the path.
 */
export async function navigate(page: Page, path: string): Promise<void> {
	await page.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		document.body.append(a);
		a.click();
		a.remove();
	}, path);
	const pathname = path.split('?')[0];
	await page.waitForURL((url) => url.pathname === pathname);
}

/**
 * Waits until the service worker has precached the shell and controls the page: only then does a page
 * load work with the network off (a fresh browser context installs it in the background after sign-in).
 */
export async function installed(page: Page): Promise<void> {
	await page.waitForFunction(async () => {
		const reg = await navigator.serviceWorker.ready;
		return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
	});
}

/**
 * Stands in for a phone's share sheet (no headless browser has one): `navigator.share` records the
 * title and text it is handed; `sharedTexts` reads them back.
 */
export async function recordShares(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { shared?: ShareData[] };
		w.shared = [];
		Object.defineProperty(navigator, 'share', {
			configurable: true,
			value: (d: ShareData) => {
				w.shared!.push({ title: d.title, text: d.text });
				return Promise.resolve();
			}
		});
	});
}

export async function sharedTexts(page: Page): Promise<ShareData[]> {
	return page.evaluate(() => (window as unknown as { shared?: ShareData[] }).shared ?? []);
}
