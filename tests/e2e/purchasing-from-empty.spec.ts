/**
 * Issue 5's proof from an empty company: the admin CLI creates a company with its owner and a manager;
 * the owner sets up a branch, a warehouse, a supplier on 30 days' terms, a product with a safety minimum
 * and opening stock below it, all through the forms; gets a purchase suggestion from the safety stock
 * (no sales yet), turns it into an order above the approval limit the owner set, the manager approves it
 * on a second device, the owner receives part with one unit rejected, then the rest, returns one unit,
 * and both devices show the same stock, unit cost and payable with its due date. A second order is
 * received with the network off and reaches the other device when it comes back.
 * Screenshots of every page visited, at 1024×768, go to test-results/purchasing-empty/.
 */
import { expect, test, type Page } from '@playwright/test';
import { dayFromWall } from '../../src/lib/domain/dates';
import { adminCli, dateText, navigate, newDevice, signInAs, waitSaved } from './helpers';

const COMPANY = `empty-${Date.now().toString(36)}`;
const OWNER = 'owner';
const MANAGER = 'boss';
const BRANCH = 'Main shop';
const WH = 'Store room';
const SUPPLIER = 'Tea Wholesale';
const PRODUCT = 'Green Tea';
const today = dayFromWall(Date.now());
let shots = 0;
/** A screenshot of the page as it is, at 1024×768. */
async function shoot(page: Page, name: string): Promise<void> {
	shots++;
	await page.screenshot({
		path: `test-results/purchasing-empty/${String(shots).padStart(2, '0')}-${name}.png`,
		fullPage: true
	});
}

test.beforeAll(async ({ browserName: _browserName }, testInfo) => {
	testInfo.setTimeout(60_000);
	await adminCli([
		'create-company',
		COMPANY,
		'--name',
		'Empty Co',
		'--owner',
		OWNER,
		'--password',
		`${OWNER}-password`
	]);
	await adminCli([
		'add-user',
		COMPANY,
		MANAGER,
		'--roles',
		'manager',
		'--name',
		'Manager Li',
		'--password',
		`${MANAGER}-password`
	]);
});

test('from an empty company: master data → suggestion → approval → receipts → return → payable → offline receipt', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 1024, height: 768 });
	await signInAs(page, OWNER, `${OWNER}-password`, COMPANY);
	await waitSaved(page);
	await shoot(page, 'dashboard-empty');

	// ---- master data, through the forms only
	await navigate(page, '/products/warehouses');
	const branches = page.getByTestId('list-branches');
	await shoot(page, 'warehouses-empty');
	await branches.getByRole('button', { name: '新增门店' }).click();
	await branches.locator('input[name=code]').fill('B01');
	await branches.locator('input[name=name]').fill(BRANCH);
	await branches.locator('form button[type=submit]').click();
	await expect(branches).toContainText(BRANCH);
	const warehouses = page.getByTestId('list-warehouses');
	await warehouses.getByRole('button', { name: '新增仓库' }).click();
	await warehouses.locator('input[name=name]').fill(WH);
	await warehouses.locator('select[name=branch]').selectOption({ label: BRANCH });
	await warehouses.locator('form button[type=submit]').click();
	await expect(warehouses).toContainText(WH);
	await shoot(page, 'warehouses');

	await navigate(page, '/products/suppliers');
	await page.getByRole('button', { name: '新增供应商' }).click();
	await page.locator('input[name=name]').fill(SUPPLIER);
	await page.locator('input[name=contact]').fill('Mr Chen');
	await page.locator('input[name=phones]').fill('13800000000');
	await page.locator('input[name=termsDays]').fill('30');
	await page.locator('input[name=leadTimeDays]').fill('7');
	await shoot(page, 'supplier-form');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('page-suppliers')).toContainText(SUPPLIER);
	await shoot(page, 'suppliers');

	await navigate(page, '/products');
	await shoot(page, 'products-empty');
	await page.getByRole('button', { name: '新增商品' }).click();
	await page.locator('input[name=name]').fill(PRODUCT);
	await page.locator('input[name=unit]').fill('pc');
	await page.locator('input[name=purchasePrice]').fill('20');
	await page.locator('input[name=retailPrice]').fill('35');
	await page.locator('select[name=supplier]').selectOption({ label: SUPPLIER });
	await page.getByRole('button', { name: '+ 添加仓库' }).click();
	await page.locator('select[name="safety.0.warehouse"]').selectOption({ label: WH });
	await page.locator('input[name="safety.0.min"]').fill('20');
	await shoot(page, 'product-form');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('product-table')).toContainText(PRODUCT);
	await shoot(page, 'products');

	// Opening stock below the minimum: 10 at ¥3.
	await navigate(page, '/products/opening');
	await page.locator('input[name="lines.0.product"]').fill(PRODUCT);
	await page.locator('select[name="lines.0.warehouse"]').selectOption({ label: WH });
	await page.locator('input[name="lines.0.qty"]').fill('10');
	await page.locator('input[name="lines.0.cost"]').fill('3');
	await shoot(page, 'opening-form');
	await page.getByRole('button', { name: '保存期初库存' }).click();
	await expect(page.getByText('已保存 1 张期初库存单')).toBeVisible();
	await shoot(page, 'opening');

	// The approval limit: orders above ¥150 need a manager.
	await navigate(page, '/purchases');
	await page.locator('input[name=approval-limit]').fill('150');
	await page.getByTestId('approval-limit').getByRole('button').click();
	await expect(page.getByTestId('approval-limit')).toContainText('超过 ¥150.00 的订单需经理审核');
	await shoot(page, 'purchases-limit');
	await waitSaved(page);

	// ---- the suggestion: no sales yet, so it comes from the safety stock (20 − 10 available = 10).
	await navigate(page, '/purchases/plan');
	const row = page.getByTestId('suggestion').filter({ hasText: PRODUCT });
	await expect(row.getByTestId('reason')).toHaveText(
		'近30天无销售，交期 7 天需 0 pc，安全库存 20，在途 0，可用 10 → 建议采购 10 pc'
	);
	await shoot(page, 'plan');
	await row.getByRole('checkbox').check();
	await page.getByRole('button', { name: /生成采购订单/ }).click();
	await expect(page.getByTestId('plan-message')).toContainText('需经理审核');
	await waitSaved(page);

	await navigate(page, '/purchases');
	await shoot(page, 'purchases');
	await page.getByTestId('to-approve').getByText(SUPPLIER).click();
	await expect(page.getByTestId('order-status')).toHaveText('待审核');
	// The owner could approve it too; here the manager does, on another device.
	await expect(page.getByTestId('approval').getByRole('button', { name: '审核通过' })).toBeVisible();
	await shoot(page, 'order-pending');
	const orderPath = new URL(page.url()).pathname;

	// ---- the manager, on a second device
	const boss = await newDevice(browser, baseURL!);
	await signInAs(boss, MANAGER, `${MANAGER}-password`, COMPANY);
	await waitSaved(boss);
	await shoot(boss, 'manager-dashboard');
	await navigate(boss, orderPath);
	await expect(boss.getByTestId('order-status')).toHaveText('待审核');
	await boss.locator('input[name=comment]').fill('OK');
	await shoot(boss, 'manager-approval');
	await boss.getByRole('button', { name: '审核通过' }).click();
	await expect(boss.getByTestId('order-status')).toHaveText('已审核');
	await waitSaved(boss);

	// ---- the owner: 6 accepted, 1 rejected, then the remaining 4.
	await expect(page.getByTestId('order-status')).toHaveText('已审核', { timeout: 15_000 });
	await page.getByRole('button', { name: '收货入库' }).click();
	await page.locator('input[name=accepted-0]').fill('6');
	await page.locator('input[name=rejected-0]').fill('1');
	await page.locator('input[name=reason-0]').fill('Broken seal');
	await shoot(page, 'receive-part');
	await page.getByRole('button', { name: '确认入库' }).click();
	await expect(page.getByTestId('received-note')).toBeVisible();
	await expect(page.getByTestId('order-status')).toHaveText('部分完成');
	await expect(page.getByTestId('outstanding-0')).toHaveText('4');
	await page.getByRole('button', { name: '收货入库' }).click();
	await page.getByRole('button', { name: '按未到数量填写' }).click();
	await expect(page.locator('input[name=accepted-0]')).toHaveValue('4');
	await page.getByRole('button', { name: '确认入库' }).click();
	await expect(page.getByTestId('order-status')).toHaveText('已完成');
	await shoot(page, 'order-done');

	// Return one unit of the first receipt at its cost: ¥120 incl. 13 % VAT for 6 → ¥106.19 net → ¥17.70.
	await page.getByTestId('order-receipts').locator('a').first().click();
	await expect(page.getByTestId('page-purchase-receipt')).toBeVisible();
	await expect(page.getByTestId('receipt-due')).toContainText(dateText(today + 30));
	await page.getByRole('button', { name: '采购退货' }).click();
	await page.locator('input[name=return-0]').fill('1');
	await page.locator('input[name=return-reason]').fill('Leaking');
	await page.getByRole('button', { name: '确认退货' }).click();
	await expect(page.getByTestId('return-done')).toBeVisible();
	await expect(page.getByTestId('receipt-returns')).toContainText('¥17.70');
	await shoot(page, 'receipt-return');
	await waitSaved(page);

	// Payable ¥120 + ¥80 − ¥20 = ¥180, due at the receipt date + 30 days; the same on both devices.
	await page.getByRole('link', { name: SUPPLIER }).first().click();
	await page.waitForURL(/\/purchases\/suppliers\//);
	const supplierPath = new URL(page.url()).pathname;
	for (const device of [page, boss]) {
		if (device !== page) await navigate(device, supplierPath);
		await expect(device.getByTestId('supplier-owed')).toHaveText('¥180.00', { timeout: 15_000 });
		await expect(device.getByTestId('supplier-payables')).toContainText(dateText(today + 30));
		await expect(device.getByTestId('supplier-payables')).toContainText('30 天后到期');
		await shoot(device, device === page ? 'supplier-owner' : 'supplier-manager');
	}

	// Stock 10 + 6 + 4 − 1 = 19 at ¥30 + ¥106.19 + ¥70.80 − ¥17.70 = ¥189.29 (¥9.96 each).
	for (const device of [page, boss]) {
		await navigate(device, '/stock');
		const stockRow = device.getByTestId('stock-table').locator('tr', { hasText: PRODUCT });
		await expect(stockRow).toContainText('19');
		await expect(stockRow).toContainText('¥189.29');
		await expect(stockRow).toContainText('¥9.96');
		await shoot(device, device === page ? 'stock-owner' : 'stock-manager');
	}

	// ---- a second order from the form, under the limit, received with the network off.
	await navigate(page, '/purchases/orders/new');
	await page.locator('select[name=supplier]').selectOption({ label: SUPPLIER });
	await page.locator('select[name=wh]').selectOption({ label: WH });
	await page.locator('input[name=product-search]').fill('Green');
	await page.getByTestId('product-matches').getByRole('button').first().click();
	await expect(page.locator('input[name=price-0]')).toHaveValue('20.00');
	await page.locator('input[name=qty-0]').fill('5');
	await expect(page.getByTestId('order-total')).toHaveText('¥100.00');
	await shoot(page, 'order-new');
	await page.getByRole('button', { name: '提交订单' }).click();
	await expect(page.getByTestId('order-status')).toHaveText('已审核');
	await waitSaved(page);

	await page.context().setOffline(true);
	await page.getByRole('button', { name: '收货入库' }).click();
	await page.getByRole('button', { name: '按未到数量填写' }).click();
	await page.getByRole('button', { name: '确认入库' }).click();
	await expect(page.getByTestId('order-status')).toHaveText('已完成');
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'offline');
	await expect(page.getByTestId('sync-status')).not.toHaveAttribute('data-pending', '0');
	await shoot(page, 'offline-receipt');
	const bossRow = boss.getByTestId('stock-table').locator('tr', { hasText: PRODUCT });
	await expect(bossRow).toContainText('19');

	await page.context().setOffline(false);
	await waitSaved(page);
	// 5 more at ¥20 incl. VAT: ¥88.50 net.
	await expect(bossRow).toContainText('24', { timeout: 15_000 });
	await expect(bossRow).toContainText('¥277.79');
	await expect(bossRow).toContainText('¥11.57'); // ¥277.79 / 24
	await shoot(boss, 'stock-manager-after-sync');
	await navigate(boss, supplierPath);
	await expect(boss.getByTestId('supplier-owed')).toHaveText('¥280.00');
	await shoot(boss, 'supplier-manager-after-sync');
	await boss.context().close();
});
