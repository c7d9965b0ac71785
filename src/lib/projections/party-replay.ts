/**
 * A customer's or supplier's account replayed from its own events, the way the ledger settles it (F1,
 * F2, T12): items open as deliveries or receipts (and counter sales left on account, and opening
 * debts) are posted; payments settle the items they name, then the oldest due; what is left is credit,
 * applied to the next item at once; a return takes its amount off the document it returns, the rest
 * becoming credit; a refund beyond a return's credit is owed on the return. Voided documents are left
 * out, as voiding cancels them from their own place (V1); refused ones never moved anything.
 *
 * The ledger keeps only where each account stands now. Replaying one lets a report read where it stood
 * on an earlier day (RP8), and when each item was settled (RP10). Tested against the ledger: a replay
 * up to a day equals a ledger derived from only the events up to it.
 */
import type { EventType } from '../domain/catalogue';
import { ItemList } from '../domain/derive/open-items';
import { refundTotal } from '../domain/derive/refunds';
import { compareEvents, type AnyEvent } from '../domain/event';
import type { Ledger } from '../domain/ledger';

export type PartyKind = 'customer' | 'supplier';

/** Money meeting an item: a payment settling it, or credit applied to it as it opened. */
export interface Settlement {
	readonly item: string;
	/** The item's own day and due day. */
	readonly itemAt: number;
	readonly due: number;
	readonly amount: number;
	/** The day the money met the item. */
	readonly at: number;
}

/** One party's account while it is replayed. */
export class PartyBook {
	readonly list = new ItemList();
	/** What is open of each of the party's documents (0 once settled). */
	readonly open = new Map<string, number>();
	/** Each document's number and day. */
	readonly heads = new Map<string, { number: string; at: number }>();
	unapplied = 0;
	/** The day of the event being replayed. */
	day = 0;
	/** Every settlement so far, when asked for (`replayParties`' `log`). */
	readonly settlements: Settlement[] | null;

	constructor(log: boolean) {
		this.settlements = log ? [] : null;
	}

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
			this.settlements?.push({
				item: id,
				itemAt: this.heads.get(id)?.at ?? this.day,
				due: this.list.dueOf.get(id)!,
				amount: x,
				at: this.day
			});
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
 * The events up to `day` that may move a customer's (supplier's) account, in derivation order. A counter
 * sale paid in full moves none, and on a large company most sales to named customers (members) are:
 * they are left out before the sort (1.6 million counter sales on the large demo, some 320,000 to
 * named customers, a few hundred left on account).
 */
export function partyEvents(ledger: Ledger, kind: PartyKind, day: number): AnyEvent[] {
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

/**
 * Replays `events` (in derivation order; any that do not move a `kind` account are passed over) into a
 * book per party. With `log`, each book also lists its settlements.
 */
export function replayParties(
	ledger: Ledger,
	kind: PartyKind,
	events: Iterable<AnyEvent>,
	log = false
): Map<string, PartyBook> {
	const books = new Map<string, PartyBook>();
	const book = (party: string, day: number) => {
		let b = books.get(party);
		if (!b) books.set(party, (b = new PartyBook(log)));
		b.day = day;
		return b;
	};
	const customer = kind === 'customer';
	for (const e of events) {
		switch (e.type) {
			case 'opening.balance':
				if (e.payload.party !== kind) continue;
				break;
			case 'sales.delivery.posted':
			case 'sales.counter.posted':
			case 'sales.return.posted':
			case 'payment.received':
				if (!customer) continue;
				break;
			case 'purchase.receipt.posted':
			case 'purchase.return.posted':
			case 'payment.made':
				if (customer) continue;
				break;
			default:
				continue;
		}
		const d = ledger.document(e.id);
		if (!d || d.status === 'voided') continue;
		switch (e.type) {
			case 'opening.balance': {
				const b = book(e.payload.id, e.at);
				b.heads.set(e.id, { number: d.number, at: e.at });
				if (e.payload.amount > 0) b.add(e.id, e.payload.due ?? e.at, e.payload.amount);
				else if (e.payload.amount < 0) b.settle(-e.payload.amount, []);
				break;
			}
			case 'sales.delivery.posted':
			case 'purchase.receipt.posted': {
				let total = 0;
				for (const l of e.payload.lines) total += l.amount;
				const b = book(d.party!, e.at);
				b.heads.set(e.id, { number: d.number, at: e.at });
				if (total > 0) b.add(e.id, d.due ?? e.at, total);
				break;
			}
			case 'sales.counter.posted':
				if (d.credit) {
					const b = book(d.party!, e.at);
					b.heads.set(e.id, { number: d.number, at: e.at });
					b.add(e.id, e.at, d.credit);
				}
				break;
			case 'sales.return.posted':
			case 'purchase.return.posted': {
				if (!d.party) break; // a walk-in's return: money back at the counter, no account
				let back = 0;
				for (const l of d.lines) back += l.amount;
				const b = book(d.party, e.at);
				b.heads.set(e.id, { number: d.number, at: e.at });
				b.reduce(d.ref!, back);
				if (e.type === 'sales.return.posted' && e.payload.refunds)
					b.refund(e.id, e.at, refundTotal(e.payload.refunds));
				break;
			}
			case 'payment.received':
			case 'payment.made': {
				const b = book(d.party!, e.at);
				b.heads.set(e.id, { number: d.number, at: e.at });
				b.settle(e.payload.amount, e.payload.allocations ?? []);
				break;
			}
		}
	}
	return books;
}
