/** The app's main sections, in navigation order. `phone` marks the ones on the phone's bottom bar. */
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
	readonly phone: boolean;
}

export const NAV: readonly NavItem[] = [
	{ href: '/', label: 'nav.home', icon: 'home', phone: true },
	{ href: '/counter', label: 'nav.counter', icon: 'scan', phone: false },
	{ href: '/products', label: 'nav.products', icon: 'tag', phone: true },
	{ href: '/purchases', label: 'nav.purchases', icon: 'truck', phone: false },
	{ href: '/sales', label: 'nav.sales', icon: 'cart', phone: true },
	{ href: '/stock', label: 'nav.stock', icon: 'box', phone: true },
	{ href: '/money', label: 'nav.money', icon: 'wallet', phone: false },
	{ href: '/reports', label: 'nav.reports', icon: 'chart', phone: false },
	{ href: '/conflicts', label: 'nav.conflicts', icon: 'alert', phone: false },
	{ href: '/settings', label: 'nav.settings', icon: 'gear', phone: false }
];

/** Is `href` the current section? ('/' only matches itself.) */
export function isCurrent(href: string, pathname: string): boolean {
	return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/');
}
