/**
 * Tabs of one device see each other's work at once, with or without a network: every partition a tab
 * has open exchanges its Yjs updates with the other tabs over a BroadcastChannel named after its
 * IndexedDB database. On opening, a tab sends its state vector and the others answer with what it lacks
 * (IndexedDB alone would only show another tab's writes after a reload).
 *
 * This is not the provider's own BroadcastChannel, which is off (room-sync.svelte.ts): updates from a
 * tab arrive here with this channel as their origin, so the relay tracker never takes them for the
 * relay's, and they count as unsaved until the relay acknowledges them like any local change.
 */
import * as Y from 'yjs';
import type { AttachedStore, PersistenceAdapter } from '../sync/persistence';

type TabMessage =
	| { readonly kind: 'update'; readonly update: Uint8Array }
	| { readonly kind: 'hello'; readonly vector: Uint8Array };

/** Joins `doc` to the other tabs' copies of the same partition; returns the function that leaves. */
export function joinTabs(doc: Y.Doc, name: string): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => undefined;
	const channel = new BroadcastChannel(`jxc-tabs:${name}`);
	const send = (message: TabMessage) => {
		try {
			channel.postMessage(message);
		} catch {
			// A closed channel (the tab is going away): the other tabs catch up on their next open.
		}
	};
	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin !== channel) send({ kind: 'update', update });
	};
	channel.onmessage = (event: MessageEvent<TabMessage>) => {
		const message = event.data;
		if (message.kind === 'update') Y.applyUpdate(doc, message.update, channel);
		else if (message.kind === 'hello') {
			const missing = Y.encodeStateAsUpdate(doc, message.vector);
			// An empty diff is two zero bytes (no structs, no deletes): nothing to send.
			if (missing.byteLength > 2) send({ kind: 'update', update: missing });
		}
	};
	doc.on('update', onUpdate);
	send({ kind: 'hello', vector: Y.encodeStateVector(doc) });
	return () => {
		doc.off('update', onUpdate);
		channel.close();
	};
}

/** Storage that also joins each partition to the other tabs, once what is stored has been loaded. */
export function withTabs(storage: PersistenceAdapter, prefix: string): PersistenceAdapter {
	return (doc, room): AttachedStore => {
		const store = storage(doc, room);
		let leave: (() => void) | null = null;
		let closed = false;
		const whenLoaded = store.whenLoaded.then(() => {
			if (!closed) leave = joinTabs(doc, `${prefix}:${room}`);
		});
		return {
			origin: store.origin,
			whenLoaded,
			destroy: () => {
				closed = true;
				leave?.();
				return store.destroy();
			}
		};
	};
}
