/**
 * What the sales pages show (issue 6), folded from the ledger with master-data names: document lists
 * with their tracking state, an order with its stock check, backorder, approval reasons and history, a
 * delivery with its returns and invoices, and a customer's account. Pure functions of the ledger, so a
 * page recomputes them once per ledger change.
 */
import { EVENT_TYPES, type EventType } from '../domain/catalogue';
import type { DocState } from '../domain/derive/state';
import type { Ledger } from '../domain/ledger';
import type { ApprovalCheck } from '../domain/sales/approval';
import { lineAvailability, type LineAvailability } from '../domain/sales/availability';
import { backorder, trackingState, type Tracking } from '../domain/sales/orders';
import { lastPrices, lineMargin, unitPriceOf, type LastPrice } from '../domain/sales/pricing';
import {
	ageing,
	customerStatement,
	uninvoiced,
	type AgeingBuckets,
	type Statement,
	type Uninvoiced
} from '../domain/sales/receivables';
import { formatYuan, mulDivRound } from '../domain/money';
import { isoFromDay } from '../domain/dates';
import { partyName, productDetail, productName, userName, warehouseName, type MasterNames } from './names';
import { salesIndex } from './sales-index';

export type SalesKind = 'quote' | 'order' | 'delivery' | 'return' | 'invoice' | 'counter';

export const KIND_TYPES: Record<SalesKind, EventType> = {
	quote: 'sales.quote.placed',
	order: 'sales.order.placed',
	delivery: 'sales.delivery.posted',
	return: 'sales.return.posted',
	invoice: 'sales.invoice.recorded',
	counter: 'sales.counter.posted'
};

/** A document's state as the sales pages label it. */
export type SalesState = Tracking | 'valid' | 'expired' | 'converted' | 'posted';

export interface SalesRow {
	readonly id: string;
	readonly kind: SalesKind;
	readonly number: string;
	readonly at: number;
	readonly customer: string;
	readonly customerName: string;
	readonly total: number;
	readonly state: SalesState;
	readonly user: string;
}

const KIND_OF = new Map<EventType, SalesKind>(
	Object.entries(KIND_TYPES).map(([k, t]) => [t, k as SalesKind] as const)
);

/** Deliveries of an order (by their `order` reference), in journal order. */
function deliveriesOf(ledger: Ledger, orderId: string): DocState[] {
	return documentsOf(
		ledger,
		ledger
			.referencing(orderId)
			.filter((e) => e.type === 'sales.delivery.posted')
			.map((e) => e.id)
	);
}

/** The derived documents of these events, those that exist (refused or quarantined ones do not). */
function documentsOf(ledger: Ledger, ids: readonly string[]): DocState[] {
	const out: DocState[] = [];
	for (const id of ids) {
		const d = ledger.document(id);
		if (d) out.push(d);
	}
	return out;
}

export function salesState(ledger: Ledger, d: DocState, today: number): SalesState {
	if (d.status === 'voided') return 'voided';
	switch (d.type) {
		case 'sales.quote.placed':
			return d.status === 'closed' ? 'converted' : (d.due ?? 0) < today ? 'expired' : 'valid';
		case 'sales.order.placed':
			return trackingState(d, deliveriesOf(ledger, d.id));
		default:
			return 'posted';
	}
}

/** The latest sales documents of some kinds, newest first (walks the journal from its end). */
export function salesRows(
	ledger: Ledger,
	names: MasterNames,
	kinds: readonly SalesKind[],
	limit: number,
	today: number
): SalesRow[] {
	const out: SalesRow[] = [];
	for (const e of ledger.latestOfTypes(kinds.map((k) => KIND_TYPES[k]))) {
		if (out.length >= limit) break;
		const d = ledger.document(e.id);
		if (!d) continue;
		out.push({
			id: d.id,
			kind: KIND_OF.get(d.type)!,
			number: d.number,
			at: d.at,
			customer: d.party ?? '',
			customerName: d.party ? partyName(names, 'customer', d.party) : '',
			total: d.total,
			state: salesState(ledger, d, today),
			user: userName(names, d.user)
		});
	}
	return out;
}

export interface HistoryRow {
	readonly event: string;
	readonly type: EventType;
	readonly user: string;
	readonly device: string;
	/** When it was recorded (ms). */
	readonly wall: number;
	readonly at: number;
	readonly comment: string;
	readonly number: string;
}

export function historyRows(ledger: Ledger, names: MasterNames, d: DocState): HistoryRow[] {
	return d.history.map((h) => {
		const e = ledger.event(h.id);
		const p = (e?.payload ?? {}) as { comment?: string; reason?: string };
		const doc = h.id === d.id ? undefined : ledger.document(h.id);
		return {
			event: h.id,
			type: h.type,
			user: userName(names, h.user),
			device: h.hlc.device,
			wall: e?.hlc.wall ?? 0,
			at: h.at,
			comment: p.comment ?? (h.id === d.id ? '' : (p.reason ?? '')),
			number: doc?.number ?? ''
		};
	});
}

export interface SalesLineView {
	readonly index: number;
	readonly p: string;
	readonly name: string;
	/** Spec, else code (see `productDetail`). */
	readonly detail: string;
	readonly unit: string;
	readonly q: number;
	readonly done: number;
	readonly rest: number;
	readonly amount: number;
	readonly unitPrice: number;
	readonly vat: number;
	readonly cost: number;
	readonly margin: number;
	readonly batch: string;
	readonly expiry: number | null;
	readonly availability: LineAvailability | null;
}

/** A product's stock in every known warehouse (without sorting the whole stock table). */
export function productLevels(ledger: Ledger, names: MasterNames, p: string) {
	return [...names.warehouses.keys()].map((wh) => ledger.stockOf(p, wh));
}

function lineViews(ledger: Ledger, names: MasterNames, d: DocState, withStock: boolean): SalesLineView[] {
	const rest = backorder(d);
	const reserving = d.status === 'approved' || d.status === 'partial';
	return d.lines.map((l, index) => {
		const info = names.products.get(l.p);
		// A quotation or order line's cost: today's unit cost in its warehouse; a posted line's: what moved.
		const cost =
			d.type === 'sales.quote.placed' || d.type === 'sales.order.placed'
				? mulDivRound(ledger.stockOf(l.p, d.wh ?? '').unitCost, l.q, 1000)
				: l.cost;
		const levels = withStock ? productLevels(ledger, names, l.p) : [];
		return {
			index,
			p: l.p,
			name: info?.name ?? l.p,
			detail: productDetail(names, l.p),
			unit: info?.unit ?? '',
			q: l.q,
			done: l.done,
			rest: rest[index]!.rest,
			amount: l.amount,
			unitPrice: unitPriceOf(l.amount, l.q),
			vat: l.vat,
			cost,
			margin: lineMargin(l.amount, l.vat, cost).margin,
			batch: l.batch ?? '',
			expiry: l.expiry ?? null,
			availability: withStock
				? lineAvailability(levels, d.wh ?? '', rest[index]!.rest, reserving ? rest[index]!.rest : 0)
				: null
		};
	});
}

export interface OrderView {
	readonly doc: DocState;
	readonly customerName: string;
	readonly warehouseName: string;
	readonly state: SalesState;
	readonly lines: readonly SalesLineView[];
	readonly checks: readonly ApprovalCheck[];
	readonly note: string;
	readonly quote: { id: string; number: string } | null;
	readonly deliveries: readonly SalesRow[];
	readonly history: readonly HistoryRow[];
	readonly hasBackorder: boolean;
	readonly cost: number;
	readonly margin: number;
}

function sumMargin(lines: readonly SalesLineView[]) {
	let cost = 0;
	let margin = 0;
	for (const l of lines) {
		cost += l.cost;
		margin += l.margin;
	}
	return { cost, margin };
}

export function orderView(ledger: Ledger, names: MasterNames, id: string, today: number): OrderView | null {
	const d = ledger.document(id);
	if (!d || (d.type !== 'sales.order.placed' && d.type !== 'sales.quote.placed')) return null;
	const e = ledger.event(id);
	const p = (e?.payload ?? {}) as { checks?: ApprovalCheck[]; note?: string; quote?: string };
	const lines = lineViews(ledger, names, d, d.type === 'sales.order.placed');
	const quoteDoc = p.quote ? ledger.document(p.quote) : undefined;
	const deliveries = d.type === 'sales.order.placed' ? deliveriesOf(ledger, id) : [];
	// A resubmitted order is checked as it was submitted last.
	const submitted = [...d.history].reverse().find((h) => h.type === 'sales.order.submitted');
	const checks = submitted
		? ((ledger.event(submitted.id)?.payload as { checks?: ApprovalCheck[] } | undefined)?.checks ?? [])
		: (p.checks ?? []);
	return {
		doc: d,
		customerName: partyName(names, 'customer', d.party ?? ''),
		warehouseName: warehouseName(names, d.wh ?? ''),
		state: salesState(ledger, d, today),
		lines,
		checks,
		note: p.note ?? '',
		quote: quoteDoc ? { id: quoteDoc.id, number: quoteDoc.number } : null,
		deliveries: deliveries.map((x) => ({
			id: x.id,
			kind: 'delivery',
			number: x.number,
			at: x.at,
			customer: x.party ?? '',
			customerName: '',
			total: x.total,
			state: salesState(ledger, x, today),
			user: userName(names, x.user)
		})),
		history: historyRows(ledger, names, d),
		hasBackorder: lines.some((l) => l.rest > 0),
		...sumMargin(lines)
	};
}

export interface DeliveryView {
	readonly doc: DocState;
	readonly customerName: string;
	readonly warehouseName: string;
	readonly order: { id: string; number: string } | null;
	readonly carrier: string;
	readonly tracking: string;
	readonly lines: readonly SalesLineView[];
	readonly returns: readonly { id: string; number: string; at: number; total: number; cost: number }[];
	readonly invoices: readonly {
		id: string;
		number: string;
		invoiceNo: string;
		kind: string;
		amount: number;
		/** Voided (作废): shown, not counted. */
		voided: boolean;
	}[];
	readonly uninvoiced: number;
	readonly history: readonly HistoryRow[];
	readonly cost: number;
	readonly margin: number;
}

export function deliveryView(ledger: Ledger, names: MasterNames, id: string): DeliveryView | null {
	const d = ledger.document(id);
	if (!d || d.type !== 'sales.delivery.posted') return null;
	const p = ledger.event(id)!.payload as { carrier?: string; tracking?: string; order?: string };
	const order = p.order ? ledger.document(p.order) : undefined;
	const returns = [];
	const invoices = [];
	for (const e of ledger.referencing(id)) {
		if (e.type === 'sales.return.posted' && e.payload.delivery === id) {
			const r = ledger.document(e.id);
			if (r) returns.push({ id: r.id, number: r.number, at: r.at, total: r.total, cost: r.cost });
		}
		if (e.type === 'sales.invoice.recorded') {
			const part = e.payload.deliveries.find((x) => x.ref === id);
			const inv = part ? ledger.document(e.id) : undefined;
			if (part && inv)
				invoices.push({
					id: inv.id,
					number: inv.number,
					invoiceNo: e.payload.number,
					kind: e.payload.kind,
					amount: part.amount,
					voided: inv.status === 'voided'
				});
		}
	}
	const lines = lineViews(ledger, names, d, false);
	const returned = returns.reduce((s, r) => s + r.total, 0);
	const invoiced = invoices.reduce((s, x) => s + (x.voided ? 0 : x.amount), 0);
	const m = sumMargin(lines);
	const returnedCost = returns.reduce((s, r) => s + r.cost, 0);
	const returnedNet = returns.reduce((s, r) => s + r.total - (ledger.document(r.id)?.tax ?? 0), 0);
	return {
		doc: d,
		customerName: partyName(names, 'customer', d.party ?? ''),
		warehouseName: warehouseName(names, d.wh ?? ''),
		order: order ? { id: order.id, number: order.number } : null,
		carrier: p.carrier ?? '',
		tracking: p.tracking ?? '',
		lines,
		returns,
		invoices,
		uninvoiced: d.total - returned - invoiced,
		history: historyRows(ledger, names, d),
		cost: m.cost - returnedCost,
		margin: m.margin - (returnedNet - returnedCost)
	};
}

/** Every document of a customer, in journal order. */
export function customerDocs(ledger: Ledger, customer: string): DocState[] {
	return documentsOf(ledger, salesIndex(ledger).byCustomer.get(customer) ?? []);
}

/**
 * The invoices among a party's documents, newest first: issued to a customer (开票) or received from a
 * supplier (收票). A voided one is shown as it was issued (struck through), not as the empty document
 * derivation keeps for it.
 */
export function invoiceRows(
	ledger: Ledger,
	docs: readonly DocState[],
	type: 'sales.invoice.recorded' | 'purchase.invoice.recorded'
): InvoiceRow[] {
	const out: InvoiceRow[] = [];
	for (let i = docs.length - 1; i >= 0; i--) {
		const d = docs[i]!;
		const e = ledger.event(d.id);
		if (d.type !== type || e?.type !== type) continue;
		const p = e.payload;
		const named = e.type === 'sales.invoice.recorded' ? e.payload.deliveries : e.payload.receipts;
		const voided = d.status === 'voided';
		const billed = voided ? named : (d.settled ?? []);
		out.push({
			id: d.id,
			number: d.number,
			at: d.at,
			kind: p.kind,
			invoiceNo: p.number,
			total: voided ? billed.reduce((s, x) => s + x.amount, 0) : d.total,
			tax: voided ? p.tax : d.tax,
			billed: billed.map((x) => ledger.document(x.ref)?.number ?? x.ref),
			voided,
			branch: d.branch
		});
	}
	return out;
}

export interface InvoiceRow {
	readonly id: string;
	readonly number: string;
	readonly at: number;
	readonly kind: 'normal' | 'special';
	readonly invoiceNo: string;
	readonly total: number;
	readonly tax: number;
	/** The numbers of the deliveries or receipts it bills. */
	readonly billed: readonly string[];
	/** Voided (作废): listed, not counted. */
	readonly voided: boolean;
	readonly branch: string;
}

export interface CustomerView {
	readonly id: string;
	readonly name: string;
	readonly fields: Record<string, unknown>;
	readonly balance: number;
	readonly creditLimit: number | null;
	readonly openItems: readonly DocState[];
	readonly ageing: AgeingBuckets;
	readonly statement: Statement;
	readonly history: readonly SalesRow[];
	readonly uninvoiced: readonly Uninvoiced[];
	readonly lastPrices: readonly (LastPrice & { p: string; name: string; unit: string })[];
	readonly invoices: readonly InvoiceRow[];
	/** Sales (net of returns), cost of goods sold and gross profit in the statement's period. */
	readonly sales: { revenue: number; cost: number; profit: number };
}

export function customerView(
	ledger: Ledger,
	names: MasterNames,
	id: string,
	from: number,
	to: number,
	today: number
): CustomerView | null {
	const rec = ledger.record('customer', id);
	if (!rec) return null;
	const fields = ledger.values('customer', id);
	const docs = customerDocs(ledger, id);
	let revenue = 0;
	let cost = 0;
	for (const d of docs) {
		if (d.status === 'voided' || d.at < from || d.at > to) continue;
		const sign =
			d.type === 'sales.delivery.posted' || d.type === 'sales.counter.posted'
				? 1
				: d.type === 'sales.return.posted'
					? -1
					: 0;
		revenue += sign * (d.total - d.tax);
		cost += sign * d.cost;
	}
	const history = docs
		.filter((d) => KIND_OF.has(d.type))
		.reverse()
		.slice(0, 200)
		.map((d) => ({
			id: d.id,
			kind: KIND_OF.get(d.type)!,
			number: d.number,
			at: d.at,
			customer: id,
			customerName: '',
			total: d.total,
			state: salesState(ledger, d, today),
			user: userName(names, d.user)
		}));
	return {
		id,
		name: partyName(names, 'customer', id),
		fields,
		balance: ledger.balanceOf('customer', id),
		creditLimit: typeof fields.creditLimit === 'number' ? fields.creditLimit : null,
		openItems: ledger.openItems('customer', id),
		ageing: ageing(ledger.openItems('customer', id), today),
		statement: customerStatement(docs, from, to),
		history,
		uninvoiced: uninvoiced(docs),
		lastPrices: [...lastPrices(docs, id)].map(([p, x]) => ({
			...x,
			p,
			name: productName(names, p),
			unit: names.products.get(p)?.unit ?? ''
		})),
		sales: { revenue, cost, profit: revenue - cost },
		invoices: invoiceRows(ledger, docs, 'sales.invoice.recorded')
	};
}

/** A statement as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese text). */
export function statementCsv(
	s: Statement,
	header: {
		customer: string;
		labels: Record<
			'date' | 'number' | 'type' | 'debit' | 'credit' | 'balance' | 'opening' | 'closing',
			string
		>;
	},
	typeLabel: (t: EventType) => string
): string {
	const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	const L = header.labels;
	const rows = [
		[header.customer, `${isoFromDay(s.from)} – ${isoFromDay(s.to)}`],
		[L.date, L.number, L.type, L.debit, L.credit, L.balance],
		[isoFromDay(s.from), '', L.opening, '', '', formatYuan(s.opening as never)],
		...s.rows.map((r) => [
			isoFromDay(r.at),
			r.number,
			typeLabel(r.type),
			r.debit ? formatYuan(r.debit as never) : '',
			r.credit ? formatYuan(r.credit as never) : '',
			formatYuan(r.balance as never)
		]),
		[
			isoFromDay(s.to),
			'',
			L.closing,
			formatYuan(s.debits as never),
			formatYuan(s.credits as never),
			formatYuan(s.closing as never)
		]
	];
	return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * What decides which deliveries, returns and invoices stand: the sales documents that bear on them (a
 * delivery needs its order approved and open; counter sales and quotations do not), voids, period
 * closings, roles and settings. The same events derive the same books, so while none of these arrives
 * the list below stands: a counter sale or a payment leaves it as it was.
 */
const DELIVERY_BEARING: readonly EventType[] = [
	...EVENT_TYPES.filter(
		(t) => t.startsWith('sales.') && t !== 'sales.counter.posted' && t !== 'sales.quote.placed'
	),
	'document.voided',
	'period.closed',
	'user.roles.set',
	'settings.updated'
];
const UNINVOICED = new WeakMap<
	Ledger,
	{
		key: number;
		list: readonly Uninvoiced[];
		/** The list with customers' names, for the names it was read with. */
		named?: { names: MasterNames; rows: (Uninvoiced & { customerName: string })[] };
	}
>();

/**
 * Deliveries not (fully) invoiced, all customers, oldest first (SR3): kept until an event that bears on
 * them arrives (the large demo's 34,002 took 330–990 ms to read, after every sale, while the tab was
 * open).
 */
export function uninvoicedAll(ledger: Ledger, names: MasterNames): (Uninvoiced & { customerName: string })[] {
	let key = 0;
	for (const t of DELIVERY_BEARING) key += ledger.eventsOfType(t).length;
	let kept = UNINVOICED.get(ledger);
	if (kept?.key !== key) {
		const docs: DocState[] = [];
		for (const e of ledger.eventsOfTypes([
			'sales.delivery.posted',
			'sales.return.posted',
			'sales.invoice.recorded'
		])) {
			const d = ledger.document(e.id);
			if (d) docs.push(d);
		}
		kept = { key, list: uninvoiced(docs) };
		UNINVOICED.set(ledger, kept);
	}
	if (kept.named?.names !== names)
		kept.named = {
			names,
			rows: kept.list.map((u) => ({
				...u,
				customerName: partyName(names, 'customer', u.delivery.party ?? '')
			}))
		};
	return kept.named.rows;
}

export interface CustomerRow {
	readonly id: string;
	readonly name: string;
	readonly balance: number;
	readonly creditLimit: number | null;
	readonly haystack: string;
}

export function customerRows(ledger: Ledger): CustomerRow[] {
	return ledger.records('customer').map((r) => {
		const v = ledger.values('customer', r.id);
		const name = typeof v.name === 'string' ? v.name : r.id;
		const code = typeof v.code === 'string' ? v.code : '';
		return {
			id: r.id,
			name,
			balance: ledger.balanceOf('customer', r.id),
			creditLimit: typeof v.creditLimit === 'number' ? v.creditLimit : null,
			haystack: `${name} ${code} ${r.id}`.toLowerCase()
		};
	});
}
