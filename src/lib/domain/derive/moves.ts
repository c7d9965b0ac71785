/**
 * [D12] Every stock move derivation made, in the order it made them (derivation order, but for a late
 * sale re-costed in place, D13, whose moves come last): the event that made it (its index
 * slot), the stock total it changed (the total's number), the signed quantity and the signed value
 * (what came in, or the cost that went out). This is the stock ledger (库存台账) of every product in
 * every warehouse at once, exact by construction: a move is written where the stock total changes, so
 * a voided document, a refused or a quarantined event never appears, and a rewind takes back the moves
 * of the events it undoes like any other write.
 *
 * Held in one flat array of numbers, so a replay of millions of moves allocates nothing per move and
 * leaves the garbage collector nothing to copy. Undo: one log entry per event while the ledger logs (the
 * length before its first move); undone newest first, the length goes back to what it was at the mark,
 * and each total's chain (the link from every move to its total's move before) back with it.
 */
import { ChunkedNumbers } from './chunked';
import type { Restorer, UndoStore } from './store';

export interface StockMove {
	/** Index slot of the event that moved the stock. */
	readonly slot: number;
	/** Signed quantity in thousandths: positive in, negative out. */
	readonly q: number;
	/** Signed value in fen: the value that came in, or minus the cost that went out. */
	readonly value: number;
}

/**
 * Slot and total share one number, slot × 2^24 + total, exact while it stays below 2^53: up to 2^24
 * (16.7 million) stock totals and 2^29 (half a billion) events, a thousand times a large chain's
 * three years. Past either, `add` refuses rather than mixing moves up.
 */
const TOTALS = 2 ** 24;
const SLOTS = 2 ** 29;
/** Numbers per move in the array. */
const STRIDE = 4;

/** The parts of a key (exact: TOTALS is a power of two; `%` on such doubles is a slow library call). */
const slotOf = (key: number): number => Math.floor(key / TOTALS);
const totalOf = (key: number): number => key - slotOf(key) * TOTALS;

export class StockMoves implements Restorer {
	/**
	 * Per move: slot × 2^24 + total, q, value, and the index of the total's move before it (-1: none),
	 * so one total's moves are a chain walked back from its last. Numbers on the heap, in chunks: see
	 * chunked.ts (STRIDE divides a chunk, so one move's numbers share a chunk).
	 */
	readonly #data = new ChunkedNumbers();
	#len = 0;
	/** Per stock total, the index of its last move (-1: none). */
	readonly #last: number[] = [];

	constructor(readonly store: UndoStore) {}

	get length(): number {
		return this.#len;
	}

	/** The slot whose moves the undo log already covers: one log entry per event, not per move. */
	#logged = -1;

	add(slot: number, total: number, q: number, value: number): void {
		if (slot >= SLOTS || total >= TOTALS)
			throw new RangeError('too many events or stock totals for the stock ledger');
		const n = this.#len;
		// A rollback only ever goes back to the start of an event, so the length before its first move
		// is all the log needs.
		if (slot !== this.#logged && this.store.logging) {
			this.store.record(this, '', n);
			this.#logged = slot;
		}
		const last = this.#last;
		while (last.length <= total) last.push(-1);
		const prev = last[total]!;
		last[total] = n;
		const data = this.#data;
		const at = STRIDE * n;
		if (at + STRIDE > data.room) data.ensure(at + STRIDE);
		data.set(at, slot * TOTALS + total);
		data.set(at + 1, q);
		data.set(at + 2, value);
		data.set(at + 3, prev);
		this.#len = n + 1;
	}

	/** Undo of the moves made since `length` (newest first, each total's last move goes back a link). */
	restore(_key: string, length: unknown): void {
		const data = this.#data;
		const last = this.#last;
		for (let i = this.#len - 1; i >= (length as number); i--)
			last[totalOf(data.get(STRIDE * i))] = data.get(STRIDE * i + 3);
		this.#len = length as number;
		this.#logged = -1;
	}

	/** [D13] Rewrites move `i` in place (a backdate re-costed it), logged so a rollback puts it back. */
	set(i: number, q: number, value: number): void {
		const data = this.#data;
		this.store.record(this.#rewritten, '', [i, data.get(STRIDE * i + 1), data.get(STRIDE * i + 2)]);
		data.set(STRIDE * i + 1, q);
		data.set(STRIDE * i + 2, value);
	}

	readonly #rewritten: Restorer = {
		restore: (_key, prev) => {
			const [i, q, value] = prev as [number, number, number];
			this.#data.set(STRIDE * i + 1, q);
			this.#data.set(STRIDE * i + 2, value);
		}
	};

	/** Move `i`'s event slot, stock total, quantity and value. */
	slotAt(i: number): number {
		return slotOf(this.#data.get(STRIDE * i));
	}
	totalAt(i: number): number {
		return totalOf(this.#data.get(STRIDE * i));
	}
	qAt(i: number): number {
		return this.#data.get(STRIDE * i + 1);
	}
	valueAt(i: number): number {
		return this.#data.get(STRIDE * i + 2);
	}

	/**
	 * The indices of one stock total's moves, in the order they were made: its chain walked back from
	 * its last move, so a stock card or a backdate costs that total's moves, never a scan of them all.
	 */
	indicesOf(total: number): number[] {
		const out: number[] = [];
		const data = this.#data;
		for (let i = this.#last[total] ?? -1; i >= 0; i = data.get(STRIDE * i + 3)) out.push(i);
		return out.reverse();
	}

	/** The moves of one stock total, in the order they were made. */
	of(total: number): StockMove[] {
		const data = this.#data;
		return this.indicesOf(total).map((i) => ({
			slot: slotOf(data.get(STRIDE * i)),
			q: data.get(STRIDE * i + 1),
			value: data.get(STRIDE * i + 2)
		}));
	}

	/** Every move with its stock total's number, in the order they were made. */
	*all(): IterableIterator<StockMove & { readonly total: number }> {
		const data = this.#data;
		for (let at = 0; at < STRIDE * this.#len; at += STRIDE) {
			const key = data.get(at);
			yield { slot: slotOf(key), total: totalOf(key), q: data.get(at + 1), value: data.get(at + 2) };
		}
	}
}
