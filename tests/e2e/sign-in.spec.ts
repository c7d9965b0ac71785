import { expect, test } from '@playwright/test';
import { COMPANY, PASSWORD, signIn, waitSaved } from './helpers';

test('a wrong password is refused with a message in Chinese', async ({ page }) => {
	await page.goto('/');
	await page.locator('input[name=company]').fill(COMPANY);
	await page.locator('input[name=username]').fill('admin');
	await page.locator('input[name=password]').fill(PASSWORD + 'x');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('login-error')).toHaveText('公司代码、用户名或密码不对');
	// What was typed stays.
	await expect(page.locator('input[name=company]')).toHaveValue(COMPANY);
});

test('signs in against the relay, syncs, and shows everything saved on the server', async ({ page }) => {
	await signIn(page);
	await waitSaved(page);
	await expect(page.getByTestId('sync-status')).toContainText('已全部保存到服务器');
	await page.goto('/settings');
	await expect(page.getByTestId('sync-rooms')).toContainText('t/demo/master');
	await expect(page.getByTestId('persist')).not.toHaveAttribute('data-persist', 'unknown');
});

test('product form keeps what was typed and explains errors', async ({ page }) => {
	await signIn(page);
	await page.goto('/products');
	await page.getByRole('button', { name: '新增商品' }).click();
	await page.locator('input[name=name]').fill('Test item');
	await page.locator('input[name=retailPrice]').fill('12.345');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('error-unit')).toHaveText('请填写单位，例如 个、瓶、箱');
	await expect(page.getByTestId('error-retailPrice')).toContainText('最多两位小数');
	await expect(page.locator('input[name=name]')).toHaveValue('Test item');
	await expect(page.locator('input[name=retailPrice]')).toHaveValue('12.345');
});
