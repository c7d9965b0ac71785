/**
 * The stock card (库存台账 / 出入库明细) of a product in a warehouse: every document that moved it in a
 * period, oldest first, with the quantity in or out, its value, and the balance after it, between an
 * opening and a closing balance. Built from the ledger's stock moves (D12), so it shows exactly what
 * derivation did: a voided document or a refused event is not on it, and its closing balance is the
 * stock on hand.
 */
import { isoFromDay } from '../domain/dates';
import type { AnyEvent } from '../domain/event';
import { writeCsv } from '../domain/import/csv';
import type { Ledger } from '../domain/ledger';
import { formatQty, formatYuan, type Fen, type MilliQty } from '../domain/money';
import { partyName, productDetail, productName, warehouseName, type MasterNames } from './names';

export interface StockCardRow {
	/** The event that moved the stock (a transfer's receipt is its own event). */
	readonly event: string;
	/** The document shown for it: the event's own, or the transfer a receipt belongs to. */
	readonly doc: string;
	readonly type: AnyEvent['type'];
	readonly number: string;
	readonly at: number;
	/**
	 * Supplier, customer or the other warehouse of a transfer; an adjustment's reason as recorded (see
	 * `adjustReasonText`); empty when there is none.
	 */
	readonly counterpart: string;
	readonly qtyIn: number;
	readonly qtyOut: number;
	/** Value in, or cost out (fen, positive both ways). */
	readonly valueIn: number;
	readonly valueOut: number;
	/** On hand after this document. */
	readonly balance: number;
}

export interface StockCard {
	readonly product: string;
	readonly name: string;
	readonly detail: string;
	readonly unit: string;
	readonly warehouse: string;
	readonly warehouseName: string;
	readonly from: number;
	readonly to: number;
	/** On hand before `from`. */
	readonly opening: number;
	readonly rows: readonly StockCardRow[];
	readonly qtyIn: number;
	readonly qtyOut: number;
	readonly valueIn: number;
	readonly valueOut: number;
	/** On hand after `to`. */
	readonly closing: number;
	/** On hand, value and unit cost now (after every document, whatever the period). */
	readonly now: { readonly onHand: number; readonly value: number; readonly unitCost: number };
}

/** The stock card of `product` in `warehouse` for the business days `from`…`to` (inclusive). */
export function stockCard(
	ledger: Ledger,
	names: MasterNames,
	product: string,
	warehouse: string,
	from: number,
	to: number
): StockCard {
	let opening = 0;
	let balance = 0;
	const rows: StockCardRow[] = [];
	let last: { event: AnyEvent; q: number; value: number } | null = null;
	const flush = (): void => {
		if (!last) return;
		balance += last.q;
		if (last.event.at >= from && last.event.at <= to) rows.push(row(ledger, names, warehouse, last, balance));
		else if (last.event.at < from) opening = balance;
		last = null;
	};
	// Moves come one per document line: the lines of one document that moved this product add up to one row.
	for (const m of ledger.stockMoves(product, warehouse)) {
		if (last && last.event === m.event) {
			last.q += m.q;
			last.value += m.value;
			continue;
		}
		flush();
		last = { event: m.event, q: m.q, value: m.value };
	}
	flush();
	const closing = rows.length > 0 ? rows[rows.length - 1]!.balance : opening;
	const level = ledger.stockOf(product, warehouse);
	return {
		product,
		name: productName(names, product),
		detail: productDetail(names, product),
		unit: names.products.get(product)?.unit ?? '',
		warehouse,
		warehouseName: warehouseName(names, warehouse),
		from,
		to,
		opening,
		rows,
		qtyIn: rows.reduce((s, r) => s + r.qtyIn, 0),
		qtyOut: rows.reduce((s, r) => s + r.qtyOut, 0),
		valueIn: rows.reduce((s, r) => s + r.valueIn, 0),
		valueOut: rows.reduce((s, r) => s + r.valueOut, 0),
		closing,
		now: { onHand: level.onHand, value: level.value, unitCost: level.unitCost }
	};
}

function row(
	ledger: Ledger,
	names: MasterNames,
	warehouse: string,
	m: { event: AnyEvent; q: number; value: number },
	balance: number
): StockCardRow {
	const e = m.event;
	// A transfer's receipt changes the transfer document; every other mover is a document of its own.
	const docId = e.type === 'stock.transfer.received' ? e.payload.ref : e.id;
	const doc = ledger.document(docId);
	return {
		event: e.id,
		doc: docId,
		type: e.type,
		number: doc?.number ?? '',
		at: e.at,
		counterpart: counterpart(names, warehouse, doc, e),
		qtyIn: Math.max(m.q, 0),
		qtyOut: Math.max(-m.q, 0),
		valueIn: m.q >= 0 ? m.value : 0,
		valueOut: m.q < 0 ? -m.value : 0,
		balance
	};
}

function counterpart(
	names: MasterNames,
	warehouse: string,
	doc: ReturnType<Ledger['document']>,
	e: AnyEvent
): string {
	if (!doc) return '';
	// An adjustment has no other side: its reason stands there (as recorded: `adjustReasonText` reads it).
	if (e.type === 'stock.adjusted') return e.payload.reason;
	if (doc.type === 'stock.transfer.shipped')
		return warehouseName(names, doc.wh === warehouse ? doc.to! : doc.wh!);
	if (!doc.party) return '';
	return partyName(names, doc.type.startsWith('purchase.') ? 'supplier' : 'customer', doc.party);
}

export type StockCardLabels = Record<
	| 'date'
	| 'type'
	| 'number'
	| 'counterpart'
	| 'in'
	| 'out'
	| 'balance'
	| 'amount'
	| 'opening'
	| 'total'
	| 'unit',
	string
>;

/**
 * The card as CSV for a spreadsheet (with a byte-order mark, so Excel reads the Chinese text):
 * quantities as decimals in the product's unit, values in yuan only when `withValues` (roles that may
 * see cost).
 */
export function stockCardCsv(
	card: StockCard,
	L: StockCardLabels,
	typeLabel: (t: AnyEvent['type']) => string,
	withValues: boolean
): string {
	const qty = (q: number) => formatQty(q as MilliQty);
	const money = (v: number) => formatYuan(v as Fen);
	const values = (v: string) => (withValues ? [v] : []);
	return writeCsv([
		[
			[card.name, card.detail].filter(Boolean).join(' '),
			card.warehouseName,
			`${isoFromDay(card.from)} – ${isoFromDay(card.to)}`,
			card.unit ? `${L.unit}: ${card.unit}` : ''
		],
		[L.date, L.type, L.number, L.counterpart, L.in, L.out, L.balance, ...values(L.amount)],
		[isoFromDay(card.from), L.opening, '', '', '', '', qty(card.opening), ...values('')],
		...card.rows.map((r) => [
			isoFromDay(r.at),
			typeLabel(r.type),
			r.number,
			r.counterpart,
			r.qtyIn ? qty(r.qtyIn) : '',
			r.qtyOut ? qty(r.qtyOut) : '',
			qty(r.balance),
			...values(money(r.qtyIn ? r.valueIn : r.valueOut))
		]),
		[
			isoFromDay(card.to),
			L.total,
			'',
			'',
			qty(card.qtyIn),
			qty(card.qtyOut),
			qty(card.closing),
			...values('')
		]
	]);
}
