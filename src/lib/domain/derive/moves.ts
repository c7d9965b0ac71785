/**
 * [D12] Every stock move derivation made, in derivation order: the event that made it (its index
 * slot), the stock total it changed (the total's number), the signed quantity and the signed value
 * (what came in, or the cost that went out). This is the stock ledger (库存台账) of every product in
 * every warehouse at once, exact by construction: a move is written where the stock total changes, so
 * a voided document, a refused or a quarantined event never appears, and a rewind takes back the moves
 * of the events it undoes like any other write.
 *
 * Held in one flat array of numbers, so a replay of millions of moves allocates nothing per move and
 * leaves the garbage collector nothing to copy. Undo: one log entry per event while the ledger logs (the
 * length before its first move); undone newest first, the length goes back to what it was at the mark.
 */
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
const NO_INDICES: readonly number[] = [];

/** The parts of a key (exact: TOTALS is a power of two; `%` on such doubles is a slow library call). */
const slotOf = (key: number): number => Math.floor(key / TOTALS);
const totalOf = (key: number): number => key - slotOf(key) * TOTALS;

export class StockMoves implements Restorer {
	/**
	 * Per move: slot × 2^24 + total, q, value. One array of doubles on the heap: typed arrays live
	 * outside it, and growing them by tens of megabytes during a replay made V8 run full,
	 * non-incremental collections of the whole heap for the external memory (measured: +3 s on a
	 * 2,000,000-event replay).
	 */
	#data: number[] = [];
	#len = 0;

	constructor(readonly store: UndoStore) {}

	get length(): number {
		return this.#len;
	}

	/**
	 * Makes room for `n` moves in all (a bulk load sizes the array once instead of regrowing it). It
	 * at least doubles the room, so a journal added a thousand events at a time copies the moves a few
	 * times in all, not once per add.
	 */
	reserve(n: number): void {
		if (3 * n <= this.#data.length) return;
		const data: number[] = new Array<number>(Math.max(3 * n, 2 * this.#data.length)).fill(0.5);
		for (let i = 0; i < 3 * this.#len; i++) data[i] = this.#data[i]!;
		this.#data = data;
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
		const data = this.#data;
		const at = 3 * n;
		if (at < data.length) {
			data[at] = slot * TOTALS + total;
			data[at + 1] = q;
			data[at + 2] = value;
		} else data.push(slot * TOTALS + total, q, value);
		this.#len = n + 1;
	}

	/** [D13] Rewrites move `i` in place (a backdate re-costed it), logged so a rollback puts it back. */
	set(i: number, q: number, value: number): void {
		const data = this.#data;
		this.store.record(this.#rewritten, '', [i, data[3 * i + 1]!, data[3 * i + 2]!]);
		data[3 * i + 1] = q;
		data[3 * i + 2] = value;
	}

	readonly #rewritten: Restorer = {
		restore: (_key, prev) => {
			const [i, q, value] = prev as [number, number, number];
			this.#data[3 * i + 1] = q;
			this.#data[3 * i + 2] = value;
		}
	};

	/** Move `i`'s event slot, stock total, quantity and value. */
	slotAt(i: number): number {
		return slotOf(this.#data[3 * i]!);
	}
	totalAt(i: number): number {
		return totalOf(this.#data[3 * i]!);
	}
	qAt(i: number): number {
		return this.#data[3 * i + 1]!;
	}
	valueAt(i: number): number {
		return this.#data[3 * i + 2]!;
	}

	/** The indices of one stock total's moves, in the order they were made (read-only; see `of`). */
	indicesOf(total: number): readonly number[] {
		return this.#catchUp()[total] ?? NO_INDICES;
	}

	restore(_key: string, length: unknown): void {
		this.#len = length as number;
		this.#logged = -1;
		if (this.#len < this.#stale) this.#stale = this.#len;
	}

	/**
	 * Per stock total, the indices of its moves in order: built by the first query (a stock card), then
	 * kept up to date by each later one, so a card costs its own moves, not a scan of every move (about
	 * 90 ms at 2,600,000 moves). A replay that nobody queries never builds it.
	 */
	#byTotal: number[][] | null = null;
	/** Moves indexed so far; and the lowest length a rollback left since (indices from it on are stale). */
	#indexed = 0;
	#stale = Infinity;

	#catchUp(): number[][] {
		const byTotal = (this.#byTotal ??= []);
		if (this.#stale < this.#indexed) {
			// Moves from `#stale` on were undone, and their places may hold other moves now.
			for (const list of byTotal) while (list.length > 0 && list[list.length - 1]! >= this.#stale) list.pop();
			this.#indexed = this.#stale;
		}
		this.#stale = Infinity;
		const data = this.#data;
		if (this.#indexed === 0 && this.#len > 0) {
			// The first build: count each total's moves, then fill lists of their exact size (pushing
			// millions of indices into thousands of growing lists took five times as long).
			const counts: number[] = [];
			for (let i = 0; i < this.#len; i++) {
				const total = totalOf(data[3 * i]!);
				while (counts.length <= total) counts.push(0);
				counts[total]!++;
			}
			const fill: number[] = counts.map(() => 0);
			for (let t = byTotal.length; t < counts.length; t++) byTotal.push(new Array<number>(counts[t]!));
			for (let i = 0; i < this.#len; i++) {
				const total = totalOf(data[3 * i]!);
				byTotal[total]![fill[total]!++] = i;
			}
			this.#indexed = this.#len;
			return byTotal;
		}
		for (let i = this.#indexed; i < this.#len; i++) {
			const total = totalOf(data[3 * i]!);
			while (byTotal.length <= total) byTotal.push([]);
			byTotal[total]!.push(i);
		}
		this.#indexed = this.#len;
		return byTotal;
	}

	/** The moves of one stock total, in derivation order. */
	of(total: number): StockMove[] {
		const data = this.#data;
		return (this.#catchUp()[total] ?? []).map((i) => ({
			slot: slotOf(data[3 * i]!),
			q: data[3 * i + 1]!,
			value: data[3 * i + 2]!
		}));
	}

	/** Every move with its stock total's number, in derivation order. */
	*all(): IterableIterator<StockMove & { readonly total: number }> {
		const data = this.#data;
		for (let at = 0; at < 3 * this.#len; at += 3) {
			const key = data[at]!;
			yield { slot: slotOf(key), total: totalOf(key), q: data[at + 1]!, value: data[at + 2]! };
		}
	}
}
