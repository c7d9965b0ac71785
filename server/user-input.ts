/**
 * What an owner may send to manage the company's users over HTTP (R59–R61), checked before anything is
 * stored. Each refusal names a `code` the app turns into a message in the user's language.
 */
import { passwordProblem } from './auth/password';
import { RELAY_USER, USERNAME } from './auth/service';
import { isRole, type RoleGrant, type UserRecord } from './store/types';

const BRANCH = /^[A-Za-z0-9_-]{1,32}$/;
const MAX_NAME = 64;

export type Refusal = {
	ok: false;
	code: 'username' | 'displayName' | 'password' | 'roles' | 'body';
	reason: string;
};
export type Checked<T> = { ok: true; value: T } | Refusal;

const refuse = (code: Refusal['code'], reason: string): Refusal => ({ ok: false, code, reason });

/** A list of role grants: each `{ role, branches }`, branches null (every branch) or a non-empty list. */
export function checkRoles(value: unknown): Checked<RoleGrant[]> {
	if (!Array.isArray(value) || value.length > 12) return refuse('roles', 'roles must be a list of grants');
	const out: RoleGrant[] = [];
	for (const g of value as unknown[]) {
		const grant = g as { role?: unknown; branches?: unknown } | null;
		if (typeof grant !== 'object' || grant === null || !isRole(grant.role))
			return refuse('roles', 'a grant needs a known role');
		const b = grant.branches ?? null;
		if (b !== null) {
			if (
				!Array.isArray(b) ||
				b.length === 0 ||
				b.length > 64 ||
				!b.every((x) => typeof x === 'string' && BRANCH.test(x))
			)
				return refuse('roles', 'branches must be null or a list of branch codes');
			if (grant.role === 'owner') return refuse('roles', 'an owner is never limited to branches');
		}
		if (out.some((o) => o.role === grant.role)) return refuse('roles', `role ${grant.role} given twice`);
		out.push({ role: grant.role, branches: b === null ? null : [...new Set(b as string[])] });
	}
	return { ok: true, value: out };
}

function checkDisplayName(value: unknown, fallback: string): Checked<string> {
	if (value === undefined) return { ok: true, value: fallback };
	if (typeof value !== 'string' || value.trim() === '' || [...value].length > MAX_NAME)
		return refuse('displayName', `a name has 1 to ${MAX_NAME} characters`);
	return { ok: true, value: value.trim() };
}

export interface NewUser {
	username: string;
	displayName: string;
	password: string;
	roles: RoleGrant[];
}

/** R59: a user to add. */
export function checkNewUser(body: Record<string, unknown>): Checked<NewUser> {
	const username = body.username;
	if (typeof username !== 'string' || !USERNAME.test(username) || username === RELAY_USER)
		return refuse('username', 'a username has 1 to 64 letters, digits, _ . or -');
	const name = checkDisplayName(body.displayName, username);
	if (!name.ok) return name;
	const problem = passwordProblem(body.password);
	if (problem) return refuse('password', problem);
	const roles = checkRoles(body.roles ?? []);
	if (!roles.ok) return roles;
	return {
		ok: true,
		value: { username, displayName: name.value, password: body.password as string, roles: roles.value }
	};
}

export interface UserChange {
	displayName?: string;
	roles?: RoleGrant[];
	disabled?: boolean;
	password?: string;
}

/**
 * R60: a change to a user. An owner cannot disable themselves or give up their own owner role: a company
 * must keep someone who can manage it (`self`, checked by the caller, who knows who asks).
 */
export function checkUserChange(body: Record<string, unknown>, current: UserRecord): Checked<UserChange> {
	const change: UserChange = {};
	if (body.displayName !== undefined) {
		const name = checkDisplayName(body.displayName, current.displayName);
		if (!name.ok) return name;
		change.displayName = name.value;
	}
	if (body.roles !== undefined) {
		const roles = checkRoles(body.roles);
		if (!roles.ok) return roles;
		change.roles = roles.value;
	}
	if (body.disabled !== undefined) {
		if (typeof body.disabled !== 'boolean') return refuse('body', 'disabled must be true or false');
		change.disabled = body.disabled;
	}
	if (body.password !== undefined) {
		const problem = passwordProblem(body.password);
		if (problem) return refuse('password', problem);
		change.password = body.password as string;
	}
	if (Object.keys(change).length === 0) return refuse('body', 'nothing to change');
	return { ok: true, value: change };
}

/** What the users list shows of a user (never the password hash). */
export function listedUser(u: UserRecord) {
	return { username: u.username, displayName: u.displayName, roles: u.roles, disabled: u.disabled };
}
