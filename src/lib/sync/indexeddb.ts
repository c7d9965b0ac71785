/**
 * Browser storage for partition documents: y-indexeddb, one IndexedDB database per partition.
 *
 * y-indexeddb writes every document update as its own IndexedDB record as soon as it happens, and on
 * open applies them all in one transaction (origin: the persistence object). A write that never
 * committed (tab killed) is simply absent; Yjs keeps an update whose dependencies are missing pending,
 * invisible, until they arrive from the relay (S16).
 */
import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { AttachedStore, PersistenceAdapter } from './persistence';

/** y-indexeddb's listener for the document's updates (a field of the persistence object). */
type UpdateListener = (update: Uint8Array, origin: unknown) => void;

export function attachIndexedDb(doc: Y.Doc, name: string): AttachedStore {
	const persistence = new IndexeddbPersistence(name, doc);
	// y-indexeddb listens for the document's updates before it loads what it stored, and Yjs encodes each
	// transaction again for whoever listens: loading a partition re-encoded all of it, only for y-indexeddb
	// to skip it as its own (a fifth of a large company's catch-up in Chromium). The listener is off while
	// loading and back once loaded; nothing else writes the document before that (the journal waits for
	// `whenLoaded`, peers and other tabs join after it).
	const internals = persistence as unknown as { _storeUpdate?: UpdateListener; _destroyed?: boolean };
	const listener = internals._storeUpdate;
	if (listener) doc.off('update', listener);
	const whenLoaded = new Promise<void>((resolve, reject) => {
		persistence.whenSynced.then(() => {
			if (listener && !internals._destroyed) doc.on('update', listener);
			resolve();
		}, reject);
		// whenSynced never settles when the database cannot be opened (private mode, quota): fail instead.
		persistence._db.catch(reject);
	});
	return { origin: persistence, whenLoaded, destroy: () => persistence.destroy() };
}

/** Database name per room: `${prefix}:${room}`, e.g. `jxc:t/demo/b/B01/2026-03`. */
export function indexedDbPersistence(prefix = 'jxc'): PersistenceAdapter {
	return (doc, room) => attachIndexedDb(doc, `${prefix}:${room}`);
}
