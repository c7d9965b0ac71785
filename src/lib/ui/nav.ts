/** The app's main sections, in navigation order, and the few a phone's bottom bar shows for each user. */
import type { Role } from '../device/relay-api';
import type { MessageKey } from '../i18n/index.svelte';
import type { IconName } from './icons';

export type SectionPath =
	| '/'
	| '/products'
	| '/purchases'
	| '/sales'
	| '/stock'
	| '/money'
	| '/reports'
	| '/conflicts'
	| '/settings'
	| '/counter';

export interface NavItem {
	readonly href: SectionPath;
	readonly label: MessageKey;
	readonly icon: IconName;
}

export const NAV: readonly NavItem[] = [
	{ href: '/', label: 'nav.home', icon: 'home' },
	{ href: '/counter', label: 'nav.counter', icon: 'scan' },
	{ href: '/products', label: 'nav.products', icon: 'tag' },
	{ href: '/purchases', label: 'nav.purchases', icon: 'truck' },
	{ href: '/sales', label: 'nav.sales', icon: 'cart' },
	{ href: '/stock', label: 'nav.stock', icon: 'box' },
	{ href: '/money', label: 'nav.money', icon: 'wallet' },
	{ href: '/reports', label: 'nav.reports', icon: 'chart' },
	{ href: '/conflicts', label: 'nav.conflicts', icon: 'alert' },
	{ href: '/settings', label: 'nav.settings', icon: 'gear' }
];

/** Is `href` the current section? ('/' only matches itself.) */
export function isCurrent(href: string, pathname: string): boolean {
	return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/');
}

/**
 * The sections each role works in every day, most used first. A phone's bottom bar has room for 首页 and
 * three more (then 更多): a cashier needs 开单 under the thumb, a storeman 库存, a bookkeeper 资金.
 */
const DAILY: Readonly<Record<Role, readonly SectionPath[]>> = {
	owner: ['/counter', '/sales', '/stock'],
	manager: ['/counter', '/sales', '/stock'],
	sales: ['/counter', '/sales', '/stock'],
	warehouse: ['/stock', '/purchases', '/products'],
	purchasing: ['/purchases', '/stock', '/products'],
	finance: ['/money', '/sales', '/reports']
};

/**
 * The bottom bar for a user with these roles: 首页, then the roles' daily sections taken in turn (each
 * role's first, then each one's second…) up to three, shown in navigation order. No roles (the demo, a
 * device before its first sign-in) count as an owner.
 */
export function phoneNav(roles: readonly Role[]): NavItem[] {
	const lists = (roles.length > 0 ? roles : (['owner'] as const)).map((r) => DAILY[r]);
	const picked = new Set<SectionPath>(['/']);
	for (let rank = 0; picked.size < 4 && lists.some((l) => rank < l.length); rank++)
		for (const l of lists) if (rank < l.length && picked.size < 4) picked.add(l[rank]!);
	return NAV.filter((n) => picked.has(n.href));
}
