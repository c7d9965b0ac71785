/**
 * The wire shape of the journal inside every partition document (DESIGN §1–2, rules S1–S4 in docs/SPEC.md).
 *
 * A partition is one Y.Doc whose only root type is the append-only Y.Array named {@link JOURNAL_ROOT}.
 * Each element of that array is one event in compact tuple form (see codec.ts):
 *
 *   [type, wall, counter, device, user, branch, at, payload, v?, id?]
 *
 * The relay reads only the positions named here (it must check that `user` is the connection's user),
 * so they are a stable contract: never reorder them; add new positions only at the end.
 *
 * [S18] An element is that tuple written as JSON text (what JXC writes), or the tuple itself (what it
 * wrote before; read forever). Yjs decodes a text element as one string, where a tuple costs an array
 * per level and a value per field: opening a 6,000-event partition spends 2 ms in Y.applyUpdate instead
 * of about 18, for about 136 bytes per event instead of 99.
 */
export const JOURNAL_ROOT = 'j';

export const TUPLE = {
	type: 0,
	wall: 1,
	counter: 2,
	device: 3,
	user: 4,
	branch: 5,
	at: 6,
	payload: 7,
	version: 8,
	id: 9
} as const;

/** A partition's room name, as used by the relay and the device alike. */
export type RoomKind = 'master' | 'branch' | 'finance';

export interface RoomName {
	tenant: string;
	kind: RoomKind;
	/** Set for branch rooms. */
	branch?: string;
	/** `yyyy-mm`, set for branch and finance rooms. */
	month?: string;
}

const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function formatRoom(room: RoomName): string {
	if (room.kind === 'master') return `t/${room.tenant}/master`;
	if (room.kind === 'finance') return `t/${room.tenant}/finance/${room.month}`;
	return `t/${room.tenant}/b/${room.branch}/${room.month}`;
}

/** Parses a room name; anything that is not exactly one of the three shapes is `null`. */
export function parseRoom(name: string): RoomName | null {
	const parts = name.split('/');
	if (parts[0] !== 't' || !parts[1] || !CODE.test(parts[1])) return null;
	const tenant = parts[1];
	if (parts.length === 3 && parts[2] === 'master') return { tenant, kind: 'master' };
	if (parts.length === 4 && parts[2] === 'finance' && MONTH.test(parts[3] ?? ''))
		return { tenant, kind: 'finance', month: parts[3]! };
	if (parts.length === 5 && parts[2] === 'b' && CODE.test(parts[3] ?? '') && MONTH.test(parts[4] ?? ''))
		return { tenant, kind: 'branch', branch: parts[3]!, month: parts[4]! };
	return null;
}
