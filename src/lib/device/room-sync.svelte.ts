/**
 * One live partition on the wire: a stock y-websocket provider to the relay (`/sync/<room>?token=…`)
 * with the relay's saved-on-server tracking (relay-client.ts), as reactive state.
 *
 * The provider's BroadcastChannel is off: relay-client.ts reads every sync message the provider handles
 * as coming from the relay, so an update another tab broadcast would be counted as saved on the server
 * while it is not. Tabs meet over a channel of their own instead (tab-channel.ts), and through the relay.
 *
 * Before the first connection of a session the tracker knows nothing of the relay, and would call every
 * stored event unsaved. So the last state vector the relay acknowledged is kept per room in localStorage,
 * and until the relay speaks, "not saved" is counted against it.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { attachSavedTracking, type SavedStatus, type SavedTracker } from '../sync/relay-client';

export interface RoomSyncOptions {
	readonly url: string;
	/** null: stay offline until `start(token)` (a device unlocked without the relay). */
	readonly token: string | null;
	readonly epoch: string | null;
	readonly onEpoch: (epoch: string) => void;
	/** Where the last acknowledged state vector is remembered. */
	readonly storageKey: string;
}

export type RoomPhase = 'offline' | 'syncing' | 'saved' | 'refused';

type Vector = ReadonlyMap<number, number>;

const loadVectorFrom = (entries: readonly (readonly [number, number])[]): Vector => new Map(entries);

/** What the relay was last known to hold of a room (its state vector), kept per storage key. */
export function loadVector(key: string): Vector {
	try {
		return loadVectorFrom(JSON.parse(localStorage.getItem(`jxc:saved:${key}`) ?? '[]') as [number, number][]);
	} catch {
		return loadVectorFrom([]);
	}
}

export class RoomSync {
	readonly room: string;
	readonly #doc: Y.Doc;
	readonly #provider: WebsocketProvider;
	readonly #tracker: SavedTracker;
	readonly #unsubscribe: () => void;
	readonly #storageKey: string;
	#status = $state<SavedStatus>({ connected: false, saved: false, pending: 0, epoch: null, refused: null });
	#synced = $state(false);
	/** The relay has told us its state in this session: the tracker's count is authoritative. */
	#heard = $state(false);
	#remembered: Vector;
	#localPending = $state(0);

	constructor(room: string, doc: Y.Doc, options: RoomSyncOptions) {
		this.room = room;
		this.#doc = doc;
		this.#storageKey = options.storageKey;
		this.#remembered = loadVector(options.storageKey);
		this.#provider = new WebsocketProvider(options.url, room, doc, {
			params: options.token ? { token: options.token } : {},
			connect: false,
			disableBc: true,
			maxBackoffTime: 5000
		});
		this.#tracker = attachSavedTracking(this.#provider, { epoch: options.epoch, onEpoch: options.onEpoch });
		this.#unsubscribe = this.#tracker.subscribe((s) => this.#onStatus(s));
		this.#provider.on('sync', (synced: boolean) => {
			this.#synced = synced;
			if (synced) {
				this.#heard = true;
				this.#remember();
			}
		});
		if (options.token) this.#provider.connect();
	}

	#onStatus(s: SavedStatus): void {
		this.#status = s;
		if (this.#heard) this.#remember();
		else this.#localPending = this.#countAgainstRemembered();
	}

	#countAgainstRemembered(): number {
		let pending = 0;
		for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.#doc)))
			pending += Math.max(0, clock - (this.#remembered.get(client) ?? 0));
		return pending;
	}

	/** Keeps what the relay holds (small: one clock per Yjs client) for the next offline start. */
	#remember(): void {
		const entries = [...this.#tracker.serverState()];
		this.#remembered = loadVectorFrom(entries);
		try {
			localStorage.setItem(`jxc:saved:${this.#storageKey}`, JSON.stringify(entries));
		} catch {
			// Only the offline estimate suffers.
		}
	}

	/** Starts syncing with a session token (after an offline unlock, once signed in). */
	start(token: string): void {
		this.#provider.params.token = token;
		if (this.#status.refused) return;
		this.#provider.disconnect();
		this.#provider.connect();
	}

	/**
	 * Reconnects with a new session token even after a refusal: the relay ended this device's session
	 * itself (the user changed their password here) and the new token is good. A 44xx close stops the
	 * provider's own retries, so only a deliberate connect resumes it; the relay's epoch message on the
	 * accepted connection clears the refusal.
	 */
	resume(token: string): void {
		this.#provider.params.token = token;
		this.#provider.disconnect();
		this.#provider.connect();
	}

	get status(): SavedStatus {
		return this.#status;
	}

	/** Local events the relay has not acknowledged yet. */
	get pending(): number {
		return this.#heard ? this.#status.pending : this.#localPending;
	}

	get phase(): RoomPhase {
		const s = this.#status;
		if (s.refused) return 'refused';
		// Retrying or not, a relay that cannot be reached is "offline" to a clerk.
		if (!s.connected) return 'offline';
		if (!this.#synced || !s.saved) return 'syncing';
		return 'saved';
	}

	/** The provider's awareness (presence), exchanged with the relay over the same socket. */
	get awareness(): WebsocketProvider['awareness'] {
		return this.#provider.awareness;
	}

	/** Resolves once everything local is on the relay's disk. */
	whenSaved(): Promise<void> {
		return this.#tracker.whenSaved();
	}

	/** Reconnects now (e.g. when the browser says it is back online), skipping the backoff wait. */
	reconnect(): void {
		if (this.#status.refused || !this.#provider.shouldConnect || this.#provider.wsconnected) return;
		this.#provider.disconnect();
		this.#provider.connect();
	}

	destroy(): void {
		this.#unsubscribe();
		this.#tracker.destroy();
		this.#provider.destroy();
	}
}
