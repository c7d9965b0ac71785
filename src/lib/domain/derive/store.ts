/**
 * The ledger's mutable state, with an undo log (DESIGN §3; rules D1–D4 in docs/SPEC.md).
 *
 * Every value in a table is immutable; a write replaces it. While logging is on, each write records
 * (table, key, previous value), and `mark()` returns the log position before an event is applied.
 * Rolling back to a mark restores exactly the state before that event, so a late or backdated event
 * costs: undo the events after its place, apply it, re-apply them. Invariant: state after rollback(m)
 * is identical to the state when m was taken (tested by incremental == full replay).
 */

/** Anything that can put back a previous value: tables, and the in-place structures of the ledger. */
export interface Restorer {
	restore(key: string, prev: unknown): void;
}

export class Table<V> implements Restorer {
	readonly map = new Map<string, V>();
	constructor(readonly name: string) {}

	restore(key: string, prev: unknown): void {
		if (prev === undefined) this.map.delete(key);
		else this.map.set(key, prev as V);
	}
}

/**
 * Puts back a structure saved as a fixed-width record of numbers and references in the store's side
 * logs (`UndoStore.saveRecord`): for what nearly every event writes (stock totals), where an object
 * per logged write made most of what the garbage collector copied during a rewind.
 */
export interface RecordRestorer {
	/** Numbers per record. */
	readonly width: number;
	/** References per record. */
	readonly refs: number;
	/** `nums` is the side-log chunk holding the record, `at` the index of its first number there. */
	restore(nums: Float64Array, at: number, refs: unknown[], refAt: number): void;
}

/** Runs a closure on undo (rare structures only; the hot ones have their own Restorer). */
const CLOSURE: Restorer = { restore: (_key, undo) => (undo as () => void)() };

/** `nums` before any record was saved. */
const NO_NUMS = new Float64Array(0);

/**
 * Moves `a[from..len)` to the front and clears the rest of what was in use; returns the new length in use.
 * The array keeps its size: the writes that follow fill it in place. (Slicing out a copy instead made
 * every later push regrow a multi-million-slot array, and deriving history 1,000 events at a time trims
 * the log over and over.) A plain loop: `copyWithin` on a JS array is several times slower.
 */
function shiftDown(a: unknown[], from: number, len: number): number {
	const n = len - from;
	for (let i = 0; i < n; i++) a[i] = a[i + from];
	for (let i = Math.max(n, 0); i < len; i++) a[i] = undefined;
	return n;
}

/**
 * Numbers per chunk of the side log (64 KiB). The side log grew as one Float64Array by doubling: a
 * replay of the large demo logs its last 62 days as 385,000 records of 11 numbers (4.2 M), one past
 * 2^22, so it allocated and zero-filled 128 MB in all (the kernel faulting in every page) and copied
 * 64 MB to keep 34 MB. In chunks it writes each number once, and forgetting drops whole chunks, kept for
 * reuse, where it used to copy what stays to the front.
 */
const NUM_CHUNK = 1 << 13;

export class UndoStore {
	/**
	 * Flat undo log: table, key, previous value (undefined = absent), repeated. Only the first `#len`
	 * slots are in use: a rollback clears the slots it undoes but never shortens the array, so the
	 * re-application that follows refills it in place. (Shortening let V8 trim the store, and the
	 * refill then regrew and copied a multi-million-slot array several times per rewind.)
	 */
	#log: unknown[] = [];
	#len = 0;
	logging = false;
	/**
	 * Side logs of `saveRecord`: per record, its offset in `refs`, then its numbers, in chunks of
	 * `#chunk` numbers (a record never straddles two). Offsets are global: chunk × `#chunk` + index.
	 */
	#chunks: Float64Array[] = [];
	/** Chunks forgotten, for reuse. */
	#spare: Float64Array[] = [];
	/** The chunk of the record saved last (`nums`). */
	#current: Float64Array = NO_NUMS;
	readonly #chunk: number;
	#numLen = 0;
	#refs: unknown[] = [];
	#refLen = 0;
	/** The log entry of a record: (RECORD, its restorer, its global offset in the side log). */
	readonly #record: Restorer = {
		restore: (r, at) => {
			const rr = r as unknown as RecordRestorer;
			const n = at as number;
			const chunk = this.#chunks[Math.floor(n / this.#chunk)]!;
			const local = n % this.#chunk;
			const refAt = chunk[local]!;
			rr.restore(chunk, local + 1, this.#refs, refAt);
			// Undone newest first: everything from here on in the side logs is undone too.
			this.#refs.fill(undefined, refAt, this.#refLen);
			this.#numLen = n;
			this.#refLen = refAt;
		}
	};

	/** `chunkSize`: numbers per side-log chunk (tests make it small to cross chunks often). */
	constructor(chunkSize = NUM_CHUNK) {
		this.#chunk = chunkSize;
	}

	#put(a: unknown, b: unknown, c: unknown): void {
		const log = this.#log;
		const n = this.#len;
		if (n < log.length) {
			log[n] = a;
			log[n + 1] = b;
			log[n + 2] = c;
		} else log.push(a, b, c);
		this.#len = n + 3;
	}

	get<V>(t: Table<V>, key: string): V | undefined {
		return t.map.get(key);
	}

	set<V>(t: Table<V>, key: string, value: V): void {
		if (this.logging) this.#put(t, key, t.map.get(key));
		t.map.set(key, value);
	}

	/**
	 * Records a custom undo step for a structure that is mutated in place (sorted open-item lists,
	 * where copying on every change would cost O(n) per event).
	 */
	onUndo(undo: () => void): void {
		if (this.logging) this.#put(CLOSURE, '', undo);
	}

	/** Logs a previous value for a Restorer (no allocation beyond the log itself). */
	record(r: Restorer, key: string, prev: unknown): void {
		if (this.logging) this.#put(r, key, prev);
	}

	/**
	 * Logs a record for `r` (only while logging; returns -1 otherwise) and returns the index of its
	 * first number in `nums`; its references go to `refs` from `nums[index - 1]`. The caller fills
	 * both at once (`nums` and `refs` may be other arrays after the next call).
	 */
	saveRecord(r: RecordRestorer): number {
		if (!this.logging) return -1;
		const size = this.#chunk;
		const width = 1 + r.width;
		if (width > size) throw new RangeError('a record wider than a side-log chunk');
		let at = this.#numLen;
		let local = at % size;
		if (local + width > size) {
			at += size - local;
			local = 0;
		}
		const c = Math.floor(at / size);
		while (this.#chunks.length <= c) this.#chunks.push(this.#spare.pop() ?? new Float64Array(size));
		const chunk = this.#chunks[c]!;
		chunk[local] = this.#refLen;
		this.#current = chunk;
		this.#numLen = at + width;
		const refs = this.#refs;
		for (let i = 0; i < r.refs; i++) {
			if (this.#refLen < refs.length) refs[this.#refLen] = undefined;
			else refs.push(undefined);
			this.#refLen++;
		}
		this.#put(this.#record, r, at);
		return local + 1;
	}

	/** The side-log chunk of the record saved last. */
	get nums(): Float64Array {
		return this.#current;
	}

	get refs(): unknown[] {
		return this.#refs;
	}

	mark(): number {
		return this.#len;
	}

	/** Undoes every write made after `mark`, newest first. */
	rollback(mark: number): void {
		const log = this.#log;
		for (let i = this.#len - 3; i >= mark; i -= 3) {
			(log[i] as Restorer).restore(log[i + 1] as string, log[i + 2]);
			// Cleared so that the log holds no undone value alive.
			log[i] = log[i + 1] = log[i + 2] = undefined;
		}
		this.#len = mark;
	}

	/** Forgets the oldest part of the log (before `mark`); returns how much the marks shift. */
	forget(mark: number): number {
		const log = this.#log;
		this.#len = shiftDown(log, mark, this.#len);
		// The side logs lose what the forgotten records held: from the first record still logged.
		let first = -1;
		for (let i = 0; i < this.#len && first < 0; i += 3) if (log[i] === this.#record) first = i;
		if (first < 0) {
			this.#numLen = 0;
			this.#refLen = shiftDown(this.#refs, this.#refLen, this.#refLen);
			return mark;
		}
		const numCut = log[first + 2] as number;
		// Compacted only once at least half is forgotten: each compaction rewrites every live record's
		// offsets, so doing it on every trim would cost the whole window each time (amortised O(1) so).
		if (2 * numCut < this.#numLen) return mark;
		const size = this.#chunk;
		const refCut = this.#chunks[Math.floor(numCut / size)]![numCut % size]!;
		// Whole chunks before the first live record go to the spares; nothing is copied.
		const dropped = Math.floor(numCut / size);
		this.#spare.push(...this.#chunks.splice(0, dropped));
		const shift = dropped * size;
		this.#numLen -= shift;
		this.#refLen = shiftDown(this.#refs, refCut, this.#refLen);
		for (let i = first; i < this.#len; i += 3) {
			if (log[i] !== this.#record) continue;
			const at = (log[i + 2] as number) - shift;
			log[i + 2] = at;
			const chunk = this.#chunks[Math.floor(at / size)]!;
			chunk[at % size] = chunk[at % size]! - refCut;
		}
		return mark;
	}

	clearLog(): void {
		this.#log = [];
		this.#len = 0;
		this.#numLen = 0;
		this.#refs = [];
		this.#refLen = 0;
	}

	get logSize(): number {
		return this.#len / 3;
	}

	/**
	 * Nothing can be undone: no write is being logged and none is held. What a write changes in place
	 * then has no earlier version anywhere that could share its parts (see `LedgerState.reviseDoc`).
	 */
	get quiet(): boolean {
		return !this.logging && this.#len === 0;
	}
}
