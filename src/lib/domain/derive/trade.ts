/**
 * Purchasing and sales documents as state machines (DESIGN §1, §5; rules T1–T14 in docs/SPEC.md).
 * Each handler checks everything first and writes only when the whole event is valid; an event that is
 * invalid in the state it lands in is rejected and listed, never half-applied.
 */
import type { EventType } from '../catalogue';
import type { JEvent } from '../event';
import { formatDocNumber } from '../docnumber';
import { mulDivRound, splitInclusiveTax } from '../money';
import { applyRefunds, refundTotal, returnValue } from './refunds';
import {
	COMPACT_DUE,
	COMPACT_OPEN,
	CompactDoc,
	historyEntry,
	withEntry,
	type DocDraft,
	type DocLine,
	type DocState,
	type DocStatus,
	type EventHead,
	type LedgerState,
	totals
} from './state';

type Ev<T extends EventType> = JEvent<T>;

interface InLine {
	p: string;
	q: number;
	amount: number;
	vat: number;
	line?: number;
	batch?: string;
	expiry?: number;
	rejected?: number;
}

/** Stock value of a purchase line: net of VAT when input VAT is deductible (一般纳税人). */
export function purchaseValue(st: LedgerState, amount: number, vat: number): number {
	return st.settings.vatDeductible ? amount - splitInclusiveTax(amount as never, vat).tax : amount;
}

/** A document line while its document is being built (the caller fills in costs). */
type MutableLine = { -readonly [K in keyof DocLine]: DocLine[K] };

/** Document lines from event lines. Built field by field: this runs for nearly every event. */
export function docLines(lines: readonly InLine[]): MutableLine[] {
	const out: MutableLine[] = new Array(lines.length);
	for (let i = 0; i < lines.length; i++) {
		const l = lines[i]!;
		const d: MutableLine = {
			p: l.p,
			q: l.q,
			amount: l.amount,
			vat: l.vat,
			done: 0,
			cost: 0
		};
		if (l.batch !== undefined) d.batch = l.batch;
		if (l.expiry !== undefined) d.expiry = l.expiry;
		if (l.rejected !== undefined) d.rejected = l.rejected;
		if (l.line !== undefined) d.ref = l.line;
		out[i] = d;
	}
	return out;
}

/**
 * A new document from its event. With `posting` (a posted receipt or delivery) its cost is the sum of
 * its lines' costs and it opens an item of its total (`open`), in the same pass over the lines.
 */
export function newDoc(
	e: EventHead & { payload: object },
	status: DocStatus,
	fields: Partial<DocState> & { lines: readonly DocLine[] },
	posting = false
): DocState {
	let total = 0;
	let tax = 0;
	let cost = 0;
	for (const l of fields.lines) {
		total += l.amount;
		if (l.vat) tax += splitInclusiveTax(l.amount as never, l.vat).tax;
		if (posting) cost += l.cost;
	}
	return {
		id: e.id,
		type: e.type,
		number: formatDocNumber(e.type, e.branch, e.hlc.device, (e.payload as { no?: number }).no ?? 0),
		branch: e.branch,
		at: e.at,
		user: e.user,
		status,
		total,
		tax,
		cost,
		history: [historyEntry(e)],
		...fields,
		...(posting ? { open: total } : {})
	};
}

/** An order whose goods may be received or delivered. */
function goodsMayMove(order: DocState): boolean {
	return order.status === 'approved' || order.status === 'partial' || order.status === 'complete';
}

function termsDue(st: LedgerState, kind: 'supplier' | 'customer', party: string, at: number): number {
	const terms = st.record(kind, party)?.fields['termsDays']?.value;
	return at + (typeof terms === 'number' ? terms : 0);
}

/** What an order holds reserved per line: the undelivered rest while it is approved or partly delivered. */
function reservedQty(d: DocState, i: number): number {
	if (d.status !== 'approved' && d.status !== 'partial') return 0;
	const l = d.lines[i]!;
	return Math.max(0, l.q - l.done);
}

/** Stores a new sales order and reserves what it holds (T9; `reviseOrder` moves it later). */
function placeSalesOrder(st: LedgerState, order: DocState, event: string): void {
	st.putDoc(order);
	for (let i = 0; i < order.lines.length; i++) {
		const held = reservedQty(order, i);
		if (held !== 0) st.reserve(order.lines[i]!.p, order.wh!, held, event);
	}
}

function progressStatus(lines: readonly DocLine[]): DocStatus {
	const all = lines.every((l) => l.done >= l.q);
	const none = lines.every((l) => l.done === 0);
	return all ? 'complete' : none ? 'approved' : 'partial';
}

type Check = { ok: true } | { ok: false; code: string; reason: string };
const OK: Check = { ok: true };
const no = (code: string, reason: string): Check => ({ ok: false, code, reason });

/** Lines that fulfil lines of a referenced order must point at an existing line of the same product. */
function checkOrderLines(order: DocState, lines: readonly InLine[]): Check {
	for (const l of lines) {
		if (l.line === undefined) continue;
		const ol = order.lines[l.line];
		if (!ol) return no('bad-line', `${order.number} has no line ${l.line + 1}`);
		if (ol.p !== l.p) return no('bad-line', `line ${l.line + 1} of ${order.number} is another product`);
	}
	return OK;
}

function withHistory(d: DocState, e: EventHead, patch: Partial<DocState>): DocState {
	return { ...d, ...patch, history: withEntry(d.history, e) };
}

const NO_RESERVATIONS: readonly number[] = [];

/**
 * Changes an order by `change` (its status, its lines' progress) and adds `e` to its history, in place
 * when nothing can be undone (`LedgerState.reviseDoc`); a sales order's reservations follow (T9).
 */
function reviseOrder(st: LedgerState, order: DocState, e: EventHead, change: (o: DocDraft) => void): void {
	const sales = order.type === 'sales.order.placed';
	let before = NO_RESERVATIONS;
	if (sales) {
		const held: number[] = new Array(order.lines.length);
		for (let i = 0; i < held.length; i++) held[i] = reservedQty(order, i);
		before = held;
	}
	const next = st.reviseDoc(order, (o) => {
		change(o);
		o.history = withEntry(o.history, e);
	});
	if (!sales) return;
	for (let i = 0; i < next.lines.length; i++) {
		const diff = reservedQty(next, i) - (before[i] ?? 0);
		if (diff !== 0) st.reserve(next.lines[i]!.p, next.wh!, diff, e.id);
	}
}

/**
 * An order's lines filled by a receipt or a delivery (T4, T8): each line's progress, its status, its
 * history; a line filled past what was ordered raises `kind` (T5), its facts naming the quantity `as`.
 */
function fillOrder(
	st: LedgerState,
	order: DocState,
	e: EventHead,
	lines: readonly InLine[],
	kind: 'over-receipt' | 'over-delivery',
	as: 'received' | 'delivered'
): void {
	reviseOrder(st, order, e, (o) => {
		for (const l of lines) {
			if (l.line === undefined) continue;
			const ol = o.lines[l.line]!;
			const done = ol.done + l.q;
			if (done > ol.q)
				st.alert({
					id: `${kind}:${e.id}:${l.line}`,
					kind,
					events: [o.id, e.id],
					facts: { order: o.number, product: l.p, ordered: ol.q, [as]: done }
				});
			ol.done = done;
		}
		if (o.status !== 'closed') o.status = progressStatus(o.lines);
	});
}

// ---------------------------------------------------------------- purchasing

export function purchaseOrderPlaced(st: LedgerState, e: Ev<'purchase.order.placed'>): void {
	const p = e.payload;
	st.putDoc(
		newDoc(e, p.approval ? 'pending' : 'approved', {
			party: p.supplier,
			wh: p.wh,
			lines: docLines(p.lines),
			...(p.expected !== undefined ? { due: p.expected } : {})
		})
	);
}

const ORDER_MOVES: Record<string, { from: readonly DocStatus[]; to: DocStatus }> = {
	'purchase.order.approved': { from: ['pending'], to: 'approved' },
	'purchase.order.rejected': { from: ['pending'], to: 'draft' },
	'purchase.order.closed': { from: ['approved', 'partial'], to: 'closed' },
	'sales.order.approved': { from: ['pending'], to: 'approved' },
	'sales.order.rejected': { from: ['pending'], to: 'draft' },
	'sales.order.closed': { from: ['approved', 'partial'], to: 'closed' }
};

/** [T2] approve / reject / close: a transition valid only from the listed states. */
export function orderTransition(
	st: LedgerState,
	e: Ev<
		| 'purchase.order.approved'
		| 'purchase.order.rejected'
		| 'purchase.order.closed'
		| 'sales.order.approved'
		| 'sales.order.rejected'
		| 'sales.order.closed'
	>
): void {
	const d = st.doc(e.payload.ref);
	const wantType = e.type.startsWith('purchase') ? 'purchase.order.placed' : 'sales.order.placed';
	if (!d || d.type !== wantType) return st.reject(e, 'unknown-document', `no such order ${e.payload.ref}`);
	// [V1] Approvals and closings of an order voided later are moot: kept in its history only.
	if (d.status === 'voided') return reviseOrder(st, d, e, () => {});
	const move = ORDER_MOVES[e.type]!;
	if (!move.from.includes(d.status))
		return st.reject(
			e,
			'invalid-transition',
			`${d.number} is ${d.status}; ${e.type} needs ${move.from.join(' or ')}`
		);
	reviseOrder(st, d, e, (o) => {
		o.status = move.to;
	});
}

/**
 * [T3] A rejected (draft) order, amended, is submitted again: its lines are replaced and it is pending or
 * approved. A sales order's reservation follows (a draft reserves nothing; approved, it reserves again).
 */
export function orderSubmitted(
	st: LedgerState,
	e: Ev<'purchase.order.submitted' | 'sales.order.submitted'>
): void {
	const wantType = e.type === 'sales.order.submitted' ? 'sales.order.placed' : 'purchase.order.placed';
	const d = st.doc(e.payload.ref);
	if (!d || d.type !== wantType) return st.reject(e, 'unknown-document', `no such order ${e.payload.ref}`);
	if (d.status === 'voided') return reviseOrder(st, d, e, () => {});
	if (d.status !== 'draft')
		return st.reject(e, 'invalid-transition', `${d.number} is ${d.status}, not a draft`);
	const lines = docLines(e.payload.lines);
	const { total, tax } = totals(lines);
	reviseOrder(st, d, e, (o) => {
		o.status = e.payload.approval ? 'pending' : 'approved';
		o.lines = lines;
		o.total = total;
		o.tax = tax;
	});
}

/** [T4] Goods received, with inspection; [T5] over-receipt alert; [T6] payable with due date. */
export function purchaseReceiptPosted(st: LedgerState, e: Ev<'purchase.receipt.posted'>): void {
	const p = e.payload;
	const order = p.order ? st.doc(p.order) : undefined;
	if (p.order) {
		if (!order || order.type !== 'purchase.order.placed')
			return st.reject(e, 'unknown-document', `no such purchase order ${p.order}`);
		if (!goodsMayMove(order))
			return st.reject(e, 'invalid-transition', `${order.number} is ${order.status}: it cannot be received`);
		if (order.party !== p.supplier)
			return st.reject(e, 'wrong-party', `${order.number} is from another supplier`);
		const c = checkOrderLines(order, p.lines);
		if (!c.ok) return st.reject(e, c.code, c.reason);
	}
	const costs: number[] = new Array(p.lines.length);
	let total = 0;
	for (let i = 0; i < p.lines.length; i++) {
		const l = p.lines[i]!;
		const value = purchaseValue(st, l.amount, l.vat);
		st.stockIn(l.p, p.wh, l.batch, l.q, value, l.expiry, e.id);
		costs[i] = value;
		total += l.amount;
	}
	if (order) fillOrder(st, order, e, p.lines, 'over-receipt', 'received');
	const due = p.due ?? termsDue(st, 'supplier', p.supplier, e.at);
	st.putDoc(new CompactDoc(e, costs, expandReceipt, [due, total]));
	if (total > 0) st.openItemAt('supplier', p.supplier, e.id, due, total);
}

/** The full document of a posted receipt kept compact (see CompactDoc). */
function expandReceipt(c: CompactDoc): DocState {
	const p = (c.e as Ev<'purchase.receipt.posted'>).payload;
	return expandPosted(c, p.lines, p.supplier, p.wh, p.order);
}

/** A posted receipt or delivery from its event, line costs, due day and open amount. */
function expandPosted(
	c: CompactDoc,
	eventLines: readonly InLine[],
	party: string,
	wh: string,
	order: string | undefined
): DocState {
	const lines = docLines(eventLines);
	for (let i = 0; i < lines.length; i++) lines[i]!.cost = c.costs[i]!;
	const due = c.extras[COMPACT_DUE]!;
	const doc = newDoc(c.e, 'posted', { party, wh, lines, ...(order ? { ref: order } : {}), due }, true);
	(doc as { open?: number }).open = c.extras[COMPACT_OPEN]!;
	return doc;
}

/** [T7] Goods back to the supplier at the receipt line's cost; the payable is reduced. */
export function purchaseReturnPosted(st: LedgerState, e: Ev<'purchase.return.posted'>): void {
	const r = st.doc(e.payload.receipt);
	if (!r || r.type !== 'purchase.receipt.posted') return st.reject(e, 'unknown-document', 'no such receipt');
	if (r.status !== 'posted') return st.reject(e, 'invalid-transition', `${r.number} is ${r.status}`);
	const returned = new Map<number, number>();
	for (const l of e.payload.lines) {
		const rl = r.lines[l.line];
		if (!rl) return st.reject(e, 'bad-line', `${r.number} has no line ${l.line + 1}`);
		const q = (returned.get(l.line) ?? 0) + l.q;
		if (rl.done + q > rl.q)
			return st.reject(
				e,
				'over-return',
				`line ${l.line + 1} of ${r.number}: returning more than was received`
			);
		returned.set(l.line, q);
	}
	const rlines = r.lines.slice();
	const lines: DocLine[] = [];
	let amountBack = 0;
	for (const l of e.payload.lines) {
		const rl = rlines[l.line]!;
		const value = share(rl.cost, rl.done, l.q, rl.q);
		const amount = share(rl.amount, rl.done, l.q, rl.q);
		st.stockOutAt(rl.p, r.wh!, rl.batch, l.q, value, e.id, r.id);
		rlines[l.line] = { ...rl, done: rl.done + l.q };
		amountBack += amount;
		lines.push({
			p: rl.p,
			q: l.q,
			amount,
			vat: rl.vat,
			done: 0,
			cost: value,
			ref: l.line,
			...(rl.batch ? { batch: rl.batch } : {})
		});
	}
	st.putDoc(withHistory(r, e, { lines: rlines }));
	const doc = newDoc(e, 'posted', { party: r.party!, wh: r.wh!, ref: r.id, lines });
	st.putDoc({ ...doc, cost: lines.reduce((s, l) => s + l.cost, 0) });
	st.reduceItem('supplier', r.party!, r.id, amountBack);
}

/**
 * The part of `whole` that belongs to q more units after `done` of `total` were taken: telescoping,
 * so taking everything in any number of steps takes exactly `whole`.
 */
export function share(whole: number, done: number, q: number, total: number): number {
	if (total === 0) return 0;
	return mulDivRound(whole, done + q, total) - mulDivRound(whole, done, total);
}

// ---------------------------------------------------------------- sales

export function salesOrderPlaced(st: LedgerState, e: Ev<'sales.order.placed'>): void {
	const p = e.payload;
	const d = newDoc(e, p.approval ? 'pending' : 'approved', {
		party: p.customer,
		wh: p.wh,
		lines: docLines(p.lines)
	});
	placeSalesOrder(st, d, e.id);
}

/** [T8] Goods out at cost; the order's backorder and reservation follow; the receivable opens. */
export function salesDeliveryPosted(st: LedgerState, e: Ev<'sales.delivery.posted'>): void {
	const p = e.payload;
	const order = p.order ? st.doc(p.order) : undefined;
	if (p.order) {
		if (!order || order.type !== 'sales.order.placed')
			return st.reject(e, 'unknown-document', `no such sales order ${p.order}`);
		if (!goodsMayMove(order))
			return st.reject(e, 'invalid-transition', `${order.number} is ${order.status}: it cannot be delivered`);
		if (order.party !== p.customer)
			return st.reject(e, 'wrong-party', `${order.number} is for another customer`);
		const c = checkOrderLines(order, p.lines);
		if (!c.ok) return st.reject(e, c.code, c.reason);
	}
	const costs: number[] = new Array(p.lines.length);
	let total = 0;
	for (let i = 0; i < p.lines.length; i++) {
		const l = p.lines[i]!;
		costs[i] = st.stockOut(l.p, p.wh, l.batch, l.q, e.id);
		total += l.amount;
	}
	if (order) fillOrder(st, order, e, p.lines, 'over-delivery', 'delivered');
	const due = p.due ?? termsDue(st, 'customer', p.customer, e.at);
	st.putDoc(new CompactDoc(e, costs, expandDelivery, [due, total]));
	if (total > 0) st.openItemAt('customer', p.customer, e.id, due, total);
}

/** The full document of a posted delivery kept compact (see CompactDoc). */
function expandDelivery(c: CompactDoc): DocState {
	const p = (c.e as Ev<'sales.delivery.posted'>).payload;
	return expandPosted(c, p.lines, p.customer, p.wh, p.order);
}

/** [T10] A counter sale: delivery and payment in one event; change comes out of the first account. */
export function salesCounterPosted(st: LedgerState, e: Ev<'sales.counter.posted'>): void {
	const p = e.payload;
	let total = 0;
	for (const l of p.lines) total += l.amount;
	let paid = -(p.change ?? 0);
	for (const t of p.tenders) paid += t.amount;
	if (paid > total) return st.reject(e, 'overpaid', 'tendered more than the total plus change');
	if (paid < total && !p.customer) return st.reject(e, 'underpaid', 'a walk-in sale must be paid in full');
	const costs: number[] = new Array(p.lines.length);
	for (let i = 0; i < p.lines.length; i++) {
		const l = p.lines[i]!;
		costs[i] = st.stockOut(l.p, p.wh, l.batch, l.q, e.id);
	}
	for (const t of p.tenders) st.cash(t.account, t.amount);
	if (p.change) st.cash(p.tenders[0]!.account, -p.change);
	const compact = new CompactDoc(e, costs, expandCounterSale);
	if (total === paid) return st.putDoc(compact);
	st.putDoc({ ...compact.expand(), open: total - paid, due: e.at, credit: total - paid });
	st.openItem('customer', p.customer!, e.id);
}

/** The full document of a counter sale kept compact (see CompactDoc). */
function expandCounterSale(c: CompactDoc): DocState {
	const e = c.e as Ev<'sales.counter.posted'>;
	const p = e.payload;
	const lines = docLines(p.lines);
	let cost = 0;
	for (let i = 0; i < lines.length; i++) {
		(lines[i] as { cost: number }).cost = c.costs[i]!;
		cost += c.costs[i]!;
	}
	const doc: DocState = { ...newDoc(e, 'posted', { wh: p.wh, lines, tenders: p.tenders }), cost };
	if (p.customer) (doc as { party?: string }).party = p.customer;
	if (p.change) (doc as { change?: number }).change = p.change;
	return doc;
}

/** [T11] Goods back from a customer at the original cost, restocked or written off; the receivable is reduced. */
export function salesReturnPosted(st: LedgerState, e: Ev<'sales.return.posted'>): void {
	const d = st.doc(e.payload.delivery);
	if (!d || (d.type !== 'sales.delivery.posted' && d.type !== 'sales.counter.posted'))
		return st.reject(e, 'unknown-document', 'no such delivery');
	if (d.status !== 'posted') return st.reject(e, 'invalid-transition', `${d.number} is ${d.status}`);
	const returned = new Map<number, number>();
	for (const l of e.payload.lines) {
		const dl = d.lines[l.line];
		if (!dl) return st.reject(e, 'bad-line', `${d.number} has no line ${l.line + 1}`);
		const q = (returned.get(l.line) ?? 0) + l.q;
		if (dl.done + q > dl.q)
			return st.reject(e, 'over-return', `line ${l.line + 1} of ${d.number}: returning more than was sold`);
		returned.set(l.line, q);
	}
	const refunded = refundTotal(e.payload.refunds);
	if (refunded > returnValue(d, e.payload.lines))
		return st.reject(e, 'over-refund', `refunds exceed the value returned to ${d.number}`);
	const dlines = d.lines.slice();
	const lines: DocLine[] = [];
	let amountBack = 0;
	for (const l of e.payload.lines) {
		const dl = dlines[l.line]!;
		const cost = share(dl.cost, dl.done, l.q, dl.q);
		const amount = share(dl.amount, dl.done, l.q, dl.q);
		if (l.restock) st.stockIn(dl.p, d.wh!, dl.batch, l.q, cost, dl.expiry);
		dlines[l.line] = { ...dl, done: dl.done + l.q };
		amountBack += amount;
		lines.push({
			p: dl.p,
			q: l.q,
			amount,
			vat: dl.vat,
			done: 0,
			cost,
			ref: l.line,
			restock: l.restock,
			...(dl.batch ? { batch: dl.batch } : {})
		});
	}
	st.putDoc(withHistory(d, e, { lines: dlines }));
	const doc = newDoc(e, 'posted', { wh: d.wh!, ref: d.id, lines, ...(d.party ? { party: d.party } : {}) });
	const refunds = e.payload.refunds;
	st.putDoc({
		...doc,
		cost: lines.reduce((s, l) => s + l.cost, 0),
		...(refunds ? { tenders: refunds } : {})
	});
	if (d.party) st.reduceItem('customer', d.party, d.id, amountBack);
	// [T12] A walk-in sale has no receivable: its refund is the money paid back at the counter.
	if (refunds) applyRefunds(st, d.party, e.id, refunds);
}
