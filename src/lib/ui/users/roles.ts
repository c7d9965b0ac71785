/** Roles as an owner picks them on the 员工与权限 page: a draft per role, and its text. */
import type { Role, RoleGrant } from '../../device/relay-api';
import type { Workspace } from '../../device/workspace.svelte';
import { t, type MessageKey } from '../../i18n/index.svelte';

export const ROLES: readonly Role[] = ['owner', 'manager', 'purchasing', 'sales', 'warehouse', 'finance'];

/** One role in the editor: held or not, and the branches it is limited to (none: every branch). */
export interface RoleDraft {
	held: boolean;
	branches: string[];
}

export type RolesDraft = Record<Role, RoleDraft>;

export function draftOf(grants: readonly RoleGrant[]): RolesDraft {
	const out = {} as RolesDraft;
	for (const role of ROLES) {
		const g = grants.find((x) => x.role === role);
		out[role] = { held: g !== undefined, branches: g?.branches ? [...g.branches] : [] };
	}
	return out;
}

/** The grants a draft stands for; an owner is never limited to branches. */
export function grantsOf(draft: RolesDraft): RoleGrant[] {
	return ROLES.filter((r) => draft[r].held).map((role) => ({
		role,
		branches: role === 'owner' || draft[role].branches.length === 0 ? null : [...draft[role].branches]
	}));
}

export const roleLabel = (role: Role): string => t(`users.role.${role}` as MessageKey);

/** "销售（总店、城东店）、仓管": each role, with its branches by name when it is limited to some. */
export function rolesText(grants: readonly RoleGrant[], branchName: (code: string) => string): string {
	if (grants.length === 0) return t('users.noRoles');
	return grants
		.map((g) =>
			g.branches === null
				? roleLabel(g.role)
				: t('users.roleIn', {
						role: roleLabel(g.role),
						branches: g.branches.map(branchName).join(t('common.listSep'))
					})
		)
		.join(t('common.listSep'));
}

/** An owner signed in to a company (not the demo): manages staff (R59). */
export const isOwner = (ws: Workspace): boolean =>
	ws.config.mode === 'live' && ws.config.roles.some((g) => g.role === 'owner');

/** [U6] Owners and managers read the audit trail (and whoever runs the demo). */
export const canAudit = (ws: Workspace): boolean =>
	ws.config.mode === 'demo' || ws.config.roles.some((g) => g.role === 'owner' || g.role === 'manager');
