import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.svelte';
import { adjustReasonText } from './reason';

describe('an adjustment’s reason as the clerk reads it (I6)', () => {
	afterEach(() => {
		i18n.locale = 'zh-CN';
	});

	it('reads the recorded code in the user’s language, with the note after it', () => {
		i18n.locale = 'zh-CN';
		expect(adjustReasonText('damaged: 外箱压坏')).toBe('破损：外箱压坏');
		expect(adjustReasonText('found')).toBe('盘点多出 / 找到');
		i18n.locale = 'en';
		expect(adjustReasonText('damaged: 外箱压坏')).toBe('Damaged: 外箱压坏');
		expect(adjustReasonText('other: a: b')).toBe('Other: a: b');
	});

	it('shows any other wording as it was recorded', () => {
		for (const text of ['按盘点补回 1 件', 'stolen: 2', 'Damaged: x', '', 'damaged:x'])
			expect(adjustReasonText(text)).toBe(text);
	});
});
