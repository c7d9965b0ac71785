/**
 * Decides whether an incoming update may enter a journal room (rules R20–R23) without applying it.
 *
 * Invariant that makes a local check sufficient: every item already in a room sits directly in the root
 * array `j` (all of it passed this guard). In the update encoding an item names its parent only when it
 * has neither left nor right origin (`parent` is then the root's name, or an ID for a nested type);
 * otherwise the parent is inherited from the origin, which by the invariant is in `j` (or arrives later
 * and passes this guard in turn). So: every item's named parent must be `j` or absent, it must carry no
 * map key, and its content must be event tuples (ContentAny of arrays). The delete set must be empty.
 */
import * as Y from 'yjs';
import { JOURNAL_ROOT, TUPLE } from '../src/lib/domain/journal-format';

export type GuardResult =
	| { ok: true; empty: boolean; ends: Map<number, number> }
	| { ok: false; code: 'malformed' | 'delete' | 'root' | 'content' | 'author'; reason: string };

export function checkJournalUpdate(update: Uint8Array, author: string): GuardResult {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch {
		return { ok: false, code: 'malformed', reason: 'the update cannot be decoded' };
	}
	if (decoded.ds.clients.size > 0)
		return { ok: false, code: 'delete', reason: 'journal rooms are append-only' };
	/** Per client, the clock after this update's last struct: what a room must reach to contain it. */
	const ends = new Map<number, number>();
	for (const struct of decoded.structs) {
		if (struct instanceof Y.Skip) continue;
		if (!(struct instanceof Y.Item))
			return { ok: false, code: 'delete', reason: 'journal rooms are append-only (deleted content)' };
		const end = struct.id.clock + struct.length;
		if ((ends.get(struct.id.client) ?? 0) < end) ends.set(struct.id.client, end);
		const parent: unknown = struct.parent;
		if ((parent !== null && parent !== JOURNAL_ROOT) || struct.parentSub !== null)
			return { ok: false, code: 'root', reason: `only the journal array "${JOURNAL_ROOT}" may be written` };
		if (!(struct.content instanceof Y.ContentAny))
			return { ok: false, code: 'content', reason: 'journal entries must be event tuples' };
		for (const tuple of struct.content.arr) {
			if (!Array.isArray(tuple) || tuple.length <= TUPLE.payload)
				return { ok: false, code: 'content', reason: 'journal entries must be event tuples' };
			if (tuple[TUPLE.user] !== author)
				return { ok: false, code: 'author', reason: 'an event names another user as its author' };
		}
	}
	return { ok: true, empty: ends.size === 0, ends };
}
