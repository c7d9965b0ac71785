/**
 * Money: opening balances, receipts and payments, transfers between accounts (rules F1–F5 in docs/SPEC.md).
 * Receivables and payables are open items on documents; a party's balance is always the sum of its
 * open items minus its unapplied credit (tested as an invariant).
 */
import type { JEvent } from '../event';
import type { LedgerState } from './state';
import { newDoc } from './trade';

/** [F1] An opening receivable/payable is an open item; a negative one is a credit. */
export function openingBalance(st: LedgerState, e: JEvent<'opening.balance'>): void {
	const p = e.payload;
	const doc = newDoc(e, 'posted', { party: p.id, lines: [] });
	if (p.amount > 0) {
		st.putDoc({ ...doc, total: p.amount, open: p.amount, due: p.due ?? e.at });
		st.openItem(p.party, p.id, e.id);
	} else {
		st.putDoc({ ...doc, total: p.amount });
		if (p.amount < 0) st.settle(p.party, p.id, -p.amount, []);
	}
}

export function openingCash(st: LedgerState, e: JEvent<'opening.cash'>): void {
	st.cash(e.payload.account, e.payload.amount);
}

/** [F2] Money received or paid is applied to the named items, then oldest due first; the rest is credit. */
export function paymentPosted(st: LedgerState, e: JEvent<'payment.received' | 'payment.made'>): void {
	const p = e.payload;
	const kind = e.type === 'payment.received' ? 'customer' : 'supplier';
	const party =
		e.type === 'payment.received'
			? (p as { customer: string }).customer
			: (p as { supplier: string }).supplier;
	st.cash(p.account, kind === 'customer' ? p.amount : -p.amount);
	const { applied } = st.settle(kind, party, p.amount, p.allocations ?? []);
	st.putDoc({
		...newDoc(e, 'posted', { party, lines: [], account: p.account }),
		total: p.amount,
		settled: applied
	});
}

/** [F5] An expense: money out of the account, kept as a document (voidable, V1). */
export function expensePaid(st: LedgerState, e: JEvent<'expense.paid'>): void {
	const p = e.payload;
	st.cash(p.account, -p.amount);
	st.putDoc({ ...newDoc(e, 'posted', { lines: [], account: p.account }), total: p.amount });
}

/** [F9] Other income: money into the account, kept as a document (voidable, V1). */
export function incomeReceived(st: LedgerState, e: JEvent<'income.received'>): void {
	const p = e.payload;
	st.cash(p.account, p.amount);
	st.putDoc({ ...newDoc(e, 'posted', { lines: [], account: p.account }), total: p.amount });
}

/** [F8] A drawer counted: what it was over or short goes into the account, so it holds what was counted. */
export function tillCounted(st: LedgerState, e: JEvent<'till.counted'>): void {
	const p = e.payload;
	if (p.diff) st.cash(p.account, p.diff);
	st.putDoc({ ...newDoc(e, 'posted', { lines: [], account: p.account }), total: p.diff });
}

export function cashTransferred(st: LedgerState, e: JEvent<'cash.transferred'>): void {
	const p = e.payload;
	if (p.from === p.to) return st.reject(e, 'same-account', 'a transfer needs two different accounts');
	st.cash(p.from, -p.amount);
	st.cash(p.to, p.amount);
	st.putDoc({ ...newDoc(e, 'posted', { lines: [], account: p.from, to: p.to }), total: p.amount });
}
