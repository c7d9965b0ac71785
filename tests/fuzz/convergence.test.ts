/**
 * Convergence fuzz (issue 2 §4; STYLE habit 4, the way Yjs fuzzes its own types).
 *
 * Five replicas, one per device, each with its own HLC clock, user and roles, its own Y.Doc journal
 * (a JournalPartition from src/lib/sync over the array 'j' of encoded events) and its own Ledger fed only
 * by what that Y.Doc has received. Every operation is a business operation decided by one replica from
 * ITS OWN view (tests/factories/business.ts): master-data edits, orders and approvals, partial
 * receipts, sales, returns, transfers, stocktakes, voids, payments, backdated entries, period closings,
 * role changes. In between, the network moves: Yjs updates wait in per-sender queues and are delivered
 * in random order (bursts in the order sent, sometimes one overtaking), replicas disconnect (what was in
 * flight to them is lost) and reconnect (a state-vector sync with everyone online). At the end everyone
 * syncs fully.
 *
 *   [F1] Every replica, and a replica rebuilt from the merged update, derive the same
 *        `snapshot({ full: true })`: records and their field histories, documents, stock, costs,
 *        balances, cash, alerts, rejections and quarantines.
 *   [F2] The runs are contentious: at least 5 % of operations are concurrent conflicts, i.e. they touch
 *        something (a record field, a document, the stock of a product in a warehouse, a user's roles)
 *        that another replica touched in an event this one had not received yet.
 *
 * JXC_FUZZ_SEEDS / JXC_FUZZ_OPS scale it (`npm run test:fuzz`). Seeds run on worker threads (pool.ts);
 * a failing seed names itself and is replayed here for a full diff. Once fixed, it stays in REGRESSIONS.
 */
import { describe, expect, it } from 'vitest';
import { runSeedsInWorkers } from './pool';
import { KNOWN_BUGS } from '../property/known-bugs';
import { runConvergence, summary } from './replicas';

const SEEDS = Number(process.env.JXC_FUZZ_SEEDS ?? 200);
const OPS = Number(process.env.JXC_FUZZ_OPS ?? 500);
/** Generous: the normal run takes ~30 s on two idle cores, but the cores are shared. */
const TIMEOUT_MS = Math.max(300_000, SEEDS * OPS * 10);

/**
 * Seeds that once failed, with what was wrong. Strict: each passes only once its bug is fixed (and is
 * skipped while its bug is listed in known-bugs.ts). A seed means a history of the generator as it is in
 * tests/factories/business.ts: if a change there alters what a seed makes, find seeds that fail again
 * against the domain before the fix (commit named in `fixedIn`, parent) and put them here.
 */
const REGRESSIONS: readonly { seed: number; ops: number; why: string; bug?: string; fixedIn: string }[] = [
	{
		seed: 10,
		ops: 500,
		why: 'a refused void named whichever blocking document had arrived first',
		bug: 'void-refusal-names-arrival-order',
		fixedIn: 'd26f662'
	},
	{
		seed: 200,
		ops: 500,
		why: 'a closing received after a later one left quarantines dated by the later one',
		bug: 'late-closing-through',
		fixedIn: 'd26f662'
	}
];

const stillBroken = (bug?: string) => bug !== undefined && KNOWN_BUGS.some((b) => b.id === bug);

describe('convergence fuzz', () => {
	it(
		`[F1][F2] ${SEEDS} seeds × ${OPS} operations on 5 replicas converge, with concurrent conflicts`,
		async () => {
			const started = performance.now();
			const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);
			const { total, failed, threads } = await runSeedsInWorkers(seeds, OPS);
			if (failed) {
				// Replayed in-process, so the difference is shown in full.
				runConvergence(failed.seed, OPS, { assertEqual: (a, b, message) => expect(a, message).toEqual(b) });
				throw new Error(failed.message);
			}
			const wallMs = performance.now() - started;
			console.log(summary(`${SEEDS} seeds × ${OPS} ops`, total, { wallMs, threads }));
			expect(total.ops).toBe(SEEDS * OPS);
			expect(
				total.conflicts / total.ops,
				'share of operations that were concurrent conflicts'
			).toBeGreaterThanOrEqual(0.05);
		},
		TIMEOUT_MS
	);

	for (const r of REGRESSIONS)
		it.skipIf(stillBroken(r.bug))(`[F-regress] seed ${r.seed} (${r.ops} ops): ${r.why}`, () => {
			runConvergence(r.seed, r.ops, {
				strict: true,
				assertEqual: (a, b, message) => expect(a, message).toEqual(b)
			});
		});
});
