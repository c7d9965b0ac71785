/**
 * Publishes role changes into each company's master partition as server-authored `user.roles.set` events
 * (DESIGN §6, rule R28), so every device knows who held which role when, and derivation can reject an
 * event whose author lacked the role for it at that moment.
 *
 * The CLI runs in another process and must not write the update log under a live relay, so stores record
 * role changes in an outbox (RoleChange) and the relay publishes them: at start, every few seconds, and
 * before answering a login, so a user never holds a token before the journal holds their grant.
 *
 * The event is dated when the change was made, not when it was published: a user created by the CLI and
 * signing in before the next publishing round wrote events dated before a grant stamped "now", and
 * derivation rejected them (a new owner's first branch vanished). For a revocation the change time is the
 * honest one too: the relay refused the user's writes from then on.
 * Publishing goes through the ordinary write path (appended before relayed); the event id is derived from
 * the outbox id, so a change published twice after a crash is one event to derivation.
 */
import * as Y from 'yjs';
import { encodeEntry } from '../src/lib/domain/codec';
import { dayFromWall } from '../src/lib/domain/dates';
import { CURRENT_VERSION, makeEvent } from '../src/lib/domain/event';
import { formatRoom, JOURNAL_ROOT } from '../src/lib/domain/journal-format';
import { RELAY_USER } from './auth/service';
import type { Logger } from './log';
import type { RoomManager, RoomPeer } from './rooms';
import type { AuthStore, RoleChange } from './store/types';

const RELAY_PEER: RoomPeer = {
	user: RELAY_USER,
	ext: false,
	send: () => {},
	hold: () => {},
	release: () => {}
};

/**
 * The event's payload has one branch list for all roles (empty = every branch). A user whose roles are
 * all scoped gets the union of their branches; one unscoped role makes the list empty. The relay's own
 * per-role scopes (R11) stay the authority for room access.
 */
export function roleEventEntry(change: RoleChange, wall: number): string {
	const scoped = change.roles.length > 0 && change.roles.every((g) => g.branches !== null);
	const made = makeEvent({
		id: `relay-roles-${change.tenant}-${change.id}`,
		type: 'user.roles.set',
		v: CURRENT_VERSION,
		hlc: { wall, counter: 0, device: RELAY_USER },
		user: RELAY_USER,
		branch: '',
		at: dayFromWall(wall),
		payload: {
			user: change.username,
			name: change.displayName.slice(0, 60),
			roles: change.disabled ? [] : [...new Set(change.roles.map((g) => g.role))],
			branches: scoped ? [...new Set(change.roles.flatMap((g) => g.branches ?? []))].sort().slice(0, 100) : []
		}
	});
	if (!made.ok) throw new Error(`cannot encode role change ${change.id}: ${made.reason}`);
	return encodeEntry(made.event);
}

/** Appends every pending role change to its master room; returns how many were published. */
export function publishRoleChanges(store: AuthStore, rooms: RoomManager, log: Logger): number {
	let published = 0;
	for (const change of store.pendingRoleChanges()) {
		if (rooms.failed) break;
		const room = rooms.get(formatRoom({ tenant: change.tenant, kind: 'master' }));
		// A fresh doc's item has no origin: it lands at the start of the journal, which is fine because
		// derivation orders events by (at, hlc, id), never by array position.
		const scratch = new Y.Doc();
		let update: Uint8Array | null = null;
		scratch.on('update', (u: Uint8Array) => (update = u));
		scratch.getArray(JOURNAL_ROOT).push([roleEventEntry(change, change.changedAt)]);
		scratch.destroy();
		rooms.enqueue(room, RELAY_PEER, update!, new Map([[scratch.clientID, 1]]));
		rooms.flush();
		if (rooms.failed) break;
		store.markRoleChangePublished(change.id);
		rooms.scheduleUnload(room);
		published++;
		log.info('role change published', { company: change.tenant, user: change.username, room: room.name });
	}
	return published;
}
