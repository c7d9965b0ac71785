/**
 * State of the quotation / order form: what the clerk typed (kept as typed when saving fails), the
 * suggested prices (tier price less the customer's discount, last price), and the save through the
 * commands. Errors come back per field as codes and are shown in the user's language.
 */
import type { CommandContext } from '../../commands/context';
import {
	placeQuote,
	placeSalesOrder,
	resubmitSalesOrder,
	suggestedPrice,
	type Errors,
	type PlacedOrder
} from '../../commands/sales';
import { addDays, dayFromIso, isoFromDay } from '../../domain/dates';
import type { DocState } from '../../domain/derive/state';
import type { Ledger } from '../../domain/ledger';
import { formatQty, formatYuan, type Fen, type MilliQty } from '../../domain/money';
import { unitPriceOf } from '../../domain/sales/pricing';
import { isRecord, isText, readList } from '../form-draft';

export interface LineDraft {
	readonly key: number;
	readonly p: string;
	q: string;
	price: string;
	vat: number;
	/**
	 * Added before this device had derived the product or the customer (right after the app opens, the
	 * journal loads behind pages drawn from the saved read models): the suggested price and the VAT are
	 * filled in once both are known, unless the clerk typed a price first.
	 */
	awaiting?: boolean;
}

let nextKey = 1;

/**
 * 再来一单: a new order with the customer, warehouse, products and quantities of `doc`, each priced at
 * the customer's price now (SP1) rather than the old one, and the product's VAT rate now.
 */
export function repeatDraft(ledger: Ledger, doc: DocState, valid: string): SalesDraft {
	const customer = doc.party ?? '';
	return {
		customer,
		wh: doc.wh ?? '',
		valid,
		note: '',
		lines: doc.lines.map((l) => {
			const now = customer ? suggestedPrice(ledger, customer, l.p).price : null;
			const vat = ledger.values('product', l.p).vat;
			return {
				p: l.p,
				q: formatQty(l.q as MilliQty),
				price: formatYuan((now ?? unitPriceOf(l.amount, l.q)) as Fen),
				vat: typeof vat === 'number' ? vat : l.vat
			};
		})
	};
}

/** A quotation or order being typed, as kept on the device (U7): every field as typed. */
export interface SalesDraft {
	readonly customer: string;
	readonly wh: string;
	readonly valid: string;
	readonly note: string;
	readonly lines: readonly {
		readonly p: string;
		readonly q: string;
		readonly price: string;
		readonly vat: number;
	}[];
}

function readLine(v: unknown): SalesDraft['lines'][number] | null {
	if (!isRecord(v) || !isText(v.p) || v.p === '' || !isText(v.q) || !isText(v.price)) return null;
	if (!Number.isSafeInteger(v.vat) || (v.vat as number) < 0) return null;
	return { p: v.p, q: v.q, price: v.price, vat: v.vat as number };
}

/** A kept draft read back, or null when it is not one this form wrote. */
export function readSalesDraft(v: unknown): SalesDraft | null {
	if (!isRecord(v) || !isText(v.customer) || !isText(v.wh) || !isText(v.valid) || !isText(v.note))
		return null;
	const lines = readList(v.lines, readLine);
	return lines === null ? null : { customer: v.customer, wh: v.wh, valid: v.valid, note: v.note, lines };
}

export class SalesDocForm {
	readonly kind: 'quote' | 'order';
	customer = $state('');
	wh = $state('');
	valid = $state('');
	note = $state('');
	lines = $state<LineDraft[]>([]);
	#errors = $state.raw<Errors>({});
	#saving = $state(false);

	/** The rejected order being amended (customer and warehouse stay, the lines are replaced). */
	readonly amending: DocState | null;

	constructor(kind: 'quote' | 'order', today: number, amending: DocState | null = null) {
		this.kind = kind;
		this.valid = isoFromDay(addDays(today, 15));
		this.amending = amending;
		if (amending) {
			this.customer = amending.party ?? '';
			this.wh = amending.wh ?? '';
			this.lines = amending.lines.map((l) => ({
				key: nextKey++,
				p: l.p,
				q: formatQty(l.q as MilliQty),
				price: formatYuan(unitPriceOf(l.amount, l.q) as Fen),
				vat: l.vat
			}));
		}
	}

	/** What is typed, as kept on the device (U7); null when nothing is typed yet. */
	snapshot(): SalesDraft | null {
		if (this.customer === '' && this.lines.length === 0 && this.note.trim() === '') return null;
		return {
			customer: this.customer,
			wh: this.wh,
			valid: this.valid,
			note: this.note,
			lines: this.lines.map((l) => ({ p: l.p, q: l.q, price: l.price, vat: l.vat }))
		};
	}

	/** Puts a kept draft back, exactly as it was typed. */
	restore(d: SalesDraft): void {
		this.customer = d.customer;
		this.wh = d.wh;
		this.valid = d.valid;
		this.note = d.note;
		this.lines = d.lines.map((l) => ({ key: nextKey++, p: l.p, q: l.q, price: l.price, vat: l.vat }));
		this.#errors = {};
	}

	get errors(): Errors {
		return this.#errors;
	}

	/** Forgets a field's error once the clerk changes that field. */
	clearError(key: string): void {
		if (!(key in this.#errors)) return;
		const { [key]: _gone, ...rest } = this.#errors;
		this.#errors = rest;
	}

	get saving(): boolean {
		return this.#saving;
	}

	/** Adds a product at the customer's price (a second add of the same product adds one to its line). */
	add(ledger: Ledger, p: string): void {
		const same = this.lines.find((l) => l.p === p);
		if (same) {
			const n = Number.parseInt(same.q, 10);
			if (String(n) === same.q) same.q = String(n + 1);
			return;
		}
		const v = ledger.values('product', p);
		// Not yet derived: no price rather than a wrong one (retail for a wholesale customer).
		const ready = this.#derived(ledger, p);
		const price = ready ? suggestedPrice(ledger, this.customer, p).price : null;
		this.lines.push({
			key: nextKey++,
			p,
			q: '1',
			price: price === null ? '' : formatYuan(price as Fen),
			vat: typeof v.vat === 'number' ? v.vat : 1300,
			...(ready ? {} : { awaiting: true })
		});
	}

	/** Whether the ledger knows the product and the chosen customer (their prices and tier). */
	#derived(ledger: Ledger, p: string): boolean {
		return (
			ledger.record('product', p) !== undefined &&
			(this.customer === '' || ledger.record('customer', this.customer) !== undefined)
		);
	}

	/** Fills in the lines added before their product was derived (see `LineDraft.awaiting`). */
	fillAwaited(ledger: Ledger): void {
		for (const l of this.lines) {
			if (!l.awaiting || !this.#derived(ledger, l.p)) continue;
			l.awaiting = false;
			if (l.price.trim() !== '') continue;
			const { price } = suggestedPrice(ledger, this.customer, l.p);
			if (price !== null) l.price = formatYuan(price as Fen);
			const vat = ledger.values('product', l.p).vat;
			if (typeof vat === 'number') l.vat = vat;
		}
	}

	remove(key: number): void {
		this.lines = this.lines.filter((l) => l.key !== key);
	}

	async submit(
		ctx: CommandContext
	): Promise<{ id: string; number: string; checks?: PlacedOrder['checks'] } | null> {
		this.#saving = true;
		try {
			const input = {
				customer: this.customer,
				wh: this.wh,
				note: this.note,
				lines: this.lines.map((l) => ({ p: l.p, q: l.q, price: l.price, vat: l.vat }))
			};
			const r = this.amending
				? await resubmitSalesOrder(ctx, { order: this.amending.id, lines: input.lines })
				: this.kind === 'quote'
					? await placeQuote(ctx, { ...input, valid: dayFromIso(this.valid) })
					: await placeSalesOrder(ctx, input);
			if (!r.ok) {
				this.#errors = r.errors;
				return null;
			}
			this.#errors = {};
			return r.value;
		} finally {
			this.#saving = false;
		}
	}
}
