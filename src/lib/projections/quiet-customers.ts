/**
 * [RP12] Customers who have gone quiet (该回访的客户): regulars (on `QUIET_MIN_DAYS` days or more of the
 * last year) whose last purchase is longer ago than their habit explains: more than twice their usual
 * interval between purchase days (the median gap), and at least a week more than it. The most valuable
 * first (what they bought over the last year), so a sales rep calls the ones that matter before they
 * are lost.
 *
 * Purchases are deliveries and counter sales to the named customer still in force (voided or refused
 * ones do not count), on business days up to today; what they bought is the documents' amounts, tax
 * included, before returns.
 */
import type { Ledger } from '../domain/ledger';
import { partyName, type MasterNames } from './names';
import { salesIndex } from './sales-index';

export const QUIET_SPAN_DAYS = 365;
export const QUIET_MIN_DAYS = 4;

export interface QuietCustomer {
	readonly id: string;
	readonly name: string;
	/** The last day they bought, and how many days ago that was. */
	readonly lastAt: number;
	readonly since: number;
	/** Their usual interval: the median of the gaps between their purchase days (the lower middle one). */
	readonly gap: number;
	/** Days they bought on over the span. */
	readonly days: number;
	/** What they bought over the span (fen, tax included). */
	readonly amount: number;
}

/** A customer is quiet when `since` exceeds both twice their usual interval and that interval plus a week. */
export function isQuiet(since: number, gap: number): boolean {
	return since > 2 * gap && since > gap + 7;
}

/** A customer's year as last read: their purchase days (newest first), what they bought, and when to read again. */
interface Year {
	/** How many events the customer index held for them. */
	readonly count: number;
	/** Every day they have an event on within the span (bought, voided or refused alike)… */
	readonly eventDays: readonly number[];
	/** …and the sum of those days' `dayVersion`s: it moves when any of their documents there changed. */
	readonly version: number;
	readonly days: readonly number[];
	readonly amount: number;
}

/**
 * Per ledger and business day, each customer's year as last read. A sale today changes one customer's
 * list (or one day's version): only that customer is read again, not the hundred thousand sales of
 * every member's year (170 ms on the large demo).
 */
const YEARS = new WeakMap<Ledger, { today: number; years: Map<string, Year> }>();

function versionOf(ledger: Ledger, days: readonly number[]): number {
	let v = 0;
	for (const d of days) v += ledger.dayVersion(d);
	return v;
}

function readYear(ledger: Ledger, ids: readonly string[], from: number, today: number): Year {
	const days: number[] = [];
	const eventDays: number[] = [];
	let amount = 0;
	// Newest first, back to the start of the span (the list is in journal order: by day).
	for (let i = ids.length - 1; i >= 0; i--) {
		const e = ledger.event(ids[i]!);
		if (!e || e.at > today) continue;
		if (e.at < from) break;
		if (eventDays[eventDays.length - 1] !== e.at) eventDays.push(e.at);
		if (e.type !== 'sales.delivery.posted' && e.type !== 'sales.counter.posted') continue;
		const status = ledger.documentStatus(e.id);
		if (status === undefined || status === 'voided') continue;
		for (const l of e.payload.lines) amount += l.amount;
		if (days[days.length - 1] !== e.at) days.push(e.at);
	}
	return { count: ids.length, eventDays, version: versionOf(ledger, eventDays), days, amount };
}

export function quietCustomers(ledger: Ledger, names: MasterNames, today: number): QuietCustomer[] {
	const from = today - QUIET_SPAN_DAYS + 1;
	let kept = YEARS.get(ledger);
	if (kept?.today !== today) YEARS.set(ledger, (kept = { today, years: new Map() }));
	const out: QuietCustomer[] = [];
	for (const [customer, ids] of salesIndex(ledger).byCustomer) {
		let year = kept.years.get(customer);
		if (year?.count !== ids.length || versionOf(ledger, year.eventDays) !== year.version) {
			year = readYear(ledger, ids, from, today);
			kept.years.set(customer, year);
		}
		const { days, amount } = year;
		if (days.length < QUIET_MIN_DAYS) continue;
		// days is newest first: the gaps between one purchase day and the one before it.
		const gaps: number[] = [];
		for (let i = 1; i < days.length; i++) gaps.push(days[i - 1]! - days[i]!);
		gaps.sort((a, b) => a - b);
		const gap = gaps[(gaps.length - 1) >> 1]!;
		const since = today - days[0]!;
		if (!isQuiet(since, gap)) continue;
		out.push({
			id: customer,
			name: partyName(names, 'customer', customer),
			lastAt: days[0]!,
			since,
			gap,
			days: days.length,
			amount
		});
	}
	return out.sort((a, b) => b.amount - a.amount || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
