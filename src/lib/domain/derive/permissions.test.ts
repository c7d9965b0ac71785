/**
 * Permissions (rules U1–U3 in docs/SPEC.md): once a journal holds role grants (written by the relay),
 * every event is checked against the roles its author held where the event sorts; branch-scoped users
 * stay in their branches; only the relay or an owner grants roles.
 */
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll, Ledger } from '../ledger';
import { mayRecord, RELAY_USER, type Role } from './permissions';

const U = 1000; // one unit in thousandths

function grant(f: EventFactory, user: string, roles: Role[], branches: string[] = [], at = DAY0) {
	return f.make('user.roles.set', { user, roles, branches }, { user: RELAY_USER, branch: '', at });
}

/** The company's staff, granted by the relay on day 0. */
function staff(f: EventFactory) {
	return [
		grant(f, 'boss', ['owner']),
		grant(f, 'mgr', ['manager']),
		grant(f, 'buyer', ['purchasing']),
		grant(f, 'clerk', ['sales'], ['B01']),
		grant(f, 'fin', ['finance'], ['B01'])
	];
}

function counterSale(f: EventFactory, user: string, branch: string, at = DAY0 + 1) {
	return f.make(
		'sales.counter.posted',
		{
			no: 1,
			wh: 'W1',
			lines: [{ p: 'P1', q: U, amount: 1_500, vat: 0 }],
			tenders: [{ account: 'CASH', amount: 1_500 }]
		},
		{ user, branch, at }
	);
}

const refused = (l: Ledger) => l.rejected().map((r) => [r.event, r.code, r.reason]);

describe('roles', () => {
	it('[U1] a sales clerk approving an order is refused and listed; a manager’s approval stands', () => {
		const f = new EventFactory();
		const roles = staff(f);
		const po = f.make(
			'purchase.order.placed',
			{
				no: 1,
				supplier: 'S1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 100 * U, amount: 500_000, vat: 0 }],
				approval: true
			},
			{ user: 'buyer', at: DAY0 + 1 }
		);
		const so = f.make(
			'sales.order.placed',
			{
				no: 1,
				customer: 'C1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 10 * U, amount: 20_000, vat: 0 }],
				approval: true
			},
			{ user: 'clerk', at: DAY0 + 1 }
		);
		const clerkApprovesPo = f.make(
			'purchase.order.approved',
			{ ref: po.id },
			{ user: 'clerk', at: DAY0 + 1 }
		);
		const clerkApprovesOwn = f.make('sales.order.approved', { ref: so.id }, { user: 'clerk', at: DAY0 + 1 });
		const l = deriveAll([...roles, po, so, clerkApprovesPo, clerkApprovesOwn]);
		expect(refused(l)).toEqual(
			[
				[clerkApprovesPo.id, 'not-permitted', 'sales may not record purchase.order.approved'],
				[clerkApprovesOwn.id, 'not-permitted', 'sales may not record sales.order.approved']
			].sort()
		);
		// The orders are untouched: still pending, nothing reserved.
		expect(l.document(po.id)!.status).toBe('pending');
		expect(l.document(so.id)!.status).toBe('pending');
		expect(l.stockOf('P1', 'W1').reserved).toBe(0);
		// The conflict center shows who did it, on which device.
		expect(l.alerts().find((a) => a.id === `rejected:${clerkApprovesOwn.id}`)!.facts).toMatchObject({
			user: 'clerk',
			device: 'T1',
			code: 'not-permitted'
		});

		const mgrOrders = f.make('sales.order.approved', { ref: so.id }, { user: 'mgr', at: DAY0 + 1 });
		const ok = deriveAll([...roles, po, so, clerkApprovesPo, clerkApprovesOwn, mgrOrders]);
		expect(ok.document(so.id)!.status).toBe('approved');
		expect(ok.stockOf('P1', 'W1').reserved).toBe(10 * U);
	});

	it('[U1] an event is checked against the roles its author held when it was recorded (HLC)', () => {
		const f = new EventFactory();
		const roles = staff(f);
		const so = f.make(
			'sales.order.placed',
			{ no: 1, customer: 'C1', wh: 'W1', lines: [{ p: 'P1', q: U, amount: 1_500, vat: 0 }], approval: true },
			{ user: 'clerk', at: DAY0 + 1 }
		);
		// Recorded in this order: an approval while still a clerk, the promotion (by the relay, arriving
		// late at this ledger), then an approval as manager — dated before the first one, which does not
		// matter: permissions follow recording time, not the business date.
		const tooEarly = f.make('sales.order.approved', { ref: so.id }, { user: 'clerk', at: DAY0 + 4 });
		const promotion = grant(f, 'clerk', ['manager'], [], DAY0 + 3);
		const afterwards = f.make('sales.order.approved', { ref: so.id }, { user: 'clerk', at: DAY0 + 2 });
		const l = new Ledger();
		l.add([...roles, so, tooEarly, afterwards]);
		// Before the promotion arrives, both approvals are refused.
		expect(l.rejected().map((r) => r.event)).toEqual([tooEarly.id, afterwards.id].sort());
		l.add([promotion]);
		// Recorded before the promotion: refused. Recorded after it: the approval stands.
		expect(refused(l)).toEqual([[tooEarly.id, 'not-permitted', 'sales may not record sales.order.approved']]);
		expect(l.document(so.id)!.status).toBe('approved');
		expect(l.snapshot({ full: true })).toEqual(deriveAll(l.events).snapshot({ full: true }));
	});

	it('[U1] a user without a role is refused; a journal without role grants checks nothing', () => {
		const f = new EventFactory();
		const roles = staff(f);
		const stranger = counterSale(f, 'temp', 'B01');
		const l = deriveAll([...roles, stranger]);
		expect(refused(l)).toEqual([[stranger.id, 'not-permitted', 'user temp holds no role']]);
		expect(l.cash()).toEqual([]);
		// The same sale in a plain imported journal (no grants at all) is accepted.
		expect(deriveAll([stranger]).cash()).toEqual([{ account: 'CASH', balance: 1_500 }]);
	});

	it('[U1] regression: an event dated before the first role grant is still checked (roles follow recording time)', () => {
		// ledger.ts #apply() checks roles only once st.roles holds a grant, i.e. for events that sort
		// AFTER the first grant. U1 says: when the journal holds grants, every event is checked. A clerk
		// with sales only can backdate a stock adjustment (or a payment.made, or a period.closed: see
		// ledger.test.ts) to before the company's first grant and it is applied.
		// Expected: the backdated adjustment refused like the current one, nothing on hand.
		// Actual: only the current one is refused; 5 units worth 5.00 appear.
		const f = new EventFactory();
		const roles = staff(f);
		const adjust = (at: number) =>
			f.make(
				'stock.adjusted',
				{ no: 1, wh: 'W1', reason: '盘盈', lines: [{ p: 'P1', q: 5 * U, value: 500 }] },
				{ user: 'clerk', at }
			);
		const backdated = adjust(DAY0 - 1);
		const current = adjust(DAY0 + 1);
		const l = deriveAll([...roles, backdated, current]);
		expect(l.rejected().map((r) => r.event)).toEqual([backdated.id, current.id].sort());
		expect(l.stockOf('P1', 'W1').onHand).toBe(0);
	});
});

describe('branches', () => {
	it('[U2] a branch-scoped user may only record events of their branches', () => {
		const f = new EventFactory();
		const roles = staff(f);
		const home = counterSale(f, 'clerk', 'B01');
		const away = counterSale(f, 'clerk', 'B02');
		const l = deriveAll([...roles, home, away]);
		expect(refused(l)).toEqual([[away.id, 'not-permitted', 'user clerk is not in branch B02']]);
		expect(l.cash()).toEqual([{ account: 'CASH', balance: 1_500 }]);
	});

	it('[U2] owners are never scoped; company-wide events (no branch) pass a scoped user', () => {
		const f = new EventFactory();
		const scopedOwner = grant(f, 'boss', ['owner'], ['B01']);
		const fin = grant(f, 'fin', ['finance'], ['B01']);
		const ownerAway = counterSale(f, 'boss', 'B02');
		// A payment is a finance-partition event: branch ''.
		const payment = f.make(
			'payment.received',
			{ no: 1, customer: 'C1', account: 'BANK', amount: 2_000 },
			{ user: 'fin', branch: '', at: DAY0 + 1 }
		);
		const l = deriveAll([scopedOwner, fin, ownerAway, payment]);
		expect(l.rejected()).toEqual([]);
		expect(l.cash()).toEqual([
			{ account: 'BANK', balance: 2_000 },
			{ account: 'CASH', balance: 1_500 }
		]);
	});
});

describe('granting roles', () => {
	it('[U3] the first grant bootstraps the journal; later grants need the relay or an owner', () => {
		const f = new EventFactory();
		const first = grant(f, 'boss', ['owner']);
		const byOwner = f.make(
			'user.roles.set',
			{ user: 'mgr', roles: ['manager'], branches: [] },
			{ user: 'boss', branch: '', at: DAY0 }
		);
		const byManager = f.make(
			'user.roles.set',
			{ user: 'mgr', roles: ['owner'], branches: [] },
			{ user: 'mgr', branch: '', at: DAY0 }
		);
		const mgrOrders = f.make(
			'purchase.order.placed',
			{ no: 1, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: U, amount: 1_000, vat: 0 }], approval: false },
			{ user: 'mgr', at: DAY0 + 1 }
		);
		const l = deriveAll([first, byOwner, byManager, mgrOrders]);
		expect(refused(l)).toEqual([
			[byManager.id, 'not-permitted', 'only the relay or an owner may grant roles (mgr)']
		]);
		// The manager's self-promotion did not take: still a manager (who may place orders).
		expect(l.document(mgrOrders.id)!.status).toBe('approved');
	});

	it('[U3] the relay records roles and nothing else', () => {
		const f = new EventFactory();
		const first = grant(f, 'boss', ['owner']);
		const relaySale = counterSale(f, RELAY_USER, 'B01');
		const l = deriveAll([first, relaySale]);
		expect(refused(l)).toEqual([[relaySale.id, 'not-permitted', 'the relay only records roles']]);
		// Even in a journal with no grants yet.
		expect(refused(deriveAll([relaySale]))).toEqual([
			[relaySale.id, 'not-permitted', 'the relay only records roles']
		]);
	});

	it('[U1][U3] mayRecord: roles, branch scope and the relay', () => {
		const sales = { roles: ['sales'], branches: ['B01'] };
		expect(mayRecord('sales.counter.posted', 'u', 'B01', sales)).toEqual({ ok: true });
		expect(mayRecord('payment.received', 'u', '', sales)).toEqual({ ok: true });
		expect(mayRecord('payment.made', 'u', '', sales).ok).toBe(false);
		expect(mayRecord('purchase.receipt.posted', 'u', 'B01', { roles: ['warehouse'], branches: [] }).ok).toBe(
			true
		);
		expect(mayRecord('document.voided', 'u', 'B01', { roles: ['warehouse'], branches: [] }).ok).toBe(false);
		expect(mayRecord('period.closed', 'u', '', { roles: ['manager'], branches: [] }).ok).toBe(false);
		expect(mayRecord('period.closed', 'u', '', { roles: ['finance'], branches: [] }).ok).toBe(true);
		expect(
			mayRecord('sales.counter.posted', 'u', 'B02', { roles: ['sales', 'owner'], branches: ['B01'] })
		).toEqual({ ok: true });
		expect(mayRecord('user.roles.set', RELAY_USER, '', undefined)).toEqual({ ok: true });
		expect(mayRecord('sales.counter.posted', 'u', 'B01', { roles: [], branches: [] })).toEqual({
			ok: false,
			reason: 'user u holds no role'
		});
	});
});
