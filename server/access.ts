/**
 * Who may open which partition (rules R10–R13 in docs/RELAY.md). The relay decides by room only; which
 * event types a role may author is judged again by derivation on every device (DESIGN §6).
 */
import { formatRoom, type RoomKind, type RoomName } from '../src/lib/domain/journal-format';
import type { Role, RoleGrant } from './store/types';

export type Access = 'none' | 'read' | 'write';

const RANK: Record<Access, number> = { none: 0, read: 1, write: 2 };
export const maxAccess = (a: Access, b: Access): Access => (RANK[a] >= RANK[b] ? a : b);

/**
 * The matrix. `branch` applies to the rooms of the branches in the grant's scope (all branches when the
 * grant has no scope); an owner is always company-wide.
 */
export const ROLE_ACCESS: Record<Role, Record<RoomKind, Access>> = {
	owner: { master: 'write', branch: 'write', finance: 'write' },
	manager: { master: 'write', branch: 'write', finance: 'write' },
	purchasing: { master: 'write', branch: 'write', finance: 'read' },
	sales: { master: 'write', branch: 'write', finance: 'read' },
	warehouse: { master: 'read', branch: 'write', finance: 'none' },
	finance: { master: 'read', branch: 'read', finance: 'write' }
};

export interface Principal {
	tenant: string;
	roles: readonly RoleGrant[];
	disabled: boolean;
}

function inScope(grant: RoleGrant, branch: string | undefined): boolean {
	return (
		grant.role === 'owner' ||
		grant.branches === null ||
		(branch !== undefined && grant.branches.includes(branch))
	);
}

export function roomAccess(user: Principal, room: RoomName): Access {
	if (user.disabled || user.tenant !== room.tenant) return 'none';
	let access: Access = 'none';
	for (const grant of user.roles) {
		if (room.kind === 'branch' && !inScope(grant, room.branch)) continue;
		access = maxAccess(access, ROLE_ACCESS[grant.role][room.kind]);
	}
	return access;
}

export interface RoomPattern {
	/** A room name, or one with `*` standing for one path segment (a branch code or a month). */
	pattern: string;
	access: 'read' | 'write';
}

/**
 * The rooms a user may open, as patterns (a user may open any month). A room's access is the highest
 * among the patterns that match it.
 */
export function roomPatterns(user: Principal): RoomPattern[] {
	if (user.disabled) return [];
	const t = user.tenant;
	const best = new Map<string, Access>();
	const add = (pattern: string, access: Access) => {
		if (access !== 'none') best.set(pattern, maxAccess(best.get(pattern) ?? 'none', access));
	};
	for (const grant of user.roles) {
		const row = ROLE_ACCESS[grant.role];
		add(formatRoom({ tenant: t, kind: 'master' }), row.master);
		add(`t/${t}/finance/*`, row.finance);
		if (grant.role === 'owner' || grant.branches === null) add(`t/${t}/b/*/*`, row.branch);
		else for (const b of grant.branches) add(`t/${t}/b/${b}/*`, row.branch);
	}
	return [...best].map(([pattern, access]) => ({ pattern, access: access as 'read' | 'write' }));
}

/** Matches a room name against a pattern from {@link roomPatterns}. */
export function matchesPattern(pattern: string, room: string): boolean {
	const p = pattern.split('/');
	const r = room.split('/');
	return p.length === r.length && p.every((seg, i) => seg === '*' || seg === r[i]);
}
