/**
 * [RP9] A product's trading (经营情况), on its page: what it sold month by month over the last twelve
 * months and in the last 30 days (quantity, net sales, gross profit, counted exactly as the sales
 * summary RP4 counts them), what it sells a day lately and how many days the stock available lasts at
 * that pace, and what it was last bought at, receipt by receipt.
 *
 * Read from the product's own stock moves (D12): every sale and receipt line moves stock, so the
 * product's documents are found without passing over the company's. Returns are few and are read
 * from their own list.
 */
import { isoFromDay } from '../domain/dates';
import { compareEvents, firstOnOrAfter, type AnyEvent } from '../domain/event';
import type { Ledger } from '../domain/ledger';
import { mulDivRound, splitInclusiveTax, type Fen, type VatRate } from '../domain/money';
import { unitPrice } from '../domain/purchasing/orders';
import { partyName, type MasterNames } from './names';
import { monthsOf } from './profit';
import { firstOfMonth, monthIndex, tradeFigures, type TradeAcc, type TradeSummaryRow } from './trade-summary';

export type TradeFigures = Omit<TradeSummaryRow, 'key' | 'name' | 'detail' | 'unit' | 'qty'> & {
	/** Net quantity sold (thousandths of the base unit). */
	readonly qty: number;
};

export interface ProductMonth extends TradeFigures {
	/** `yyyy-mm`. */
	readonly month: string;
}

export interface ProductReceipt {
	readonly id: string;
	readonly number: string;
	readonly at: number;
	readonly supplier: string;
	readonly supplierName: string;
	/** Of this product on the receipt (thousandths of the base unit). */
	readonly qty: number;
	/** Tax included (fen). */
	readonly amount: number;
	/** Fen per base unit, tax included, rounded half away from zero. */
	readonly unitPrice: number;
}

export interface ProductTrading {
	readonly product: string;
	/** The last twelve calendar months, the current one (to today) last. */
	readonly months: readonly ProductMonth[];
	/** The 30 days to today. */
	readonly recent: TradeFigures;
	/** Sold a day over those 30 days (thousandths of the base unit, rounded half away from zero). */
	readonly perDay: number;
	/** Available in every warehouse now (on hand less reserved). */
	readonly available: number;
	/** Whole days the stock available lasts at `perDay` (rounded down); null when nothing sold. */
	readonly coverDays: number | null;
	/** The latest receipts of it (up to `RECEIPTS_SHOWN`), newest first. */
	readonly receipts: readonly ProductReceipt[];
}

export const RECENT_DAYS = 30;
export const RECEIPTS_SHOWN = 10;

const SALE_TYPES = new Set<string>(['sales.counter.posted', 'sales.delivery.posted']);

interface SaleLine {
	readonly p: string;
	readonly q: number;
	readonly amount: number;
	readonly vat: number;
}

const emptyAcc = (): TradeAcc => ({ docs: 0, qty: 0, amount: 0, returns: 0, tax: 0, cost: 0 });

const withQty = (a: TradeAcc): TradeFigures => ({ ...tradeFigures(a), qty: a.qty });

export function productTrading(
	ledger: Ledger,
	names: MasterNames,
	product: string,
	today: number
): ProductTrading {
	const spans = monthsOf(firstOfMonth(monthIndex(isoFromDay(today)) - 11), today);
	const from = Math.min(spans[0]!.from, today - RECENT_DAYS + 1);
	const accs = spans.map(emptyAcc);
	const recent = emptyAcc();
	const accsOn = (day: number): TradeAcc[] => {
		const out: TradeAcc[] = [];
		for (let i = spans.length - 1; i >= 0; i--)
			if (spans[i]!.from <= day && day <= spans[i]!.to) {
				out.push(accs[i]!);
				break;
			}
		if (day > today - RECENT_DAYS && day <= today) out.push(recent);
		return out;
	};

	// The product's sales (with the cost their moves took out) and receipts, each once: a document with
	// two lines of it moved it twice. A move's value is minus the cost of the line it took out.
	const sales = new Map<string, { e: AnyEvent; cost: number }>();
	const receipts = new Map<string, AnyEvent>();
	let available = 0;
	for (const level of ledger.stockOfProduct(product)) {
		available += level.available;
		for (const m of ledger.stockMoves(product, level.warehouse)) {
			const e = m.event;
			if (SALE_TYPES.has(e.type)) {
				if (e.at < from || e.at > today) continue;
				const s = sales.get(e.id);
				if (s) s.cost -= m.value;
				else sales.set(e.id, { e, cost: -m.value });
			} else if (e.type === 'purchase.receipt.posted') receipts.set(e.id, e);
		}
	}

	for (const { e, cost } of sales.values()) {
		const into = accsOn(e.at);
		let qty = 0;
		let amount = 0;
		let tax = 0;
		for (const l of (e as AnyEvent & { payload: { lines: readonly SaleLine[] } }).payload.lines)
			if (l.p === product) {
				qty += l.q;
				amount += l.amount;
				tax += splitInclusiveTax(l.amount as Fen, l.vat as VatRate).tax;
			}
		for (const a of into) {
			a.docs++;
			a.qty += qty;
			a.amount += amount;
			a.tax += tax;
			a.cost += cost;
		}
	}

	// Returns, as the sales summary takes them: the amount and tax back, and the cost of what was restocked.
	const returns = ledger.eventsOfType('sales.return.posted');
	for (let i = firstOnOrAfter(returns, from); i < returns.length && returns[i]!.at <= today; i++) {
		const e = returns[i]!;
		const d = ledger.document(e.id);
		if (!d || d.status === 'voided' || !d.ref || !ledger.event(d.ref)) continue;
		const into = accsOn(e.at);
		for (const l of d.lines) {
			if (l.p !== product) continue;
			const tax = splitInclusiveTax(l.amount as Fen, l.vat as VatRate).tax;
			for (const a of into) {
				a.returns += l.amount;
				a.tax -= tax;
				a.cost -= l.restock ? l.cost : 0;
				a.qty -= l.q;
			}
		}
	}

	const perDay = mulDivRound(recent.qty, 1, RECENT_DAYS);
	return {
		product,
		months: spans.map((s, i) => ({ month: s.month, ...withQty(accs[i]!) })),
		recent: withQty(recent),
		perDay,
		available,
		coverDays: recent.qty > 0 ? Math.max(0, Math.floor((available * RECENT_DAYS) / recent.qty)) : null,
		receipts: latestReceipts(ledger, names, product, [...receipts.values()])
	};
}

function latestReceipts(
	ledger: Ledger,
	names: MasterNames,
	product: string,
	events: AnyEvent[]
): ProductReceipt[] {
	const out: ProductReceipt[] = [];
	events.sort(compareEvents);
	for (let i = events.length - 1; i >= 0 && out.length < RECEIPTS_SHOWN; i--) {
		const e = events[i]!;
		const d = ledger.document(e.id);
		if (!d || d.status === 'voided') continue;
		let qty = 0;
		let amount = 0;
		for (const l of d.lines)
			if (l.p === product) {
				qty += l.q;
				amount += l.amount;
			}
		if (qty <= 0) continue;
		const supplier = d.party ?? '';
		out.push({
			id: e.id,
			number: d.number,
			at: e.at,
			supplier,
			supplierName: partyName(names, 'supplier', supplier),
			qty,
			amount,
			unitPrice: unitPrice({ q: qty, amount })
		});
	}
	return out;
}
