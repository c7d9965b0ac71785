/**
 * A growable array of numbers held in fixed chunks of 16,384 doubles (128 KiB each), for the ledger's
 * flat stores of millions of numbers (the stock moves, the compact documents' costs). The chunks are
 * small enough that a month partition's ledger (a few thousand events) does not fault in memory it
 * never uses.
 *
 * One plain array grown by `push` is copied whole each time it outgrows its room (by half again), so a
 * store of 20 million numbers is copied three or four times during a replay and every copy lands on
 * fresh pages the kernel must fault in. Measured on the large demo's replay: the moves' `push` alone
 * took 1.3 s of a 15.6 s replay, and page faults were a third of its time. In chunks, growing allocates
 * one more chunk and copies nothing, and a chunk's memory is touched once.
 *
 * Chunks are plain arrays of doubles on the heap, not typed arrays: see CompactDocs (index.ts) for what
 * external memory costs a replay. Every chunk is a copy of one made with double elements (filled with
 * 0.5, then 0), so it never changes kind and every chunk of every store has the same one.
 */
const SHIFT = 14;
/** Numbers per chunk. */
export const CHUNK_SIZE = 1 << SHIFT;
const SIZE = CHUNK_SIZE;
const MASK = SIZE - 1;

/**
 * A chunk's first contents, copied for each new chunk: made directly, an array of this size is first
 * one of references, then one of doubles (what `fill(0.5)` turns it into), so every chunk cost two
 * allocations in the large-object space, each faulted in by the kernel. A copy is one.
 */
const ZEROS = new Array<number>(SIZE).fill(0.5).fill(0);

/**
 * An array of n zeros with double elements, in one allocation: copies of the zero chunk joined by
 * `concat`. Made as `new Array(n).fill(0.5).fill(0)`, an array is first one of n references and then a
 * second one of n doubles, each faulted in by the kernel: the id index's 64 MB table for 2,000,000 events
 * took 500 ms that way on a large heap, and 170-235 ms this way.
 */
export function doubles(n: number): number[] {
	if (n <= SIZE) return ZEROS.slice(0, n);
	const parts: number[][] = new Array<number[]>(Math.floor(n / SIZE)).fill(ZEROS);
	if (n % SIZE !== 0) parts.push(ZEROS.slice(0, n % SIZE));
	return ([] as number[]).concat(...parts);
}

export class ChunkedNumbers {
	readonly #chunks: number[][] = [];
	#room = 0;

	/** Room for indices below this. */
	get room(): number {
		return this.#room;
	}

	/** Makes room for indices below `n` (what was there stays; at most 2^32, the reach of `>>>`). */
	ensure(n: number): void {
		if (n > 2 ** 32) throw new RangeError('too many numbers for one store');
		while (this.#room < n) {
			this.#chunks.push(ZEROS.slice());
			this.#room += SIZE;
		}
	}

	/** The number at `i` (below `room`; 0 where nothing was written). */
	get(i: number): number {
		return this.#chunks[i >>> SHIFT]![i & MASK]!;
	}

	/** Writes the number at `i` (below `room`). */
	set(i: number, v: number): void {
		this.#chunks[i >>> SHIFT]![i & MASK] = v;
	}
}

/**
 * The same for references: a growable array of values (undefined where nothing was written), in chunks
 * of 16,384, for stores indexed by event slot. A class of its own, not ChunkedNumbers made generic: one
 * `get` reading chunks of both kinds of elements would be polymorphic in every store.
 */
export class ChunkedRefs<T> {
	readonly #chunks: (T | undefined)[][] = [];
	#room = 0;

	/** Room for indices below this. */
	get room(): number {
		return this.#room;
	}

	/** Makes room for indices below `n` (what was there stays; at most 2^32). */
	ensure(n: number): void {
		if (n > 2 ** 32) throw new RangeError('too many values for one store');
		while (this.#room < n) {
			this.#chunks.push(new Array<T | undefined>(SIZE).fill(undefined));
			this.#room += SIZE;
		}
	}

	/** The value at `i` (undefined at or beyond `room`, or where nothing was written). */
	get(i: number): T | undefined {
		return i < this.#room ? this.#chunks[i >>> SHIFT]![i & MASK] : undefined;
	}

	/** Writes the value at `i` (below `room`). */
	set(i: number, v: T | undefined): void {
		this.#chunks[i >>> SHIFT]![i & MASK] = v;
	}
}
