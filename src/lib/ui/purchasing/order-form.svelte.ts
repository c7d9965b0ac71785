/**
 * The purchase order form's state: header, lines as typed (kept when saving fails), errors per field,
 * the supplier's last prices, and the save through placePurchaseOrder / resubmitPurchaseOrder.
 */
import type { CommandContext } from '../../commands/context';
import {
	approvalLimit,
	placePurchaseOrder,
	resubmitPurchaseOrder,
	type OrderInput
} from '../../commands/purchasing';
import { isoFromDay } from '../../domain/dates';
import type { DocState, Ledger } from '../../domain/ledger';
import { formatDecimal, MoneyError, mulDivRound, parseQty, parseYuan } from '../../domain/money';
import { lastPrices, needsApproval, orderLine, type LastPrice } from '../../domain/purchasing/orders';
import type { ProductInfo } from '../../projections/names';
import { purchaseDocuments } from '../../projections/purchasing';
import { isRecord, isText, readList } from '../form-draft';
import type { Errors } from './messages';

export interface UnitChoice {
	readonly name: string;
	readonly factor: number;
}

export interface LineDraft {
	p: string;
	name: string;
	unit: string;
	factor: number;
	qty: string;
	price: string;
	vat: number;
}

/** A purchase order being typed, as kept on the device (U7): every field as typed. */
export interface OrderDraft {
	readonly supplier: string;
	readonly wh: string;
	readonly expected: string;
	readonly note: string;
	readonly lines: readonly LineDraft[];
}

function readLine(v: unknown): LineDraft | null {
	if (!isRecord(v) || !isText(v.p) || v.p === '' || !isText(v.name) || !isText(v.unit)) return null;
	if (!isText(v.qty) || !isText(v.price)) return null;
	if (!Number.isSafeInteger(v.factor) || (v.factor as number) < 1) return null;
	if (!Number.isSafeInteger(v.vat) || (v.vat as number) < 0) return null;
	return {
		p: v.p,
		name: v.name,
		unit: v.unit,
		factor: v.factor as number,
		qty: v.qty,
		price: v.price,
		vat: v.vat as number
	};
}

/** A kept draft read back, or null when it is not one this form wrote. */
export function readOrderDraft(v: unknown): OrderDraft | null {
	if (!isRecord(v) || !isText(v.supplier) || !isText(v.wh) || !isText(v.expected) || !isText(v.note))
		return null;
	const lines = readList(v.lines, readLine);
	return lines === null
		? null
		: { supplier: v.supplier, wh: v.wh, expected: v.expected, note: v.note, lines };
}

const fen = (n: number) => formatDecimal(n, 2);
const NO_PRICES: ReadonlyMap<string, LastPrice> = new Map();

/** The order just placed on this device, for the confirmation on its page. */
export const placed = $state({ id: '' });

/** The base unit and the extra units (个/盒/箱) of a product. */
export function unitsOf(ledger: Ledger, p: string): UnitChoice[] {
	const v = ledger.values('product', p);
	const base = typeof v.unit === 'string' && v.unit ? v.unit : '';
	const extra = Array.isArray(v.units) ? (v.units as UnitChoice[]) : [];
	return [{ name: base, factor: 1 }, ...extra.filter((u) => u.factor > 1)];
}

/** An order's lines as the form shows them: in the units they were ordered in, at the prices ordered. */
function linesOf(ledger: Ledger, doc: DocState, units: readonly string[]): LineDraft[] {
	return doc.lines.map((l, i) => {
		const choice = unitsOf(ledger, l.p).find((u) => u.name === units[i]) ?? { name: '', factor: 1 };
		const qtyInUnit = Math.round(l.q / choice.factor);
		return {
			p: l.p,
			name: String(ledger.values('product', l.p).name ?? l.p),
			unit: choice.name,
			factor: choice.factor,
			qty: formatDecimal(qtyInUnit, 3).replace(/\.?0+$/, ''),
			price: fen(qtyInUnit > 0 ? mulDivRound(l.amount, 1000, qtyInUnit) : 0),
			vat: l.vat
		};
	});
}

/**
 * 再来一单: a new order to the same supplier and warehouse for the same products and quantities, each
 * at the supplier's last price now (PU8; the order's own price when there is none), with no expected day.
 */
export function repeatOrder(ledger: Ledger, doc: DocState, units: readonly string[]): OrderDraft {
	const supplier = doc.party ?? '';
	const last = supplier ? lastPrices(purchaseDocuments(ledger, supplier), supplier) : NO_PRICES;
	return {
		supplier,
		wh: doc.wh ?? '',
		expected: '',
		note: '',
		lines: linesOf(ledger, doc, units).map((l) => {
			const lp = last.get(l.p);
			return lp ? { ...l, price: fen(lp.price * l.factor) } : l;
		})
	};
}

export class OrderForm {
	supplier = $state('');
	wh = $state('');
	expected = $state('');
	note = $state('');
	lines = $state<LineDraft[]>([]);
	#errors = $state.raw<Errors>({});
	#saving = $state(false);
	readonly editing: DocState | null;

	constructor(editing: DocState | null = null, ledger?: Ledger, units: readonly string[] = []) {
		this.editing = editing;
		if (editing && ledger) {
			this.supplier = editing.party ?? '';
			this.wh = editing.wh ?? '';
			this.expected = editing.due !== undefined ? isoFromDay(editing.due) : '';
			this.lines = linesOf(ledger, editing, units);
		}
	}

	get saving(): boolean {
		return this.#saving;
	}

	/** What is typed, as kept on the device (U7); null when nothing is typed yet. */
	snapshot(): OrderDraft | null {
		if (this.supplier === '' && this.lines.length === 0 && this.note.trim() === '') return null;
		return {
			supplier: this.supplier,
			wh: this.wh,
			expected: this.expected,
			note: this.note,
			lines: this.lines.map((l) => ({ ...l }))
		};
	}

	/** Puts a kept draft back, exactly as it was typed. */
	restore(d: OrderDraft): void {
		this.supplier = d.supplier;
		this.wh = d.wh;
		this.expected = d.expected;
		this.note = d.note;
		this.lines = d.lines.map((l) => ({ ...l }));
		this.#errors = {};
	}

	error(field: string) {
		return this.#errors[field];
	}

	lastPrices(ledger: Ledger): ReadonlyMap<string, LastPrice> {
		return this.supplier ? lastPrices(purchaseDocuments(ledger, this.supplier), this.supplier) : NO_PRICES;
	}

	add(info: ProductInfo, last: ReadonlyMap<string, LastPrice>): void {
		const price = last.get(info.id)?.price ?? info.purchasePrice ?? 0;
		this.lines.push({
			p: info.id,
			name: info.name,
			unit: info.unit,
			factor: 1,
			qty: '',
			price: price ? fen(price) : '',
			vat: info.vat ?? 1300
		});
	}

	remove(i: number): void {
		this.lines.splice(i, 1);
	}

	/** A line's amount and the order's total, from what parses (errors show on save). */
	amountOf(l: LineDraft): number | null {
		try {
			return orderLine(parseQty(l.qty), l.factor, parseYuan(l.price)).amount;
		} catch (e) {
			if (e instanceof MoneyError) return null;
			throw e;
		}
	}

	get total(): number {
		return this.lines.reduce((s, l) => s + (this.amountOf(l) ?? 0), 0);
	}

	needsApproval(ledger: Ledger): { yes: boolean; limit?: number } {
		const limit = approvalLimit(ledger);
		return { yes: needsApproval(this.total, limit), ...(limit !== undefined ? { limit } : {}) };
	}

	input(): OrderInput {
		return {
			supplier: this.supplier,
			wh: this.wh,
			expected: this.expected,
			note: this.note,
			lines: this.lines.map((l) => ({
				p: l.p,
				unit: l.unit,
				factor: l.factor,
				qty: l.qty,
				price: l.price,
				vat: l.vat
			}))
		};
	}

	/** Saves; the new order's id (or the edited one's) when it worked. */
	async submit(ctx: CommandContext, branch: string): Promise<string | null> {
		if (this.#saving) return null;
		this.#saving = true;
		try {
			if (this.editing) {
				const r = await resubmitPurchaseOrder(ctx, this.editing.id, this.input());
				this.#errors = r.ok ? {} : r.errors;
				return r.ok ? this.editing.id : null;
			}
			const r = await placePurchaseOrder(ctx, this.input(), branch);
			this.#errors = r.ok ? {} : r.errors;
			return r.ok ? r.value.id : null;
		} finally {
			this.#saving = false;
		}
	}
}
