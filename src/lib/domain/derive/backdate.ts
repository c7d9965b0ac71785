/**
 * [D13] A backdated sale, stock adjustment or purchase receipt without a rewind (docs/SPEC.md,
 * "Derivation speed").
 *
 * A counter sale that sorts before events already applied changes, of everything derived, only what
 * depends on where it sorts: the stock cells it moves (their average cost from its place on, so the
 * cost of every later move out of them, and through a transfer the cells the goods went to) and the
 * documents that carry those costs. Its cash, its document and its refusal or quarantine do not depend
 * on its place. So the ledger applies it as if it sorted last, then re-costs only those cells here, from
 * their own moves (D12), instead of undoing and re-applying every event after it. A stock adjustment
 * (报损, 报溢) is the same: goods out at the pool's cost, or in at a given value or the average there;
 * so are a purchase receipt (goods in at a known value) and a sales delivery without an order. A receipt,
 * a delivery or a sale on credit also opens a payable or receivable: only while its party's later events
 * leave that item out of their settlements (`itemUnmoved`).
 *
 * This module plans first and writes only when the whole plan holds; it answers `false` (and writes
 * nothing) whenever a later move's outcome would depend on more than its cell's pool: a return on a
 * re-costed sale, a stocktake line whose adjustment would change sign or
 * vanish, a cell already short just before the sale's place, reservations changed after it, a transfer
 * closed short. The ledger then takes the rewind, so the result is always the one a full replay gives
 * (the D13 property and the convergence fuzz check both).
 *
 * Writes are logged like any other and sit on top of the undo log, so a later rewind to before the
 * sale's place undoes them first and then re-applies the sale in order; the ledger keeps any rewind from
 * landing between the sale's place and this write (see `Ledger`'s re-costed range).
 */
import { averageIssueAt, averageIssueCost, averageReceive, NO_LAYERS, type PoolCell } from '../costing/pool';
import { compareEvents, lowerBound, type AnyEvent, type JEvent } from '../event';
import type { EventIndex } from './index';
import { gainValueOf } from './inventory';
import { ShortNode, type DocLine, type LedgerState, type StockTotal } from './state';
import { share } from './trade';

export interface RecostContext {
	readonly st: LedgerState;
	readonly index: EventIndex;
	/** Ids of the events that build on a document (receipts of a transfer, returns of a sale). */
	referencing(id: string): readonly string[];
	/** Every stocktake, in derivation order. */
	stocktakes(): readonly JEvent<'stocktake.posted'>[];
}

/** How many times cells may be re-costed for one sale (transfers can send goods back and forth). */
const MAX_CELL_PASSES = 256;

/**
 * Whether a late event may take this path at all: a counter sale, a stock adjustment, or a purchase
 * receipt or sales delivery without an order, on moving average throughout (FIFO's layers are not in
 * the moves), naming no batch (a batch's own quantity, which stocktakes count, would shift too). A
 * receipt, a delivery or a sale on credit (挂账) opens an item that later payments settle in date
 * order: its party may be active after its place only as `itemUnmoved` says. `events` are the ledger's,
 * the late event's place `from`.
 */
export function canRecost(
	st: LedgerState,
	e: AnyEvent,
	events: readonly AnyEvent[],
	from: number,
	index: EventIndex
): boolean {
	if (st.everFifo || st.settings.costing !== 'moving-average') return false;
	switch (e.type) {
		case 'stock.adjusted':
			return e.payload.lines.every((l) => !l.batch);
		case 'purchase.receipt.posted':
			return (
				!e.payload.order &&
				e.payload.lines.every((l) => !l.batch) &&
				itemUnmoved(st, e, 'supplier', e.payload.supplier, events, from, index)
			);
		case 'sales.delivery.posted':
			return (
				!e.payload.order &&
				e.payload.lines.every((l) => !l.batch) &&
				itemUnmoved(st, e, 'customer', e.payload.customer, events, from, index)
			);
		case 'sales.counter.posted': {
			const p = e.payload;
			let total = 0;
			for (const l of p.lines) {
				if (l.batch) return false;
				total += l.amount;
			}
			let paid = -(p.change ?? 0);
			for (const t of p.tenders) paid += t.amount;
			return (
				paid >= total ||
				(p.customer !== undefined && itemUnmoved(st, e, 'customer', p.customer, events, from, index))
			);
		}
		default:
			return false;
	}
}

/**
 * Whether the item a late receipt, delivery or sale on credit opens (a payable or a receivable), opened
 * at the end, leaves everything its party's later events did as it was, and ends as it would have at its
 * place. The party may be active after it, within limits that keep the late item out of every later
 * settlement and the party's credit (money paid and not yet applied, 预付/预收) the same at its place as
 * at the end:
 *
 * - each later payment by or to the party was settled in full on the items it names, each taking what it
 *   named (none of them the late event): nothing went on to the oldest items due, where the late item
 *   would have been, nor to credit (F2);
 * - each later item of the party (a receipt, a delivery, a sale on credit) took nothing from a credit when
 *   it opened: its amount, less what it has open now, is what later payments settled and returns took
 *   off it; nor did its opening apply a credit to older items (`lastSweep` sorts before the late event:
 *   the credit there would have gone to the late item first if it was due first, found by the D13
 *   property);
 * - each later return took its value off an item still open at the end (so it made no credit), and
 *   refunded nothing at the counter;
 * - no later opening balance, edit of the party (its terms give the due date) or of the settings, and no
 *   later void of one of the party's documents (a void of anything else changes nothing of the party's);
 * - if the party has a credit, no other item of theirs was open at the late event's place or is open at
 *   the end: an item that opens applies the credit to all the party's open items, oldest due first
 *   (`openItemAt`), not only to itself, and a credit a return made stays unapplied beside open items
 *   until then. At its place the late item would have swept the credit onto older items, which later
 *   payments naming them then found settled; at the end those items are paid and the credit goes to it
 *   alone. An item open at its place and not at the end is one a later payment or return took from.
 *   (Found by the D13 property once the generator made other income, which moved its seeds.)
 *
 * Then the credit never moved after the late event's place, so its item takes at the end what it would
 * have taken there, and no later event's settlement involved it. (A credit limit, A3, is read from the
 * balance at the end, which does not depend on the order.) Read from the derived payments' `settled` and
 * the items' `open`, in one pass over the events after its place.
 */
function itemUnmoved(
	st: LedgerState,
	e: AnyEvent,
	kind: 'customer' | 'supplier',
	party: string,
	events: readonly AnyEvent[],
	from: number,
	index: EventIndex
): boolean {
	const credit = st.party(kind, party).unapplied > 0;
	if (credit && st.items(kind, party).length > 0) return false;
	const swept = st.lastSweep(kind, party);
	if (swept !== undefined && compareEvents(swept, e) > 0) return false;
	/** The party's later items, with what each opened. */
	const items = new Map<string, number>();
	/** Item → what later payments settled on it, and what later returns took off it. */
	const taken = new Map<string, number>();
	const take = (id: string, amount: number) => taken.set(id, (taken.get(id) ?? 0) + amount);
	const returned = new Set<string>();
	for (let i = from; i < events.length; i++) {
		const x = events[i]!;
		switch (x.type) {
			case 'settings.updated':
				return false;
			case 'document.voided': {
				// A void takes its document out at its own place (V1): only the party's own matter here.
				const target = index.get(x.payload.ref);
				const of = target && partyOf(target, kind, index);
				if (of === undefined || of === party) return false;
				break;
			}
			case 'opening.balance':
				if (x.payload.party === kind && x.payload.id === party) return false;
				break;
			case 'supplier.created':
			case 'supplier.updated':
			case 'customer.created':
			case 'customer.updated':
				if (x.type.startsWith(kind) && x.payload.id === party) return false;
				break;
			case 'purchase.receipt.posted':
			case 'sales.delivery.posted':
			case 'sales.counter.posted': {
				if (partyOf(x, kind, index) !== party) break;
				// Its figures, not the document: a compact one is not built (D14).
				const d = st.figures(x.id);
				// A refused one opened nothing; a sale paid in full opens nothing either.
				const opened = d ? itemAmount(x, d.total) : 0;
				if (opened > 0) items.set(x.id, opened);
				break;
			}
			case 'purchase.return.posted':
			case 'sales.return.posted': {
				const of = partyOf(x, kind, index);
				if (of === undefined) return false;
				if (of !== party) break;
				if (x.type === 'sales.return.posted' && x.payload.refunds?.length) return false;
				const d = st.doc(x.id);
				if (!d) break; // refused: took nothing back
				const ref = x.type === 'purchase.return.posted' ? x.payload.receipt : x.payload.delivery;
				returned.add(ref);
				take(ref, d.total);
				break;
			}
			case 'payment.made':
			case 'payment.received': {
				if (partyOf(x, kind, index) !== party) break;
				const d = st.doc(x.id);
				if (d?.type !== x.type) return false;
				// Settlement takes the named items in order, each up to what it names and what is left, then
				// the oldest due with the rest (F2): every step must be a named one, taking all it named.
				const settled = d.settled ?? [];
				let left = x.payload.amount;
				let j = 0;
				for (const a of x.payload.allocations ?? []) {
					if (a.ref === e.id) return false;
					if (left === 0) continue;
					const s = settled[j];
					// A named item not open here was not open at the payment's place either: passed over.
					if (s?.ref !== a.ref) continue;
					if (s.amount !== Math.min(a.amount, left)) return false;
					left -= s.amount;
					take(s.ref, s.amount);
					j++;
				}
				if (left !== 0 || j !== settled.length) return false;
				break;
			}
		}
	}
	// A return takes its value off its document's item, and what the item no longer owes becomes credit.
	// An item still open at the end owed at least that at every return (a return that found too little
	// left it at 0, and nothing after reopens it): those returns made no credit.
	for (const id of returned) if (!st.openOf(id)) return false;
	for (const [id, opened] of items) if (opened - st.openOf(id) !== (taken.get(id) ?? 0)) return false;
	if (credit) for (const id of taken.keys()) if (!items.has(id)) return false;
	return true;
}

/**
 * The customer or supplier whose items an event moves (`kind` only), null if none, undefined if it
 * cannot tell (a return of an unknown document).
 */
function partyOf(x: AnyEvent, kind: 'customer' | 'supplier', index: EventIndex): string | null | undefined {
	switch (x.type) {
		case 'purchase.receipt.posted':
		case 'purchase.order.placed':
		case 'payment.made':
			return kind === 'supplier' ? x.payload.supplier : null;
		case 'sales.delivery.posted':
		case 'sales.order.placed':
		case 'payment.received':
			return kind === 'customer' ? x.payload.customer : null;
		case 'sales.counter.posted':
			return kind === 'customer' ? (x.payload.customer ?? null) : null;
		case 'purchase.return.posted': {
			if (kind !== 'supplier') return null;
			const r = index.get(x.payload.receipt);
			return r?.type === 'purchase.receipt.posted' ? r.payload.supplier : undefined;
		}
		case 'sales.return.posted': {
			if (kind !== 'customer') return null;
			const d = index.get(x.payload.delivery);
			if (d?.type === 'sales.delivery.posted') return d.payload.customer;
			if (d?.type === 'sales.counter.posted') return d.payload.customer ?? null;
			return undefined;
		}
		case 'opening.balance':
			return x.payload.party === kind ? x.payload.id : null;
		default:
			return null;
	}
}

/** What an accepted receipt, delivery or counter sale opened as its item: its total, or a sale's unpaid rest. */
function itemAmount(x: AnyEvent, total: number): number {
	if (x.type !== 'sales.counter.posted') return total;
	let paid = -(x.payload.change ?? 0);
	for (const t of x.payload.tenders) paid += t.amount;
	return Math.max(0, total - paid);
}

/** A move of a cell (`i` its index, -1 for one a stocktake gains), its event's slot and stocktake line (else -1). */
interface Entry {
	readonly i: number;
	readonly slot: number;
	readonly line: number;
}

/** What a re-costed line of a document becomes. */
interface LineChange {
	cost: number;
	/** Stocktakes: the adjustment and the book quantity at its place. */
	done?: number;
	book?: number;
}

/**
 * One cell's outcome: its changed moves, the moves it gains (a stocktake that found the book right
 * before the sale was put in front of it), its pool and on-hand at the end, and, for a cell the sale
 * moves, its oversell facts.
 */
interface CellOutcome {
	readonly moves: Map<number, { q: number; value: number }>;
	readonly added: { slot: number; q: number; value: number }[];
	readonly pool: PoolCell;
	readonly onHand: number;
	readonly short: ShortNode | null | undefined;
}

class Plan {
	readonly #ctx: RecostContext;
	readonly #e: AnyEvent;
	readonly #slot: number;
	/** New values for transfer receipts' moves (move index → value), set by their shipment's cell. */
	readonly overrides = new Map<number, number>();
	readonly outcomes = new Map<number, CellOutcome>();
	/** Document id → line → its new cost (and stocktake fields). */
	readonly lines = new Map<string, Map<number, LineChange>>();
	#passes = 0;
	readonly #queue: number[] = [];
	readonly #queued = new Set<number>();

	constructor(ctx: RecostContext, e: AnyEvent, slot: number) {
		this.#ctx = ctx;
		this.#e = e;
		this.#slot = slot;
	}

	enqueue(total: number): void {
		if (this.#queued.has(total)) return;
		this.#queued.add(total);
		this.#queue.push(total);
	}

	run(): boolean {
		while (this.#queue.length > 0) {
			const total = this.#queue.shift()!;
			this.#queued.delete(total);
			if (++this.#passes > MAX_CELL_PASSES) return false;
			const outcome = this.#cell(total);
			if (!outcome) return false;
			this.outcomes.set(total, outcome);
		}
		return true;
	}

	#event(slot: number): AnyEvent {
		return this.#ctx.index.at(slot);
	}

	/** The first move of the event that made move `i` (an event's moves are contiguous). */
	#firstOf(i: number, slot: number): number {
		const moves = this.#ctx.st.moves;
		while (i > 0 && moves.slotAt(i - 1) === slot) i--;
		return i;
	}

	/** Whether a sale has returns (an invoice, which also refers to it, reads no cost). */
	#returned(id: string): boolean {
		const index = this.#ctx.index;
		return this.#ctx.referencing(id).some((r) => index.get(r)?.type === 'sales.return.posted');
	}

	#line(doc: string, line: number, change: LineChange): void {
		let m = this.lines.get(doc);
		if (!m) this.lines.set(doc, (m = new Map()));
		m.set(line, change);
	}

	/**
	 * Re-folds one cell's moves in event order, re-costing those from the first that changed. A
	 * stocktake's entries are its lines of this product (one that found its book right has no move yet).
	 */
	#cell(total: number): CellOutcome | null {
		const st = this.#ctx.st;
		const moves = st.moves;
		const t = st.numbered(total)!;
		const idx = moves.indicesOf(total);
		const sold = idx.some((i) => moves.slotAt(i) === this.#slot);
		// The sale moves this cell's quantity from its place on: its oversell facts are worked out again
		// below, against reservations that must have stood still since then.
		if (sold && t.reservedAt >= 0 && compareEvents(this.#event(t.reservedAt), this.#e) > 0) return null;
		const entries = this.#entries(t, idx, sold);
		if (!entries) return null;
		const pool: PoolCell = { qty: 0, value: 0, refQ: 0, refV: 0, variance: 0, layers: NO_LAYERS };
		const out = new Map<number, { q: number; value: number }>();
		const added: { slot: number; q: number; value: number }[] = [];
		let onHand = 0;
		let shift = 0;
		let dirty = false;
		/** [A1] The oversell facts from the sale's place on (undefined: not followed, the cell keeps its own). */
		let short: ShortNode | null | undefined;
		for (const { i, slot, line } of entries) {
			const q0 = i >= 0 ? moves.qAt(i) : 0;
			const v0 = i >= 0 ? moves.valueAt(i) : 0;
			if (!dirty && (slot === this.#slot || this.overrides.has(i))) {
				dirty = true;
				if (sold) {
					// Just before the sale's place: if nothing was short there, the facts start empty (every
					// move and reservation leaves them empty when available stock is not below zero).
					if (onHand - t.reserved < 0) return null;
					short = null;
				}
			}
			let q = q0;
			let value = v0;
			if (dirty) {
				const next = this.#move(i, slot, line, t, q0, v0, pool, shift);
				if (!next) return null;
				q = next.q;
				value = next.value;
				if (i < 0) {
					if (q === 0) continue; // still found right: still no move
					added.push({ slot, q, value });
				} else if (q !== q0 || value !== v0) out.set(i, next);
			}
			if (q > 0) averageReceive(pool, q, value);
			else averageIssueAt(pool, -q, -value);
			onHand += q;
			// The sale's own moves are new at this place; a stocktake's is where the shift is taken back.
			shift += slot === this.#slot ? q : q - q0;
			if (short !== undefined) {
				// What StockTotal's moves do: in, or out at any level, with reservations constant.
				if (onHand - t.reserved >= 0) short = null;
				else if (q === 0)
					return null; // in or out? (a zero move while short: not worth telling apart)
				else if (q < 0 && (short === null || short.n < 20))
					short = new ShortNode(this.#event(slot).id, short);
			}
		}
		return { moves: out, added, pool, onHand, short };
	}

	/**
	 * The cell's moves in the order their events sort (a sale re-costed earlier sits at the end of the
	 * array), each with its line where a stocktake made it; and, in a cell the sale moves, the lines of
	 * later stocktakes that found the book right (no move, `i` = -1). Null where a stocktake's lines and
	 * moves do not match up.
	 */
	#entries(t: StockTotal, idx: readonly number[], sold: boolean): Entry[] | null {
		const ctx = this.#ctx;
		const st = ctx.st;
		const moves = st.moves;
		const entries: Entry[] = [];
		/** Stocktakes seen among the moves: slot → their lines of this product that moved, in order. */
		const counted = new Map<number, number[]>();
		for (const i of idx) {
			const slot = moves.slotAt(i);
			const x = this.#event(slot);
			if (x.type !== 'stocktake.posted') {
				entries.push({ i, slot, line: -1 });
				continue;
			}
			let lines = counted.get(slot);
			if (!lines) {
				const d = st.doc(x.id);
				if (!d) return null;
				const found: number[] = [];
				x.payload.lines.forEach((l, k) => {
					if (l.p === t.p && d.lines[k]?.done !== 0) found.push(k);
				});
				counted.set(slot, (lines = found));
			}
			const line = lines.shift();
			if (line === undefined) return null;
			entries.push({ i, slot, line });
		}
		if (sold)
			for (const [slot, x] of this.#countsAfter(t)) {
				const d = st.doc(x.id);
				if (d?.status !== 'posted') continue;
				x.payload.lines.forEach((l, k) => {
					if (l.p === t.p && !l.batch && d.lines[k]?.done === 0) entries.push({ i: -1, slot, line: k });
				});
			}
		entries.sort((a, b) =>
			a.slot !== b.slot
				? compareEvents(this.#event(a.slot), this.#event(b.slot))
				: a.line >= 0 && b.line >= 0
					? a.line - b.line
					: a.i - b.i
		);
		return entries;
	}

	/** The stocktakes after the sale that count this cell's product in its warehouse, with their slots. */
	#countsAfter(t: StockTotal): [number, JEvent<'stocktake.posted'>][] {
		const ctx = this.#ctx;
		const all = ctx.stocktakes();
		const lo = lowerBound(all, this.#e);
		const out: [number, JEvent<'stocktake.posted'>][] = [];
		for (let k = lo; k < all.length; k++) {
			const x = all[k]!;
			if (x.payload.wh !== t.wh || !x.payload.lines.some((l) => l.p === t.p)) continue;
			const slot = ctx.index.slotOf(x.id);
			if (slot !== undefined) out.push([slot, x]);
		}
		return out;
	}

	/**
	 * A move after the cell's first change, given the pool just before it and how far the quantity has
	 * shifted so far; null if its outcome depends on more than this cell.
	 */
	#move(
		i: number,
		slot: number,
		countLine: number,
		t: StockTotal,
		q0: number,
		v0: number,
		pool: PoolCell,
		shift: number
	): { q: number; value: number } | null {
		const x = this.#event(slot);
		const line = () => i - this.#firstOf(i, slot);
		switch (x.type) {
			case 'purchase.receipt.posted':
			case 'purchase.return.posted':
			case 'opening.stock':
			case 'sales.return.posted':
				// Known values (a return at its sale's cost: a sale with returns is never re-costed here).
				return { q: q0, value: v0 };
			case 'stock.transfer.received':
				return { q: q0, value: this.overrides.get(i) ?? v0 };
			case 'sales.counter.posted':
			case 'sales.delivery.posted': {
				if (q0 > 0) return null;
				const cost = averageIssueCost(pool, -q0);
				// A return takes back its sale's cost (T11): a sale with returns is not re-costed here.
				if (cost !== -v0 && slot !== this.#slot && this.#returned(x.id)) return null;
				this.#line(x.id, line(), { cost });
				return { q: q0, value: -cost };
			}
			case 'stock.transfer.shipped': {
				if (q0 > 0) return null;
				const cost = averageIssueCost(pool, -q0);
				const l = line();
				this.#line(x.id, l, { cost });
				if (cost !== -v0 && !this.#receipts(x, l, cost)) return null;
				return { q: q0, value: -cost };
			}
			case 'stock.adjusted': {
				const given = x.payload.lines[line()]?.value;
				if (q0 > 0 && given !== undefined) return { q: q0, value: v0 };
				const cost = q0 > 0 ? gainValueOf(pool, q0) : -averageIssueCost(pool, -q0);
				this.#line(x.id, line(), { cost });
				return { q: q0, value: cost };
			}
			case 'stocktake.posted':
				return this.#count(x, countLine, q0, pool, shift);
			default:
				return null;
		}
	}

	/** [I4] A stocktake's adjustment is counted − book at its place: the book moved by `shift`. */
	#count(
		x: JEvent<'stocktake.posted'>,
		k: number,
		q0: number,
		pool: PoolCell,
		shift: number
	): { q: number; value: number } | null {
		const d = this.#ctx.st.doc(x.id);
		const book = d?.lines[k]?.book;
		if (book === undefined) return null;
		// A batch's book is its own quantity, which the (unbatched) sale does not move.
		const moved = x.payload.lines[k]!.batch ? 0 : shift;
		const diff = q0 - moved;
		// A line that found the book right stays so, or gains a move; one that adjusted must keep its
		// direction (another sign would be another kind of move, none at all a move to take away).
		if (q0 === 0 && diff === 0) return { q: 0, value: 0 };
		if (q0 !== 0 && (diff === 0 || diff > 0 !== q0 > 0)) return null;
		const cost = diff > 0 ? gainValueOf(pool, diff) : -averageIssueCost(pool, -diff);
		this.#line(x.id, k, { cost, done: diff, book: book + moved });
		return { q: diff, value: cost };
	}

	/**
	 * [I2] The receipts of a shipment whose line `l` now costs `cost`: each takes its share of the new
	 * cost, and the cells they went into are re-costed from there. False where a receipt's outcome would
	 * change more than a value (a final receipt short of what was shipped records the loss).
	 */
	#receipts(ship: JEvent<'stock.transfer.shipped'>, l: number, cost: number): boolean {
		const ctx = this.#ctx;
		const st = ctx.st;
		const shipped = ship.payload.lines[l]!;
		const receipts = ctx
			.referencing(ship.id)
			.map((id) => ctx.index.get(id))
			.filter((r): r is JEvent<'stock.transfer.received'> => r?.type === 'stock.transfer.received')
			.sort(compareEvents);
		/** Per shipped line, what the receipts so far took. */
		const done = ship.payload.lines.map(() => 0);
		for (const r of receipts) {
			const slot = ctx.index.slotOf(r.id);
			if (slot === undefined) return false;
			// A final receipt of nothing closes the transfer short (conservatively: it may have been refused).
			if (r.payload.lines.length === 0) {
				if (r.payload.final) return false;
				continue;
			}
			// A receipt that moved nothing was refused (or quarantined): it took no share.
			const head = ship.payload.lines[r.payload.lines[0]!.line];
			const into = head && st.totalIfAny(head.p, ship.payload.to);
			if (!into || this.#movesOf(into.n, slot).length === 0) continue;
			const t = st.totalIfAny(shipped.p, ship.payload.to);
			const mine = t ? this.#movesOf(t.n, slot) : [];
			// Its moves into this product's cell follow its lines of this product, in order.
			let m = 0;
			for (const rl of r.payload.lines) {
				const before = done[rl.line] ?? 0;
				done[rl.line] = before + rl.q;
				if (ship.payload.lines[rl.line]?.p !== shipped.p) continue;
				const move = mine[m++];
				if (move === undefined) return false;
				if (rl.line !== l) continue;
				const value = share(cost, before, rl.q, shipped.q);
				if (this.overrides.get(move) !== value) {
					this.overrides.set(move, value);
					this.enqueue(t!.n);
				}
			}
			// A final receipt short of what was shipped records the loss at cost: not re-costed here.
			if (r.payload.final && ship.payload.lines.some((sl, k) => done[k]! < sl.q)) return false;
		}
		return true;
	}

	/** The indices of one event's moves into one cell, in order. */
	#movesOf(total: number, slot: number): number[] {
		const moves = this.#ctx.st.moves;
		return moves.indicesOf(total).filter((i) => moves.slotAt(i) === slot);
	}
}

/**
 * Re-costs what a backdated counter sale changes, the sale having just been applied as if it sorted
 * last (its moves the newest). Returns false, having written nothing, when the sale needs the rewind.
 */
export function recostBackdated(ctx: RecostContext, e: AnyEvent, slot: number): boolean {
	const st = ctx.st;
	const moves = st.moves;
	let first = moves.length;
	while (first > 0 && moves.slotAt(first - 1) === slot) first--;
	// Refused or quarantined: it moved nothing, and nothing else of it depends on its place.
	if (first === moves.length) return true;
	const plan = new Plan(ctx, e, slot);
	for (let i = first; i < moves.length; i++) plan.enqueue(moves.totalAt(i));
	if (!plan.run()) return false;

	for (const [total, o] of plan.outcomes) {
		for (const [i, m] of o.moves) moves.set(i, m.q, m.value);
		const t = st.numbered(total)!;
		for (const m of o.added) moves.add(m.slot, total, m.q, m.value);
		st.rewriteTotal(t, o.pool, o.onHand, o.short);
	}
	for (const [id, changes] of plan.lines) rewriteLines(st, id, changes);
	return true;
}

/** Writes a document's re-costed lines: a compact one in place, a full one as a new version. */
function rewriteLines(st: LedgerState, id: string, changes: ReadonlyMap<number, LineChange>): void {
	const d = st.doc(id);
	if (!d) return;
	const differs = (k: number, c: LineChange) => {
		const l = d.lines[k]!;
		return l.cost !== c.cost || (c.done !== undefined && (l.done !== c.done || l.book !== c.book));
	};
	const changed = [...changes].filter(([k, c]) => differs(k, c));
	if (changed.length === 0) return;
	if (st.isCompact(id)) {
		for (const [k, c] of changed) st.setCompactCost(id, k, c.cost);
		return;
	}
	// Not compact (a sale on credit, a document with returns, a transfer, a stocktake): a new version.
	const lines: DocLine[] = d.lines.map((l, k) => {
		const c = changes.get(k);
		if (!c) return l;
		return c.done === undefined
			? { ...l, cost: c.cost }
			: { ...l, cost: c.cost, done: c.done, book: c.book! };
	});
	let cost = 0;
	for (const l of lines) cost += l.cost;
	st.putDoc({ ...d, lines, cost });
}
