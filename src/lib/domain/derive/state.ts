/**
 * The derived state and the primitive moves every handler is built from: stock in/out with costing,
 * reservations, in-transit, receivable/payable items and cash. Handlers validate first and then call
 * these moves, so an event is applied whole or not at all.
 */
import type { EventType } from '../catalogue';
import {
	convertPool,
	EMPTY_POOL,
	issue,
	issueAt,
	receive,
	type CostingMethod,
	type CostPool
} from '../costing/pool';
import type { AnyEvent } from '../event';
import { Table, UndoStore } from './store';

export interface StockTotal {
	readonly p: string;
	readonly wh: string;
	readonly onHand: number;
	readonly reserved: number;
	/** On its way here from a transfer (shipped, not yet received). */
	readonly incoming: number;
	readonly pool: CostPool;
	/** Outbound events since stock was last non-negative: the facts of an oversell. */
	readonly shortBy: readonly string[];
}

export interface StockCell {
	readonly p: string;
	readonly wh: string;
	readonly batch: string;
	readonly expiry?: number;
	readonly onHand: number;
}

export type DocStatus =
	| 'pending' // 待审核
	| 'draft' // 草稿 (rejected, to be amended)
	| 'approved' // 已审核
	| 'partial' // 部分入库 / 部分发货
	| 'complete' // 已入库 / 已发货
	| 'closed' // 已关闭 / 已完成
	| 'posted' // 已过账
	| 'in-transit' // 在途
	| 'received' // 已收货 (transfer)
	| 'voided'; // 已作废

export interface DocLine {
	readonly p: string;
	readonly q: number;
	readonly amount: number;
	readonly vat: number;
	/** Received / delivered / returned so far against this line (orders, transfers, posted docs). */
	readonly done: number;
	/** Stock value that moved with this line (posted documents): the basis of returns and reversals. */
	readonly cost: number;
	readonly batch?: string;
	readonly expiry?: number;
	readonly rejected?: number;
	/** Stocktakes: the book quantity at count time. */
	readonly book?: number;
	/** Sales returns: back on the shelf (true) or written off. */
	readonly restock?: boolean;
	/** Follow-up lines: the line of the referenced document. */
	readonly ref?: number;
}

export interface DocHistoryEntry {
	readonly event: string;
	readonly type: EventType;
	readonly user: string;
	readonly device: string;
	readonly at: number;
}

export interface DocState {
	readonly id: string;
	readonly type: EventType;
	readonly number: string;
	readonly branch: string;
	readonly at: number;
	readonly user: string;
	readonly status: DocStatus;
	readonly party?: string;
	readonly wh?: string;
	readonly to?: string;
	readonly ref?: string;
	readonly lines: readonly DocLine[];
	/** Tax-inclusive total (fen). */
	readonly total: number;
	readonly tax: number;
	/** Cost of goods (sales) or stock value (purchases) moved by this document. */
	readonly cost: number;
	/** Receivable / payable items: due day and what is still open. */
	readonly due?: number;
	readonly open?: number;
	/** Payments: the account, and the items this payment settled (restored if it is voided). */
	readonly account?: string;
	readonly settled?: readonly { readonly ref: string; readonly amount: number }[];
	/** Counter sales: how it was paid, the change given, and the part left on account. */
	readonly tenders?: readonly { readonly account: string; readonly amount: number }[];
	readonly change?: number;
	readonly credit?: number;
	readonly history: readonly DocHistoryEntry[];
}

export interface PartyState {
	readonly kind: 'customer' | 'supplier';
	readonly id: string;
	/** Receivable (customer) or payable (supplier), fen; negative means prepaid/credit. */
	readonly balance: number;
	/** Open items (document ids) oldest due first: allocation of unassigned payments follows it. */
	readonly items: readonly string[];
	/** Money received/paid that no open item has absorbed yet. */
	readonly unapplied: number;
}

export interface AccountState {
	readonly id: string;
	readonly balance: number;
}

export interface EventAlert {
	readonly id: string;
	readonly kind: 'concurrent-edit' | 'over-receipt' | 'transfer-short' | 'over-delivery' | 'clock-drift';
	readonly events: readonly string[];
	readonly facts: Readonly<Record<string, string | number>>;
}

export interface Rejection {
	readonly event: string;
	readonly type: EventType;
	readonly code: string;
	readonly reason: string;
	readonly user: string;
	readonly device: string;
	readonly at: number;
}

export interface Quarantine {
	readonly event: string;
	readonly type: EventType;
	readonly at: number;
	readonly through: number;
	readonly user: string;
	readonly device: string;
}

export interface RoleState {
	readonly roles: readonly string[];
	readonly branches: readonly string[];
}

export interface FieldVersion {
	readonly value: unknown;
	readonly hlc: string;
	readonly event: string;
	readonly user: string;
	readonly base?: string;
	readonly prev?: FieldVersion;
}

export interface RecordState {
	readonly kind: string;
	readonly id: string;
	readonly created: string;
	readonly fields: Readonly<Record<string, FieldVersion>>;
	/** The highest HLC among its field versions: what an editor "saw". */
	readonly version: string;
}

export type Meta = { costing: CostingMethod; vatDeductible: boolean };

const EMPTY: readonly string[] = Object.freeze([]);

export class LedgerState {
	readonly store = new UndoStore();
	readonly totals = new Table<StockTotal>('totals');
	readonly cells = new Table<StockCell>('cells');
	readonly docs = new Table<DocState>('docs');
	readonly parties = new Table<PartyState>('parties');
	readonly accounts = new Table<AccountState>('accounts');
	readonly records = new Table<RecordState>('records');
	readonly roles = new Table<RoleState>('roles');
	readonly alerts = new Table<EventAlert>('alerts');
	readonly rejected = new Table<Rejection>('rejected');
	readonly quarantined = new Table<Quarantine>('quarantined');
	readonly meta = new Table<Meta>('meta');

	get settings(): Meta {
		return this.meta.map.get('m') ?? DEFAULT_META;
	}

	setMeta(m: Meta): void {
		this.store.set(this.meta, 'm', m);
	}

	total(p: string, wh: string): StockTotal {
		return (
			this.totals.map.get(p + '|' + wh) ?? {
				p,
				wh,
				onHand: 0,
				reserved: 0,
				incoming: 0,
				pool: EMPTY_POOL,
				shortBy: EMPTY
			}
		);
	}

	#putTotal(t: StockTotal): void {
		this.store.set(this.totals, t.p + '|' + t.wh, t);
	}

	#moveCell(p: string, wh: string, batch: string, q: number, expiry?: number): void {
		const key = p + '|' + wh + '|' + batch;
		const c = this.cells.map.get(key);
		const exp = expiry ?? c?.expiry;
		const next: StockCell = {
			p,
			wh,
			batch,
			onHand: (c ? c.onHand : 0) + q,
			...(exp !== undefined ? { expiry: exp } : {})
		};
		this.store.set(this.cells, key, next);
	}

	#pool(t: StockTotal): CostPool {
		return convertPool(t.pool, this.settings.costing);
	}

	/** Goods in at a known value. */
	stockIn(p: string, wh: string, batch: string | undefined, q: number, value: number, expiry?: number): void {
		const t = this.total(p, wh);
		const onHand = t.onHand + q;
		const pool = receive(this.settings.costing, this.#pool(t), q, value);
		this.#putTotal({ ...t, onHand, pool, shortBy: onHand - t.reserved >= 0 ? EMPTY : t.shortBy });
		this.#moveCell(p, wh, batch ?? '', q, expiry);
	}

	/** Goods out at the pool's cost; returns the cost. `event` is remembered if stock goes short. */
	stockOut(p: string, wh: string, batch: string | undefined, q: number, event: string): number {
		const t = this.total(p, wh);
		const out = issue(this.settings.costing, this.#pool(t), q);
		this.#putShort(t, t.onHand - q, t.reserved, out.pool, event);
		this.#moveCell(p, wh, batch ?? '', -q);
		return out.value;
	}

	/** Goods out at a known value (returns to supplier, reversals). */
	stockOutAt(
		p: string,
		wh: string,
		batch: string | undefined,
		q: number,
		value: number,
		event: string
	): void {
		const t = this.total(p, wh);
		const pool = issueAt(this.settings.costing, this.#pool(t), q, value);
		this.#putShort(t, t.onHand - q, t.reserved, pool, event);
		this.#moveCell(p, wh, batch ?? '', -q);
	}

	#putShort(t: StockTotal, onHand: number, reserved: number, pool: CostPool, event: string): void {
		const available = onHand - reserved;
		const shortBy = available >= 0 ? EMPTY : t.shortBy.length < 20 ? [...t.shortBy, event] : t.shortBy;
		this.#putTotal({ ...t, onHand, reserved, pool, shortBy });
	}

	/** Reserve (dq > 0) or release (dq < 0) stock for sales orders. */
	reserve(p: string, wh: string, dq: number, event: string): void {
		if (dq === 0) return;
		const t = this.total(p, wh);
		if (dq > 0) this.#putShort(t, t.onHand, t.reserved + dq, t.pool, event);
		else {
			const reserved = t.reserved + dq;
			this.#putTotal({ ...t, reserved, shortBy: t.onHand - reserved >= 0 ? EMPTY : t.shortBy });
		}
	}

	incoming(p: string, wh: string, dq: number): void {
		const t = this.total(p, wh);
		this.#putTotal({ ...t, incoming: t.incoming + dq });
	}

	putDoc(d: DocState): void {
		this.store.set(this.docs, d.id, d);
	}

	doc(id: string): DocState | undefined {
		return this.docs.map.get(id);
	}

	// ---- money ----

	party(kind: 'customer' | 'supplier', id: string): PartyState {
		return this.parties.map.get(kind[0] + ':' + id) ?? { kind, id, balance: 0, items: EMPTY, unapplied: 0 };
	}

	#putParty(p: PartyState): void {
		this.store.set(this.parties, p.kind[0] + ':' + p.id, p);
	}

	/**
	 * A new receivable/payable item (the document must already be stored with `open` = its amount).
	 * Money already received and not yet applied is applied to it at once.
	 */
	openItem(kind: 'customer' | 'supplier', partyId: string, docId: string): void {
		const party = this.party(kind, partyId);
		const doc = this.doc(docId)!;
		const items = insertByDue(party.items, doc, (id) => this.doc(id));
		this.#putParty({ ...party, balance: party.balance + (doc.open ?? 0), items });
		if (party.unapplied > 0) this.settle(kind, partyId, party.unapplied, [], true);
	}

	/** Reduces an open item by `amount` (a return, a void). */
	reduceItem(kind: 'customer' | 'supplier', partyId: string, docId: string, amount: number): void {
		const party = this.party(kind, partyId);
		const doc = this.doc(docId);
		if (!doc) return;
		const open = doc.open ?? 0;
		const fromItem = Math.min(open, amount);
		this.putDoc({ ...doc, open: open - fromItem });
		// What the item no longer absorbs (it was already paid) becomes a credit to the party.
		const credit = amount - fromItem;
		const items = open - fromItem === 0 ? party.items.filter((i) => i !== docId) : party.items;
		this.#putParty({ ...party, balance: party.balance - amount, items, unapplied: party.unapplied + credit });
	}

	/**
	 * Money in from a customer / out to a supplier: applied first to the named items, then to the
	 * oldest due; anything left is a prepayment. `reapply` applies an existing unapplied credit.
	 */
	settle(
		kind: 'customer' | 'supplier',
		partyId: string,
		amount: number,
		allocations: readonly { ref: string; amount: number }[],
		reapply = false
	): { applied: { ref: string; amount: number }[]; left: number } {
		let party = this.party(kind, partyId);
		let left = amount;
		let items = party.items;
		const applied: { ref: string; amount: number }[] = [];
		const take = (id: string, want: number) => {
			const d = this.doc(id);
			if (!d || !d.open || want <= 0) return;
			const x = Math.min(d.open, want, left);
			if (x <= 0) return;
			this.putDoc({ ...d, open: d.open - x });
			if (d.open - x === 0) items = items.filter((i) => i !== id);
			applied.push({ ref: id, amount: x });
			left -= x;
		};
		for (const a of allocations) if (items.includes(a.ref)) take(a.ref, a.amount);
		for (const id of party.items) {
			if (left <= 0) break;
			take(id, left);
		}
		party = this.party(kind, partyId);
		const unapplied = reapply ? left : party.unapplied + left;
		this.#putParty({ ...party, balance: reapply ? party.balance : party.balance - amount, items, unapplied });
		return { applied, left };
	}

	/**
	 * Undoes a settlement (a voided payment): the items it paid open again; its unapplied part is taken
	 * back from the party's credit, and whatever of it was meanwhile used up becomes an open debit item
	 * on the voided document itself, so the balance is exactly as if the money never came.
	 */
	unsettle(
		kind: 'customer' | 'supplier',
		partyId: string,
		paymentId: string,
		amount: number,
		applied: readonly { ref: string; amount: number }[]
	): void {
		let reopened = 0;
		for (const a of applied) {
			const d = this.doc(a.ref);
			if (!d) continue;
			this.putDoc({ ...d, open: (d.open ?? 0) + a.amount });
			reopened += a.amount;
		}
		const party = this.party(kind, partyId);
		let items = party.items;
		for (const a of applied)
			if (!items.includes(a.ref)) items = insertByDue(items, this.doc(a.ref)!, (id) => this.doc(id));
		const unappliedPart = amount - reopened;
		const fromCredit = Math.min(party.unapplied, unappliedPart);
		const debit = unappliedPart - fromCredit;
		this.#putParty({
			...party,
			items,
			unapplied: party.unapplied - fromCredit,
			balance: party.balance + amount - debit
		});
		if (debit > 0) {
			const pay = this.doc(paymentId)!;
			this.putDoc({ ...pay, open: debit, due: pay.at });
			this.openItem(kind, partyId, paymentId);
		}
	}

	/** A balance change with no item (opening balances without a due date are items too; see finance). */
	cash(account: string, amount: number): void {
		const a = this.accounts.map.get(account) ?? { id: account, balance: 0 };
		this.store.set(this.accounts, account, { id: account, balance: a.balance + amount });
	}

	reject(e: EventHead, code: string, reason: string): void {
		this.store.set(this.rejected, e.id, {
			event: e.id,
			type: e.type,
			code,
			reason,
			user: e.user,
			device: e.hlc.device,
			at: e.at
		});
	}

	alert(a: EventAlert): void {
		this.store.set(this.alerts, a.id, a);
	}
}

export const DEFAULT_META: Meta = { costing: 'moving-average', vatDeductible: true };

function insertByDue(
	items: readonly string[],
	doc: DocState,
	get: (id: string) => DocState | undefined
): string[] {
	const due = doc.due ?? doc.at;
	const out = items.slice();
	let i = out.length;
	// Items mostly arrive in due order: scan from the end.
	while (i > 0) {
		const prev = get(out[i - 1]!);
		const pd = prev ? (prev.due ?? prev.at) : 0;
		if (pd < due || (pd === due && out[i - 1]! < doc.id)) break;
		i--;
	}
	out.splice(i, 0, doc.id);
	return out;
}

/** The envelope fields a document's history needs. */
export type EventHead = Pick<AnyEvent, 'id' | 'type' | 'user' | 'hlc' | 'at' | 'branch'>;

export function historyEntry(e: EventHead): DocHistoryEntry {
	return { event: e.id, type: e.type, user: e.user, device: e.hlc.device, at: e.at };
}
