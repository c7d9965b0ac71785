/**
 * The device's journal: the open partitions (one Y.Doc each), routing, idempotent appends and the
 * command helper that stamps, validates and records events (DESIGN §1–2; S5–S16 in docs/SYNC.md).
 *
 * Everything the journal learns (storage on open, peers, its own appends) reaches the sink exactly once
 * per event id, after the device clock has seen it. The sink is where derivation plugs in; this module
 * does not know it.
 */
import * as Y from 'yjs';
import { CATALOGUE, type EventType, type PayloadOf } from '../domain/catalogue';
import { dayFromWall } from '../domain/dates';
import { CURRENT_VERSION, makeEvent, type AnyEvent, type EventFailure, type JEvent } from '../domain/event';
import { formatHlc } from '../domain/hlc';
import { parseRoom } from '../domain/journal-format';
import type { DeviceClock } from './device-clock';
import { JournalPartition, type JournalBatch, type JournalSink } from './partition';
import { inMemoryOnly, type AttachedStore, type PersistenceAdapter } from './persistence';
import { DEFAULT_UTC_OFFSET_MINUTES, roomFor, type RoomResult } from './routing';

export interface JournalOptions {
	readonly tenant: string;
	readonly clock: DeviceClock;
	readonly sink?: JournalSink;
	/** Default: in memory only. */
	readonly persistence?: PersistenceAdapter;
	/** The device's time zone, which decides recording months. Default China time (+480). */
	readonly utcOffsetMinutes?: number;
	/**
	 * The business date of a record that names none. Default: the recording day in the device's time
	 * zone. The demo company lives on its last business day, so what a visitor records there shows among
	 * "today's" figures.
	 */
	readonly today?: () => number;
}

/** A payload as the caller writes it: the document number `no` may be left to the device. */
export type Draft<T extends EventType> =
	PayloadOf<T> extends { no: number } ? Omit<PayloadOf<T>, 'no'> & { no?: number } : PayloadOf<T>;

export interface RecordOptions {
	readonly user: string;
	/** '' (the default) for company-wide events. */
	readonly branch?: string;
	/** Business date (day number); default: the recording day in the device's time zone. */
	readonly at?: number;
}

/**
 * One event of a `recordMany` batch. The payload may be built from the events recorded before it in the
 * same batch, e.g. a payment allocated to the delivery just recorded.
 */
export type RecordCommand = {
	[T in EventType]: RecordOptions & {
		readonly type: T;
		readonly payload: Draft<T> | ((earlier: readonly AnyEvent[]) => Draft<T>);
	};
}[EventType];

export type RecordResult<T extends EventType> = { ok: true; event: JEvent<T> } | EventFailure;

/** A failed batch names the command that failed; nothing of the batch was written. */
export type RecordManyResult = { ok: true; events: AnyEvent[] } | (EventFailure & { readonly index: number });

export interface AppendResult {
	/** Events written now (and delivered as 'local'). */
	readonly appended: AnyEvent[];
	/** Events whose id the journal already held: not written again. */
	readonly duplicates: AnyEvent[];
	/** Events that cannot be routed to any partition (e.g. a branch event without a branch). */
	readonly unroutable: { readonly event: AnyEvent; readonly failure: EventFailure }[];
}

const RETRY = Symbol('retry');

function groupInto(groups: Map<string, AnyEvent[]>, room: string, event: AnyEvent): void {
	const group = groups.get(room);
	if (group) group.push(event);
	else groups.set(room, [event]);
}

export class Journal {
	readonly tenant: string;
	readonly clock: DeviceClock;
	readonly #sink: JournalSink | undefined;
	readonly #persistence: PersistenceAdapter;
	readonly #utcOffset: number;
	readonly #today: (() => number) | undefined;
	readonly #seen = new Set<string>();
	readonly #partitions = new Map<string, { partition: JournalPartition; store: AttachedStore }>();
	readonly #opening = new Map<string, Promise<Y.Doc>>();
	readonly #deliver = (batch: JournalBatch) => {
		this.clock.observe(batch.added);
		this.#sink?.(batch);
	};

	constructor(options: JournalOptions) {
		this.tenant = options.tenant;
		this.clock = options.clock;
		this.#sink = options.sink;
		this.#persistence = options.persistence ?? inMemoryOnly;
		this.#utcOffset = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
		this.#today = options.today;
	}

	/**
	 * Opens a partition: attaches storage, delivers what it holds as 'load', and resolves with the
	 * document once loaded (attach a provider to it then). Opening an open partition is a no-op.
	 */
	open(room: string): Promise<Y.Doc> {
		let opening = this.#opening.get(room);
		if (!opening) {
			opening = this.#open(room);
			this.#opening.set(room, opening);
			// A failed open can be retried.
			opening.catch(() => this.#opening.delete(room));
		}
		return opening;
	}

	async #open(room: string): Promise<Y.Doc> {
		const name = parseRoom(room);
		if (!name || name.tenant !== this.tenant) throw new Error(`not a partition of ${this.tenant}: "${room}"`);
		const doc = new Y.Doc();
		// The partition observes before storage loads, so nothing can slip between load and observe.
		const partition = new JournalPartition(room, doc, { sink: this.#deliver, seen: this.#seen });
		const store = this.#persistence(doc, room);
		partition.addLoadOrigin(store.origin);
		try {
			await store.whenLoaded;
		} catch (error) {
			partition.dispose();
			await store.destroy();
			doc.destroy();
			throw error;
		}
		this.#partitions.set(room, { partition, store });
		return doc;
	}

	isOpen(room: string): boolean {
		return this.#partitions.has(room);
	}

	/** The document of an open partition, to attach a provider (relay-client.ts) to. */
	doc(room: string): Y.Doc | undefined {
		return this.#partitions.get(room)?.partition.doc;
	}

	/** The open partitions. */
	rooms(): string[] {
		return [...this.#partitions.keys()];
	}

	/** Whether an event with this id has been delivered (from any partition). */
	has(id: string): boolean {
		return this.#seen.has(id);
	}

	/** Number of distinct events delivered so far. */
	get size(): number {
		return this.#seen.size;
	}

	/** [S5] The partition of an event. */
	roomOf(event: Pick<AnyEvent, 'type' | 'branch' | 'hlc'>): RoomResult {
		return roomFor(
			this.tenant,
			{ type: event.type, branch: event.branch, wall: event.hlc.wall },
			this.#utcOffset
		);
	}

	/**
	 * [S7][S8] Appends events made elsewhere (an import, a test factory): opens their partitions, skips
	 * known ids, and writes each partition's share in one transaction.
	 */
	async append(events: readonly AnyEvent[]): Promise<AppendResult> {
		const byRoom = new Map<string, AnyEvent[]>();
		const unroutable: { event: AnyEvent; failure: EventFailure }[] = [];
		for (const event of events) {
			const r = this.roomOf(event);
			if (!r.ok) unroutable.push({ event, failure: r });
			else groupInto(byRoom, r.room, event);
		}
		await Promise.all([...byRoom.keys()].map((room) => this.open(room)));
		const appended: AnyEvent[] = [];
		for (const [room, group] of byRoom) appended.push(...this.#partition(room).append(group));
		const settled = new Set([...appended, ...unroutable.map((u) => u.event)]);
		const duplicates = events.filter((e) => !settled.has(e));
		return { appended, duplicates, unroutable };
	}

	/** Records one event made on this device. See `recordMany`. */
	async record<T extends EventType>(
		type: T,
		payload: Draft<T>,
		options: RecordOptions
	): Promise<RecordResult<T>> {
		const r = await this.recordMany([{ ...options, type, payload } as RecordCommand]);
		if (!r.ok) {
			const { index: _index, ...failure } = r;
			return failure as EventFailure;
		}
		return { ok: true, event: r.events[0] as JEvent<T> };
	}

	/**
	 * [S15] Records events made on this device as one unit: stamps each envelope (id = its HLC),
	 * assigns document numbers, validates everything, and only then writes, one transaction per
	 * partition. A failure is returned as a value and nothing is written.
	 *
	 * Commands landing in different partitions (a sale and its payment) are separate Yjs documents,
	 * written one after the other in the same task: a crash can only split them if storage commits one
	 * document's write and not the other's.
	 */
	async recordMany(commands: readonly RecordCommand[]): Promise<RecordManyResult> {
		for (;;) {
			// The recording month is only known once the clock ticks, and ticking must come after the
			// partition's own events are loaded (S12). So: open what the next tick will need, then tick
			// synchronously; if the month turned over in between, open the new month and go again.
			const wall = this.clock.nextWall();
			const missing = new Set<string>();
			for (const [index, c] of commands.entries()) {
				const r = roomFor(this.tenant, { type: c.type, branch: c.branch ?? '', wall }, this.#utcOffset);
				if (!r.ok) return { ...r, index };
				if (!this.isOpen(r.room)) missing.add(r.room);
			}
			await Promise.all([...missing].map((room) => this.open(room)));
			const done = this.#recordNow(commands);
			if (done !== RETRY) return done;
		}
	}

	#recordNow(commands: readonly RecordCommand[]): RecordManyResult | typeof RETRY {
		const events: AnyEvent[] = [];
		const rooms: string[] = [];
		const numbers = new Map<EventType, number>();
		for (const [index, c] of commands.entries()) {
			const hlc = this.clock.tick();
			const branch = c.branch ?? '';
			const routed = roomFor(this.tenant, { type: c.type, branch, wall: hlc.wall }, this.#utcOffset);
			if (!routed.ok) return { ...routed, index };
			if (!this.isOpen(routed.room)) return RETRY;
			const draft: unknown = typeof c.payload === 'function' ? c.payload(events) : c.payload;
			const r = makeEvent({
				id: formatHlc(hlc),
				type: c.type,
				v: CURRENT_VERSION,
				hlc,
				user: c.user,
				branch,
				at: c.at ?? this.#today?.() ?? dayFromWall(hlc.wall, this.#utcOffset),
				payload: this.#numbered(c.type, draft, numbers)
			});
			if (!r.ok) return { ...r, index };
			events.push(r.event);
			rooms.push(routed.room);
		}
		const byRoom = new Map<string, AnyEvent[]>();
		events.forEach((e, i) => groupInto(byRoom, rooms[i]!, e));
		for (const [room, group] of byRoom) this.#partition(room).append(group);
		return { ok: true, events };
	}

	/** [S14] Fills in `no` for document types when the caller left it out. */
	#numbered(type: EventType, draft: unknown, numbers: Map<EventType, number>): unknown {
		const fields = (CATALOGUE[type].payload as { fields?: Record<string, unknown> }).fields;
		if (!fields || !('no' in fields)) return draft;
		if (typeof draft !== 'object' || draft === null || (draft as { no?: unknown }).no !== undefined)
			return draft;
		// Within one batch, numbers are taken in turn; they are reserved only when the batch is recorded
		// (the clock sees the events), so a failed batch leaves no gap in the sequence.
		const no = numbers.get(type) ?? this.clock.nextNo(type);
		numbers.set(type, no + 1);
		return { ...draft, no };
	}

	#partition(room: string): JournalPartition {
		const open = this.#partitions.get(room);
		if (!open) throw new Error(`partition ${room} is not open`);
		return open.partition;
	}

	/** Closes a partition: stops following it, detaches storage, destroys the document. */
	async close(room: string): Promise<void> {
		const opening = this.#opening.get(room);
		if (!opening) return;
		await opening.catch(() => undefined);
		const open = this.#partitions.get(room);
		this.#opening.delete(room);
		this.#partitions.delete(room);
		if (!open) return;
		open.partition.dispose();
		await open.store.destroy();
		open.partition.doc.destroy();
	}

	async destroy(): Promise<void> {
		await Promise.all([...this.#opening.keys()].map((room) => this.close(room)));
	}
}
