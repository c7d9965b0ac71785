/**
 * Who may record what (DESIGN §6; U1–U3 in docs/SPEC.md). The relay enforces access per partition;
 * derivation enforces it per event type, using the roles the relay recorded as `user.roles.set` events,
 * as they stood when the event sorts. Journals with no role events at all (a CLI import of a plain
 * file) are not checked: the relay always writes roles before any user can write.
 */
import type { EventType } from '../catalogue';
import type { RoleState } from './state';

export type Role = 'owner' | 'manager' | 'purchasing' | 'sales' | 'warehouse' | 'finance';

const BOSS: readonly Role[] = ['owner', 'manager'];
const PURCHASING: readonly Role[] = [...BOSS, 'purchasing'];
const SALES: readonly Role[] = [...BOSS, 'sales'];
const WAREHOUSE: readonly Role[] = [...BOSS, 'warehouse'];
const FINANCE: readonly Role[] = [...BOSS, 'finance'];

export const RELAY_USER = 'relay';

export const ALLOWED: Record<EventType, readonly Role[]> = {
	'product.created': PURCHASING,
	'product.updated': PURCHASING,
	'supplier.created': PURCHASING,
	'supplier.updated': PURCHASING,
	'customer.created': SALES,
	'customer.updated': SALES,
	'warehouse.created': BOSS,
	'warehouse.updated': BOSS,
	'branch.created': BOSS,
	'branch.updated': BOSS,
	'account.created': FINANCE,
	'account.updated': FINANCE,
	'settings.updated': BOSS,
	'user.roles.set': ['owner'],
	'opening.stock': WAREHOUSE,
	'purchase.order.placed': PURCHASING,
	'purchase.order.submitted': PURCHASING,
	'purchase.order.approved': BOSS,
	'purchase.order.rejected': BOSS,
	'purchase.order.closed': PURCHASING,
	'purchase.receipt.posted': [...PURCHASING, 'warehouse'],
	'purchase.return.posted': [...PURCHASING, 'warehouse'],
	'purchase.invoice.recorded': [...PURCHASING, 'finance'],
	'sales.order.placed': SALES,
	'sales.quote.placed': SALES,
	'sales.invoice.recorded': [...SALES, 'finance'],
	'sales.order.approved': BOSS,
	'sales.order.rejected': BOSS,
	'sales.order.submitted': SALES,
	'sales.order.closed': SALES,
	'sales.delivery.posted': [...SALES, 'warehouse'],
	'sales.return.posted': [...SALES, 'warehouse'],
	'sales.counter.posted': SALES,
	'stock.transfer.shipped': WAREHOUSE,
	'stock.transfer.received': WAREHOUSE,
	'stocktake.posted': WAREHOUSE,
	'stock.adjusted': WAREHOUSE,
	'document.voided': BOSS,
	'opening.balance': FINANCE,
	'opening.cash': FINANCE,
	'payment.received': [...FINANCE, 'sales'],
	'payment.made': FINANCE,
	'cash.transferred': FINANCE,
	'expense.paid': FINANCE,
	'income.received': FINANCE,
	// The cashier counts the drawer at the close of the day.
	'till.counted': [...FINANCE, 'sales'],
	'period.closed': ['owner', 'finance']
};

export function mayRecord(
	type: EventType,
	user: string,
	branch: string,
	role: RoleState | undefined
): { ok: true } | { ok: false; reason: string } {
	if (user === RELAY_USER)
		return type === 'user.roles.set' ? { ok: true } : { ok: false, reason: 'the relay only records roles' };
	if (!role || role.roles.length === 0) return { ok: false, reason: `user ${user} holds no role` };
	if (!allowedTypes(role.roles).has(type))
		return { ok: false, reason: `${role.roles.join('/')} may not record ${type}` };
	if (branch && role.branches.length > 0 && !role.branches.includes(branch) && !role.roles.includes('owner'))
		return { ok: false, reason: `user ${user} is not in branch ${branch}` };
	return { ok: true };
}

const allowedCache = new Map<string, ReadonlySet<EventType>>();

/** The event types a set of roles may record (cached: checked for every event). */
function allowedTypes(roles: readonly string[]): ReadonlySet<EventType> {
	const key = roles.join(',');
	let set = allowedCache.get(key);
	if (!set) {
		set = new Set(
			(Object.keys(ALLOWED) as EventType[]).filter((t) => roles.some((r) => ALLOWED[t].includes(r as Role)))
		);
		allowedCache.set(key, set);
	}
	return set;
}
