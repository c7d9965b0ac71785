/**
 * Rooms in memory and the write path (rules R20, R24–R27).
 *
 * Write path (group commit): a connection hands a checked update to `enqueue`; the updates that arrive
 * in one event-loop turn (every socket read in one poll phase) are appended to the store in one
 * transaction right after it, via setImmediate; with a store whose appends are cheap (the relay's
 * write-ahead file) each update is appended at once instead. Only after that commit is each update relayed to the other connections (the sync message is built once and
 * the same bytes go to every peer; an incoming `update` message is forwarded as it came) and then applied
 * to the room's doc; its sender is acknowledged once the store's `sync()` (fsync, shared by every batch
 * before it) has finished. So nobody ever sees an update the disk does not have, and "saved" means saved
 * even across power loss. Every change to a room's doc goes through this path: the doc itself relays
 * nothing.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { parseRoom, type RoomName } from '../src/lib/domain/journal-format';
import { binaryFrame } from './frames';
import type { Logger } from './log';
import { encodeSaved, encodeStateVector, MESSAGE_AWARENESS, MESSAGE_SYNC } from './protocol';
import type { NewUpdate, RoomStore } from './store/types';

/** What a room needs from a connection. */
export interface RoomPeer {
	readonly user: string;
	/** Wants `saved` acknowledgements. */
	readonly ext: boolean;
	/** `frame`: the message's WebSocket frame, prepared once for every peer of a broadcast (R57). */
	send(message: Uint8Array, frame?: Buffer | null): void;
	/** Keeps a `saved` message to go out with the next `send` to this peer (R58). */
	hold(message: Uint8Array): void;
	/** Sends what `hold` kept, if a `send` has not taken it yet. */
	release(): void;
}

export class Room {
	readonly doc = new Y.Doc({ gc: false });
	readonly awareness: awarenessProtocol.Awareness;
	/** Peer → awareness client ids it controls. */
	readonly peers = new Map<RoomPeer, Set<number>>();
	lastSeq = 0;
	sinceSnapshot = 0;
	idleTimer: NodeJS.Timeout | null = null;

	constructor(
		readonly name: string,
		readonly parsed: RoomName
	) {
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.awareness.on(
			'update',
			(
				{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
				origin: unknown
			) => {
				const owned = this.peers.get(origin as RoomPeer);
				if (owned) {
					for (const id of added) owned.add(id);
					for (const id of removed) owned.delete(id);
				}
				const changed = added.concat(updated, removed);
				const e = encoding.createEncoder();
				encoding.writeVarUint(e, MESSAGE_AWARENESS);
				encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
				const message = encoding.toUint8Array(e);
				this.broadcast(message, null);
			}
		);
	}

	/** Sends `message` to every peer of the room but `except`. */
	broadcast(message: Uint8Array, except: RoomPeer | null): void {
		const n = this.peers.size;
		if (n === 0 || (n === 1 && except !== null && this.peers.has(except))) return;
		const frame = binaryFrame(message);
		for (const peer of this.peers.keys()) if (peer !== except) peer.send(message, frame);
	}

	/** True when the doc already holds every struct up to `ends` (an append-only update has no deletions). */
	hasAll(ends: ReadonlyMap<number, number>): boolean {
		for (const [client, end] of ends) if (Y.getState(this.doc.store, client) < end) return false;
		return true;
	}
}

/** The sync `update` message (y-protocols' message 0/2) carrying `update`. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	encoding.writeVarUint(e, 2);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

interface PendingWrite {
	room: Room;
	peer: RoomPeer;
	update: Uint8Array;
	/** The message to relay, when the sender's own message is exactly `encodeSyncUpdate(update)`. */
	message: Uint8Array | null;
	ends: ReadonlyMap<number, number>;
	receivedAt: number;
}

export interface RoomManagerOptions {
	compactEvery: number;
	roomIdleMs: number;
	/** Least time between two fsync rounds for acknowledgements (group commit window; the relay uses 100 ms). */
	syncIntervalMs: number;
	/**
	 * How long a `saved` acknowledgement may wait for another message to the same device to ride with
	 * (R58; the relay uses 100 ms). 0 sends it as soon as its fsync round ends.
	 */
	ackHoldMs: number;
}

export class RoomManager {
	readonly rooms = new Map<string, Room>();
	#queue: PendingWrite[] = [];
	#flushing: NodeJS.Immediate | null = null;
	/** Set when a commit failed: the relay stops accepting writes rather than relay what it could not save. */
	failed: Error | null = null;

	constructor(
		readonly store: RoomStore,
		readonly options: RoomManagerOptions,
		readonly log: Logger
	) {}

	/** The room, loaded from the store on first use. */
	get(name: string): Room {
		let room = this.rooms.get(name);
		if (room) return room;
		const parsed = parseRoom(name);
		if (!parsed) throw new Error(`not a room: ${name}`);
		room = new Room(name, parsed);
		const stored = this.store.loadRoom(name);
		const doc = room.doc;
		doc.transact(() => {
			if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
			for (const u of stored.updates) {
				try {
					Y.applyUpdate(doc, u.update);
				} catch (err) {
					// Every stored update passed the guard; if one still fails, serve the rest and say so.
					this.log.error('stored update failed to apply', { room: name, seq: u.seq, error: String(err) });
				}
			}
		}, 'load');
		room.lastSeq = stored.updates.at(-1)?.seq ?? stored.snapshotSeq;
		room.sinceSnapshot = stored.updates.length;
		this.rooms.set(name, room);
		this.log.debug('room loaded', { room: name, updates: stored.updates.length, seq: room.lastSeq });
		if (room.sinceSnapshot >= this.options.compactEvery) this.compact(room);
		return room;
	}

	join(room: Room, peer: RoomPeer): void {
		if (room.idleTimer) {
			clearTimeout(room.idleTimer);
			room.idleTimer = null;
		}
		room.peers.set(peer, new Set());
	}

	leave(room: Room, peer: RoomPeer): void {
		const owned = room.peers.get(peer);
		if (!owned) return;
		room.peers.delete(peer);
		awarenessProtocol.removeAwarenessStates(room.awareness, [...owned], null);
		this.scheduleUnload(room);
	}

	scheduleUnload(room: Room): void {
		if (room.peers.size > 0 || room.idleTimer) return;
		room.idleTimer = setTimeout(() => {
			room.idleTimer = null;
			if (room.peers.size > 0 || this.#queue.some((w) => w.room === room)) return;
			this.unload(room);
		}, this.options.roomIdleMs);
		room.idleTimer.unref();
	}

	unload(room: Room): void {
		if (room.sinceSnapshot > 0 && !this.failed) this.compact(room);
		room.awareness.destroy();
		room.doc.destroy();
		this.rooms.delete(room.name);
		this.log.debug('room unloaded', { room: room.name });
	}

	compact(room: Room): void {
		try {
			this.store.writeSnapshot(room.name, Y.encodeStateAsUpdate(room.doc), room.lastSeq);
			room.sinceSnapshot = 0;
		} catch (err) {
			// The update log still holds everything; a failed snapshot only makes the next load slower.
			this.log.error('snapshot failed', { room: room.name, error: String(err) });
		}
	}

	/**
	 * Queues a checked update for the write path. `message`, when given, is the sync `update` message that
	 * carried it, relayed as is.
	 */
	enqueue(
		room: Room,
		peer: RoomPeer,
		update: Uint8Array,
		ends: ReadonlyMap<number, number>,
		message: Uint8Array | null = null
	): void {
		this.#queue.push({ room, peer, update, message, ends, receivedAt: Date.now() });
		// A cheap append is not worth the wait for the end of the turn: store and relay it now.
		if (this.store.cheapAppends) this.flush();
		else this.#flushing ??= setImmediate(() => this.flush());
	}

	get queued(): number {
		return this.#queue.length;
	}

	/**
	 * Acknowledgements waiting for the next fsync round: per sender, the highest clock per client id it
	 * wrote that the room held when its write was committed. Several writes of one sender in one round
	 * become one `saved` message.
	 */
	#acks = new Map<RoomPeer, Map<number, number>>();
	#syncing: Promise<void> | null = null;
	#lastSync = 0;

	/**
	 * Group commit: each round fsyncs once and then releases the acknowledgements queued before it began;
	 * those queued meanwhile wait for the next round (their writes may postdate the fsync's start). Rounds
	 * start at most every `syncIntervalMs`, so a busy relay does a bounded number of fsyncs per second and
	 * an acknowledgement waits at most that long plus one fsync.
	 */
	#syncAndAcknowledge(): Promise<void> {
		return (this.#syncing = (async () => {
			while (this.#acks.size > 0) {
				const wait = this.#lastSync + this.options.syncIntervalMs - Date.now();
				if (wait > 0) await new Promise((r) => setTimeout(r, wait));
				this.#lastSync = Date.now();
				const ready = this.#acks;
				this.#acks = new Map();
				try {
					await this.store.sync();
				} catch (err) {
					this.failed = err instanceof Error ? err : new Error(String(err));
					this.log.error('store sync failed; refusing further writes', { error: String(err) });
					this.#acks.clear();
					break;
				}
				for (const [peer, clocks] of ready) peer.hold(encodeSaved(encodeStateVector(clocks)));
				this.#release([...ready.keys()]);
			}
			this.#syncing = null;
		})());
	}

	/** Peers whose held acknowledgements a pending timer will send, by timer. */
	#holding = new Map<NodeJS.Timeout, RoomPeer[]>();

	/** [R58] Sends the held acknowledgements of `peers` once `ackHoldMs` has passed (those not sent yet). */
	#release(peers: RoomPeer[]): void {
		if (this.options.ackHoldMs <= 0) {
			for (const peer of peers) peer.release();
			return;
		}
		const timer = setTimeout(() => {
			this.#holding.delete(timer);
			for (const peer of peers) peer.release();
		}, this.options.ackHoldMs);
		this.#holding.set(timer, peers);
	}

	/** Sends every acknowledgement queued so far, held ones included, now (or drops it after a failure). */
	async acknowledged(): Promise<void> {
		while (this.#syncing) await this.#syncing;
		for (const [timer, peers] of this.#holding) {
			clearTimeout(timer);
			for (const peer of peers) peer.release();
		}
		this.#holding.clear();
	}

	/**
	 * Commits the queued writes in one transaction, then relays each to its room, applies it to the room's
	 * doc and queues its acknowledgement.
	 */
	flush(): void {
		if (this.#flushing) clearImmediate(this.#flushing);
		this.#flushing = null;
		const batch = this.#queue;
		this.#queue = [];
		if (batch.length === 0 || this.failed) return;
		// An update already fully present (a client re-sending after a reconnect) is acknowledged, not stored.
		const fresh = batch.filter((w) => !w.room.hasAll(w.ends));
		let seqs: number[] = [];
		if (fresh.length > 0)
			try {
				seqs = this.store.appendUpdates(
					fresh.map((w): NewUpdate => ({
						room: w.room.name,
						update: w.update,
						user: w.peer.user,
						receivedAt: w.receivedAt
					}))
				);
			} catch (err) {
				this.failed = err instanceof Error ? err : new Error(String(err));
				this.log.error('store append failed; refusing further writes', { error: String(err) });
				return;
			}
		// On disk now: relay first (that is the fan-out latency), then bring the rooms' docs up to date.
		for (const w of fresh) w.room.broadcast(w.message ?? encodeSyncUpdate(w.update), w.peer);
		// Updates of one room in this batch share one Yjs transaction.
		const byRoom = new Map<Room, number[]>();
		for (let i = 0; i < fresh.length; i++) {
			const room = fresh[i]!.room;
			const list = byRoom.get(room);
			if (list) list.push(i);
			else byRoom.set(room, [i]);
		}
		for (const [room, indexes] of byRoom) {
			const apply = () => {
				for (const i of indexes) {
					const w = fresh[i]!;
					try {
						Y.applyUpdate(room.doc, w.update, w.peer);
					} catch (err) {
						this.log.error('update failed to apply', {
							room: room.name,
							user: w.peer.user,
							error: String(err)
						});
					}
				}
			};
			if (indexes.length === 1) apply();
			else room.doc.transact(apply, this);
			room.lastSeq = seqs[indexes.at(-1)!]!;
			room.sinceSnapshot += indexes.length;
		}
		// The acknowledgement names what the room holds now; it is sent once that is fsynced.
		for (const w of batch) {
			if (!w.peer.ext) continue;
			let clocks = this.#acks.get(w.peer);
			if (!clocks) this.#acks.set(w.peer, (clocks = new Map()));
			for (const c of w.ends.keys()) clocks.set(c, Y.getState(w.room.doc.store, c));
		}
		if (this.#acks.size > 0 && !this.#syncing) void this.#syncAndAcknowledge();
		for (const room of byRoom.keys()) if (room.sinceSnapshot >= this.options.compactEvery) this.compact(room);
	}

	/** Flushes pending writes and snapshots every loaded room (graceful shutdown). */
	closeAll(): void {
		this.flush();
		for (const room of [...this.rooms.values()]) {
			if (room.idleTimer) clearTimeout(room.idleTimer);
			this.unload(room);
		}
	}
}
