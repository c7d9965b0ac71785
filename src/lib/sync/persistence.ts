/**
 * Pluggable storage for partition documents. The journal attaches one store per open partition and
 * waits for `whenLoaded` before it calls the partition open; inserts applied by the store are
 * delivered as 'load' (its `origin` tells them apart from peers' updates).
 *
 * Node (CLI, tests, relay tools) uses `inMemoryOnly` or a `MemoryStore`; the browser uses
 * `indexedDbPersistence()` from indexeddb.ts.
 */
import * as Y from 'yjs';

/**
 * A store attached to one document. It applies what it holds asynchronously (never before `attach`
 * returns), in transactions whose origin is `origin`, and saves every later update of the document.
 */
export interface AttachedStore {
	/** The transaction origin the store uses when it applies stored updates to the document. */
	readonly origin: unknown;
	/** Resolves once everything stored has been applied to the document. */
	readonly whenLoaded: Promise<void>;
	/** Stops writing the document's updates to storage (the stored data stays). */
	destroy(): Promise<void>;
}

export type PersistenceAdapter = (doc: Y.Doc, room: string) => AttachedStore;

/** No storage: the partition lives as long as the process (the relay client may still sync it). */
export const inMemoryOnly: PersistenceAdapter = () => ({
	// Its own origin, never null: null is what a plain Y.applyUpdate from a peer carries.
	origin: Symbol('in-memory'),
	whenLoaded: Promise.resolve(),
	destroy: () => Promise.resolve()
});

/**
 * Keeps every update of every room in memory, the way y-indexeddb keeps them in IndexedDB, so a
 * "restart" (a new journal on the same store) can be exercised in Node without a browser.
 */
export class MemoryStore {
	readonly #updates = new Map<string, Uint8Array[]>();

	readonly adapter: PersistenceAdapter = (doc, room) => {
		const stored = this.#updates.get(room) ?? [];
		this.#updates.set(room, stored);
		const origin = { store: 'memory', room };
		const onUpdate = (update: Uint8Array, from: unknown) => {
			if (from !== origin) stored.push(update);
		};
		doc.on('update', onUpdate);
		// Applied after attaching returns, as y-indexeddb does, so the caller knows `origin` by then.
		const whenLoaded = Promise.resolve().then(() => {
			const saved = stored.slice();
			if (saved.length > 0) Y.transact(doc, () => saved.forEach((u) => Y.applyUpdate(doc, u)), origin);
		});
		return {
			origin,
			whenLoaded,
			destroy: () => {
				doc.off('update', onUpdate);
				return Promise.resolve();
			}
		};
	};

	/** The updates stored for a room, oldest first (tests use it to simulate lost or torn writes). */
	updates(room: string): Uint8Array[] {
		return this.#updates.get(room) ?? [];
	}

	rooms(): string[] {
		return [...this.#updates.keys()];
	}
}
