/**
 * Decides whether an incoming update may enter a journal room (rules R20–R23) without applying it.
 *
 * Invariant that makes a local check sufficient: every item already in a room sits directly in the root
 * array `j` (all of it passed this guard). In the update encoding an item names its parent only when it
 * has neither left nor right origin (`parent` is then the root's name, or an ID for a nested type);
 * otherwise the parent is inherited from the origin, which by the invariant is in `j` (or arrives later
 * and passes this guard in turn). So: every item's named parent must be `j` or absent, it must carry no
 * map key, and its content must be event tuples (ContentAny of arrays, or of their JSON text: S18). The
 * delete set must be empty.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { entryTuple } from '../src/lib/domain/codec';
import { JOURNAL_ROOT, TUPLE } from '../src/lib/domain/journal-format';

export type GuardResult =
	| { ok: true; empty: boolean; ends: Map<number, number> }
	| { ok: false; code: 'malformed' | 'delete' | 'root' | 'content' | 'author'; reason: string };

export function checkJournalUpdate(update: Uint8Array, author: string): GuardResult {
	return acceptPlainAppend(update, author) ?? checkWithYjs(update, author);
}

const BITS5 = 0x1f;
const BIT6 = 0x20;
const BIT7 = 0x40;
const BIT8 = 0x80;
const CONTENT_ANY = 8;
const SKIP = 10;

/**
 * The relay's common case, read straight from the update's bytes (Yjs update format v1) without building
 * Yjs items: every struct an item of event tuples by `author` in the root `j`, or a skip, and no delete
 * set. Returns the verdict only when it is "accepted"; anything else (another root, another kind of
 * content, a deletion, bytes it cannot read, a tuple it would refuse) returns null, and checkWithYjs
 * decides, so every refusal and its reason are exactly those of the full check.
 */
export function acceptPlainAppend(update: Uint8Array, author: string): GuardResult | null {
	try {
		const d = decoding.createDecoder(update);
		const ends = new Map<number, number>();
		const clients = decoding.readVarUint(d);
		for (let c = 0; c < clients; c++) {
			const structs = decoding.readVarUint(d);
			const client = decoding.readVarUint(d);
			let clock = decoding.readVarUint(d);
			for (let i = 0; i < structs; i++) {
				const info = decoding.readUint8(d);
				const ref = info & BITS5;
				if (ref === SKIP) {
					clock += decoding.readVarUint(d);
					continue;
				}
				if (ref !== CONTENT_ANY) return null;
				if (info & BIT8) {
					decoding.readVarUint(d);
					decoding.readVarUint(d);
				}
				if (info & BIT7) {
					decoding.readVarUint(d);
					decoding.readVarUint(d);
				}
				if ((info & (BIT7 | BIT8)) === 0) {
					// Parent named: it must be the root `j` (a key, not a nested type's id), with no map key.
					if (decoding.readVarUint(d) !== 1 || decoding.readVarString(d) !== JOURNAL_ROOT) return null;
					if (info & BIT6) return null;
				}
				const length = decoding.readVarUint(d);
				for (let k = 0; k < length; k++) {
					const tuple = entryTuple(decoding.readAny(d));
					if (!Array.isArray(tuple) || tuple.length <= TUPLE.payload || tuple[TUPLE.user] !== author)
						return null;
				}
				clock += length;
				if ((ends.get(client) ?? 0) < clock) ends.set(client, clock);
			}
		}
		// The delete set: no client may delete anything.
		if (decoding.readVarUint(d) !== 0) return null;
		return { ok: true, empty: ends.size === 0, ends };
	} catch {
		return null;
	}
}

/** The full check on Yjs's own decoding of the update: the reference for every verdict. */
export function checkWithYjs(update: Uint8Array, author: string): GuardResult {
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
		for (const entry of struct.content.arr) {
			const tuple = entryTuple(entry);
			if (!Array.isArray(tuple) || tuple.length <= TUPLE.payload)
				return { ok: false, code: 'content', reason: 'journal entries must be event tuples' };
			if (tuple[TUPLE.user] !== author)
				return { ok: false, code: 'author', reason: 'an event names another user as its author' };
		}
	}
	return { ok: true, empty: ends.size === 0, ends };
}
