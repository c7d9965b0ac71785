/**
 * Purchasing read models for the pages: suggestions with names and prices, one order with its receipts
 * and what is still outstanding, a receipt with what can still be returned, and a supplier's account.
 * Documents are found by walking the journal's purchase events (cheap even for a long history: most
 * events are sales), never by expanding every document.
 */
import { EVENT_TYPES, type EventType } from '../domain/catalogue';
import { compareEvents } from '../domain/event';
import type { DocState, Ledger } from '../domain/ledger';
import {
	lastPrices,
	orderProgress,
	unitPrice,
	type LastPrice,
	type OrderProgress
} from '../domain/purchasing/orders';
import {
	openOrderQuantities,
	salesDemand,
	suggestQuantity,
	type Suggestion
} from '../domain/purchasing/suggest';
import {
	payables,
	priceHistory,
	supplierPerformance,
	type Payables,
	type Performance,
	type PriceHistory
} from '../domain/purchasing/suppliers';
import {
	notInvoiced,
	supplierStatement,
	type NotInvoiced,
	type Statement
} from '../domain/sales/receivables';
import { notApplied } from './cash-book';
import type { MasterNames } from './names';
import { invoiceRows, type InvoiceRow } from './sales';
import { openOrders } from './open-orders';

const PURCHASE_TYPES: readonly EventType[] = [
	'purchase.order.placed',
	'purchase.receipt.posted',
	'purchase.return.posted'
];

/**
 * Every purchase document (orders, receipts, returns), in journal order; with `supplier`, only that
 * supplier's (orders and receipts are told by their event, so only those documents are looked up).
 */
export function purchaseDocuments(ledger: Ledger, supplier?: string): DocState[] {
	const out: DocState[] = [];
	for (const e of ledger.eventsOfTypes(PURCHASE_TYPES)) {
		if (
			supplier !== undefined &&
			(e.type === 'purchase.order.placed' || e.type === 'purchase.receipt.posted') &&
			e.payload.supplier !== supplier
		)
			continue;
		const d = ledger.document(e.id);
		if (d && (supplier === undefined || d.party === supplier)) out.push(d);
	}
	return out;
}

export interface PurchaseOverview {
	/** Orders waiting for approval, in journal order. */
	readonly toApprove: DocState[];
	/** Approved orders with goods still to come, in journal order. */
	readonly toReceive: DocState[];
	/** The latest documents of the types asked for, newest first. */
	readonly latest: DocState[];
}

/**
 * The purchases page: what waits for approval or goods, and the latest documents. It reads the orders
 * and only as many of the latest documents as it shows: on a large company it used to build and sort a
 * quarter of a million documents after every change.
 */
export function purchaseOverview(
	ledger: Ledger,
	types: readonly EventType[],
	limit: number
): PurchaseOverview {
	const toApprove: DocState[] = [];
	const toReceive: DocState[] = [];
	for (const { doc } of openOrders(ledger, 'purchase.order.placed'))
		if (doc.status === 'pending') toApprove.push(doc);
		else if (doc.status === 'approved' || doc.status === 'partial') toReceive.push(doc);
	const latest: DocState[] = [];
	for (const e of ledger.latestOfTypes(types.filter((t) => PURCHASE_TYPES.includes(t)))) {
		if (latest.length >= limit) break;
		const d = ledger.document(e.id);
		if (d) latest.push(d);
	}
	return { toApprove, toReceive, latest };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export interface SuggestionRow {
	readonly key: string;
	readonly product: string;
	readonly productName: string;
	readonly code: string;
	readonly unit: string;
	readonly warehouse: string;
	readonly warehouseName: string;
	readonly supplier: string | null;
	readonly supplierName: string;
	/** Where the lead time came from. */
	readonly leadFrom: 'product' | 'supplier' | null;
	/** Fen per base unit (tax included): the supplier's last price, else the product's purchase price. */
	readonly price: number;
	readonly priceFrom: 'last' | 'product' | null;
	readonly vat: number;
	readonly s: Suggestion;
}

/**
 * Suggestions for every active product in every warehouse it has stock, sales, open orders or a
 * safety level in. The supplier is the product's own, else the one it was last received from.
 */
export function purchaseSuggestions(
	ledger: Ledger,
	names: MasterNames,
	today: number,
	windowDays: number
): SuggestionRow[] {
	const docs = purchaseDocuments(ledger);
	const demand = salesDemand(
		ledger.events,
		today - windowDays + 1,
		today,
		(id) => ledger.document(id)?.status === 'voided',
		(id) => ledger.document(id)
	);
	const onOrder = openOrderQuantities(docs);
	const lastSupplier = new Map<string, string>();
	for (const d of docs)
		if (d.type === 'purchase.receipt.posted' && d.status !== 'voided' && d.party)
			for (const l of d.lines) lastSupplier.set(l.p, d.party);
	const prices = new Map<string, Map<string, LastPrice>>();
	const pricesOf = (supplier: string) => {
		let m = prices.get(supplier);
		if (!m) prices.set(supplier, (m = lastPrices(docs, supplier)));
		return m;
	};

	const keys = new Set<string>([...demand.keys(), ...onOrder.keys()]);
	for (const s of ledger.stockLevels())
		if (s.onHand || s.incoming || s.reserved) keys.add(`${s.product}|${s.warehouse}`);
	const safety = new Map<string, { min: number; max?: number }>();
	for (const r of ledger.records('product')) {
		const levels = ledger.values('product', r.id).safety;
		if (!levels || typeof levels !== 'object') continue;
		for (const [wh, level] of Object.entries(levels as Record<string, { min: number; max?: number }>)) {
			safety.set(`${r.id}|${wh}`, level);
			keys.add(`${r.id}|${wh}`);
		}
	}

	const rows: SuggestionRow[] = [];
	for (const key of keys) {
		const [product, warehouse] = key.split('|') as [string, string];
		const info = names.products.get(product);
		if (!info || !info.active || !names.warehouses.has(warehouse)) continue;
		const v = ledger.values('product', product);
		const supplier = str(v.supplier) ?? lastSupplier.get(product) ?? null;
		const supplierLead = supplier ? int(ledger.values('supplier', supplier).leadTimeDays) : undefined;
		const productLead = int(v.leadTimeDays);
		const level = ledger.stockOf(product, warehouse);
		const sl = safety.get(key);
		const s = suggestQuantity({
			product,
			warehouse,
			available: level.available,
			incoming: (onOrder.get(key) ?? 0) + level.incoming,
			sold: demand.get(key) ?? 0,
			windowDays,
			leadTimeDays: productLead ?? supplierLead,
			...(sl ? { min: sl.min, ...(sl.max !== undefined ? { max: sl.max } : {}) } : {})
		});
		const last = supplier ? pricesOf(supplier).get(product) : undefined;
		rows.push({
			key,
			product,
			productName: info.name,
			code: info.code,
			unit: info.unit,
			warehouse,
			warehouseName: names.warehouses.get(warehouse)!.name,
			supplier,
			supplierName: supplier ? (names.suppliers.get(supplier) ?? supplier) : '',
			leadFrom: productLead !== undefined ? 'product' : supplierLead !== undefined ? 'supplier' : null,
			price: last?.price ?? info.purchasePrice ?? 0,
			priceFrom: last ? 'last' : info.purchasePrice !== null ? 'product' : null,
			vat: info.vat ?? 1300,
			s
		});
	}
	return rows.sort(
		(a, b) => b.s.suggested - a.s.suggested || a.code.localeCompare(b.code) || a.key.localeCompare(b.key)
	);
}

export interface DocNote {
	readonly type: EventType;
	readonly user: string;
	readonly device: string;
	readonly at: number;
	/** The comment of an approval or rejection, the reason of a close. */
	readonly text: string;
}

/** The history of a document with the comments and reasons written with it. */
export function documentNotes(ledger: Ledger, doc: DocState): DocNote[] {
	return doc.history.map((h) => {
		const e = ledger.event(h.id);
		const p = (e?.payload ?? {}) as { comment?: string; reason?: string; note?: string };
		return {
			type: h.type,
			user: h.user,
			device: h.hlc.device,
			at: h.at,
			text: p.comment ?? p.reason ?? p.note ?? ''
		};
	});
}

export interface OrderView {
	readonly order: DocState;
	readonly progress: OrderProgress;
	readonly receipts: readonly DocState[];
	readonly returns: readonly DocState[];
	readonly notes: readonly DocNote[];
	readonly overReceipts: number;
	readonly expected?: number;
	readonly note: string;
	/** Display units the clerk ordered in, per line. */
	readonly units: readonly string[];
}

export function orderView(ledger: Ledger, id: string): OrderView | null {
	const order = ledger.document(id);
	if (!order || order.type !== 'purchase.order.placed') return null;
	const receipts: DocState[] = [];
	const returns: DocState[] = [];
	for (const e of ledger.referencing(id)) {
		if (e.type !== 'purchase.receipt.posted') continue;
		const d = ledger.document(e.id);
		if (d) receipts.push(d);
	}
	const returnEvents = receipts.flatMap((r) =>
		ledger.referencing(r.id).filter((e) => e.type === 'purchase.return.posted')
	);
	for (const e of returnEvents.sort(compareEvents)) {
		const d = ledger.document(e.id);
		if (d) returns.push(d);
	}
	const placed = ledger.event(id);
	const payload = placed?.type === 'purchase.order.placed' ? placed.payload : undefined;
	const submitted = [...order.history].reverse().find((h) => h.type === 'purchase.order.submitted');
	const latest = submitted ? ledger.event(submitted.id) : placed;
	const lines = latest && 'lines' in latest.payload ? (latest.payload.lines as { unit?: string }[]) : [];
	return {
		order,
		progress: orderProgress(order, receipts),
		receipts,
		returns,
		notes: documentNotes(ledger, order),
		overReceipts: ledger.alerts().filter((a) => a.kind === 'over-receipt' && a.events[0] === id).length,
		...(order.due !== undefined ? { expected: order.due } : {}),
		note: payload?.note ?? '',
		units: order.lines.map((_, i) => lines[i]?.unit ?? '')
	};
}

export interface ReceiptView {
	readonly receipt: DocState;
	readonly order: DocState | null;
	readonly returns: readonly DocState[];
	/** Per line: what can still be returned, and its unit cost (fen per base unit) from the receipt. */
	readonly returnable: readonly { readonly left: number; readonly unitCost: number }[];
	/** Why goods were rejected at inspection, per line ('' when nothing was). */
	readonly reasons: readonly string[];
	/**
	 * [PU15] The supplier's invoices in force that bill it (their numbers as printed on them), and what
	 * is still to invoice (its amount less returns less what they billed; 0 for a voided receipt).
	 */
	readonly invoicing: { readonly invoiceNos: readonly string[]; readonly rest: number };
}

export function receiptView(ledger: Ledger, id: string): ReceiptView | null {
	const receipt = ledger.document(id);
	if (!receipt || receipt.type !== 'purchase.receipt.posted') return null;
	const returns: DocState[] = [];
	const invoices: DocState[] = [];
	const invoiceNos: string[] = [];
	for (const e of ledger.referencing(id)) {
		const d = ledger.document(e.id);
		if (!d) continue;
		if (e.type === 'purchase.return.posted') returns.push(d);
		else if (e.type === 'purchase.invoice.recorded') {
			invoices.push(d);
			if (d.status === 'posted') invoiceNos.push(e.payload.number);
		}
	}
	const pending = notInvoiced(
		[receipt, ...returns, ...invoices],
		'purchase.receipt.posted',
		'purchase.return.posted',
		'purchase.invoice.recorded'
	);
	const posted = ledger.event(id);
	const payloadLines = posted?.type === 'purchase.receipt.posted' ? posted.payload.lines : [];
	return {
		receipt,
		reasons: receipt.lines.map((_, i) => payloadLines[i]?.reason ?? ''),
		order: receipt.ref ? (ledger.document(receipt.ref) ?? null) : null,
		returns,
		returnable: receipt.lines.map((l) => ({
			left: Math.max(0, l.q - l.done),
			unitCost: unitPrice({ q: l.q, amount: l.cost })
		})),
		invoicing: { invoiceNos, rest: pending[0]?.rest ?? 0 }
	};
}

export interface SupplierView {
	readonly id: string;
	readonly name: string;
	readonly termsDays: number | null;
	readonly leadTimeDays: number | null;
	readonly contact: string;
	readonly phones: readonly string[];
	readonly payables: Payables;
	readonly balance: number;
	readonly performance: Performance;
	readonly prices: readonly (PriceHistory & {
		readonly name: string;
		readonly spec: string;
		readonly unit: string;
	})[];
	readonly openOrders: readonly DocState[];
	readonly documents: readonly DocState[];
	/** [PU15] Goods received not (fully) invoiced by the supplier yet (已入库未收票), oldest first. */
	readonly uninvoiced: readonly NotInvoiced[];
	/** [PU15] The supplier's invoices received (收票), newest first. */
	readonly invoices: readonly InvoiceRow[];
}

export function supplierView(
	ledger: Ledger,
	names: MasterNames,
	id: string,
	today: number
): SupplierView | null {
	if (!ledger.record('supplier', id)) return null;
	const v = ledger.values('supplier', id);
	const docs = purchaseDocuments(ledger, id);
	const receipts = docs.filter((d) => d.type === 'purchase.receipt.posted');
	return {
		id,
		name: str(v.name) ?? id,
		termsDays: int(v.termsDays) ?? null,
		leadTimeDays: int(v.leadTimeDays) ?? null,
		contact: str(v.contact) ?? '',
		phones: Array.isArray(v.phones) ? (v.phones as string[]) : [],
		payables: payables(ledger.openItems('supplier', id), today),
		balance: ledger.balanceOf('supplier', id),
		performance: supplierPerformance(receipts, (orderId) => ledger.document(orderId)?.due),
		prices: priceHistory(receipts).map((h) => ({
			...h,
			name: names.products.get(h.product)?.name ?? h.product,
			spec: names.products.get(h.product)?.spec ?? '',
			unit: names.products.get(h.product)?.unit ?? ''
		})),
		openOrders: docs.filter(
			(d) =>
				d.type === 'purchase.order.placed' &&
				(d.status === 'pending' || d.status === 'approved' || d.status === 'partial' || d.status === 'draft')
		),
		documents: docs.slice().reverse(),
		...supplierInvoicing(ledger, id, docs)
	};
}

export interface SupplierUninvoiced {
	readonly supplier: string;
	/** Receipts not (fully) invoiced, and what is left to invoice on them. */
	readonly count: number;
	readonly amount: number;
}

/**
 * [PU15] Per supplier, the goods received not invoiced yet (已入库未收票), most first. Empty for a
 * small-scale taxpayer (no deductible VAT, `vatDeductible` false) that has never recorded a supplier's
 * invoice: such a shop does not chase invoices, and every receipt would be listed.
 */
export function uninvoicedBySupplier(ledger: Ledger): SupplierUninvoiced[] {
	if (
		ledger.values('settings', 'company').vatDeductible === false &&
		ledger.eventsOfType('purchase.invoice.recorded').length === 0
	)
		return [];
	const by = new Map<string, { count: number; amount: number }>();
	for (const u of receivedNotInvoiced(ledger)) {
		const s = by.get(u.supplier) ?? { count: 0, amount: 0 };
		by.set(u.supplier, { count: s.count + 1, amount: s.amount + u.rest });
	}
	return [...by]
		.map(([supplier, s]) => ({ supplier, ...s }))
		.filter((s) => s.amount > 0)
		.sort((a, b) => b.amount - a.amount || a.supplier.localeCompare(b.supplier));
}

/** A receipt with something left to invoice (or invoiced twice offline: a negative rest). */
export interface ReceiptToInvoice {
	readonly id: string;
	readonly supplier: string;
	readonly total: number;
	readonly tax: number;
	readonly rest: number;
}

/**
 * Per ledger, the total and VAT of each receipt and return once derived: figures of the event's own
 * lines, which no later event changes (a return is a document of its own; a refused or voided one is
 * told apart by `notApplied`). Reading 130,000 receipts' figures took 150 ms on the large demo, after
 * every change, on the pages that list what is not invoiced.
 */
const FIGURES = new WeakMap<Ledger, Map<string, readonly [total: number, tax: number]>>();

function figuresOf(ledger: Ledger, id: string): readonly [number, number] | undefined {
	let kept = FIGURES.get(ledger);
	if (!kept) FIGURES.set(ledger, (kept = new Map()));
	let f = kept.get(id);
	if (!f) {
		const d = ledger.documentFigures(id);
		if (!d) return undefined;
		kept.set(id, (f = [d.total, d.tax]));
	}
	return f;
}

/**
 * What decides which receipts, returns and invoices stand: the purchase documents themselves (a receipt
 * needs its order approved and open), voids, period closings, roles and settings (an order's approval
 * limit). Events are only ever added, and the same events derive the same books, so while no event of
 * these types arrives the answer below stands; a sale, a payment or a transfer leaves it as it was.
 */
const BEARING: readonly EventType[] = [
	...EVENT_TYPES.filter((t) => t.startsWith('purchase.')),
	'document.voided',
	'period.closed',
	'user.roles.set',
	'settings.updated'
];
const RECEIVED = new WeakMap<Ledger, { key: number; list: readonly ReceiptToInvoice[] }>();

/**
 * [PU15] Goods received not (fully) invoiced, every supplier's, in journal order: what `notInvoiced`
 * says of all the receipts, for the pages that read every receipt the company ever had (the PU15
 * property holds it to each supplier's page). Kept until an event that bears on it arrives (`BEARING`).
 */
export function receivedNotInvoiced(ledger: Ledger): readonly ReceiptToInvoice[] {
	let key = 0;
	for (const t of BEARING) key += ledger.eventsOfType(t).length;
	const kept = RECEIVED.get(ledger);
	if (kept?.key === key) return kept.list;
	const list = scanReceived(ledger);
	RECEIVED.set(ledger, { key, list });
	return list;
}

function scanReceived(ledger: Ledger): ReceiptToInvoice[] {
	const skip = notApplied(ledger);
	const returned = new Map<string, number>();
	for (const e of ledger.eventsOfType('purchase.return.posted')) {
		const f = skip.has(e.id) ? undefined : figuresOf(ledger, e.id);
		if (f) returned.set(e.payload.receipt, (returned.get(e.payload.receipt) ?? 0) + f[0]);
	}
	const invoiced = new Map<string, number>();
	for (const e of ledger.eventsOfType('purchase.invoice.recorded')) {
		const d = ledger.document(e.id);
		if (d && d.status !== 'voided')
			for (const x of d.settled ?? []) invoiced.set(x.ref, (invoiced.get(x.ref) ?? 0) + x.amount);
	}
	const out: ReceiptToInvoice[] = [];
	for (const e of ledger.eventsOfType('purchase.receipt.posted')) {
		const f = skip.has(e.id) ? undefined : figuresOf(ledger, e.id);
		if (!f) continue;
		const rest = f[0] - (returned.get(e.id) ?? 0) - (invoiced.get(e.id) ?? 0);
		if (rest !== 0) out.push({ id: e.id, supplier: e.payload.supplier, total: f[0], tax: f[1], rest });
	}
	return out;
}

/** [PU15] What a supplier has invoiced of the goods received, and their invoices. */
function supplierInvoicing(
	ledger: Ledger,
	supplier: string,
	docs: readonly DocState[]
): Pick<SupplierView, 'uninvoiced' | 'invoices'> {
	const invoices: DocState[] = [];
	for (const e of ledger.eventsOfType('purchase.invoice.recorded')) {
		const d = e.payload.supplier === supplier ? ledger.document(e.id) : undefined;
		if (d) invoices.push(d);
	}
	return {
		uninvoiced: notInvoiced(
			[...docs, ...invoices],
			'purchase.receipt.posted',
			'purchase.return.posted',
			'purchase.invoice.recorded'
		),
		invoices: invoiceRows(ledger, invoices, 'purchase.invoice.recorded')
	};
}

const PAYABLE_TYPES: readonly EventType[] = [
	'purchase.receipt.posted',
	'purchase.return.posted',
	'payment.made',
	'opening.balance'
];

/** Every document that moves what the company owes `supplier`, in journal order. */
export function payableDocuments(ledger: Ledger, supplier: string): DocState[] {
	const out: DocState[] = [];
	for (const e of ledger.eventsOfTypes(PAYABLE_TYPES)) {
		if (e.type === 'opening.balance' && e.payload.party !== 'supplier') continue;
		const d = ledger.document(e.id);
		if (d && d.party === supplier) out.push(d);
	}
	return out;
}

/** [PU12] The supplier's statement for business days from..to: opening, every movement, closing. */
export function supplierStatementOf(ledger: Ledger, supplier: string, from: number, to: number): Statement {
	return supplierStatement(payableDocuments(ledger, supplier), from, to);
}
