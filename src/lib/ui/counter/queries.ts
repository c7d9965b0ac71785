/**
 * What the counter reads from the ledger: where it may sell from, which accounts take which tender, the
 * day's counter sales (walking the ordered journal from its end, so a long history costs nothing), a
 * sale by its receipt number, the receipt of a sale or a refund, and the refunds made against a sale.
 */
import type { EventType } from '../../domain/catalogue';
import { shelfSavings } from '../../domain/counter/savings';
import type { TenderKind } from '../../domain/counter/tender';
import { fieldValueAt } from '../../domain/derive/master';
import type { DocState } from '../../domain/derive/state';
import { formatHlc } from '../../domain/hlc';
import type { Ledger } from '../../domain/ledger';
import { partyName, productName, userName, type MasterNames } from '../../projections/names';

export interface CounterWarehouse {
	readonly id: string;
	readonly name: string;
	readonly branch: string;
}

/** Warehouses of branches this user may sell for; the current branch's first. */
export function counterWarehouses(
	names: MasterNames,
	branch: string,
	may: (type: EventType, branch: string) => boolean
): CounterWarehouse[] {
	const out: CounterWarehouse[] = [];
	for (const w of names.warehouses.values())
		if (may('sales.counter.posted', w.branch || branch))
			out.push({ id: w.id, name: w.name, branch: w.branch });
	const rank = (w: CounterWarehouse) => (w.branch === branch ? 0 : 1);
	return out.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export interface CounterAccount {
	readonly id: string;
	readonly name: string;
	readonly kind: TenderKind;
}

const KINDS: ReadonlySet<string> = new Set(['cash', 'wechat', 'alipay', 'card', 'bank']);

export function counterAccounts(ledger: Ledger): CounterAccount[] {
	const out: CounterAccount[] = [];
	for (const r of ledger.records('account')) {
		const v = ledger.values('account', r.id);
		if (v.active === false || typeof v.kind !== 'string' || !KINDS.has(v.kind)) continue;
		out.push({ id: r.id, name: typeof v.name === 'string' ? v.name : r.id, kind: v.kind as TenderKind });
	}
	return out;
}

/** The cash drawer of a branch: a cash account named after it (A-CASH-B01), else the first one. */
export function drawerFor(cash: readonly CounterAccount[], branch: string): string | undefined {
	if (branch) {
		const own = cash.find((a) => a.id.endsWith(`-${branch}`) || a.id.endsWith(`_${branch}`));
		if (own) return own.id;
	}
	return cash[0]?.id;
}

export interface SaleRow {
	readonly id: string;
	readonly number: string;
	readonly time: number;
	readonly total: number;
	readonly lines: number;
	readonly customer: string;
	readonly returned: boolean;
}

/** Counter sales of `day` in a branch, newest first. */
export function counterSalesOf(
	ledger: Ledger,
	names: MasterNames,
	branch: string,
	day: number,
	limit = 100
): SaleRow[] {
	const out: SaleRow[] = [];
	const events = ledger.events;
	for (let i = events.length - 1; i >= 0 && events[i]!.at >= day && out.length < limit; i--) {
		const e = events[i]!;
		if (e.type !== 'sales.counter.posted' || e.at !== day || (branch && e.branch !== branch)) continue;
		const d = ledger.document(e.id);
		if (!d || d.status !== 'posted') continue;
		out.push({
			id: d.id,
			number: d.number,
			time: e.hlc.wall,
			total: d.total,
			lines: d.lines.length,
			customer: d.party ? partyName(names, 'customer', d.party) : '',
			returned: d.lines.some((l) => l.done > 0)
		});
	}
	return out.sort((a, b) => b.time - a.time);
}

/** A counter sale by its receipt number (`LS-B01-T1-000012`), any case and spacing. */
export function findSaleByNumber(ledger: Ledger, text: string): DocState | undefined {
	const number = text.replace(/\s+/g, '').toUpperCase();
	const m = /^LS-([^-]+)-(.+)-(\d+)$/.exec(number);
	if (!m) return undefined;
	const [, branch, device, no] = m;
	const wanted = Number(no);
	const events = ledger.events;
	for (let i = events.length - 1; i >= 0; i--) {
		const e = events[i]!;
		if (e.type !== 'sales.counter.posted' || e.payload.no !== wanted) continue;
		if (e.hlc.device.toUpperCase() !== device || (e.branch || 'HQ').toUpperCase() !== branch) continue;
		return ledger.document(e.id);
	}
	return undefined;
}

export interface ReceiptLine {
	readonly name: string;
	readonly unit: string;
	readonly q: number;
	readonly amount: number;
}

export interface Receipt {
	readonly kind: 'sale' | 'refund';
	readonly id: string;
	readonly number: string;
	readonly company: string;
	readonly branch: string;
	readonly time: number;
	readonly cashier: string;
	readonly customer: string;
	readonly lines: readonly ReceiptLine[];
	readonly total: number;
	readonly tax: number;
	readonly tenders: readonly { readonly name: string; readonly amount: number }[];
	readonly change: number;
	readonly onAccount: number;
	/** A refund: the sale it returns goods of. */
	readonly sale?: string;
	/** [K10] A sale: the shelf value of the lines sold below the shelf price, and what they saved (优惠). */
	readonly shelf: number;
	readonly saved: number;
}

/** The receipt of a counter sale or of a refund (a sales return with its refunds). */
export function receiptOf(ledger: Ledger, names: MasterNames, id: string): Receipt | undefined {
	const d = ledger.document(id);
	const e = ledger.event(id);
	if (!d || !e) return undefined;
	const company = ledger.values('settings', 'company').companyName;
	const sale = d.type === 'sales.return.posted' && d.ref ? ledger.document(d.ref) : undefined;
	const kind = d.type === 'sales.return.posted' ? 'refund' : 'sale';
	// The shelf price as it stood when the sale was recorded, not as it is when the receipt is reprinted.
	const hlc = formatHlc(e.hlc);
	const shelfAt = (p: string) => {
		const v = fieldValueAt(ledger.record('product', p), 'retailPrice', hlc);
		return typeof v === 'number' ? v : null;
	};
	const savings = kind === 'sale' ? shelfSavings(d.lines, shelfAt) : { shelf: 0, saved: 0 };
	return {
		kind,
		id: d.id,
		number: d.number,
		company: typeof company === 'string' ? company : '',
		branch: names.branches.get(d.branch) ?? d.branch,
		time: e.hlc.wall,
		cashier: userName(names, d.user),
		customer: d.party ? partyName(names, 'customer', d.party) : '',
		lines: d.lines.map((l) => ({
			name: productName(names, l.p),
			unit: names.products.get(l.p)?.unit ?? '',
			q: l.q,
			amount: l.amount
		})),
		total: d.total,
		tax: d.tax,
		tenders: (d.tenders ?? []).map((t) => ({
			name: names.accounts.get(t.account) ?? t.account,
			amount: t.amount
		})),
		change: d.change ?? 0,
		onAccount: d.credit ?? 0,
		...(sale ? { sale: sale.number } : {}),
		...savings
	};
}

export interface RefundSummary {
	readonly id: string;
	readonly number: string;
	readonly at: number;
	readonly total: number;
}

/** The refunds (sales returns) made against a counter sale, oldest first. */
export function refundsOf(ledger: Ledger, saleId: string): RefundSummary[] {
	const out: RefundSummary[] = [];
	for (const e of ledger.referencing(saleId)) {
		if (e.type !== 'sales.return.posted' || e.payload.delivery !== saleId) continue;
		const d = ledger.document(e.id);
		if (d) out.push({ id: d.id, number: d.number, at: d.at, total: d.total });
	}
	return out;
}
