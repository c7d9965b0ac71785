import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../domain/dates';
import { presetSpan } from './period';

describe('report periods', () => {
	it('counts this month, last month and this year from the business day', () => {
		const d = (iso: string) => dayFromIso(iso)!;
		expect(presetSpan('thisMonth', d('2025-12-31'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
		expect(presetSpan('lastMonth', d('2025-12-31'))).toEqual({ from: '2025-11-01', to: '2025-11-30' });
		expect(presetSpan('lastMonth', d('2026-01-15'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
		expect(presetSpan('lastMonth', d('2024-03-01'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
		expect(presetSpan('thisYear', d('2026-01-15'))).toEqual({ from: '2026-01-01', to: '2026-01-15' });
	});
});
