/**
 * The device side of the relay's extra messages (docs/RELAY.md, R30–R33), on top of a stock y-websocket
 * `WebsocketProvider`: an honest "saved on server" status, the relay's epoch, and refusals.
 *
 * "Saved" is computed, never assumed: the tracker keeps the highest clock per Yjs client that the relay is
 * known to hold on disk (its sync step 1, every update it relays to us, and every `saved` acknowledgement),
 * and compares it with the local document's state vector. Anything local beyond that is pending.
 */
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_SAVED = 100;
export const MESSAGE_EPOCH = 101;
export const MESSAGE_REFUSED = 102;

export interface Refusal {
	/** e.g. `delete`, `root`, `author`, `epoch`, or a close code such as `4401`. */
	code: string;
	reason: string;
}

export interface SavedStatus {
	connected: boolean;
	/** Every local change is on the relay's disk. */
	saved: boolean;
	/** Local Yjs items (for a journal: events) the relay has not acknowledged yet. */
	pending: number;
	/** The relay's epoch, once known. */
	epoch: string | null;
	/**
	 * Set when the relay refused this device: its local copy of the room must be discarded and synced anew
	 * (code `epoch` after a restore), or the user must log in again (`4401`).
	 */
	refused: Refusal | null;
}

export interface SavedTracker {
	readonly status: SavedStatus;
	/** Calls `listener` now and on every change; returns the unsubscribe function. */
	subscribe(listener: (status: SavedStatus) => void): () => void;
	/** Resolves once everything local is saved on the relay. */
	whenSaved(): Promise<void>;
	/** Highest clock per client known to be on the relay's disk. */
	serverState(): ReadonlyMap<number, number>;
	destroy(): void;
}

export interface SavedTrackingOptions {
	/** The epoch this device last synced with (persist it with `onEpoch`); a different one is refused. */
	epoch?: string | null;
	onEpoch?: (epoch: string) => void;
}

type Handler = WebsocketProvider['messageHandlers'][number];

function mergeMax(into: Map<number, number>, from: Map<number, number>): void {
	for (const [client, clock] of from) if ((into.get(client) ?? 0) < clock) into.set(client, clock);
}

/**
 * What a relayed update brought is on the relay's disk (it relays only what it stored): when the update
 * integrated whole, the clocks its transaction reached say so without decoding it a second time. Returns
 * false when that cannot be read from the transaction (nothing new, or structs left pending), and the
 * caller decodes the update instead.
 */
function raiseToApplied(server: Map<number, number>, tr: Y.Transaction, doc: Y.Doc): boolean {
	if (doc.store.pendingStructs !== null) return false;
	let grew = false;
	for (const [client, after] of tr.afterState) {
		if (after <= (tr.beforeState.get(client) ?? 0)) continue;
		grew = true;
		if ((server.get(client) ?? 0) < after) server.set(client, after);
	}
	return grew;
}

export function attachSavedTracking(
	provider: WebsocketProvider,
	options: SavedTrackingOptions = {}
): SavedTracker {
	const doc = provider.doc;
	const server = new Map<number, number>();
	const listeners = new Set<(s: SavedStatus) => void>();
	let status: SavedStatus = {
		connected: provider.wsconnected,
		saved: false,
		pending: 0,
		epoch: options.epoch ?? null,
		refused: null
	};

	// Updates arrive in bursts (a sync message, then the doc's update event): mark dirty, recompute once
	// per microtask, and recompute on read so `status` is never stale.
	let dirty = false;
	const markDirty = () => {
		if (dirty) return;
		dirty = true;
		queueMicrotask(() => {
			if (dirty) recompute();
		});
	};
	const recompute = (patch?: Partial<SavedStatus>) => {
		dirty = false;
		let pending = 0;
		// The document's state vector, read in place (encoding and decoding it cost an allocation per call).
		for (const client of doc.store.clients.keys())
			pending += Math.max(0, Y.getState(doc.store, client) - (server.get(client) ?? 0));
		// Most messages change nothing (a peer's relayed update): no new status object then.
		if (patch === undefined && pending === status.pending && status.saved === (pending === 0)) return;
		const next = { ...status, ...patch, pending, saved: pending === 0 };
		const changed = (Object.keys(next) as (keyof SavedStatus)[]).some((k) => next[k] !== status[k]);
		status = next;
		if (changed) for (const l of [...listeners]) l(status);
	};

	// The transaction in which the stock handler applied the relay's last message, if any.
	let applied: Y.Transaction | null = null;
	const onTransaction = (tr: Y.Transaction) => {
		if (tr.origin === provider) applied = tr;
	};
	doc.on('afterTransaction', onTransaction);

	const original = provider.messageHandlers.slice();
	const syncHandler = original[MESSAGE_SYNC]!;
	provider.messageHandlers[MESSAGE_SYNC] = ((encoder, decoder, p, emitSynced, type) => {
		// Peek at what the relay sends (its state vector in step 1, stored updates in step 2 and update),
		// after the stock handler has applied it, so that bookkeeping never delays the document.
		const peek = decoding.clone(decoder);
		applied = null;
		syncHandler(encoder, decoder, p, emitSynced, type);
		const syncType = decoding.readVarUint(peek);
		if (syncType === 0) mergeMax(server, Y.decodeStateVector(decoding.readVarUint8Array(peek)));
		else if (!(applied && raiseToApplied(server, applied, doc)))
			mergeMax(server, Y.parseUpdateMeta(decoding.readVarUint8Array(peek)).to);
		markDirty();
	}) as Handler;
	provider.messageHandlers[MESSAGE_SAVED] = ((_e, decoder) => {
		mergeMax(server, Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
		markDirty();
	}) as Handler;
	provider.messageHandlers[MESSAGE_EPOCH] = ((_e, decoder) => {
		const epoch = decoding.readVarString(decoder);
		if (status.epoch !== null && status.epoch !== epoch) {
			recompute({ refused: { code: 'epoch', reason: 'the relay was restored from a backup; resync' } });
			provider.disconnect();
			return;
		}
		provider.params.epoch = epoch;
		if (status.epoch !== epoch) options.onEpoch?.(epoch);
		// A connection the relay accepted ends any earlier refusal (e.g. after logging in again).
		recompute({ epoch, refused: null });
	}) as Handler;
	provider.messageHandlers[MESSAGE_REFUSED] = ((_e, decoder) => {
		const code = decoding.readVarString(decoder);
		const reason = decoding.readVarString(decoder);
		recompute({ refused: { code: code === '4409' ? 'epoch' : code, reason } });
	}) as Handler;

	const onStatus = ({ status: s }: { status: string }) => recompute({ connected: s === 'connected' });
	const onClosed = (event: { code: number; reason: string }) => {
		if (!status.refused) recompute({ refused: { code: String(event.code), reason: event.reason } });
	};
	const onUpdate = () => markDirty();
	provider.on('status', onStatus);
	provider.on('closed', onClosed);
	doc.on('update', onUpdate);

	provider.params.ext = '1';
	if (options.epoch) provider.params.epoch = options.epoch;
	// A socket opened before tracking was attached lacks `ext=1`: reopen it so the relay sends acks.
	if (provider.ws !== null) {
		provider.disconnect();
		provider.connect();
	}
	recompute();

	return {
		get status() {
			if (dirty) recompute();
			return status;
		},
		subscribe(listener) {
			listeners.add(listener);
			listener(status);
			return () => listeners.delete(listener);
		},
		whenSaved() {
			return new Promise<void>((resolve) => {
				// A write made just before this call has only marked the status dirty.
				if (dirty) recompute();
				if (status.saved) return resolve();
				const off = this.subscribe((s) => {
					if (s.saved) {
						queueMicrotask(() => off());
						resolve();
					}
				});
			});
		},
		serverState: () => server,
		destroy() {
			listeners.clear();
			provider.off('status', onStatus);
			provider.off('closed', onClosed);
			doc.off('update', onUpdate);
			doc.off('afterTransaction', onTransaction);
			provider.messageHandlers.splice(0, provider.messageHandlers.length, ...original);
		}
	};
}
