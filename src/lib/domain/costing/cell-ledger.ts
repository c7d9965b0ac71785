/**
 * The stock ledger of one cost cell (a product in a warehouse): its moves in derivation order, each
 * with the pool it left behind. A move that arrives late is costed at its own place, and only the
 * cell's later moves are costed again; a cell's history is never replayed for another cell's sake.
 *
 * This is the first part of the derivation design in docs/SPEC.md ("Derivation speed"), where a
 * backdated sale re-costs the few hundred later moves of its own cells instead of re-applying every
 * event after it. Rules C1–C7 are not restated here: every move goes through the same pool functions
 * (costing/pool.ts) the ledger's stock totals use, with the costing method in force at the move (C6),
 * so the costs are those of a replay in order by construction, and the tests prove it against one.
 *
 * Invariant: `#pools[i]` is the pool after moves 0…i applied in order to `base`, and every `out`
 * move's value is what `issue` took from the pool before it. Both are restored for every move from a
 * changed place onwards before `insert` or `remove` returns.
 */
import {
	convertPool,
	EMPTY_POOL,
	issue,
	issueAt,
	receive,
	type CostingMethod,
	type CostPool,
	type Layer
} from './pool';

/**
 * `in`: goods in at a known value (a receipt, a found count, a return at its original cost).
 * `out`: goods out at the pool's cost, which the ledger works out (a sale, a transfer out).
 * `out-at`: goods out at a known value (a return to the supplier at the receipt's cost).
 */
export type MoveKind = 'in' | 'out' | 'out-at';

export interface CellMove<K> {
	/** Where the move sorts (the event's place in derivation order, line number included). */
	readonly key: K;
	readonly kind: MoveKind;
	/** Quantity in thousandths, positive. */
	readonly q: number;
	/** Value in fen: given for `in` and `out-at`, worked out for `out`. */
	readonly value: number;
	readonly method: CostingMethod;
	/** The document that brought the goods in (FIFO layers remember it, C5). */
	readonly src?: string;
}

export type NewMove<K> = Omit<CellMove<K>, 'value'> & { readonly value?: number };

/** An `out` move whose cost changed because a move before it was added or taken away. */
export interface Recosted<K> {
	readonly key: K;
	readonly before: number;
	readonly after: number;
}

export interface CellChange<K> {
	/** The value of the move added (its cost, for `out`); 0 for a removal. */
	readonly value: number;
	/** Later `out` moves whose cost changed, in order. */
	readonly recosted: readonly Recosted<K>[];
	/** How many later moves were costed again (the work done). */
	readonly visited: number;
}

export class CellLedger<K> {
	readonly #moves: CellMove<K>[] = [];
	readonly #pools: CostPool[] = [];

	constructor(
		readonly compare: (a: K, b: K) => number,
		/** The pool before the first move kept here (history older than the ledger's window). */
		readonly base: CostPool = EMPTY_POOL
	) {}

	get size(): number {
		return this.#moves.length;
	}

	/** The pool after every move. */
	get pool(): CostPool {
		const n = this.#pools.length;
		return n === 0 ? this.base : this.#pools[n - 1]!;
	}

	/** The moves in order (read-only view). */
	get moves(): readonly CellMove<K>[] {
		return this.#moves;
	}

	/** The pool just before `key` would sort in. */
	poolBefore(key: K): CostPool {
		const i = this.#lowerBound(key);
		return i === 0 ? this.base : this.#pools[i - 1]!;
	}

	/** The move at `key`, if there is one. */
	move(key: K): CellMove<K> | undefined {
		const i = this.#lowerBound(key);
		const m = this.#moves[i];
		return m !== undefined && this.compare(m.key, key) === 0 ? m : undefined;
	}

	/**
	 * Adds a move at its place. A move that sorts after all others costs O(1) (plus the pool's own
	 * work); one that sorts earlier costs the cell's later moves, and reports the `out` moves whose
	 * cost changed. A key already present is refused: each move is one line of one event.
	 */
	insert(move: NewMove<K>): CellChange<K> {
		const i = this.#lowerBound(move.key);
		const there = this.#moves[i];
		if (there !== undefined && this.compare(there.key, move.key) === 0)
			throw new Error('a move with this key is already in the cell');
		const before = i === 0 ? this.base : this.#pools[i - 1]!;
		const [applied, pool] = apply(move, before);
		this.#moves.splice(i, 0, applied);
		this.#pools.splice(i, 0, pool);
		const later = this.#recostFrom(i + 1);
		return { value: applied.value, ...later };
	}

	/** Takes the move at `key` away (a void, or an event that turned out invalid) and re-costs after it. */
	remove(key: K): CellChange<K> {
		const i = this.#lowerBound(key);
		const there = this.#moves[i];
		if (there === undefined || this.compare(there.key, key) !== 0)
			return { value: 0, recosted: [], visited: 0 };
		this.#moves.splice(i, 1);
		this.#pools.splice(i, 1);
		return { value: 0, ...this.#recostFrom(i) };
	}

	/** Drops every move at or after `key` (a rewind to that place); nothing before it changes. */
	truncate(key: K): void {
		const i = this.#lowerBound(key);
		this.#moves.length = i;
		this.#pools.length = i;
	}

	/** Costs moves i… again from the pool before i, stopping as soon as a pool comes out unchanged. */
	#recostFrom(i: number): { recosted: Recosted<K>[]; visited: number } {
		const recosted: Recosted<K>[] = [];
		let pool = i === 0 ? this.base : this.#pools[i - 1]!;
		let visited = 0;
		for (; i < this.#moves.length; i++) {
			const old = this.#moves[i]!;
			const [m, next] = apply(old, pool);
			visited++;
			if (m.value !== old.value) {
				recosted.push({ key: m.key, before: old.value, after: m.value });
				this.#moves[i] = m;
			}
			// Everything after a move depends only on the pool it leaves: once that is as before, so is the rest.
			if (samePool(next, this.#pools[i]!)) break;
			this.#pools[i] = next;
			pool = next;
		}
		return { recosted, visited };
	}

	/** First index whose key is not below `key`. */
	#lowerBound(key: K): number {
		const moves = this.#moves;
		let lo = 0;
		let hi = moves.length;
		// Most moves arrive in order: check the end first.
		if (hi > 0 && this.compare(moves[hi - 1]!.key, key) < 0) return hi;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.compare(moves[mid]!.key, key) < 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}

/**
 * One move applied to the pool before it, in the pool's form for the move's costing method (C6): the
 * move with its value (worked out for `out`) and the pool after it. The ledger's stock totals do the
 * same in place (derive/state.ts stockIn, stockOut, stockOutAt).
 */
function apply<K>(move: NewMove<K> | CellMove<K>, before: CostPool): [CellMove<K>, CostPool] {
	const pool = convertPool(before, move.method);
	switch (move.kind) {
		case 'in': {
			const value = move.value ?? 0;
			return [withValue(move, value), receive(move.method, pool, move.q, value, move.src)];
		}
		case 'out': {
			const out = issue(move.method, pool, move.q);
			return [withValue(move, out.value), out.pool];
		}
		case 'out-at': {
			const value = move.value ?? 0;
			return [withValue(move, value), issueAt(move.method, pool, move.q, value, move.src)];
		}
	}
}

function withValue<K>(move: NewMove<K> | CellMove<K>, value: number): CellMove<K> {
	// A move whose value is already this one is kept as it is (no copy per re-costed move).
	return move.value === value ? (move as CellMove<K>) : { ...move, value };
}

function samePool(a: CostPool, b: CostPool): boolean {
	return (
		a.qty === b.qty &&
		a.value === b.value &&
		a.refQ === b.refQ &&
		a.refV === b.refV &&
		a.variance === b.variance &&
		sameLayers(a.layers, b.layers)
	);
}

function sameLayers(a: readonly Layer[], b: readonly Layer[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		const x = a[i]!;
		const y = b[i]!;
		if (x.q !== y.q || x.v !== y.v || x.src !== y.src) return false;
	}
	return true;
}
