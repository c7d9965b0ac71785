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
 *
 * Three numbers per move, not four: the quantity and the value share one (`pack`), exactly, whenever
 * both are in range (±33,554 units and ±¥671,088.64, nearly every sale and receipt line); a move
 * outside it keeps both in a side map (`#wide`). A replay of the large demo keeps 40 MB less.
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
/** Numbers per move in the array: key, quantity and value packed, link to the total's move before. */
const STRIDE = 3;

/**
 * Quantity and value in one number: (q + Q_OFF) × V_SPAN + (value + V_OFF), an integer below 2^53, so
 * exact; Q in [-2^25, 2^25), V in [-2^26, 2^26). WIDE marks a move whose numbers are in `#wide`.
 */
const Q_OFF = 2 ** 25;
const V_OFF = 2 ** 26;
const V_SPAN = 2 ** 27;
const WIDE = -1;

function pack(q: number, value: number): number {
	return q >= -Q_OFF && q < Q_OFF && value >= -V_OFF && value < V_OFF
		? (q + Q_OFF) * V_SPAN + (value + V_OFF)
		: WIDE;
}
const qOf = (packed: number): number => Math.floor(packed / V_SPAN) - Q_OFF;
const valueOf = (packed: number): number => packed - Math.floor(packed / V_SPAN) * V_SPAN - V_OFF;

/** The parts of a key (exact: TOTALS is a power of two; `%` on such doubles is a slow library call). */
const slotOf = (key: number): number => Math.floor(key / TOTALS);
const totalOf = (key: number): number => key - slotOf(key) * TOTALS;

export class StockMoves implements Restorer {
	/**
	 * Per move: slot × 2^24 + total, q and value packed, and the index of the total's move before it
	 * (-1: none), so one total's moves are a chain walked back from its last. Numbers on the heap, in
	 * chunks (chunked.ts).
	 */
	readonly #data = new ChunkedNumbers();
	#len = 0;
	/** Quantity and value of the moves that do not pack (by move index). */
	readonly #wide = new Map<number, readonly [number, number]>();
	/** Per stock total, the index of its last move (-1: none). */
	readonly #last: number[] = [];

	constructor(readonly store: UndoStore) {}

	get length(): number {
		return this.#len;
	}

	/** The slot whose moves the undo log already covers: one log entry per event, not per move. */
	#logged = -1;
	/** The shortest length a rollback went back to since `takeLowWater` last asked (moves below it are as they were). */
	#lowWater = Infinity;

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
		const packed = pack(q, value);
		data.set(at + 1, packed);
		if (packed === WIDE) this.#wide.set(n, [q, value]);
		data.set(at + 2, prev);
		this.#len = n + 1;
	}

	/** Rewrites move `i`'s quantity and value, packed or aside. */
	#put(i: number, q: number, value: number): void {
		const packed = pack(q, value);
		this.#data.set(STRIDE * i + 1, packed);
		if (packed === WIDE) this.#wide.set(i, [q, value]);
		else this.#wide.delete(i);
	}

	/** Undo of the moves made since `length` (newest first, each total's last move goes back a link). */
	restore(_key: string, length: unknown): void {
		const data = this.#data;
		const last = this.#last;
		for (let i = this.#len - 1; i >= (length as number); i--) {
			last[totalOf(data.get(STRIDE * i))] = data.get(STRIDE * i + 2);
			if (data.get(STRIDE * i + 1) === WIDE) this.#wide.delete(i);
		}
		this.#len = length as number;
		this.#logged = -1;
		if (this.#len < this.#lowWater) this.#lowWater = this.#len;
	}

	/**
	 * How far back rollbacks went since the last call (Infinity: none): every move below it has the
	 * slot and total it had then (a re-costing, `set`, changes only quantity and value). For whoever
	 * keeps something derived from the moves' events; one such reader, the ledger.
	 */
	takeLowWater(): number {
		const low = this.#lowWater;
		this.#lowWater = Infinity;
		return low;
	}

	/** [D13] Rewrites move `i` in place (a backdate re-costed it), logged so a rollback puts it back. */
	set(i: number, q: number, value: number): void {
		this.store.record(this.#rewritten, '', [i, this.qAt(i), this.valueAt(i)]);
		this.#put(i, q, value);
	}

	readonly #rewritten: Restorer = {
		restore: (_key, prev) => {
			const [i, q, value] = prev as [number, number, number];
			this.#put(i, q, value);
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
		const packed = this.#data.get(STRIDE * i + 1);
		return packed === WIDE ? this.#wide.get(i)![0] : qOf(packed);
	}
	valueAt(i: number): number {
		const packed = this.#data.get(STRIDE * i + 1);
		return packed === WIDE ? this.#wide.get(i)![1] : valueOf(packed);
	}

	/**
	 * The indices of one stock total's moves, in the order they were made: its chain walked back from
	 * its last move, so a stock card or a backdate costs that total's moves, never a scan of them all.
	 */
	indicesOf(total: number): number[] {
		const out: number[] = [];
		const data = this.#data;
		for (let i = this.#last[total] ?? -1; i >= 0; i = data.get(STRIDE * i + 2)) out.push(i);
		return out.reverse();
	}

	/** The moves of one stock total, in the order they were made. */
	of(total: number): StockMove[] {
		return this.indicesOf(total).map((i) => ({
			slot: this.slotAt(i),
			q: this.qAt(i),
			value: this.valueAt(i)
		}));
	}

	/** Every move with its stock total's number, in the order they were made. */
	*all(): IterableIterator<StockMove & { readonly total: number }> {
		const data = this.#data;
		for (let i = 0; i < this.#len; i++) {
			const key = data.get(STRIDE * i);
			yield { slot: slotOf(key), total: totalOf(key), q: this.qAt(i), value: this.valueAt(i) };
		}
	}
}
