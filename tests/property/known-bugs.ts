/**
 * Domain bugs the property tests and the fuzz have found, that the lead has not fixed yet. Each is pinned
 * by a skipped [BUG] case (named in `test`); until it is fixed, a comparison of two derived snapshots
 * that differ ONLY in what its `normalize` erases is tolerated, and counted, so every other difference
 * is still caught. Delete an entry with its fix: the comparisons become strict again, and the [BUG]
 * case and the fuzz regression seeds hold the fix in place.
 */
import type { LedgerSnapshot } from '../../src/lib/domain/ledger';

export interface KnownBug {
	readonly id: string;
	readonly test: string;
	readonly normalize: (s: LedgerSnapshot) => LedgerSnapshot;
}

/**
 * None open. Fixed so far: 'late-closing-through' (a closing received after a later one left quarantines
 * dated by the later one) and 'void-refusal-names-arrival-order' (a refused void named whichever blocking
 * document had arrived first); their cases are in derivation.test.ts. An entry looks like:
 *
 *   { id: 'late-closing-through', test: 'derivation.test.ts: [BUG][P4][D8] …',
 *     normalize: (s) => ({ ...s, quarantined: s.quarantined.map((q) => ({ ...q, through: 0 })) }) }
 */
export const KNOWN_BUGS: readonly KnownBug[] = [];

/**
 * Whether two snapshots agree, strictly or up to known bugs; `bugs` lists the known bugs whose erasure
 * was needed to make them agree.
 */
export function compareUpToKnownBugs(
	a: LedgerSnapshot,
	b: LedgerSnapshot
): { same: boolean; bugs: string[] } {
	if (JSON.stringify(a) === JSON.stringify(b)) return { same: true, bugs: [] };
	const erase = (x: LedgerSnapshot, except?: KnownBug) =>
		JSON.stringify(KNOWN_BUGS.reduce((acc, bug) => (bug === except ? acc : bug.normalize(acc)), x));
	if (erase(a) !== erase(b)) return { same: false, bugs: [] };
	return {
		same: true,
		bugs: KNOWN_BUGS.filter((bug) => erase(a, bug) !== erase(b, bug)).map((bug) => bug.id)
	};
}
