/**
 * [RP6] Ageing of receivables (应收账龄) or payables (应付账龄) across every customer or supplier on a
 * business day: each party's open items by days past their due day (SR2's buckets), the advances it
 * holds unapplied (预收, 预付), and what is owed in all. Parties are ordered by what is most overdue
 * (over 90 days first, then 61–90, …), so the list reads as whom to chase (or pay) first.
 *
 * [RP8] On an earlier day (a month end, 截至上月末) it reads the books as they stand now, as of that
 * day: what was open after the last event dated on or before it (`openItemsAsOf`).
 */
import type { EventType } from '../domain/catalogue';
import { ageing, type AgeingBuckets } from '../domain/sales/receivables';
import { isoFromDay } from '../domain/dates';
import { ItemList } from '../domain/derive/open-items';
import { compareEvents, type AnyEvent } from '../domain/event';
import { refundTotal } from '../domain/derive/refunds';
import { writeCsv } from '../domain/import/csv';
import type { Ledger } from '../domain/ledger';
import { formatYuan, type Fen } from '../domain/money';
import { partyName, type MasterNames } from './names';

export type AgeingKind = 'customer' | 'supplier';

export interface AgeingRow extends AgeingBuckets {
	readonly id: string;
	readonly name: string;
	/** Money received or paid ahead, not yet set against a document. */
	readonly unapplied: number;
	/** Past due, in all. */
	readonly overdue: number;
	/** The oldest open item's days past due (0 when nothing is overdue). */
	readonly oldest: number;
}

export interface AgeingReport {
	readonly kind: AgeingKind;
	readonly today: number;
	readonly rows: readonly AgeingRow[];
	readonly total: AgeingBuckets & { readonly unapplied: number; readonly overdue: number };
}

/**
 * The report on `day`. Today (or later) it reads the ledger's open items; on an earlier day, what
 * `openItemsAsOf` finds was open then.
 */
export function ageingReport(
	ledger: Ledger,
	names: MasterNames,
	kind: AgeingKind,
	today: number,
	day = today
): AgeingReport {
	const rows: AgeingRow[] = [];
	const row = (id: string, items: readonly AgedItem[], unapplied: number) => {
		const buckets = ageing(items, day);
		let oldest = 0;
		for (const item of items) if (item.open) oldest = Math.max(oldest, day - (item.due ?? item.at));
		rows.push({
			id,
			name: partyName(names, kind, id),
			...buckets,
			unapplied,
			overdue: buckets.total - buckets.current,
			oldest
		});
	};
	if (day >= today) {
		for (const b of ledger.balances())
			if (b.kind === kind && (b.openItems || b.unapplied))
				row(b.id, ledger.openItems(kind, b.id), b.unapplied);
	} else
		for (const [id, p] of openItemsAsOf(ledger, kind, day))
			if (p.items.length || p.unapplied) row(id, p.items, p.unapplied);
	rows.sort(
		(a, b) =>
			b.over90 - a.over90 ||
			b.d61to90 - a.d61to90 ||
			b.d31to60 - a.d31to60 ||
			b.d1to30 - a.d1to30 ||
			b.total - a.total ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
	const sum = (k: keyof AgeingBuckets | 'unapplied' | 'overdue') => rows.reduce((s, r) => s + r[k], 0);
	return {
		kind,
		today: day,
		rows,
		total: {
			current: sum('current'),
			d1to30: sum('d1to30'),
			d31to60: sum('d31to60'),
			d61to90: sum('d61to90'),
			over90: sum('over90'),
			total: sum('total'),
			unapplied: sum('unapplied'),
			overdue: sum('overdue')
		}
	};
}

interface AgedItem {
	readonly open?: number;
	readonly due?: number;
	readonly at: number;
}

/** An item open on the day asked for: the document, its due day and what was still open of it. */
export interface ItemAsOf {
	readonly id: string;
	readonly number: string;
	readonly at: number;
	readonly due: number;
	readonly open: number;
}

/** A party's open items (settling order: due day, then id) and unapplied credit on a day. */
export interface PartyAsOf {
	readonly items: readonly ItemAsOf[];
	readonly unapplied: number;
}

const CUSTOMER_TYPES: readonly EventType[] = [
	'opening.balance',
	'sales.delivery.posted',
	'sales.counter.posted',
	'sales.return.posted',
	'payment.received'
];
const SUPPLIER_TYPES: readonly EventType[] = [
	'opening.balance',
	'purchase.receipt.posted',
	'purchase.return.posted',
	'payment.made'
];

/**
 * The events up to `day` that may move a customer's (supplier's) account, in derivation order. A counter sale
 * paid in full moves none, and on a large company most sales to named customers (members) are: they
 * are left out before the sort (1.6 million counter sales on the large demo, some 320,000 to named
 * customers, a few hundred left on account).
 */
function partyEvents(ledger: Ledger, kind: AgeingKind, day: number): AnyEvent[] {
	const out: AnyEvent[] = [];
	for (const type of kind === 'customer' ? CUSTOMER_TYPES : SUPPLIER_TYPES)
		for (const e of ledger.eventsOfType(type)) {
			if (e.at > day || (e.type === 'opening.balance' && e.payload.party !== kind)) continue;
			if (e.type === 'sales.counter.posted') {
				const p = e.payload;
				if (!p.customer) continue;
				let owed = p.change ?? 0;
				for (const l of p.lines) owed += l.amount;
				for (const t of p.tenders) owed -= t.amount;
				if (owed <= 0) continue;
			}
			out.push(e);
		}
	return out.sort(compareEvents);
}

/** One party's open items while `openItemsAsOf` replays them. */
class Book {
	readonly list = new ItemList();
	/** What is open of each of the party's documents (0 once settled). */
	readonly open = new Map<string, number>();
	unapplied = 0;

	/** A new item; credit already held is applied at once (LedgerState.openItemAt). */
	add(id: string, due: number, amount: number): void {
		if (!this.list.dueOf.has(id)) this.list.insert(this.list.position(due, id), id, due);
		this.open.set(id, amount);
		if (this.unapplied > 0) this.settle(this.unapplied, [], true);
	}

	/** A return against a document: what it no longer absorbs becomes credit (LedgerState.reduceItem). */
	reduce(id: string, amount: number): void {
		const open = this.open.get(id) ?? 0;
		const fromItem = Math.min(open, amount);
		this.open.set(id, open - fromItem);
		if (open - fromItem === 0 && this.list.dueOf.has(id)) this.list.remove(id);
		this.unapplied += amount - fromItem;
	}

	/** Money in or out: named items first, then oldest due; the rest is credit (LedgerState.settle). */
	settle(amount: number, allocations: readonly { ref: string; amount: number }[], reapply = false): void {
		let left = amount;
		const done: string[] = [];
		const take = (id: string, want: number) => {
			const open = this.open.get(id) ?? 0;
			const x = Math.min(open, want, left);
			if (!open || want <= 0 || x <= 0) return;
			this.open.set(id, open - x);
			if (open - x === 0) done.push(id);
			left -= x;
		};
		for (const a of allocations) if (this.list.dueOf.has(a.ref)) take(a.ref, a.amount);
		const ids = this.list.ids;
		for (let i = 0; i < ids.length && left > 0; i++) take(ids[i]!, left);
		for (const id of done) this.list.remove(id);
		this.unapplied = reapply ? left : this.unapplied + left;
	}

	/** Money paid back on a return: it uses up credit first, the rest is owed on the return (T12). */
	refund(id: string, at: number, amount: number): void {
		const fromCredit = Math.min(this.unapplied, amount);
		this.unapplied -= fromCredit;
		if (amount > fromCredit) this.add(id, at, amount - fromCredit);
	}
}

/**
 * [RP8] Every party's open items and credit at the end of business day `day`, by replaying what moves
 * them (openings, deliveries or receipts, counter sales on account, returns, refunds, payments) in
 * derivation order up to that day, the way the ledger settles them (F1, F2, T12). The books as they
 * stand now: a document voided since is left out, as voiding cancels it from its own day on (V1).
 * Tested against a ledger of only the events up to that day.
 */
export function openItemsAsOf(ledger: Ledger, kind: AgeingKind, day: number): Map<string, PartyAsOf> {
	const books = new Map<string, Book>();
	const heads = new Map<string, { number: string; at: number }>();
	const book = (party: string) => {
		let b = books.get(party);
		if (!b) books.set(party, (b = new Book()));
		return b;
	};
	for (const e of partyEvents(ledger, kind, day)) {
		const d = ledger.document(e.id);
		if (!d || d.status === 'voided') continue;
		heads.set(e.id, { number: d.number, at: e.at });
		switch (e.type) {
			case 'opening.balance':
				if (e.payload.amount > 0) book(e.payload.id).add(e.id, e.payload.due ?? e.at, e.payload.amount);
				else if (e.payload.amount < 0) book(e.payload.id).settle(-e.payload.amount, []);
				break;
			case 'sales.delivery.posted':
			case 'purchase.receipt.posted': {
				let total = 0;
				for (const l of e.payload.lines) total += l.amount;
				if (total > 0) book(d.party!).add(e.id, d.due ?? e.at, total);
				break;
			}
			case 'sales.counter.posted':
				if (d.credit) book(d.party!).add(e.id, e.at, d.credit);
				break;
			case 'sales.return.posted':
			case 'purchase.return.posted': {
				if (!d.party) break; // a walk-in's return: money back at the counter, no account
				let back = 0;
				for (const l of d.lines) back += l.amount;
				const b = book(d.party);
				b.reduce(d.ref!, back);
				if (e.type === 'sales.return.posted' && e.payload.refunds)
					b.refund(e.id, e.at, refundTotal(e.payload.refunds));
				break;
			}
			case 'payment.received':
			case 'payment.made':
				book(d.party!).settle(e.payload.amount, e.payload.allocations ?? []);
				break;
		}
	}
	const out = new Map<string, PartyAsOf>();
	for (const [party, b] of books) {
		const items = b.list.ids.map((id, i) => ({
			id,
			...heads.get(id)!,
			due: b.list.dues[i]!,
			open: b.open.get(id)!
		}));
		out.set(party, { items, unapplied: b.unapplied });
	}
	return out;
}

export type AgeingLabels = Record<
	'party' | 'current' | 'd1to30' | 'd31to60' | 'd61to90' | 'over90' | 'total' | 'unapplied' | 'sum' | 'asOf',
	string
>;

/** The report as CSV (with a byte-order mark, so Excel reads the Chinese text), amounts in yuan. */
export function ageingCsv(r: AgeingReport, L: AgeingLabels): string {
	const money = (v: number) => formatYuan(v as Fen);
	const cells = (x: AgeingBuckets & { unapplied: number }) => [
		money(x.current),
		money(x.d1to30),
		money(x.d31to60),
		money(x.d61to90),
		money(x.over90),
		money(x.total),
		money(x.unapplied)
	];
	return writeCsv([
		[`${L.asOf} ${isoFromDay(r.today)}`],
		[L.party, L.current, L.d1to30, L.d31to60, L.d61to90, L.over90, L.total, L.unapplied],
		...r.rows.map((row) => [row.name, ...cells(row)]),
		[L.sum, ...cells(r.total)]
	]);
}
