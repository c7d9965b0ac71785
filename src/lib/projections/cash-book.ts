/**
 * [F3] An account's cash book (资金日记账): every receipt into and payment out of one account over a span
 * of days, in derivation order, with the balance after each, and the balance it started from.
 *
 * Derivation keeps only each account's balance (`LedgerState.cash`), so the book is read back from the
 * events that move money, with derivation's own rules: counter sales put each tender in and the change
 * out of the first (T10), counter refunds pay out of their accounts (T12), payments in and out, expenses
 * (F5), transfers between accounts, opening cash and what a till count found over or short (F8). An event that derivation refused (rejected or quarantined) or that a
 * void took back (V1: a voided document moves nothing) is left out.
 *
 * The opening balance is the account's balance now less what moved since the span began, so a book of
 * this month reads this month's events only (each type's events are in derivation order, so by day: a
 * binary search finds the first), not the years before (on the large demo, 1.6 million counter sales).
 * That rests on balance = the sum of every move, which the test checks on the demo company.
 */
import type { EventType } from '../domain/catalogue';
import { isoFromDay } from '../domain/dates';
import { formatDocNumber } from '../domain/docnumber';
import { writeCsv } from '../domain/import/csv';
import { formatYuan, type Fen } from '../domain/money';
import { compareEvents, type AnyEvent } from '../domain/event';
import type { Ledger } from '../domain/ledger';
import { partyName, type MasterNames } from './names';

/** The event types that move money between the business and an account (or two accounts). */
export const CASH_TYPES: readonly EventType[] = [
	'opening.cash',
	'sales.counter.posted',
	'sales.return.posted',
	'payment.received',
	'payment.made',
	'cash.transferred',
	'expense.paid',
	'income.received',
	'till.counted'
];

export interface CashMove {
	readonly id: string;
	readonly type: EventType;
	readonly at: number;
	readonly number: string;
	/** Who the money came from or went to: a customer, a supplier, the other account; '' for none. */
	readonly counterpart: string;
	/** Fen into the account (≥ 0) and out of it (≥ 0); one of them is 0 unless a sale gave change. */
	readonly amountIn: number;
	readonly amountOut: number;
	readonly balance: number;
	readonly note: string;
	/** An expense's or other income's category code (F5, F9; the page names it in the user's language). */
	readonly category?: string;
	/** A till count's branch (F8: the page links it to that branch's close of the day). */
	readonly branch?: string;
}

export interface CashBook {
	readonly account: string;
	readonly from: number;
	readonly to: number;
	/** Balance at the start of day `from`. */
	readonly opening: number;
	readonly moves: readonly CashMove[];
	readonly totalIn: number;
	readonly totalOut: number;
	/** Balance at the end of day `to`. */
	readonly closing: number;
}

interface Tender {
	readonly account: string;
	readonly amount: number;
}

/** Money in (+) and out (−) of `account` by one event, as derivation books it: [in, out]. */
export function flows(e: AnyEvent, account: string): [number, number] {
	const p = e.payload as {
		account?: string;
		amount?: number;
		tenders?: readonly Tender[];
		change?: number;
		refunds?: readonly Tender[];
		from?: string;
		to?: string;
	};
	let into = 0;
	let out = 0;
	switch (e.type) {
		case 'opening.cash':
			if (p.account === account) {
				if (p.amount! >= 0) into += p.amount!;
				else out -= p.amount!;
			}
			break;
		case 'sales.counter.posted':
			for (const t of p.tenders ?? []) if (t.account === account) into += t.amount;
			if (p.change && p.tenders?.[0]?.account === account) out += p.change;
			break;
		case 'sales.return.posted':
			for (const r of p.refunds ?? []) if (r.account === account) out += r.amount;
			break;
		case 'payment.received':
		case 'income.received':
			if (p.account === account) into += p.amount!;
			break;
		case 'payment.made':
		case 'expense.paid':
			if (p.account === account) out += p.amount!;
			break;
		case 'till.counted': {
			const diff = (p as { diff?: number }).diff ?? 0;
			if (p.account === account) {
				if (diff >= 0) into += diff;
				else out -= diff;
			}
			break;
		}
		case 'cash.transferred':
			if (p.from === p.to) break;
			if (p.from === account) out += p.amount!;
			if (p.to === account) into += p.amount!;
			break;
	}
	return [into, out];
}

/** The accounts one event moves money in or out of (each once). */
export function accountsOf(e: AnyEvent): string[] {
	const p = e.payload as {
		account?: string;
		tenders?: readonly Tender[];
		refunds?: readonly Tender[];
		from?: string;
		to?: string;
	};
	const out = new Set<string>();
	if (p.account !== undefined) out.add(p.account);
	for (const t of p.tenders ?? []) out.add(t.account);
	for (const r of p.refunds ?? []) out.add(r.account);
	if (e.type === 'cash.transferred') {
		out.add(p.from!);
		out.add(p.to!);
	}
	return [...out];
}

function counterpartOf(e: AnyEvent, account: string, names: MasterNames): string {
	const p = e.payload as { customer?: string; supplier?: string; from?: string; to?: string };
	if (p.customer !== undefined) return partyName(names, 'customer', p.customer);
	if (p.supplier !== undefined) return partyName(names, 'supplier', p.supplier);
	if (e.type === 'cash.transferred') {
		const other = p.from === account ? p.to! : p.from!;
		return names.accounts.get(other) ?? other;
	}
	return '';
}

/** The events derivation did not apply: refused, quarantined, or taken back by a void. */
export function notApplied(ledger: Ledger): Set<string> {
	const out = new Set<string>();
	for (const r of ledger.rejected()) out.add(r.event);
	for (const q of ledger.quarantined()) out.add(q.event);
	for (const v of ledger.eventsOfType('document.voided'))
		if (ledger.documentFigures(v.payload.ref)?.status === 'voided') out.add(v.payload.ref);
	return out;
}

/** The index of the first event dated `day` or later in a list in derivation order. */
export function firstFrom(list: readonly AnyEvent[], day: number): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (list[mid]!.at < day) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The cash book of `account` from day `from` to day `to` (both included). */
export function cashBook(
	ledger: Ledger,
	names: MasterNames,
	account: string,
	from: number,
	to: number
): CashBook {
	const skip = notApplied(ledger);
	let since = 0;
	const inSpan: AnyEvent[] = [];
	for (const type of CASH_TYPES) {
		const list = ledger.eventsOfType(type);
		for (let i = firstFrom(list, from); i < list.length; i++) {
			const e = list[i]!;
			if (skip.has(e.id)) continue;
			const [into, out] = flows(e, account);
			if (into === 0 && out === 0) continue;
			since += into - out;
			if (e.at <= to) inSpan.push(e);
		}
	}
	const opening = (ledger.cash().find((c) => c.account === account)?.balance ?? 0) - since;
	inSpan.sort(compareEvents);
	let balance = opening;
	let totalIn = 0;
	let totalOut = 0;
	const moves: CashMove[] = [];
	for (const e of inSpan) {
		const [into, out] = flows(e, account);
		balance += into - out;
		totalIn += into;
		totalOut += out;
		moves.push({
			id: e.id,
			type: e.type,
			at: e.at,
			number:
				e.type === 'opening.cash'
					? ''
					: formatDocNumber(e.type, e.branch, e.hlc.device, (e.payload as { no: number }).no),
			counterpart: counterpartOf(e, account, names),
			amountIn: into,
			amountOut: out,
			balance,
			note: String((e.payload as { note?: unknown }).note ?? ''),
			...(e.type === 'expense.paid' || e.type === 'income.received' ? { category: e.payload.category } : {}),
			...(e.type === 'till.counted' ? { branch: e.branch } : {})
		});
	}
	return { account, from, to, opening, moves, totalIn, totalOut, closing: balance };
}

export interface ExpenseSummary {
	readonly total: number;
	/** Category codes with their totals, largest first. */
	readonly byCategory: readonly (readonly [string, number])[];
	/** [F9] Other income received in the same days (a rebate, scrap sold…), which the profit card adds. */
	readonly income: number;
}

/**
 * [F5] Expenses paid from day `from` to day `to`, in all and per category, and [F9] the other income
 * received in those days (voided and refused left out of both).
 */
export function expenseSummary(ledger: Ledger, from: number, to: number): ExpenseSummary {
	const skip = notApplied(ledger);
	const list = ledger.eventsOfType('expense.paid');
	const by = new Map<string, number>();
	let total = 0;
	for (let i = firstFrom(list, from); i < list.length && list[i]!.at <= to; i++) {
		const e = list[i]!;
		if (skip.has(e.id)) continue;
		total += e.payload.amount;
		by.set(e.payload.category, (by.get(e.payload.category) ?? 0) + e.payload.amount);
	}
	const received = ledger.eventsOfType('income.received');
	let income = 0;
	for (let i = firstFrom(received, from); i < received.length && received[i]!.at <= to; i++)
		if (!skip.has(received[i]!.id)) income += received[i]!.payload.amount;
	return { total, byCategory: [...by].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])), income };
}

export interface CashBookLabels {
	readonly date: string;
	readonly number: string;
	readonly detail: string;
	readonly in: string;
	readonly out: string;
	readonly balance: string;
	readonly opening: string;
	readonly total: string;
}

/** The cash book as a spreadsheet (amounts in yuan, dates ISO), with the page's own words for each line. */
export function cashBookCsv(
	book: CashBook,
	accountName: string,
	L: CashBookLabels,
	detail: (m: CashMove) => string
): string {
	const money = (v: number) => formatYuan(v as Fen);
	return writeCsv([
		[accountName, `${isoFromDay(book.from)} – ${isoFromDay(book.to)}`],
		[L.date, L.number, L.detail, L.in, L.out, L.balance],
		[isoFromDay(book.from), '', L.opening, '', '', money(book.opening)],
		...book.moves.map((m) => [
			isoFromDay(m.at),
			m.number,
			detail(m),
			m.amountIn ? money(m.amountIn) : '',
			m.amountOut ? money(m.amountOut) : '',
			money(m.balance)
		]),
		[isoFromDay(book.to), '', L.total, money(book.totalIn), money(book.totalOut), money(book.closing)]
	]);
}
