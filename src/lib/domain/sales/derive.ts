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
	invoiceRecorded(st, e, p.customer, p.deliveries, p.tax, SALES_BILLED, 'delivery');
}

/**
 * [PU15] A supplier's invoice received (收票) names goods receipts of that supplier, with the amount
 * invoiced on each, exactly as a sales invoice names deliveries: no stock, no money; what is received but
 * not invoiced follows from it. The invoiced receipts are kept in `settled`.
 */
export function purchaseInvoiceRecorded(st: LedgerState, e: JEvent<'purchase.invoice.recorded'>): void {
	const p = e.payload;
	invoiceRecorded(st, e, p.supplier, p.receipts, p.tax, PURCHASE_BILLED, 'receipt');
}

const SALES_BILLED: ReadonlySet<string> = new Set(['sales.delivery.posted', 'sales.counter.posted']);
const PURCHASE_BILLED: ReadonlySet<string> = new Set(['purchase.receipt.posted']);

function invoiceRecorded(
	st: LedgerState,
	e: JEvent<'sales.invoice.recorded' | 'purchase.invoice.recorded'>,
	party: string,
	billed: readonly { ref: string; amount: number }[],
	tax: number,
	types: ReadonlySet<string>,
	what: string
): void {
	let total = 0;
	for (const d of billed) {
		const doc = st.doc(d.ref);
		if (!doc || !types.has(doc.type)) return st.reject(e, 'unknown-document', `no such ${what} ${d.ref}`);
		if (doc.status !== 'posted') return st.reject(e, 'invalid-transition', `${doc.number} is ${doc.status}`);
		if (doc.party !== party) return st.reject(e, 'wrong-party', `${doc.number} is for another party`);
		total += d.amount;
	}
	if (tax > total) return st.reject(e, 'bad-tax', 'the tax is more than the invoice amount');
	const doc = newDoc(e, 'posted', { party, lines: [] });
	st.putDoc({ ...doc, total, tax, settled: billed.map((d) => ({ ref: d.ref, amount: d.amount })) });
}
