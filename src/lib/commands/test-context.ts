/**
 * For the command tests: a device's journal feeding a fresh Ledger, optionally seeded with master data
 * recorded by the owner, and the CommandContext a clerk's commands get from the workspace.
 */
import type { EventType } from '../domain/catalogue';
import { Ledger } from '../domain/ledger';
import { DeviceClock } from '../sync/device-clock';
import { Journal, type RecordCommand } from '../sync/journal';
import type { CommandContext } from './context';

export interface TestContextOptions {
	/** Events recorded before the test starts. */
	readonly seed?: readonly RecordCommand[];
	/** The clerk's permission check; everything is allowed by default. */
	readonly may?: (type: EventType, branch: string) => boolean;
}

export async function testContext(opts: TestContextOptions = {}): Promise<CommandContext> {
	const ledger = new Ledger();
	const journal = new Journal({
		tenant: 'acme',
		clock: new DeviceClock('T1'),
		sink: (b) => ledger.add(b.added)
	});
	if (opts.seed && opts.seed.length > 0) {
		const r = await journal.recordMany(opts.seed);
		if (!r.ok) throw new Error(r.reason);
	}
	const may = opts.may ?? (() => true);
	return { journal, ledger, user: 'clerk', may };
}
