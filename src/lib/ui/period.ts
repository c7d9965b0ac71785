/**
 * Spans of business days a report offers with one tap (本月, 上月, 今年), as ISO dates for the date
 * inputs, counted from the business day `today` (the demo lives on its last day, not the calendar's).
 */
import { dayFromIso, isoFromDay } from '../domain/dates';

export type PeriodPreset = 'thisMonth' | 'lastMonth' | 'thisYear';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['thisMonth', 'lastMonth', 'thisYear'];

export function presetSpan(preset: PeriodPreset, today: number): { from: string; to: string } {
	const iso = isoFromDay(today);
	const year = Number(iso.slice(0, 4));
	const month = Number(iso.slice(5, 7));
	const first = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
	switch (preset) {
		case 'thisMonth':
			return { from: first(year, month), to: iso };
		case 'lastMonth': {
			const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
			return { from: first(y, m), to: isoFromDay(dayFromIso(first(year, month))! - 1) };
		}
		case 'thisYear':
			return { from: `${year}-01-01`, to: iso };
	}
}
