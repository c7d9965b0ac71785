/**
 * The ledger's events by id, each with a small integer slot (its arrival number, never reused), and
 * the compact documents kept by slot instead of by id.
 *
 * A large journal is mostly counter sales whose document nothing touches after posting. Keeping each
 * one as an entry of the documents map (plus an object and a cost array) made a two-million-entry map
 * and millions of long-lived objects that every major GC walks. Here such a document is its event
 * (found through the slot) plus its line costs in one flat array of numbers, so it costs no map entry
 * and no object at all; it is expanded into a DocState only when asked for.
 */
import type { AnyEvent } from '../event';
import { ChunkedNumbers, ChunkedRefs, doubles } from './chunked';
import type { Restorer, UndoStore } from './store';

export class EventIndex {
	/**
	 * Per slot, its event. In chunks, not one array grown by `push`: two million events grew it a dozen
	 * times, each growth a copy onto fresh pages (about 70 MB allocated to keep 16 MB).
	 */
	readonly #events = new ChunkedRefs<AnyEvent>();
	#size = 0;
	/**
	 * Id → slot, open addressing with linear probing, at most half full: per cell one number, the id's
	 * 27-bit tag (`tagOf`) × 2^26 + 1 + its slot (0 = empty), exact below 2^53. A Map of two million
	 * strings cost a sixth of a full replay: each miss walked a chain through other keys' strings, and
	 * each doubling re-read every key. Here a probe reads one number and compares an id only when the
	 * tags are equal (one chance in 134 million for two ids); the tag also picks the cell, so growing
	 * reads no string at all. A plain array of doubles, not an Int32Array: see CompactDocs for what
	 * tens of megabytes of typed-array memory cost a replay (this table is 32 MB at 2,000,000 events;
	 * it was 64 MB with the hash and the slot in two numbers).
	 */
	#cells: number[] = doubles(1024);
	#mask = 1024 - 1;

	get size(): number {
		return this.#size;
	}

	/** Adds an event; returns its slot, or -1 if one with its id is already there. */
	add(e: AnyEvent): number {
		const tag = tagOf(e.id);
		const cell = this.#find(e.id, tag);
		if (this.#cells[cell] !== 0) return -1;
		const slot = this.#size;
		if (slot + 1 >= SLOTS) throw new RangeError('too many events for one index');
		if (slot >= this.#events.room) this.#events.ensure(slot + 1);
		this.#events.set(slot, e);
		this.#size = slot + 1;
		this.#cells[cell] = tag * SLOTS + slot + 1;
		if (2 * this.#size > this.#mask) this.#grow(this.#mask * 2 + 1);
		return slot;
	}

	/** Makes room for `n` events in all without growing (a large first load sizes the table once). */
	reserve(n: number): void {
		let mask = this.#mask;
		while (2 * n > mask) mask = mask * 2 + 1;
		if (mask !== this.#mask) this.#grow(mask);
	}

	has(id: string): boolean {
		return this.slotOf(id) !== undefined;
	}

	get(id: string): AnyEvent | undefined {
		const s = this.slotOf(id);
		return s === undefined ? undefined : this.#events.get(s);
	}

	slotOf(id: string): number | undefined {
		const c = this.#cells[this.#find(id, tagOf(id))]!;
		return c === 0 ? undefined : slotPart(c) - 1;
	}

	at(slot: number): AnyEvent {
		return this.#events.get(slot)!;
	}

	/** The cell holding `id` (whose tag is `tag`), or the empty cell where it would go. */
	#find(id: string, tag: number): number {
		const cells = this.#cells;
		const mask = this.#mask;
		for (let i = tag & mask; ; i = (i + 1) & mask) {
			const c = cells[i]!;
			if (c === 0) return i;
			const t = Math.floor(c / SLOTS);
			if (t === tag && this.#events.get(c - t * SLOTS - 1)!.id === id) return i;
		}
	}

	/** Rehashes into a table of `mask + 1` cells (at most 2^27: the tag picks the cell). */
	#grow(mask: number): void {
		if (mask >= TAGS) throw new RangeError('too many events for one index');
		const old = this.#cells;
		const cells = doubles(mask + 1);
		for (let j = 0; j < old.length; j++) {
			const c = old[j]!;
			if (c === 0) continue;
			let i = Math.floor(c / SLOTS) & mask;
			while (cells[i] !== 0) i = (i + 1) & mask;
			cells[i] = c;
		}
		this.#cells = cells;
		this.#mask = mask;
	}
}

/**
 * A cell holds tag × SLOTS + 1 + slot, below 2^53: 2^26 slots and 2^27 tags, so a table of up to 2^27
 * cells, half full: 67 million events, thirty times the large demo's three years of ten branches.
 */
const SLOTS = 2 ** 26;
const TAGS = 2 ** 27;

/** The slot part of a cell (1 + the slot). */
const slotPart = (c: number): number => c - Math.floor(c / SLOTS) * SLOTS;

/** An id's tag: the top 27 bits of its mixed hash; its low bits pick the cell. */
export function tagOf(id: string): number {
	return mix(hashId(id)) >>> 5;
}

/** FNV-1a over the id's UTF-16 code units (32 bits). */
export function hashId(id: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
	return h | 0;
}

/** Spreads a hash over the low bits that pick a cell (murmur3's finaliser). */
function mix(h: number): number {
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

/** No extra numbers (see CompactDocs), one array for every document without them. */
export const NO_EXTRAS: readonly number[] = [];

/**
 * Compact documents by slot. Layout of the cost buffer per document: kind number, line count, one cost
 * per line, then the kind's extra numbers (a posted delivery's due day and open amount; a counter sale
 * has none). `start[slot]` is 1 + the document's offset, 0 when it has none. A kind is whatever the
 * caller uses to expand the document (state.ts: the expanding function), kept once per distinct value
 * with its count of extras. Invariant: a slot is put at most once between undos (each event is applied
 * once per pass).
 *
 * Both are numbers on the heap in chunks (chunked.ts), not typed arrays: a typed array's memory lies
 * outside the heap, and growing one by tens of megabytes during a replay made V8 answer the external
 * memory with full, non-incremental collections of the whole heap (about 0.6–1.1 s each on a
 * 2,000,000-event replay; measured 8.45 s → 7.45 s for the replay without them).
 */
export class CompactDocs<K> implements Restorer {
	/** Per slot, 1 + the offset of its document in `#buf`, 0 when it has none; written below `#end`. */
	readonly #start = new ChunkedNumbers();
	#end = 0;
	readonly #buf = new ChunkedNumbers();
	#len = 0;
	#count = 0;
	readonly #kinds: K[] = [];
	/** Per kind, how many extra numbers its documents carry after their costs. */
	readonly #extras: number[] = [];

	constructor(
		readonly index: EventIndex,
		readonly store: UndoStore,
		/** Told the slot of every document an undo removes. */
		readonly onUndo: (slot: number) => void = () => {}
	) {}

	get count(): number {
		return this.#count;
	}

	/** Stores the compact document of the event in `slot` (a kind always comes with as many extras). */
	put(slot: number, kind: K, costs: readonly number[], extras: readonly number[] = NO_EXTRAS): void {
		let x = this.#kinds.indexOf(kind);
		if (x < 0) {
			x = this.#kinds.push(kind) - 1;
			this.#extras.push(extras.length);
		} else if (this.#extras[x] !== extras.length)
			throw new Error('a compact kind with another count of extras');
		const start = this.#start;
		if (slot >= this.#end) {
			start.ensure(slot + 1);
			this.#end = slot + 1;
		}
		const n = costs.length;
		const m = extras.length;
		let off = this.#len;
		const buf = this.#buf;
		if (off + n + m + 2 > buf.room) buf.ensure(off + n + m + 2);
		buf.set(off++, x);
		buf.set(off++, n);
		for (let i = 0; i < n; i++) buf.set(off++, costs[i]!);
		for (let i = 0; i < m; i++) buf.set(off++, extras[i]!);
		this.store.record(this, '', slot);
		if (start.get(slot) === 0) this.#count++;
		start.set(slot, this.#len + 1);
		this.#len = off;
	}

	/** Undo of a put (always the newest one, the log being undone newest first). */
	restore(_key: string, slot: unknown): void {
		const s = slot as number;
		this.onUndo(s);
		this.#len = this.#start.get(s) - 1;
		this.#start.set(s, 0);
		this.#count--;
	}

	has(slot: number): boolean {
		return slot < this.#end && this.#start.get(slot) !== 0;
	}

	/** [D13] Sets one line cost of the document in `slot` in place (logged, so a rollback puts it back). */
	setCost(slot: number, line: number, cost: number): void {
		this.#rewrite(this.#start.get(slot) + 1 + line, cost, slot);
	}

	/** How many extra numbers the document in `slot` carries (see `put`). */
	extraCount(slot: number): number {
		return this.#extras[this.#buf.get(this.#start.get(slot) - 1)]!;
	}

	/** Extra number `k` of the document in `slot` (see `put`). */
	extra(slot: number, k: number): number {
		const off = this.#start.get(slot) - 1;
		return this.#buf.get(off + 2 + this.#buf.get(off + 1) + k);
	}

	/** Sets extra number `k` of the document in `slot` in place (logged). */
	setExtra(slot: number, k: number, v: number): void {
		const off = this.#start.get(slot) - 1;
		this.#rewrite(off + 2 + this.#buf.get(off + 1) + k, v, slot);
	}

	#rewrite(at: number, v: number, slot: number): void {
		this.store.record(this.#rewritten, '', [at, this.#buf.get(at), slot]);
		this.#buf.set(at, v);
	}

	readonly #rewritten: Restorer = {
		restore: (_key, prev) => {
			const [at, cost, slot] = prev as [number, number, number];
			this.#buf.set(at, cost);
			this.onUndo(slot);
		}
	};

	/** The compact document in `slot`: its event, kind, line costs and extras; undefined if none. */
	read(slot: number): { e: AnyEvent; kind: K; costs: number[]; extras: readonly number[] } | undefined {
		if (!this.has(slot)) return undefined;
		const buf = this.#buf;
		let off = this.#start.get(slot) - 1;
		const x = buf.get(off++);
		const n = buf.get(off++);
		const costs: number[] = new Array(n);
		for (let i = 0; i < n; i++) costs[i] = buf.get(off++);
		const m = this.#extras[x]!;
		if (m === 0) return { e: this.index.at(slot), kind: this.#kinds[x]!, costs, extras: NO_EXTRAS };
		const extras: number[] = new Array(m);
		for (let i = 0; i < m; i++) extras[i] = buf.get(off++);
		return { e: this.index.at(slot), kind: this.#kinds[x]!, costs, extras };
	}

	/** Every slot holding a compact document. */
	*slots(): IterableIterator<number> {
		const start = this.#start;
		for (let s = 0; s < this.#end; s++) if (start.get(s) !== 0) yield s;
	}
}
