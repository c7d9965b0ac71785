/**
 * Voiding (作废), rules V1–V4 in docs/SPEC.md. An open document simply stops. A posted one is reversed
 * exactly: the same quantities leave or return at the same values they moved with, the same amounts
 * leave the receivable/payable and the accounts. Nothing is edited in place: the original stays in the
 * journal and the void is its own event. Returns and stocktakes are not voidable: a clerk posts the
 * opposite document instead, which keeps their variance reports honest.
 */
import type { JEvent } from '../event';
import { historyEntry, type DocState, type EventHead, type LedgerState } from './state';
import { putSalesOrder } from './trade';

export function documentVoided(st: LedgerState, e: JEvent<'document.voided'>): void {
	const d = st.doc(e.payload.ref);
	if (!d) return st.reject(e, 'unknown-document', `no such document ${e.payload.ref}`);
	if (d.status === 'voided') return st.reject(e, 'invalid-transition', `${d.number} is already voided`);
	const voided: DocState = { ...d, status: 'voided', history: [...d.history, historyEntry(e)] };
	const untouched = d.lines.every((l) => l.done === 0);
	switch (d.type) {
		case 'purchase.order.placed':
			if (!untouched)
				return st.reject(e, 'invalid-transition', `${d.number} has receipts: void them or close the order`);
			return st.putDoc(voided);
		case 'sales.order.placed':
			if (!untouched)
				return st.reject(e, 'invalid-transition', `${d.number} has deliveries: void them or close the order`);
			return putSalesOrder(st, d, voided, e.id);
		case 'purchase.receipt.posted': {
			if (!untouched) return st.reject(e, 'invalid-transition', `${d.number} has returns`);
			for (const l of d.lines) st.stockOutAt(l.p, d.wh!, l.batch, l.q, l.cost, e.id);
			undoOrderProgress(st, e, d);
			st.putDoc(voided);
			return st.reduceItem('supplier', d.party!, d.id, d.total);
		}
		case 'sales.delivery.posted':
		case 'sales.counter.posted': {
			if (!untouched) return st.reject(e, 'invalid-transition', `${d.number} has returns`);
			for (const l of d.lines) st.stockIn(l.p, d.wh!, l.batch, l.q, l.cost, l.expiry);
			if (d.type === 'sales.delivery.posted') undoOrderProgress(st, e, d);
			for (const t of d.tenders ?? []) st.cash(t.account, -t.amount);
			if (d.change) st.cash(d.tenders![0]!.account, d.change);
			st.putDoc(voided);
			const owed = d.type === 'sales.delivery.posted' ? d.total : (d.credit ?? 0);
			if (d.party && owed > 0) st.reduceItem('customer', d.party, d.id, owed);
			return;
		}
		case 'stock.transfer.shipped':
			if (!untouched || d.status !== 'in-transit')
				return st.reject(e, 'invalid-transition', `${d.number} has arrived (partly): post a transfer back`);
			for (const l of d.lines) {
				st.stockIn(l.p, d.wh!, l.batch, l.q, l.cost, l.expiry);
				st.incoming(l.p, d.to!, -l.q);
			}
			return st.putDoc(voided);
		case 'stock.adjusted':
		case 'opening.stock':
			for (const l of d.lines) {
				if (l.cost >= 0 && (d.type === 'opening.stock' || l.q > 0))
					st.stockOutAt(l.p, d.wh!, l.batch, Math.abs(l.q), l.cost, e.id);
				else st.stockIn(l.p, d.wh!, l.batch, -l.q, -l.cost, l.expiry);
			}
			return st.putDoc(voided);
		case 'payment.received':
		case 'payment.made': {
			const kind = d.type === 'payment.received' ? 'customer' : 'supplier';
			st.cash(d.account!, kind === 'customer' ? -d.total : d.total);
			st.putDoc(voided);
			return st.unsettle(kind, d.party!, d.id, d.total, d.settled ?? []);
		}
		case 'cash.transferred':
			st.cash(d.account!, d.total);
			st.cash(d.to!, -d.total);
			return st.putDoc(voided);
		default:
			return st.reject(e, 'not-voidable', `${d.number} cannot be voided: post the opposite document instead`);
	}
}

function undoOrderProgress(st: LedgerState, e: EventHead, d: DocState): void {
	if (!d.ref) return;
	const order = st.doc(d.ref);
	if (!order) return;
	const lines = order.lines.map((l) => ({ ...l }));
	for (const l of d.lines)
		if (l.ref !== undefined && lines[l.ref])
			lines[l.ref] = { ...lines[l.ref]!, done: lines[l.ref]!.done - l.q };
	const none = lines.every((l) => l.done === 0);
	const all = lines.every((l) => l.done >= l.q);
	const status =
		order.status === 'closed' || order.status === 'voided'
			? order.status
			: all
				? 'complete'
				: none
					? 'approved'
					: 'partial';
	const next: DocState = { ...order, lines, status, history: [...order.history, historyEntry(e)] };
	if (order.type === 'sales.order.placed') putSalesOrder(st, order, next, e.id);
	else st.putDoc(next);
}
