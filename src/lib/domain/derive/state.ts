/**
 * The derived state and the primitive moves every handler is built from: stock in/out with costing,
 * reservations, in-transit, receivable/payable items and cash. Handlers validate first and then call
 * these moves, so an event is applied whole or not at all.
 */
import type { EventType } from '../catalogue';
import {
	averageIssueAt,
	averageIssueCost,
	averageReceive,
	convertPool,
	issue,
	issueAt,
	NO_LAYERS,
	receive,
	type CostingMethod,
	type CostPool,
	type Layer,
	type PoolCell
} from '../costing/pool';
import { compareEvents, type AnyEvent } from '../event';
import { splitInclusiveTax } from '../money';
import { CompactDocs, NO_EXTRAS, type EventIndex } from './index';
import { ChunkedRefs } from './chunked';
import { StockMoves } from './moves';
import { recordKey } from './master';
import { ItemList } from './open-items';
import { Table, UndoStore, type RecordRestorer, type Restorer } from './store';

/**
 * Stock of one product in one warehouse. Mutable, unlike the other state: it is written by nearly
 * every event, so it is changed in place and snapshotted into the undo log only while logging. Its
 * cost pool is held inline (qty … layers, a PoolCell), so a moving-average move allocates nothing.
 */
export class StockTotal implements PoolCell {
	onHand = 0;
	reserved = 0;
	/** On its way here from a transfer (shipped, not yet received). */
	incoming = 0;
	/** The part of onHand held in named batches (cells); the rest is unbatched. */
	batched = 0;
	qty = 0;
	value = 0;
	refQ = 0;
	refV = 0;
	variance = 0;
	layers: readonly Layer[] = NO_LAYERS;
	/**
	 * Outbound events since available stock was last non-negative (the facts of an oversell), newest
	 * first as a shared list: adding one allocates one node, and undo keeps the previous head.
	 */
	short: ShortNode | null = null;
	/** Named batches, if any (mutable cells, undone through the store). */
	batches: Map<string, StockCell> | null = null;
	/**
	 * The index slot of the event that last changed `reserved` (-1: none). A backdate re-costs a cell
	 * without re-applying it only if its reservation stood still since the backdated event's place.
	 */
	reservedAt = -1;
	constructor(
		readonly p: string,
		readonly wh: string,
		/** Its number in the ledger's stock moves (-1 for a zero total made up for reading). */
		readonly n = -1
	) {}

	/** The oversell's outbound events, oldest first (at most 20). */
	get shortBy(): readonly string[] {
		const out: string[] = [];
		for (let n = this.short; n !== null; n = n.prev) out.push(n.event);
		return out.reverse();
	}

	/** The cost pool as an immutable value. */
	get pool(): CostPool {
		return {
			qty: this.qty,
			value: this.value,
			refQ: this.refQ,
			refV: this.refV,
			variance: this.variance,
			layers: this.layers
		};
	}

	setPool(p: CostPool): void {
		this.qty = p.qty;
		this.value = p.value;
		this.refQ = p.refQ;
		this.refV = p.refV;
		this.variance = p.variance;
		this.layers = p.layers;
	}
}

/** A stock total's values as the undo log keeps them: ten numbers and three references. */
const TOTAL_RECORD: RecordRestorer = {
	width: 10,
	refs: 3,
	restore(n, at, refs, r) {
		const t = refs[r] as StockTotal;
		t.onHand = n[at]!;
		t.reserved = n[at + 1]!;
		t.incoming = n[at + 2]!;
		t.batched = n[at + 3]!;
		t.qty = n[at + 4]!;
		t.value = n[at + 5]!;
		t.refQ = n[at + 6]!;
		t.refV = n[at + 7]!;
		t.variance = n[at + 8]!;
		t.reservedAt = n[at + 9]!;
		t.layers = refs[r + 1] as readonly Layer[];
		t.short = refs[r + 2] as ShortNode | null;
	}
};

/** Logs a stock total's values before a write (while logging). */
function saveTotal(store: UndoStore, t: StockTotal): void {
	const at = store.saveRecord(TOTAL_RECORD);
	if (at < 0) return;
	const n = store.nums;
	n[at] = t.onHand;
	n[at + 1] = t.reserved;
	n[at + 2] = t.incoming;
	n[at + 3] = t.batched;
	n[at + 4] = t.qty;
	n[at + 5] = t.value;
	n[at + 6] = t.refQ;
	n[at + 7] = t.refV;
	n[at + 8] = t.variance;
	n[at + 9] = t.reservedAt;
	const refs = store.refs;
	const r = n[at - 1]!;
	refs[r] = t;
	refs[r + 1] = t.layers;
	refs[r + 2] = t.short;
}

/** One event of an oversell list (immutable; lists share their tails). */
export class ShortNode {
	readonly n: number;
	constructor(
		readonly event: string,
		readonly prev: ShortNode | null
	) {
		this.n = prev === null ? 1 : prev.n + 1;
	}
}

/** Stock of one named batch (批次) of a product in a warehouse. Unbatched stock has no cell. */
export interface StockCell {
	readonly batch: string;
	expiry?: number;
	onHand: number;
}

class Cell implements StockCell {
	expiry?: number;
	onHand = 0;
	constructor(readonly batch: string) {}
}

class SavedCell {
	readonly onHand: number;
	readonly expiry: number | undefined;
	constructor(readonly c: StockCell) {
		this.onHand = c.onHand;
		this.expiry = c.expiry;
	}
}

const CELL_RESTORER: Restorer = {
	restore(_key, prev) {
		const s = prev as SavedCell;
		s.c.onHand = s.onHand;
		if (s.expiry === undefined) delete s.c.expiry;
		else s.c.expiry = s.expiry;
	}
};

/** Undoes the creation of a map entry: the key is the entry's, the logged value the map. */
const NO_TOTALS: readonly (StockTotal | undefined)[] = [];

const DELETE_RESTORER: Restorer = {
	restore(key, map) {
		(map as Map<string, unknown>).delete(key);
	}
};

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

/**
 * One step of a document's history: the event that made or changed it. It is the event itself (what
 * an entry needs, the event already holds), so a document's new version costs no entry object.
 */
export type DocHistoryEntry = Pick<AnyEvent, 'id' | 'type' | 'user' | 'hlc' | 'at'>;

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
	/** Counter sales: how it was paid, the change given, and the part left on account. Returns: the refunds paid out. */
	readonly tenders?: readonly { readonly account: string; readonly amount: number }[];
	readonly change?: number;
	readonly credit?: number;
	readonly history: readonly DocHistoryEntry[];
}

/**
 * A document open for change (`LedgerState.reviseDoc`): its fields and its lines' fields. Its history
 * is replaced, never pushed to (`withEntry`).
 */
export type DocDraft = { -readonly [K in Exclude<keyof DocState, 'lines'>]: DocState[K] } & {
	lines: { -readonly [K in keyof DocLine]: DocLine[K] }[];
};

/**
 * A history with `e` after it, in an array of its exact size: an array grown by `push` keeps room for
 * 16 more entries, 136 bytes per order a replay of the large demo revised (about 20 MB kept).
 */
export function withEntry(history: readonly DocHistoryEntry[], e: EventHead): DocHistoryEntry[] {
	const n = history.length;
	const out = new Array<DocHistoryEntry>(n + 1);
	for (let i = 0; i < n; i++) out[i] = history[i]!;
	out[n] = historyEntry(e);
	return out;
}

/** A document's tax-inclusive total and its VAT, line by line (价税分离 per line, M2). */
export function totals(lines: readonly { amount: number; vat: number }[]): { total: number; tax: number } {
	let total = 0;
	let tax = 0;
	for (const l of lines) {
		total += l.amount;
		tax += splitInclusiveTax(l.amount as never, l.vat).tax;
	}
	return { total, tax };
}

/** What a report needs of a document; a compact one gives it without being expanded. */
export interface DocFigures {
	readonly status: DocStatus;
	readonly total: number;
	readonly tax: number;
	readonly cost: number;
	readonly lines: readonly {
		readonly p: string;
		readonly q: number;
		readonly amount: number;
		readonly vat: number;
		/** The line's cost, on a full document (a compact one keeps them in `costs`). */
		readonly cost?: number;
	}[];
	/** A compact document's line costs, in line order (see `lineCost`). */
	readonly costs?: readonly number[];
}

/** The cost of goods of line `i` of a document's figures, compact or full. */
export function lineCost(f: DocFigures, i: number): number {
	return f.costs?.[i] ?? f.lines[i]?.cost ?? 0;
}

/**
 * A posted document that nothing has touched since: kept as its event plus the numbers derivation
 * computed (the per-line costs, and for a delivery or receipt its due day and open amount, `extras`),
 * and expanded into a DocState only when someone asks. Counter sales, deliveries and receipts are most
 * of a shop's journal, and a full document object for each would dominate replay time and memory. A
 * payment that settles one writes its open amount in place; anything else that changes it (a return)
 * stores the full document, which takes precedence.
 */
export class CompactDoc {
	constructor(
		readonly e: AnyEvent,
		readonly costs: readonly number[],
		readonly expandWith: (c: CompactDoc) => DocState,
		readonly extras: readonly number[] = NO_EXTRAS
	) {}

	get id(): string {
		return this.e.id;
	}

	expand(): DocState {
		return this.expandWith(this);
	}
}

export interface PartyState {
	readonly kind: 'customer' | 'supplier';
	readonly id: string;
	/** Receivable (customer) or payable (supplier), fen; negative means prepaid/credit. */
	readonly balance: number;
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

/** Where a compact receivable or payable keeps its due day and open amount among its extras. */
export const COMPACT_DUE = 0;
export const COMPACT_OPEN = 1;

const EMPTY: readonly string[] = Object.freeze([]);

type Expand = (c: CompactDoc) => DocState;

/** The business day a stored document is dated (its first event's). */
function dayOf(d: DocState | CompactDoc): number {
	return d instanceof CompactDoc ? d.e.at : d.at;
}

/**
 * The full documents, by the index slot of the event that made them (a document's id is its event's).
 * An undo notes the day of every document it changes.
 *
 * Why not a Map by id: on a large journal it holds hundreds of thousands of documents, and a replay
 * spent about 0.65 s of 12 in its `set` and `get` (each a miss in a table of tens of megabytes, and
 * growing it rehashes everything). A new document goes to the slot of the event being applied, with no
 * lookup at all; one read by id costs one probe of the event index, which a compact document's
 * lookup needed anyway.
 */
class SlotDocs implements Restorer {
	readonly #docs = new ChunkedRefs<DocState | CompactDoc>();

	constructor(readonly touched: Set<number>) {}

	get(slot: number): DocState | CompactDoc | undefined {
		return this.#docs.get(slot);
	}

	set(store: UndoStore, slot: number, d: DocState | CompactDoc): void {
		const docs = this.#docs;
		if (slot >= docs.room) docs.ensure(slot + 1);
		if (store.logging) store.record(this, slot as unknown as string, docs.get(slot));
		docs.set(slot, d);
	}

	restore(key: string, prev: unknown): void {
		const slot = key as unknown as number;
		const now = this.#docs.get(slot);
		if (now !== undefined) this.touched.add(dayOf(now));
		if (prev !== undefined) this.touched.add(dayOf(prev as DocState | CompactDoc));
		this.#docs.set(slot, prev as DocState | CompactDoc | undefined);
	}

	/** The slots that hold a document, in slot order. */
	*slots(): IterableIterator<number> {
		const docs = this.#docs;
		for (let slot = 0; slot < docs.room; slot++) if (docs.get(slot) !== undefined) yield slot;
	}
}

export class LedgerState {
	readonly store = new UndoStore();
	/**
	 * Business days whose documents were written or undone since the ledger last emptied this set: what
	 * a view aggregated per day must recompute (see `Ledger.dayVersion`).
	 */
	readonly touchedDays = new Set<number>();
	/** The day last added there (most documents in a row share one: a set lookup saved per event). */
	#lastDay = NaN;

	/** Hands over the days touched so far and starts a new set. */
	takeTouchedDays(): number[] {
		const days = [...this.touchedDays];
		this.touchedDays.clear();
		this.#lastDay = NaN;
		return days;
	}
	/** The ledger's event index: documents are kept by their event's slot in it. */
	readonly #index: EventIndex;
	/** Compact documents by event slot. */
	readonly #compact: CompactDocs<Expand>;

	constructor(index: EventIndex) {
		this.#index = index;
		this.#compact = new CompactDocs<Expand>(index, this.store, (slot) =>
			this.touchedDays.add(index.at(slot).at)
		);
	}

	#current: AnyEvent | null = null;
	#currentSlot = -1;

	/** The event about to be applied and its index slot (saves looking the slot up by id). */
	applying(e: AnyEvent, slot: number): void {
		this.#current = e;
		this.#currentSlot = slot;
	}

	/**
	 * product → its stock per warehouse, indexed by the warehouse's number in `#warehouses` (a product's
	 * array is small and contiguous: one map lookup per line instead of a second map per product).
	 */
	readonly #stock = new Map<string, (StockTotal | undefined)[]>();
	/** Warehouse id → its number, in order of first use (never undone: the numbers only index). */
	readonly #warehouses = new Map<string, number>();
	/** [D12] Every stock move, in derivation order. */
	readonly moves = new StockMoves(this.store);
	/**
	 * Stock totals by their number (`StockTotal.n`): numbers are never reused, so a total undone and
	 * made again gets a new one, and the moves of the first went with it.
	 */
	readonly #numbered: StockTotal[] = [];
	#lastWh = '';
	#lastWhNo = -1;
	/** Undoes the creation of a stock total (logged with the total). */
	readonly #unmake: Restorer = {
		restore: (_key, t) => {
			const total = t as StockTotal;
			this.#stock.get(total.p)![this.#whNo(total.wh)] = undefined;
		}
	};
	readonly #docs = new SlotDocs(this.touchedDays);
	readonly parties = new Table<PartyState>('parties');
	/**
	 * Per party, the latest event (in derivation order) whose new item applied the party's credit to its
	 * open items (`openItemAt`): a late item re-costed at the end (D13) must not sort before it.
	 */
	readonly #sweeps = new Table<AnyEvent>('sweeps');
	/** Cash per account: mutable balances (written by most sales), undone through the store. */
	readonly accounts = new Map<string, { balance: number }>();
	readonly records = new Table<RecordState>('records');
	readonly #recordKeys = new Map<string, Map<string, string>>();
	readonly alerts = new Table<EventAlert>('alerts');
	readonly rejected = new Table<Rejection>('rejected');
	readonly quarantined = new Table<Quarantine>('quarantined');

	/** Company settings that derivation needs (read on every stock move, so kept in a field). */
	settings: Meta = DEFAULT_META;

	/**
	 * Whether any settings event asked for FIFO so far (never undone: it only makes a backdate take the
	 * rewind, D13, whose fold of a cell's moves assumes moving average from the start).
	 */
	everFifo = false;

	setMeta(m: Meta): void {
		if (m.costing !== 'moving-average') this.everFifo = true;
		const before = this.settings;
		this.store.onUndo(() => (this.settings = before));
		this.settings = m;
	}

	/** A warehouse's number (most events move goods in one warehouse: the last one is remembered). */
	#whNo(wh: string): number {
		if (wh === this.#lastWh) return this.#lastWhNo;
		let n = this.#warehouses.get(wh);
		if (n === undefined) this.#warehouses.set(wh, (n = this.#warehouses.size));
		this.#lastWh = wh;
		this.#lastWhNo = n;
		return n;
	}

	/** The stock total of a product in a warehouse, if it has one. */
	totalIfAny(p: string, wh: string): StockTotal | undefined {
		const n = this.#warehouses.get(wh);
		return n === undefined ? undefined : this.#stock.get(p)?.[n];
	}

	/** Read-only view of a stock total (a zero one if there is none). */
	total(p: string, wh: string): StockTotal {
		return this.totalIfAny(p, wh) ?? new StockTotal(p, wh);
	}

	/** A product's stock totals, one per warehouse that has one (in no particular order). */
	*totalsOf(p: string): IterableIterator<StockTotal> {
		for (const t of this.#stock.get(p) ?? NO_TOTALS) if (t !== undefined) yield t;
	}

	/** The stock total with this number (`StockTotal.n`). */
	numbered(n: number): StockTotal | undefined {
		return this.#numbered[n];
	}

	/** Every stock total (in no particular order). */
	*allTotals(): IterableIterator<StockTotal> {
		for (const byWh of this.#stock.values()) for (const t of byWh) if (t !== undefined) yield t;
	}

	/** The stock total to change, with its current values saved for undo. */
	#writable(p: string, wh: string): StockTotal {
		const n = this.#whNo(wh);
		let byWh = this.#stock.get(p);
		if (!byWh) this.#stock.set(p, (byWh = []));
		let t = byWh[n];
		if (t === undefined) {
			t = new StockTotal(p, wh, this.#numbered.length);
			this.#numbered.push(t);
			while (byWh.length < n) byWh.push(undefined);
			byWh[n] = t;
			this.store.record(this.#unmake, '', t);
			return t;
		}
		saveTotal(this.store, t);
		return t;
	}

	#moveCell(t: StockTotal, batch: string | undefined, q: number, expiry?: number): void {
		if (!batch) return;
		t.batched += q;
		let cells = t.batches;
		if (!cells) t.batches = cells = new Map();
		let c = cells.get(batch);
		if (!c) {
			c = new Cell(batch);
			cells.set(batch, c);
			this.store.record(DELETE_RESTORER, batch, cells);
		} else if (this.store.logging) this.store.record(CELL_RESTORER, '', new SavedCell(c));
		c.onHand += q;
		if (expiry !== undefined) c.expiry = expiry;
	}

	/** On-hand quantity of a batch, or of the unbatched rest when `batch` is empty. */
	onHandOf(p: string, wh: string, batch: string | undefined): number {
		const t = this.totalIfAny(p, wh);
		if (!t) return 0;
		if (batch) return t.batches?.get(batch)?.onHand ?? 0;
		return t.onHand - t.batched;
	}

	/** The pool as a FIFO value (converted if the method changed since it was last moved). */
	#fifoPool(t: StockTotal): CostPool {
		return convertPool(t.pool, 'fifo');
	}

	#short(t: StockTotal, event: string): void {
		const available = t.onHand - t.reserved;
		if (available >= 0) t.short = null;
		else if (t.short === null || t.short.n < 20) t.short = new ShortNode(event, t.short);
	}

	/** Goods in at a known value. */
	stockIn(
		p: string,
		wh: string,
		batch: string | undefined,
		q: number,
		value: number,
		expiry?: number,
		src?: string
	): void {
		const t = this.#writable(p, wh);
		if (this.settings.costing === 'moving-average') {
			if (t.layers.length > 0) t.layers = NO_LAYERS; // [C6] converted to the average
			averageReceive(t, q, value);
		} else t.setPool(receive('fifo', this.#fifoPool(t), q, value, src));
		t.onHand += q;
		if (t.onHand - t.reserved >= 0) t.short = null;
		this.#moveCell(t, batch, q, expiry);
		this.moves.add(this.#currentSlot, t.n, q, value);
	}

	/** Goods out at the pool's cost; returns the cost. `event` is remembered if stock goes short. */
	stockOut(p: string, wh: string, batch: string | undefined, q: number, event: string): number {
		const t = this.#writable(p, wh);
		let value: number;
		if (this.settings.costing === 'moving-average') {
			if (t.layers.length > 0) t.layers = NO_LAYERS;
			value = averageIssueCost(t, q);
			averageIssueAt(t, q, value);
		} else {
			const out = issue('fifo', this.#fifoPool(t), q);
			t.setPool(out.pool);
			value = out.value;
		}
		t.onHand -= q;
		this.#short(t, event);
		this.#moveCell(t, batch, -q);
		this.moves.add(this.#currentSlot, t.n, -q, -value);
		return value;
	}

	/** Goods out at a known value (returns to supplier, reversals). */
	stockOutAt(
		p: string,
		wh: string,
		batch: string | undefined,
		q: number,
		value: number,
		event: string,
		src?: string
	): void {
		const t = this.#writable(p, wh);
		if (this.settings.costing === 'moving-average') {
			if (t.layers.length > 0) t.layers = NO_LAYERS;
			averageIssueAt(t, q, value);
		} else t.setPool(issueAt('fifo', this.#fifoPool(t), q, value, src));
		t.onHand -= q;
		this.#short(t, event);
		this.#moveCell(t, batch, -q);
		this.moves.add(this.#currentSlot, t.n, -q, -value);
	}

	/** Reserve (dq > 0) or release (dq < 0) stock for sales orders. */
	reserve(p: string, wh: string, dq: number, event: string): void {
		if (dq === 0) return;
		const t = this.#writable(p, wh);
		t.reserved += dq;
		t.reservedAt = this.#currentSlot;
		if (dq > 0) this.#short(t, event);
		else if (t.onHand - t.reserved >= 0) t.short = null;
	}

	incoming(p: string, wh: string, dq: number): void {
		this.#writable(p, wh).incoming += dq;
	}

	/**
	 * Stores a document. A compact one goes to the slot store (no map entry); a full document stored
	 * later under the same id (a return on a counter sale) takes precedence over it.
	 */
	putDoc(d: DocState | CompactDoc): void {
		this.#touchDay(dayOf(d));
		const slot = this.#slotOf(d);
		if (d instanceof CompactDoc) this.#compact.put(slot, d.expandWith, d.costs, d.extras);
		else this.#docs.set(this.store, slot, d);
	}

	/**
	 * Changes a stored document (an order a receipt fills, a transfer being received): `change` writes
	 * the draft's fields and its lines' fields; returns the document as it now is.
	 *
	 * While anything can be undone, the draft is a copy (its lines copied too), stored as the new version, so that an undo puts the version before back as it was. Otherwise (`store.quiet`:
	 * outside the undo window, which is most of a replay) no earlier version is kept anywhere that could
	 * share its lines or history, and the stored document itself is the draft: a purchase receipt writes
	 * its order's received quantities where they are instead of copying the order, as a stock total is
	 * written in place. Copies made per receipt and per transfer received were the largest objects the
	 * young collections copied in a replay (SPEC, "Ninth session").
	 */
	reviseDoc(d: DocState, change: (draft: DocDraft) => void): DocState {
		const slot = this.#slotOf(d);
		if (this.store.quiet && this.#docs.get(slot) === d) {
			change(d as DocDraft);
			this.#touchDay(d.at);
			return d;
		}
		const lines = new Array<DocLine>(d.lines.length);
		for (let i = 0; i < lines.length; i++) lines[i] = { ...d.lines[i]! };
		const draft = { ...d, lines } as DocDraft;
		change(draft);
		this.putDoc(draft);
		return draft;
	}

	#touchDay(day: number): void {
		if (day !== this.#lastDay) {
			this.touchedDays.add(day);
			this.#lastDay = day;
		}
	}

	/** The slot of a document's event: the one being applied, the one last read, or found by id. */
	#slotOf(d: DocState | CompactDoc): number {
		const id = d.id;
		const current = this.#current;
		if (current !== null && id === current.id) return this.#currentSlot;
		if (id === this.#lastReadId) return this.#lastReadSlot;
		const slot = this.#index.slotOf(id);
		if (slot === undefined) throw new Error(`document ${id} has no event`);
		return slot;
	}

	/** The id and slot of the document last read (most writes follow a read of the same document). */
	#lastReadId = '';
	#lastReadSlot = -1;

	/** Whether a document is kept compact (see CompactDoc). */
	isCompact(id: string): boolean {
		const d = this.#stored(id);
		return typeof d === 'number' && this.#compact.has(d);
	}

	/** [D13] Sets one line cost of a compact document (`isCompact`) in place, logged. */
	setCompactCost(id: string, line: number, cost: number): void {
		const compact = this.#compact;
		const slot = compact.index.slotOf(id)!;
		compact.setCost(slot, line, cost);
		this.touchedDays.add(compact.index.at(slot).at);
		this.#lastDay = NaN;
	}

	/**
	 * [D13] Puts a re-costed stock total's pool, on-hand and oversell facts in place (logged; `short`
	 * undefined keeps them).
	 */
	rewriteTotal(t: StockTotal, pool: CostPool, onHand: number, short?: ShortNode | null): void {
		saveTotal(this.store, t);
		t.setPool(pool);
		t.onHand = onHand;
		if (short !== undefined) t.short = short;
	}

	/** A stored document: the full one, or the event slot where a compact one may be. */
	#stored(id: string): DocState | number | undefined {
		const slot = this.#index.slotOf(id);
		if (slot === undefined) return undefined;
		this.#lastReadId = id;
		this.#lastReadSlot = slot;
		const d = this.#docs.get(slot);
		if (d !== undefined) return d instanceof CompactDoc ? d.expand() : d;
		return slot;
	}

	/** A document's status without building it; undefined when its event made none (refused, quarantined). */
	status(id: string): DocStatus | undefined {
		const d = this.#stored(id);
		if (d === undefined) return undefined;
		if (typeof d !== 'number') return d.status;
		return this.#compact.has(d) ? 'posted' : undefined;
	}

	doc(id: string): DocState | undefined {
		const d = this.#stored(id);
		return typeof d === 'number' ? expandCompact(this.#compact, d) : d;
	}

	/**
	 * A document's figures. A compact one (a walk-in counter sale nothing touched since) is read from its
	 * event and line costs, with `totals()`, instead of being expanded:
	 * a 30-day sales report over a large journal spent two thirds of its time building documents.
	 */
	figures(id: string): DocFigures | undefined {
		const d = this.#stored(id);
		if (typeof d !== 'number') return d;
		const r = this.#compact.read(d);
		if (!r) return undefined;
		const lines = (r.e.payload as { lines: readonly { p: string; q: number; amount: number; vat: number }[] })
			.lines;
		const { total, tax } = totals(lines);
		let cost = 0;
		for (const c of r.costs) cost += c;
		return { status: 'posted', total, tax, cost, lines, costs: r.costs };
	}

	*allDocs(): IterableIterator<DocState> {
		for (const slot of this.#docs.slots()) {
			const d = this.#docs.get(slot)!;
			yield d instanceof CompactDoc ? d.expand() : d;
		}
		const compact = this.#compact;
		for (const slot of compact.slots())
			if (this.#docs.get(slot) === undefined) yield expandCompact(compact, slot)!;
	}

	// ---- master data ----

	/** A master record (`kind:id` in `records`), its key made once: deliveries read their customer's terms. */
	record(kind: string, id: string): RecordState | undefined {
		let keys = this.#recordKeys.get(kind);
		if (!keys) this.#recordKeys.set(kind, (keys = new Map()));
		let key = keys.get(id);
		if (key === undefined) keys.set(id, (key = recordKey(kind, id)));
		return this.records.map.get(key);
	}

	// ---- money ----

	party(kind: 'customer' | 'supplier', id: string): PartyState {
		return this.parties.map.get(this.#partyKey(kind, id)) ?? { kind, id, balance: 0, unapplied: 0 };
	}

	#putParty(p: PartyState): void {
		this.store.set(this.parties, this.#partyKey(p.kind, p.id), p);
	}

	readonly #customerKeys = new Map<string, string>();
	readonly #supplierKeys = new Map<string, string>();

	/**
	 * `c:<id>` or `s:<id>`, the key of a party's balance and open items, made once per party: joined on
	 * each use, it was two new strings to make and hash on every delivery, receipt and payment.
	 */
	#partyKey(kind: 'customer' | 'supplier', id: string): string {
		const keys = kind === 'customer' ? this.#customerKeys : this.#supplierKeys;
		let key = keys.get(id);
		if (key === undefined) keys.set(id, (key = kind[0] + ':' + id));
		return key;
	}

	/**
	 * A party's open items (document ids), oldest due first: payments without allocations settle them
	 * in this order. Kept as a mutable sorted list with undo steps, because a large customer can have
	 * thousands of open items and copying them on every delivery would be quadratic.
	 */
	items(kind: 'customer' | 'supplier', id: string): readonly string[] {
		return this.#itemList(kind, id)?.ids ?? EMPTY;
	}

	readonly #items = new Map<string, ItemList>();

	#itemList(kind: 'customer' | 'supplier', partyId: string): ItemList | undefined {
		return this.#items.get(this.#partyKey(kind, partyId));
	}

	#addItem(kind: 'customer' | 'supplier', partyId: string, id: string, due: number): void {
		const key = this.#partyKey(kind, partyId);
		let list = this.#items.get(key);
		if (!list) this.#items.set(key, (list = new ItemList()));
		if (list.dueOf.has(id)) return;
		list.insert(list.position(due, id), id, due);
		if (this.store.logging) this.store.onUndo(() => list.remove(id));
	}

	#removeItem(kind: 'customer' | 'supplier', partyId: string, docId: string): void {
		const list = this.#itemList(kind, partyId);
		const due = list?.dueOf.get(docId);
		if (list === undefined || due === undefined) return;
		const at = list.remove(docId);
		if (this.store.logging) this.store.onUndo(() => list.insert(at, docId, due));
	}

	/**
	 * A new receivable/payable item (the document must already be stored with `open` = its amount).
	 * Money already received and not yet applied is applied to it at once.
	 */
	openItem(kind: 'customer' | 'supplier', partyId: string, docId: string): void {
		const doc = this.doc(docId)!;
		this.openItemAt(kind, partyId, docId, doc.due ?? doc.at, doc.open ?? 0);
	}

	/** `openItem` for a document whose due day and open amount the caller has at hand. */
	openItemAt(kind: 'customer' | 'supplier', partyId: string, docId: string, due: number, open: number): void {
		const party = this.party(kind, partyId);
		this.#addItem(kind, partyId, docId, due);
		this.#putParty(partyState(party, party.balance + open, party.unapplied));
		if (party.unapplied > 0) {
			this.settle(kind, partyId, party.unapplied, [], true);
			const key = this.#partyKey(kind, partyId);
			const last = this.#sweeps.map.get(key);
			const e = this.#current;
			if (e !== null && (last === undefined || compareEvents(e, last) > 0))
				this.store.set(this.#sweeps, key, e);
		}
	}

	/** The latest event whose new item applied the party's credit to its open items (see `#sweeps`). */
	lastSweep(kind: 'customer' | 'supplier', partyId: string): AnyEvent | undefined {
		return this.#sweeps.map.get(this.#partyKey(kind, partyId));
	}

	/** A document's open amount (0 if it has none); read in place from a compact one. */
	openOf(id: string): number {
		const d = this.#stored(id);
		if (d === undefined) return 0;
		if (typeof d !== 'number') return d.open ?? 0;
		const compact = this.#compact;
		return compact.has(d) && compact.extraCount(d) > COMPACT_OPEN ? compact.extra(d, COMPACT_OPEN) : 0;
	}

	/** Sets a document's open amount: in place in a compact one, else as a new version. */
	#setOpen(id: string, open: number): void {
		const d = this.#stored(id);
		if (d === undefined) return;
		if (typeof d !== 'number') return this.putDoc({ ...d, open });
		const compact = this.#compact;
		if (!compact.has(d)) return;
		if (compact.extraCount(d) > COMPACT_OPEN) {
			compact.setExtra(d, COMPACT_OPEN, open);
			this.touchedDays.add(compact.index.at(d).at);
			this.#lastDay = NaN;
		} else this.putDoc({ ...expandCompact(compact, d)!, open });
	}

	/** Reduces an open item by `amount` (a return, a void). */
	reduceItem(kind: 'customer' | 'supplier', partyId: string, docId: string, amount: number): void {
		const party = this.party(kind, partyId);
		const doc = this.doc(docId);
		if (!doc) return;
		const open = doc.open ?? 0;
		const fromItem = Math.min(open, amount);
		this.#setOpen(docId, open - fromItem);
		// What the item no longer absorbs (it was already paid) becomes a credit to the party.
		const credit = amount - fromItem;
		if (open - fromItem === 0) this.#removeItem(kind, partyId, docId);
		this.#putParty(partyState(party, party.balance - amount, party.unapplied + credit));
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
		let left = amount;
		const applied: { ref: string; amount: number }[] = [];
		const done: string[] = [];
		const take = (id: string, want: number) => {
			const open = this.openOf(id);
			if (!open || want <= 0) return;
			const x = Math.min(open, want, left);
			if (x <= 0) return;
			this.#setOpen(id, open - x);
			if (open - x === 0) done.push(id);
			applied.push({ ref: id, amount: x });
			left -= x;
		};
		const items = this.#itemList(kind, partyId);
		if (items !== undefined) {
			for (const a of allocations) if (items.dueOf.has(a.ref)) take(a.ref, a.amount);
			const list = items.ids;
			for (let i = 0; i < list.length && left > 0; i++) take(list[i]!, left);
		}
		for (const id of done) this.#removeItem(kind, partyId, id);
		const party = this.party(kind, partyId);
		const unapplied = reapply ? left : party.unapplied + left;
		this.#putParty(partyState(party, reapply ? party.balance : party.balance - amount, unapplied));
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
			this.#setOpen(a.ref, (d.open ?? 0) + a.amount);
			this.#addItem(kind, partyId, a.ref, d.due ?? d.at);
			reopened += a.amount;
		}
		const party = this.party(kind, partyId);
		const unappliedPart = amount - reopened;
		const fromCredit = Math.min(party.unapplied, unappliedPart);
		const debit = unappliedPart - fromCredit;
		this.#putParty({
			...party,
			unapplied: party.unapplied - fromCredit,
			balance: party.balance + amount - debit
		});
		if (debit > 0) {
			const pay = this.doc(paymentId)!;
			this.putDoc({ ...pay, open: debit, due: pay.at });
			this.openItem(kind, partyId, paymentId);
		}
	}

	cash(account: string, amount: number): void {
		let a = this.accounts.get(account);
		this.store.record(this.#accountRestorer, account, a ? a.balance : undefined);
		if (!a) this.accounts.set(account, (a = { balance: 0 }));
		a.balance += amount;
	}

	readonly #accountRestorer: Restorer = {
		restore: (account, balance) => {
			if (balance === undefined) this.accounts.delete(account);
			else this.accounts.get(account)!.balance = balance as number;
		}
	};

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

/** A party's next state, built field by field (one shape for every party, no spread). */
function partyState(p: PartyState, balance: number, unapplied: number): PartyState {
	return { kind: p.kind, id: p.id, balance, unapplied };
}

function expandCompact(compact: CompactDocs<Expand>, slot: number): DocState | undefined {
	const r = compact.read(slot);
	return r && r.kind(new CompactDoc(r.e, r.costs, r.kind, r.extras));
}

export const DEFAULT_META: Meta = { costing: 'moving-average', vatDeductible: true };

/** The envelope fields a document's history needs. */
export type EventHead = Pick<AnyEvent, 'id' | 'type' | 'user' | 'hlc' | 'at' | 'branch'>;

export function historyEntry(e: EventHead): DocHistoryEntry {
	return e;
}
