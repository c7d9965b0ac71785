/**
 * A customer's account (rules SR1–SR3): the statement (对账单) for a period, the ageing of open items,
 * and what is delivered but not yet invoiced. All are folds over the customer's documents, so they
 * agree with the ledger's balance (tested: the closing balance of a statement through today is the
 * balance).
 */
import type { DocState } from '../derive/state';

export interface StatementRow {
	readonly id: string;
	readonly at: number;
	readonly number: string;
	readonly type: DocState['type'];
	/** What the customer owes more (deliveries, sales on account, opening debts). */
	readonly debit: number;
	/** What they owe less (payments, returns, opening credit). */
	readonly credit: number;
	readonly balance: number;
}

export interface Statement {
	readonly from: number;
	readonly to: number;
	readonly opening: number;
	readonly rows: readonly StatementRow[];
	readonly debits: number;
	readonly credits: number;
	readonly closing: number;
}

/** How a document moves a customer's balance (positive: owes more); 0 for documents that do not. */
export function balanceEffect(d: DocState): number {
	if (d.status === 'voided') return 0;
	switch (d.type) {
		case 'sales.delivery.posted':
			return d.total;
		case 'sales.counter.posted':
			return d.credit ?? 0;
		case 'opening.balance':
			return d.total;
		case 'sales.return.posted':
			return -d.total;
		case 'payment.received':
			return -d.total;
		default:
			return 0;
	}
}

const byDate = (a: DocState, b: DocState) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** How a document moves what the company owes a supplier (positive: owes more); 0 for others. */
export function payableEffect(d: DocState): number {
	if (d.status === 'voided') return 0;
	switch (d.type) {
		case 'purchase.receipt.posted':
		case 'opening.balance':
			return d.total;
		case 'purchase.return.posted':
		case 'payment.made':
			return -d.total;
		default:
			return 0;
	}
}

/** [SR1] A customer's statement for business days from..to (inclusive): opening, every movement, closing. */
export function customerStatement(docs: readonly DocState[], from: number, to: number): Statement {
	return partyStatement(docs, from, to, balanceEffect);
}

/**
 * [PU12] A supplier's statement (应付对账单), the same way: what was received adds to what the company
 * owes, returns and payments take off.
 */
export function supplierStatement(docs: readonly DocState[], from: number, to: number): Statement {
	return partyStatement(docs, from, to, payableEffect);
}

/** The statement of the documents `effect` counts, for business days from..to (inclusive). */
export function partyStatement(
	docs: readonly DocState[],
	from: number,
	to: number,
	effect: (d: DocState) => number
): Statement {
	let opening = 0;
	const rows: StatementRow[] = [];
	let balance = 0;
	let debits = 0;
	let credits = 0;
	for (const d of [...docs].sort(byDate)) {
		const x = effect(d);
		if (x === 0 || d.at > to) continue;
		if (d.at < from) {
			opening += x;
			continue;
		}
		if (rows.length === 0) balance = opening;
		balance += x;
		if (x > 0) debits += x;
		else credits -= x;
		rows.push({
			id: d.id,
			at: d.at,
			number: d.number,
			type: d.type,
			debit: Math.max(0, x),
			credit: Math.max(0, -x),
			balance
		});
	}
	return { from, to, opening, rows, debits, credits, closing: opening + debits - credits };
}

export interface AgeingBuckets {
	/** Not yet due. */
	readonly current: number;
	readonly d1to30: number;
	readonly d31to60: number;
	readonly d61to90: number;
	readonly over90: number;
	readonly total: number;
}

/** [SR2] Open receivables by days past their due day on `today`. */
export function ageing(
	openItems: readonly { open?: number; due?: number; at: number }[],
	today: number
): AgeingBuckets {
	const b = { current: 0, d1to30: 0, d31to60: 0, d61to90: 0, over90: 0, total: 0 };
	for (const item of openItems) {
		const open = item.open ?? 0;
		if (open === 0) continue;
		const late = today - (item.due ?? item.at);
		if (late <= 0) b.current += open;
		else if (late <= 30) b.d1to30 += open;
		else if (late <= 60) b.d31to60 += open;
		else if (late <= 90) b.d61to90 += open;
		else b.over90 += open;
		b.total += open;
	}
	return b;
}

export interface Uninvoiced {
	readonly delivery: DocState;
	/** Delivered less returned, tax included. */
	readonly billable: number;
	readonly invoiced: number;
	readonly rest: number;
}

/** A document billed by invoices, and how much of it is still to invoice. */
export interface NotInvoiced {
	readonly doc: DocState;
	/** Its amount less its returns, tax included. */
	readonly billable: number;
	readonly invoiced: number;
	readonly rest: number;
}

/**
 * [SR3][PU15] The documents of `type` not (fully) invoiced, oldest first: each one's amount less its
 * returns (`returnType`, pointing at it by `ref`) less what invoices (`invoiceType`) named on it. Voided
 * documents count for nothing. Over-invoiced ones (two devices invoicing offline) show a negative rest.
 */
export function notInvoiced(
	docs: readonly DocState[],
	type: 'sales.delivery.posted' | 'purchase.receipt.posted',
	returnType: 'sales.return.posted' | 'purchase.return.posted',
	invoiceType: 'sales.invoice.recorded' | 'purchase.invoice.recorded'
): NotInvoiced[] {
	const returned = new Map<string, number>();
	const invoiced = new Map<string, number>();
	for (const d of docs) {
		if (d.status === 'voided') continue;
		if (d.type === returnType && d.ref) returned.set(d.ref, (returned.get(d.ref) ?? 0) + d.total);
		if (d.type === invoiceType)
			for (const s of d.settled ?? []) invoiced.set(s.ref, (invoiced.get(s.ref) ?? 0) + s.amount);
	}
	const out: NotInvoiced[] = [];
	for (const d of [...docs].sort(byDate)) {
		if (d.type !== type || d.status === 'voided') continue;
		const billable = d.total - (returned.get(d.id) ?? 0);
		const inv = invoiced.get(d.id) ?? 0;
		if (billable - inv !== 0) out.push({ doc: d, billable, invoiced: inv, rest: billable - inv });
	}
	return out;
}

/** [SR3] Deliveries not (fully) invoiced (`notInvoiced`). */
export function uninvoiced(docs: readonly DocState[]): Uninvoiced[] {
	return notInvoiced(docs, 'sales.delivery.posted', 'sales.return.posted', 'sales.invoice.recorded').map(
		({ doc, ...x }) => ({ delivery: doc, ...x })
	);
}
