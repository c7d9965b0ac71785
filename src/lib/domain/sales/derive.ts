/**
 * Derivation of the sales documents added for issue 6: quotations (报价单) and invoices (发票). The
 * ledger dispatches to these like to the handlers in derive/trade.ts; each checks first and writes
 * only when the whole event is valid (D4).
 */
import type { JEvent } from '../event';
import type { LedgerState } from '../derive/state';
import { historyEntry } from '../derive/state';
import { docLines, newDoc } from '../derive/trade';

/** [Q1] A quotation is an open document valid through its day; it moves no stock and no money. */
export function salesQuotePlaced(st: LedgerState, e: JEvent<'sales.quote.placed'>): void {
	const p = e.payload;
	st.putDoc(newDoc(e, 'posted', { party: p.customer, wh: p.wh, lines: docLines(p.lines), due: p.valid }));
}

/**
 * [Q2] An order placed from a quotation marks it converted (status `closed`, `ref` = the order). A
 * quotation converted twice (two devices offline) keeps the first order by derivation order and lists
 * both in its history; the second order stands on its own.
 */
export function quoteConverted(st: LedgerState, e: JEvent<'sales.order.placed'>): void {
	const ref = e.payload.quote;
	if (!ref) return;
	const q = st.doc(ref);
	if (!q || q.type !== 'sales.quote.placed') return;
	st.putDoc({
		...q,
		status: 'closed',
		...(q.ref ? {} : { ref: e.id }),
		history: [...q.history, historyEntry(e)]
	});
}

/**
 * [Q3] An invoice names deliveries (or counter sales on account) of its customer, with the amount
 * invoiced on each. It moves no stock and no money; what is delivered but not invoiced follows from it
 * (invoicing.ts). The invoiced deliveries are kept in `settled`.
 */
export function salesInvoiceRecorded(st: LedgerState, e: JEvent<'sales.invoice.recorded'>): void {
	const p = e.payload;
	let total = 0;
	for (const d of p.deliveries) {
		const doc = st.doc(d.ref);
		if (!doc || (doc.type !== 'sales.delivery.posted' && doc.type !== 'sales.counter.posted'))
			return st.reject(e, 'unknown-document', `no such delivery ${d.ref}`);
		if (doc.status !== 'posted') return st.reject(e, 'invalid-transition', `${doc.number} is ${doc.status}`);
		if (doc.party !== p.customer) return st.reject(e, 'wrong-party', `${doc.number} is for another customer`);
		total += d.amount;
	}
	if (p.tax > total) return st.reject(e, 'bad-tax', 'the tax is more than the invoice amount');
	const doc = newDoc(e, 'posted', { party: p.customer, lines: [] });
	st.putDoc({
		...doc,
		total,
		tax: p.tax,
		settled: p.deliveries.map((d) => ({ ref: d.ref, amount: d.amount }))
	});
}
