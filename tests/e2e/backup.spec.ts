import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openDerived, signIn } from './helpers';

test('数据备份: the owner exports every record on the device as a journal file jxc replay reads', async ({
	page
}) => {
	await signIn(page);
	await openDerived(page, '/settings');
	const card = page.getByTestId('backup');
	const events = Number(await page.getByTestId('sync-status').getAttribute('data-events'));
	expect(events).toBeGreaterThan(0);
	await expect(card).toContainText(`共 ${events.toLocaleString('zh-CN')} 条`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-journal').click()
	]);
	expect(download.suggestedFilename()).toMatch(/^jxc-demo-\d{4}-\d{2}-\d{2}\.jsonl$/);
	const lines = readFileSync((await download.path())!, 'utf8').split('\n');
	expect(lines.pop()).toBe('');
	expect(lines).toHaveLength(events);
	// Each line is an event in the documented format (docs/CLI.md).
	for (const line of [lines[0]!, lines.at(-1)!])
		expect(Object.keys(JSON.parse(line) as object)).toEqual([
			'id',
			'type',
			'v',
			'hlc',
			'device',
			'user',
			'branch',
			'at',
			'payload'
		]);
	await page.setViewportSize({ width: 1024, height: 768 });
	await card.screenshot({ path: 'test-results/screenshots/backup-1024x768.png' });
});
