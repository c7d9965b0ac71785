/** Moments shown by how recent they are: today's as a time alone, in the company's time zone (China). */
import { describe, expect, it } from 'vitest';
import { i18n } from './index.svelte';

describe('i18n.recent', () => {
	const at = Date.parse('2026-11-24T01:07:00Z'); // 09:07 in Beijing

	it('a moment of the same day shows its time alone', () => {
		// 23:30 the same evening in Beijing.
		expect(i18n.recent(at, Date.parse('2026-11-24T15:30:00Z'))).toBe('09:07');
	});

	it('a moment of another day keeps its date, even under 24 hours ago', () => {
		// 00:10 the next day in Beijing: fifteen hours later, another business day.
		const shown = i18n.recent(at, Date.parse('2026-11-24T16:10:00Z'));
		expect(shown).toContain('09:07');
		expect(shown).toMatch(/2026/);
	});
});
