/**
 * [F6] Cash flow (资金流): what came into and went out of all the company's accounts over a span of days,
 * by where it came from, and what the next days hold (资金预测): cash now, plus receivables, less
 * payables, that fall due by then (overdue ones included: they are owed now).
 *
 * Money moves as the cash book reads it (`CASH_TYPES`, F3) with derivation's own rules: a counter sale
 * brings its tenders less the change (T10), a sales return pays out its refunds (T12), payments in and
 * out and expenses (F5) move their amounts, and a till count what it found over or short (F8). Transfers between the company's own accounts and opening
 * cash are not flows. An event that derivation refused, quarantined or that a void took back is left out.
 */
import type { AnyEvent } from '../domain/event';
import type { Ledger } from '../domain/ledger';
import { CASH_TYPES, firstFrom, notApplied } from './cash-book';

/** The spans (days, today included) the money page offers, and the outlook's horizon. */
export const FLOW_SPANS = [7, 30, 90] as const;
export const OUTLOOK_DAYS = 30;

/** Where money came from or went to, in the order the page lists them. */
export const FLOW_KINDS = [
	'counter',
	'receipts',
	'income',
	'refunds',
	'suppliers',
	'expenses',
	'counting'
] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];

export interface FlowLine {
	readonly kind: FlowKind;
	/** Fen in (≥ 0) and out (≥ 0). */
	readonly amountIn: number;
	readonly amountOut: number;
	/** Events behind it. */
	readonly count: number;
}

export interface CashFlow {
	readonly from: number;
	readonly to: number;
	/** One line per kind that moved money, in `FLOW_KINDS` order. */
	readonly lines: readonly FlowLine[];
	readonly totalIn: number;
	readonly totalOut: number;
	/** totalIn − totalOut. */
	readonly net: number;
}

/** The kind of flow of one event and its [in, out] over all accounts; null when it is no flow. */
function flowOf(e: AnyEvent): [FlowKind, number, number] | null {
	switch (e.type) {
		case 'sales.counter.posted': {
			let tendered = 0;
			for (const t of e.payload.tenders) tendered += t.amount;
			return ['counter', tendered - (e.payload.change ?? 0), 0];
		}
		case 'payment.received':
			return ['receipts', e.payload.amount, 0];
		case 'sales.return.posted': {
			let refunded = 0;
			for (const r of e.payload.refunds ?? []) refunded += r.amount;
			return refunded > 0 ? ['refunds', 0, refunded] : null;
		}
		case 'payment.made':
			return ['suppliers', 0, e.payload.amount];
		case 'expense.paid':
			return ['expenses', 0, e.payload.amount];
		case 'income.received':
			return ['income', e.payload.amount, 0];
		case 'till.counted': {
			const diff = e.payload.diff;
			return diff > 0 ? ['counting', diff, 0] : diff < 0 ? ['counting', 0, -diff] : null;
		}
		default:
			return null;
	}
}

/** Money in and out of all accounts from day `from` to day `to` (both included), by kind. */
export function cashFlow(ledger: Ledger, from: number, to: number): CashFlow {
	const skip = notApplied(ledger);
	const sums = new Map<FlowKind, { amountIn: number; amountOut: number; count: number }>();
	for (const type of CASH_TYPES) {
		const list = ledger.eventsOfType(type);
		for (let i = firstFrom(list, from); i < list.length && list[i]!.at <= to; i++) {
			const e = list[i]!;
			if (skip.has(e.id)) continue;
			const flow = flowOf(e);
			if (!flow) continue;
			const [kind, amountIn, amountOut] = flow;
			const s = sums.get(kind) ?? { amountIn: 0, amountOut: 0, count: 0 };
			s.amountIn += amountIn;
			s.amountOut += amountOut;
			s.count++;
			sums.set(kind, s);
		}
	}
	const lines = FLOW_KINDS.filter((k) => sums.has(k)).map((kind) => ({ kind, ...sums.get(kind)! }));
	const totalIn = lines.reduce((s, l) => s + l.amountIn, 0);
	const totalOut = lines.reduce((s, l) => s + l.amountOut, 0);
	return { from, to, lines, totalIn, totalOut, net: totalIn - totalOut };
}

export interface CashOutlook {
	/** The last day looked at. */
	readonly until: number;
	/** All accounts now. */
	readonly cash: number;
	/** Open receivables due by `until`, and the part of them already overdue. */
	readonly receivable: number;
	readonly receivableOverdue: number;
	/** Open payables due by `until`, and the part of them already overdue. */
	readonly payable: number;
	readonly payableOverdue: number;
	/** cash + receivable − payable: what the accounts hold on `until` if everyone pays on time. */
	readonly expected: number;
}

/** 资金预测: cash now and what falls due from today to `today + days` (overdue included). */
export function cashOutlook(ledger: Ledger, today: number, days: number): CashOutlook {
	const until = today + days;
	let cash = 0;
	for (const c of ledger.cash()) cash += c.balance;
	const due = { customer: 0, supplier: 0 };
	const overdue = { customer: 0, supplier: 0 };
	for (const b of ledger.balances()) {
		if (b.openItems === 0) continue;
		for (const doc of ledger.openItems(b.kind, b.id)) {
			if (doc.due === undefined || !doc.open || doc.due > until) continue;
			due[b.kind] += doc.open;
			if (doc.due < today) overdue[b.kind] += doc.open;
		}
	}
	return {
		until,
		cash,
		receivable: due.customer,
		receivableOverdue: overdue.customer,
		payable: due.supplier,
		payableOverdue: overdue.supplier,
		expected: cash + due.customer - due.supplier
	};
}
