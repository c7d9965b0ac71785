/**
 * Two tabs of one device, no network: a change in one reaches the other over BroadcastChannel, as a
 * remote change (so it counts as unsaved until the relay acknowledges it), and a tab that opens later
 * gets what it lacks from the tabs already open.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DeviceClock } from '../sync/device-clock';
import { Journal } from '../sync/journal';
import type { JournalBatch } from '../sync/partition';
import { MemoryStore } from '../sync/persistence';
import { joinTabs, withTabs } from './tab-channel';

let names = 0;

async function until(check: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
	expect(check()).toBe(true);
}

describe('tabs of one device', () => {
	it('see each other’s updates, and a tab joining late gets what it lacks', async () => {
		const name = `tabs-${names++}`;
		const a = new Y.Doc();
		const b = new Y.Doc();
		a.getArray('j').push(['before b opened']);
		const leaveA = joinTabs(a, name);
		const leaveB = joinTabs(b, name);
		await until(() => b.getArray('j').length === 1);
		b.getArray('j').push(['from b']);
		await until(() => a.getArray('j').length === 2);
		leaveB();
		a.getArray('j').push(['after b left']);
		await new Promise((r) => setTimeout(r, 30));
		expect(b.getArray('j').length).toBe(2);
		leaveA();
	});

	it('deliver another tab’s events to the journal as remote, once', async () => {
		const prefix = `tabs-${names++}`;
		const tab = (device: string) => {
			const batches: JournalBatch[] = [];
			const journal = new Journal({
				tenant: 'demo',
				clock: new DeviceClock(device),
				persistence: withTabs(new MemoryStore().adapter, prefix),
				sink: (b) => void batches.push(b)
			});
			return { journal, batches };
		};
		const one = tab('T1');
		const two = tab('T1_1');
		await one.journal.open('t/demo/master');
		await two.journal.open('t/demo/master');
		const r = await one.journal.record(
			'customer.created',
			{ id: 'C1', fields: { name: '张三' } },
			{ user: 'owner' }
		);
		expect(r.ok).toBe(true);
		await until(() => two.batches.some((b) => b.added.length > 0));
		const received = two.batches.filter((b) => b.added.length > 0);
		expect(received.map((b) => b.origin)).toEqual(['remote']);
		expect(received[0]!.added.map((e) => e.type)).toEqual(['customer.created']);
		await one.journal.destroy();
		await two.journal.destroy();
	});
});
