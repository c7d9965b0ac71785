import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll } from '../domain/ledger';
import { EVENT_TYPES } from '../domain/catalogue';
import { auditLog, groupOf } from './audit';
import { masterNames } from './names';

const DAY_MS = 86_400_000;
const ALL = { user: '', group: '', from: DAY0 - 30, to: DAY0 + 30 } as const;

describe('[U6] the audit trail', () => {
	const f = new EventFactory();
	const master = [
		f.make(
			'account.created',
			{ id: 'CASH', fields: { name: '现金', kind: 'cash' } },
			{ branch: '', user: 'boss' }
		),
		f.make('customer.created', { id: 'C1', fields: { name: '张三' } }, { branch: '', user: 'boss' })
	];
	const paid = f.make(
		'payment.received',
		{ no: 1, customer: 'C1', account: 'CASH', amount: 30_00 },
		{ user: 'ann' }
	);
	f.advance(2 * DAY_MS);
	// Recorded two days after the business date it carries: entered late (补录).
	const late = f.make(
		'payment.received',
		{ no: 2, customer: 'C1', account: 'CASH', amount: 99_00 },
		{ user: 'bob' }
	);
	const voided = f.make('document.voided', { ref: late.id, reason: '录错' }, { user: 'boss', at: DAY0 + 2 });
	// Refused by derivation (one account on both sides): listed, and marked.
	const same = f.make(
		'cash.transferred',
		{ no: 1, from: 'CASH', to: 'CASH', amount: 1_00 },
		{ user: 'bob', at: DAY0 + 2 }
	);
	const events = [...master, paid, late, voided, same];

	it('lists every event newest recorded first, with late entries and refusals marked', () => {
		const ledger = deriveAll(events);
		const log = auditLog(ledger, masterNames(ledger), ALL);
		expect(log.matched).toBe(6);
		expect(log.lines.map((l) => [l.id, l.user, l.dated, l.refused])).toEqual([
			[same.id, 'bob', null, true],
			[voided.id, 'boss', null, false],
			[late.id, 'bob', 'late', false],
			[paid.id, 'ann', null, false],
			[master[1]!.id, 'boss', null, false],
			[master[0]!.id, 'boss', null, false]
		]);
		expect(log.lines[2]).toMatchObject({ recorded: DAY0 + 2, at: DAY0, subject: '张三', amount: 99_00 });
	});

	it('filters by who, by group and by the days recorded on, and keeps the newest when cut', () => {
		const ledger = deriveAll(events);
		const names = masterNames(ledger);
		const ids = (filter: Partial<typeof ALL> | Record<string, unknown>, limit?: number) =>
			auditLog(ledger, names, { ...ALL, ...filter }, limit).lines.map((l) => l.id);
		expect(ids({ user: 'bob' })).toEqual([same.id, late.id]);
		expect(ids({ group: 'voids' })).toEqual([voided.id]);
		expect(ids({ group: 'money' })).toEqual([same.id, late.id, paid.id]);
		expect(ids({ from: DAY0, to: DAY0 })).toEqual([paid.id, master[1]!.id, master[0]!.id]);
		expect(ids({}, 2)).toEqual([same.id, voided.id]);
		expect(auditLog(ledger, names, ALL, 2).matched).toBe(6);
	});

	it('groups event types as an owner looks for them', () => {
		expect(groupOf('document.voided')).toBe('voids');
		expect(groupOf('purchase.receipt.posted')).toBe('purchasing');
		expect(groupOf('sales.counter.posted')).toBe('sales');
		expect(groupOf('stocktake.posted')).toBe('stock');
		expect(groupOf('opening.stock')).toBe('stock');
		expect(groupOf('expense.paid')).toBe('money');
		expect(groupOf('income.received')).toBe('money');
		expect(groupOf('purchase.invoice.recorded')).toBe('purchasing');
		expect(groupOf('opening.balance')).toBe('money');
		expect(groupOf('product.updated')).toBe('master');
		// Every type of the catalogue has its group: master data and settings are the only catch-all.
		const MASTER =
			/^(product|supplier|customer|warehouse|branch|account|location)\.|^(user\.roles\.set|period\.closed|settings\.updated)$/;
		for (const type of EVENT_TYPES)
			if (groupOf(type) === 'master') expect(type, `${type} grouped with master data`).toMatch(MASTER);
	});
});
