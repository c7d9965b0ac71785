/**
 * One partition: a Y.Doc whose only root is the append-only journal array (DESIGN §2; S6–S10 and S17 in
 * docs/SYNC.md). This module turns array inserts into decoded events for a sink, exactly once per id.
 *
 * Invariant: every event id in `seen` has been handed to the sink, and no id is handed over twice.
 * Local appends are delivered by `append` itself; everything else (peers, storage, a provider) is
 * delivered by the array observer from the structs the transaction inserted, so an update costs the size
 * of what it inserted, not the size of the partition.
 */
import * as Y from 'yjs';
import { decodeEvent, encodeEntry } from '../domain/codec';
import type { AnyEvent, EventFailure } from '../domain/event';
import { JOURNAL_ROOT } from '../domain/journal-format';

/** Where a batch of events came from: this device's own append, a peer's update, or storage on open. */
export type DeliveryOrigin = 'local' | 'remote' | 'load';

export interface RejectedTuple {
	readonly tuple: unknown;
	readonly failure: EventFailure;
}

/** What the sink receives. A batch is never empty; `added` holds only ids never delivered before. */
export interface JournalBatch {
	readonly added: AnyEvent[];
	readonly rejected: RejectedTuple[];
	readonly room: string;
	readonly origin: DeliveryOrigin;
}

/** Receives new events. It must not throw: it runs inside Yjs observers. */
export type JournalSink = (batch: JournalBatch) => void;

/** The journal array of a partition document. */
export function journalArray(doc: Y.Doc): Y.Array<unknown> {
	return doc.getArray<unknown>(JOURNAL_ROOT);
}

/**
 * [S10] Decodes tuples read from a journal: malformed ones become `rejected`, ids already in `seen` (or
 * repeated within `tuples`) are skipped, and the ids of the events returned are added to `seen`.
 */
export function decodeTuples(
	tuples: readonly unknown[],
	seen: Set<string>
): { added: AnyEvent[]; rejected: RejectedTuple[] } {
	const added: AnyEvent[] = [];
	const rejected: RejectedTuple[] = [];
	for (const tuple of tuples) {
		const r = decodeEvent(tuple);
		if (!r.ok) rejected.push({ tuple, failure: r });
		else if (!seen.has(r.event.id)) {
			seen.add(r.event.id);
			added.push(r.event);
		}
	}
	return { added, rejected };
}

/**
 * [S9] The values a transaction inserted into `array`, found from the structs the transaction created,
 * never by walking the array.
 *
 * Why not `event.changes.delta`: Yjs computes it by walking every item of the array and concatenating
 * the inserted runs, so each update costs O(items in the partition) and a full initial sync is quadratic
 * (measured: +15 ms on a 6,000-event partition, ~50 µs per one-event update). Instead, a transaction's
 * new structs are exactly those with clocks in [beforeState, afterState) per client (clocks are
 * contiguous per client; a pending update only integrates once contiguous), and they are still unmerged
 * while observers run. Order: by client, then insertion; derivation sorts by (at, hlc, id) anyway.
 */
export function insertedTuples(array: Y.Array<unknown>, tr: Y.Transaction): unknown[] {
	const out: unknown[] = [];
	const clients = tr.doc.store.clients;
	for (const [client, after] of tr.afterState) {
		const before = tr.beforeState.get(client) ?? 0;
		const structs = after > before ? clients.get(client) : undefined;
		if (!structs) continue;
		for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
			const struct = structs[i]!;
			if (struct.id.clock >= after) break;
			if (!(struct instanceof Y.Item) || struct.parent !== array || struct.deleted) continue;
			for (const value of struct.content.getContent()) out.push(value);
		}
	}
	return out;
}

export interface PartitionOptions {
	readonly sink: JournalSink;
	/** Ids already delivered; shared by all partitions of a journal, since ids are global. */
	readonly seen?: Set<string>;
	/** Transaction origins that are storage loading the document (delivered as 'load', not 'remote'). */
	readonly loadOrigins?: readonly unknown[];
}

export class JournalPartition {
	readonly room: string;
	readonly doc: Y.Doc;
	readonly journal: Y.Array<unknown>;
	readonly #seen: Set<string>;
	readonly #sink: JournalSink;
	readonly #loadOrigins: Set<unknown>;
	readonly #observer = (_event: Y.YArrayEvent<unknown>, tr: Y.Transaction) => this.#onInsert(tr);
	#disposed = false;

	/** Delivers what the document already holds (as 'load'), then follows its updates. */
	constructor(room: string, doc: Y.Doc, options: PartitionOptions) {
		this.room = room;
		this.doc = doc;
		this.journal = journalArray(doc);
		this.#seen = options.seen ?? new Set();
		this.#sink = options.sink;
		this.#loadOrigins = new Set(options.loadOrigins ?? []);
		if (this.journal.length > 0) this.#deliverTuples(this.journal.toArray(), 'load');
		this.journal.observe(this.#observer);
	}

	/** Marks a transaction origin as storage (its inserts are delivered as 'load'). */
	addLoadOrigin(origin: unknown): void {
		this.#loadOrigins.add(origin);
	}

	/** Whether an event with this id has been delivered (by this partition or a sibling sharing `seen`). */
	has(id: string): boolean {
		return this.#seen.has(id);
	}

	/**
	 * [S7][S8] Appends the events whose ids are new, in ONE transaction (pushing one by one to a big
	 * array costs O(n) each: Yjs copies the merged content), and delivers them as 'local'.
	 * Returns the events actually appended.
	 */
	append(events: readonly AnyEvent[]): AnyEvent[] {
		if (this.#disposed) throw new Error(`partition ${this.room} is closed`);
		const fresh: AnyEvent[] = [];
		const ids = new Set<string>();
		for (const e of events) {
			if (this.#seen.has(e.id) || ids.has(e.id)) continue;
			ids.add(e.id);
			fresh.push(e);
		}
		if (fresh.length === 0) return fresh;
		const tuples = fresh.map(encodeEntry);
		for (const id of ids) this.#seen.add(id);
		// Origin `this`: the observer skips our own transaction, the events are delivered below without
		// being decoded again. (Nested in someone else's transaction, the observer sees their origin,
		// decodes the tuples, finds the ids seen, and delivers nothing: still exactly once.)
		this.doc.transact(() => this.journal.push(tuples), this);
		this.#sink({ added: fresh, rejected: [], room: this.room, origin: 'local' });
		return fresh;
	}

	/** Stops following the document (the document itself is left to its owner). */
	dispose(): void {
		if (this.#disposed) return;
		this.#disposed = true;
		this.journal.unobserve(this.#observer);
	}

	#onInsert(tr: Y.Transaction): void {
		if (tr.origin === this) return;
		// [S17] Deletions are ignored: the journal is append-only (the relay refuses delete sets) and a
		// delivered event is never taken back.
		const tuples = insertedTuples(this.journal, tr);
		if (tuples.length > 0) this.#deliverTuples(tuples, this.#loadOrigins.has(tr.origin) ? 'load' : 'remote');
	}

	#deliverTuples(tuples: readonly unknown[], origin: DeliveryOrigin): void {
		const { added, rejected } = decodeTuples(tuples, this.#seen);
		if (added.length > 0 || rejected.length > 0) this.#sink({ added, rejected, room: this.room, origin });
	}
}

/**
 * Opens a partition from a whole-document update (a snapshot fetched over HTTP, a bench fixture): applies
 * it to a fresh document, decodes every event and hands them to `sink` as one 'load' batch. The partition
 * keeps following the document afterwards; `dispose()` it when done.
 */
export function openPartitionFromUpdate(update: Uint8Array, sink: JournalSink, room = ''): JournalPartition {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return new JournalPartition(room, doc, { sink });
}
