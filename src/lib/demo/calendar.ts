/**
 * The business calendar of a shop in Hangzhou: China time (UTC+8), weekends, the Spring Festival
 * (shops shut on 除夕 and 初一, offices until 初六) and the seasons that move retail traffic.
 */
import { dayFromIso, isoFromDay } from '../domain/dates';

const MS_PER_DAY = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** UTC epoch ms of a local (China) time on a business day. */
export function localMs(day: number, hour: number, minute = 0, second = 0): number {
	return day * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 - CHINA_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
	return (((day + 4) % 7) + 7) % 7;
}

export function dayOfMonth(day: number): number {
	return Number(isoFromDay(day).slice(8, 10));
}

export function monthOf(day: number): number {
	return Number(isoFromDay(day).slice(5, 7));
}

export function lastDayOfMonth(day: number): boolean {
	return dayOfMonth(day + 1) === 1;
}

/** 春节 (first day of the lunar year), Gregorian date. */
const SPRING_FESTIVAL: Record<number, string> = {
	2020: '2020-01-25',
	2021: '2021-02-12',
	2022: '2022-02-01',
	2023: '2023-01-22',
	2024: '2024-02-10',
	2025: '2025-01-29',
	2026: '2026-02-17',
	2027: '2027-02-06',
	2028: '2028-01-26',
	2029: '2029-02-13',
	2030: '2030-02-03'
};

/** Days from 春节 (negative before it), or null when the table has no entry near that date. */
function fromSpringFestival(day: number): number | null {
	const year = Number(isoFromDay(day).slice(0, 4));
	let best: number | null = null;
	for (const y of [year - 1, year, year + 1]) {
		const iso = SPRING_FESTIVAL[y];
		if (!iso) continue;
		const d = day - dayFromIso(iso)!;
		if (best === null || Math.abs(d) < Math.abs(best)) best = d;
	}
	return best;
}

export function storeOpen(day: number): boolean {
	const sf = fromSpringFestival(day);
	return !(sf === -1 || sf === 0);
}

/** Purchasing, warehouse and sales office work Monday to Saturday, not over the Spring Festival. */
export function officeOpen(day: number): boolean {
	const sf = fromSpringFestival(day);
	if (sf !== null && sf >= -1 && sf <= 5) return false;
	return weekday(day) !== 0;
}

/** Finance works Monday to Friday. */
export function financeOpen(day: number): boolean {
	return officeOpen(day) && weekday(day) !== 6;
}

/** The next day on or after `day` when the office works. */
export function nextOfficeDay(day: number): number {
	let d = day;
	while (!officeOpen(d)) d++;
	return d;
}

const MONTH_FACTOR = [0, 1.1, 1.0, 0.9, 0.95, 1.0, 1.05, 1.1, 1.1, 1.0, 1.05, 1.05, 1.15];

/** Counter traffic relative to an ordinary day, with slow growth from `start` (8 % a year). */
export function retailFactor(day: number, start: number): number {
	if (!storeOpen(day)) return 0;
	const wd = weekday(day);
	let f = wd === 6 ? 1.25 : wd === 0 ? 1.2 : wd === 5 ? 1.0 : 0.9;
	f *= MONTH_FACTOR[monthOf(day)]!;
	const sf = fromSpringFestival(day);
	if (sf !== null && sf >= -20 && sf <= -2) f *= 1.5; // 年货 shopping
	if (sf !== null && sf >= 1 && sf <= 6) f *= 0.6;
	const iso = isoFromDay(day);
	const md = iso.slice(5);
	if (md >= '10-01' && md <= '10-07') f *= 1.3;
	if (md === '11-11' || md === '06-18') f *= 1.2;
	return f * (1 + (0.08 * (day - start)) / 365);
}
