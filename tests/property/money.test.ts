/**
 * Receivables, payables and cash (issue 2 §4; F1–F5).
 *
 *   [P6] After any history, for every party: balance = Σ open items − unapplied credit, every open item
 *        is positive and credit is never negative; the balance is also the signed sum of the party's
 *        documents (opening balance + goods − returns − payments, voided ones excluded), and every
 *        account holds its opening cash plus the money its documents moved.
 *   [P7] Payments: a payment never applies more to a document than it had open, nor more than the
 *        payment itself, and honours its named allocations first; voiding a payment, however much
 *        happened in between, restores every party's balance and every account to what they would be
 *        had it never been made.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveAll, Ledger } from '../../src/lib/domain/ledger';
import { CUSTOMERS, historyOf, historyParams, SUPPLIERS } from '../factories/business';
import { balancesFromDocuments, cashFromDocuments } from './identities';
import { FC_PARAMS } from './runs';

const PARTIES = [
	...CUSTOMERS.map((id) => ({ kind: 'customer' as const, id })),
	...SUPPLIERS.map((id) => ({ kind: 'supplier' as const, id }))
];

function expectBooksBalance(l: Ledger, ctx: string): void {
	const fromDocs = balancesFromDocuments(l);
	for (const { kind, id } of PARTIES) {
		const items = l.openItems(kind, id);
		const party = l.balances().find((b) => b.kind === kind && b.id === id);
		const unapplied = party?.unapplied ?? 0;
		const open = items.reduce((s, d) => s + (d.open ?? 0), 0);
		expect(l.balanceOf(kind, id), `${ctx}: ${kind} ${id} balance vs open items − credit`).toBe(
			open - unapplied
		);
		expect(unapplied, `${ctx}: ${kind} ${id} credit`).toBeGreaterThanOrEqual(0);
		for (const d of items) expect(d.open, `${ctx}: ${kind} ${id} item ${d.number}`).toBeGreaterThan(0);
		expect(l.balanceOf(kind, id), `${ctx}: ${kind} ${id} balance vs documents`).toBe(
			fromDocs.get(kind[0] + ':' + id) ?? 0
		);
	}
	const cash = cashFromDocuments(l);
	for (const c of l.cash()) expect(c.balance, `${ctx}: account ${c.account}`).toBe(cash.get(c.account) ?? 0);
	for (const [account, balance] of cash)
		expect(l.cash().find((c) => c.account === account)?.balance ?? 0, `${ctx}: account ${account}`).toBe(
			balance
		);
}

describe('money', () => {
	it('[P6] every party balance = Σ open items − unapplied credit = Σ of its documents; cash = its documents', () => {
		fc.assert(
			fc.property(historyParams({ maxOps: 160 }), (params) => {
				const { seed, ops } = params;
				expectBooksBalance(
					deriveAll(historyOf(params).events),
					`seed ${seed} ops ${ops}${params.turbulent ? ' turbulent' : ''}`
				);
			}),
			FC_PARAMS
		);
	});

	it('[P7] a payment applies no more than was open, no more than itself, named allocations first', () => {
		fc.assert(
			fc.property(historyParams({ maxOps: 160 }), (params) => {
				const { seed, ops } = params;
				const all = deriveAll(historyOf(params).events);
				const ctx = `seed ${seed} ops ${ops}${params.turbulent ? ' turbulent' : ''}`;
				// Replay in derivation order, one event at a time, watching each payment land.
				const l = new Ledger();
				for (const e of all.events) {
					if (e.type !== 'payment.received' && e.type !== 'payment.made') {
						l.add([e]);
						continue;
					}
					const kind = e.type === 'payment.received' ? 'customer' : 'supplier';
					const party = e.type === 'payment.received' ? e.payload.customer : e.payload.supplier;
					const before = new Map(l.openItems(kind, party).map((d) => [d.id, d.open ?? 0]));
					l.add([e]);
					const doc = l.document(e.id);
					// A voided payment never happened for derivation (V2): it settles nothing.
					if (!doc || doc.status === 'voided') continue;
					const applied = new Map<string, number>();
					for (const s of doc.settled ?? []) {
						expect(s.amount, `${ctx}: ${doc.number} applies a positive amount`).toBeGreaterThan(0);
						applied.set(s.ref, (applied.get(s.ref) ?? 0) + s.amount);
					}
					let total = 0;
					for (const [ref, amount] of applied) {
						expect(amount, `${ctx}: ${doc.number} on ${ref}`).toBeLessThanOrEqual(before.get(ref) ?? 0);
						expect(l.document(ref)!.open ?? 0, `${ctx}: ${ref} after ${doc.number}`).toBe(
							(before.get(ref) ?? 0) - amount
						);
						total += amount;
					}
					expect(total, `${ctx}: ${doc.number} applied`).toBeLessThanOrEqual(e.payload.amount);
					// Named allocations come first: each gets what it asked for, as far as it was open and
					// the money reached.
					let left = e.payload.amount;
					const named = new Map<string, number>();
					for (const a of e.payload.allocations ?? []) {
						const open = (before.get(a.ref) ?? 0) - (named.get(a.ref) ?? 0);
						const x = Math.max(0, Math.min(a.amount, open, left));
						named.set(a.ref, (named.get(a.ref) ?? 0) + x);
						left -= x;
					}
					for (const [ref, x] of named)
						expect(
							applied.get(ref) ?? 0,
							`${ctx}: ${doc.number} allocation to ${ref}`
						).toBeGreaterThanOrEqual(x);
				}
			}),
			FC_PARAMS
		);
	});

	it('[P7] voiding a payment restores every balance and account, whatever happened in between', () => {
		fc.assert(
			fc.property(
				historyParams({ minOps: 5, maxOps: 120 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.constantFrom('payment-in' as const, 'payment-out' as const),
				(params, where, kind) => {
					const h = historyOf(params);
					const ctx = `seed ${params.seed} ops ${params.ops}${params.turbulent ? ' turbulent' : ''} at ${where.toFixed(3)} ${kind}`;
					// The payment is decided from the books as they stood part-way through the history.
					const k = h.setup.length + Math.floor(where * (h.events.length - h.setup.length));
					const prefix = deriveAll(h.events.slice(0, k));
					const day = h.events[Math.max(0, k - 1)]!.at;
					const payment = h.more(kind, { view: prefix, at: day, invalidRate: 0, actor: 0 });
					const last = h.events.reduce((m, e) => Math.max(m, e.at), day);
					const voided = h.actors[0]!.make('document.voided', { ref: payment[0]!.id }, last);
					const without = deriveAll(h.events);
					const withVoid = deriveAll([...h.events, ...payment, voided]);
					fc.pre(withVoid.document(payment[0]!.id)?.status === 'voided');
					for (const { kind: k2, id } of PARTIES)
						expect(withVoid.balanceOf(k2, id), `${ctx}: ${k2} ${id}`).toBe(without.balanceOf(k2, id));
					const nonZero = (x: Ledger) => x.cash().filter((c) => c.balance !== 0);
					expect(nonZero(withVoid), ctx).toEqual(nonZero(without));
					expectBooksBalance(withVoid, ctx);
				}
			),
			FC_PARAMS
		);
	});
});
