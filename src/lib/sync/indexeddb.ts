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

export function attachIndexedDb(doc: Y.Doc, name: string): AttachedStore {
	const persistence = new IndexeddbPersistence(name, doc);
	const whenLoaded = new Promise<void>((resolve, reject) => {
		persistence.whenSynced.then(() => resolve(), reject);
		// whenSynced never settles when the database cannot be opened (private mode, quota): fail instead.
		persistence._db.catch(reject);
	});
	return { origin: persistence, whenLoaded, destroy: () => persistence.destroy() };
}

/** Database name per room: `${prefix}:${room}`, e.g. `jxc:t/demo/b/B01/2026-03`. */
export function indexedDbPersistence(prefix = 'jxc'): PersistenceAdapter {
	return (doc, room) => attachIndexedDb(doc, `${prefix}:${room}`);
}
