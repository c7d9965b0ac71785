import { describe, expect, it } from 'vitest';
import { NAV, phoneNav } from './nav';

const hrefs = (roles: Parameters<typeof phoneNav>[0]) => phoneNav(roles).map((n) => n.href);

describe("the phone's bottom bar", () => {
	it('puts 开单 under a cashier’s thumb, and treats no roles (the demo) as an owner', () => {
		expect(hrefs(['sales'])).toEqual(['/', '/counter', '/sales', '/stock']);
		expect(hrefs([])).toEqual(hrefs(['owner']));
		expect(hrefs(['owner'])).toEqual(['/', '/counter', '/sales', '/stock']);
	});

	it('gives a storeman 库存, a buyer 采购 and a bookkeeper 资金', () => {
		expect(hrefs(['warehouse'])).toEqual(['/', '/products', '/purchases', '/stock']);
		expect(hrefs(['purchasing'])).toEqual(['/', '/products', '/purchases', '/stock']);
		expect(hrefs(['finance'])).toEqual(['/', '/sales', '/money', '/reports']);
	});

	it('takes each role’s first section before any role’s second, for users with several roles', () => {
		expect(hrefs(['sales', 'finance'])).toEqual(['/', '/counter', '/sales', '/money']);
		expect(hrefs(['warehouse', 'finance'])).toEqual(['/', '/purchases', '/stock', '/money']);
	});

	it('always has 首页 and three more, in the sidebar’s order, for every combination of roles', () => {
		const roles = ['owner', 'manager', 'purchasing', 'sales', 'warehouse', 'finance'] as const;
		for (let mask = 0; mask < 1 << roles.length; mask++) {
			const items = phoneNav(roles.filter((_, i) => mask & (1 << i)));
			expect(items).toHaveLength(4);
			expect(items[0]!.href).toBe('/');
			const order = items.map((n) => NAV.indexOf(n));
			expect(order).toEqual([...order].sort((a, b) => a - b));
		}
	});
});
