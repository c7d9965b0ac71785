/**
 * Who held which role when (rules U1–U4 in docs/SPEC.md). Permissions follow *recording* time (HLC),
 * not the business date: an opening balance dated last January, recorded today, is checked against
 * today's roles. Grants are `user.roles.set` events written by the relay; they are validated in HLC
 * order (only the relay or an owner may grant; the first grant of a journal bootstraps it), so a clerk
 * who writes himself a grant gets nothing from it, here or in closings and voids.
 */
import type { JEvent } from '../event';
import { compareHlc, type Hlc } from '../hlc';
import { RELAY_USER } from './permissions';
import type { RoleState } from './state';

interface Grant {
	readonly hlc: Hlc;
	readonly role: RoleState;
}

export class RoleTimeline {
	readonly #byUser = new Map<string, Grant[]>();
	readonly #refused = new Map<string, string>();

	constructor(grants: readonly JEvent<'user.roles.set'>[]) {
		const sorted = [...grants].sort((a, b) => compareHlc(a.hlc, b.hlc) || (a.id < b.id ? -1 : 1));
		for (const g of sorted) {
			const author = g.user === RELAY_USER ? null : this.roleAt(g.user, g.hlc);
			const bootstrap = this.#byUser.size === 0;
			if (g.user !== RELAY_USER && !bootstrap && !author?.roles.includes('owner')) {
				this.#refused.set(g.id, `only the relay or an owner may grant roles (${g.user})`);
				continue;
			}
			const list = this.#byUser.get(g.payload.user) ?? [];
			list.push({ hlc: g.hlc, role: { roles: g.payload.roles, branches: g.payload.branches } });
			this.#byUser.set(g.payload.user, list);
		}
	}

	/** True once a journal holds a valid grant: from then on every event is checked. */
	get enforced(): boolean {
		return this.#byUser.size > 0;
	}

	/** The roles `user` held just before `hlc` (grants apply to what is recorded after them). */
	roleAt(user: string, hlc: Hlc): RoleState | undefined {
		const list = this.#byUser.get(user);
		if (!list) return undefined;
		let lo = 0;
		let hi = list.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (compareHlc(list[mid]!.hlc, hlc) < 0) lo = mid + 1;
			else hi = mid;
		}
		return lo > 0 ? list[lo - 1]!.role : undefined;
	}

	/** Why a grant was refused, if it was. */
	refusal(grantId: string): string | undefined {
		return this.#refused.get(grantId);
	}

	/** Users whose grants differ between two timelines (their events must be checked again). */
	changedUsers(other: RoleTimeline): Set<string> {
		const out = new Set<string>();
		for (const u of new Set([...this.#byUser.keys(), ...other.#byUser.keys()])) {
			const a = this.#byUser.get(u) ?? [];
			const b = other.#byUser.get(u) ?? [];
			if (a.length !== b.length || a.some((g, i) => compareHlc(g.hlc, b[i]!.hlc) !== 0)) out.add(u);
		}
		return out;
	}
}
