import { expect, test } from '@playwright/test';
import { COMPANY, newDevice, openDerived, signIn, signInAs, waitSaved } from './helpers';
import { deviceRecordsThenSyncs } from './seed';

test('员工与权限: the owner adds a clerk for one branch, a refused entry keeps what was typed, disables them', async ({
	page,
	browser,
	baseURL
}) => {
	await deviceRecordsThenSyncs(baseURL!, 'USHQ', [
		{ type: 'branch.created', user: 'admin', payload: { id: 'B-U1', fields: { name: 'Staff shop A' } } },
		{ type: 'branch.created', user: 'admin', payload: { id: 'B-U2', fields: { name: 'Staff shop B' } } }
	]);
	const username = `clerk${Date.now() % 1_000_000}`;
	await signIn(page);
	await waitSaved(page);
	await openDerived(page, '/settings');
	await page.getByTestId('open-users').click();
	await expect(page.getByTestId('page-users')).toBeVisible();
	await expect(page.getByTestId('user-row').filter({ hasText: 'admin' })).toContainText('老板');

	await page.getByTestId('user-new').click();
	const form = page.getByTestId('user-form');
	await form.locator('input[name=username]').fill('bad name');
	await form.locator('input[name=displayName]').fill('Li');
	await form.locator('input[name=password]').fill('clerk-pass-1');
	await form.getByRole('checkbox', { name: '销售' }).check();
	await form.getByRole('checkbox', { name: 'Staff shop A', exact: true }).check();
	await form.getByRole('button', { name: '添加' }).click();
	await expect(form).toContainText('登录名只能包含字母、数字和“_”“.”“-”，最多 64 个字符');
	await expect(form.locator('input[name=displayName]')).toHaveValue('Li');
	await expect(form.getByRole('checkbox', { name: 'Staff shop A', exact: true })).toBeChecked();
	await form.locator('input[name=username]').fill(username);
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.screenshot({ path: 'test-results/screenshots/users-add-1024x768.png', fullPage: true });
	await form.getByRole('button', { name: '添加' }).click();
	await expect(page.getByRole('status')).toHaveText('已添加：Li');
	const row = page.getByTestId('user-row').filter({ hasText: username });
	await expect(row).toContainText('销售（Staff shop A）');

	// The clerk can sign in, with the rooms of one branch.
	const login = async (password = 'clerk-pass-1') =>
		fetch(`${baseURL}/api/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ company: COMPANY, username, password })
		});
	const ok = (await (await login()).json()) as { rooms: { pattern: string }[] };
	expect(ok.rooms.map((r) => r.pattern)).toContain('t/demo/b/B-U1/*');
	expect(ok.rooms.map((r) => r.pattern)).not.toContain('t/demo/b/B-U2/*');

	// On their own tablet the clerk changes the password they were given; refusals keep what was typed.
	const tablet = await newDevice(browser, baseURL!);
	await signInAs(tablet, username, 'clerk-pass-1');
	await tablet.goto('/settings');
	await tablet.getByTestId('change-password').click();
	const pw = tablet.getByTestId('password-form');
	await pw.locator('input[name=old-password]').fill('not-my-password');
	await pw.locator('input[name=new-password]').fill('clerk-pass-2');
	await pw.locator('input[name=new-password-again]').fill('clerk-pass-3');
	await pw.getByRole('button', { name: '确认修改' }).click();
	await expect(pw).toContainText('两次输入的新密码不一样');
	await pw.locator('input[name=new-password-again]').fill('clerk-pass-2');
	await pw.getByRole('button', { name: '确认修改' }).click();
	await expect(pw).toContainText('当前密码不对');
	await expect(pw.locator('input[name=new-password]')).toHaveValue('clerk-pass-2');
	await tablet.screenshot({ path: 'test-results/screenshots/password-1024x768.png', fullPage: true });
	await pw.locator('input[name=old-password]').fill('clerk-pass-1');
	await pw.getByRole('button', { name: '确认修改' }).click();
	await expect(tablet.getByText('密码已修改，其他设备需要用新密码重新登录')).toBeVisible();
	expect((await login('clerk-pass-1')).status).toBe(401);
	expect((await login('clerk-pass-2')).status).toBe(200);
	// The tablet keeps syncing with the session the change gave it.
	await waitSaved(tablet);
	await tablet.context().close();

	await row.getByRole('button', { name: '停用' }).click();
	await expect(page.getByRole('status')).toContainText('已停用：Li');
	await expect(row).toContainText('已停用');
	expect((await login('clerk-pass-2')).status).toBe(401);
	await page.screenshot({ path: 'test-results/screenshots/users-1024x768.png', fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await row.getByRole('button', { name: '修改' }).click();
	await page.screenshot({ path: 'test-results/screenshots/users-edit-390x844.png', fullPage: true });

	// 操作日志: what the owner's own device recorded, newest first.
	await page.setViewportSize({ width: 1024, height: 768 });
	await openDerived(page, '/settings');
	await page.getByTestId('open-audit').click();
	await page.locator('select[name=audit-user]').selectOption({ label: 'Administrator' });
	await page.locator('select[name=audit-group]').selectOption({ label: '资料与设置' });
	await expect(page.getByTestId('audit-row').filter({ hasText: 'Staff shop A' })).toHaveCount(1);
	await page.screenshot({ path: 'test-results/screenshots/audit-1024x768.png', fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: 'test-results/screenshots/audit-390x844.png', fullPage: true });
});
