import { describe, expect, it } from 'vitest';
import { EventFactory } from '../../../tests/factories/events';
import { compareHlc } from '../domain/hlc';
import { DeviceClock } from './device-clock';

const T0 = Date.UTC(2026, 2, 10, 2);

function delivery(f: EventFactory, device: string, no: number) {
	return f.make(
		'sales.delivery.posted',
		{ no, customer: 'C042', wh: 'W01', lines: [{ p: 'P0123', q: 1000, amount: 990, vat: 1300 }] },
		{ device }
	);
}

describe('device clock', () => {
	it('[S12] resumes after its own latest event even when the physical clock went back', () => {
		const f = new EventFactory(T0);
		const mine = [delivery(f, 'T1', 1), delivery(f, 'T1', 2)];
		// The tablet rebooted with its clock an hour behind.
		const clock = new DeviceClock('T1', { now: () => T0 - 3_600_000 });
		clock.observe(mine);
		const next = clock.tick();
		expect(compareHlc(next, mine[1]!.hlc)).toBeGreaterThan(0);
		expect(clock.driftWarnings).toEqual([]);
	});

	it('[S12] own events far in the future are adopted, not refused as drift', () => {
		const f = new EventFactory(T0 + 86_400_000);
		const own = delivery(f, 'T1', 1);
		const clock = new DeviceClock('T1', { now: () => T0 });
		clock.observe([own]);
		expect(compareHlc(clock.tick(), own.hlc)).toBeGreaterThan(0);
	});

	it('[S13] follows other devices within the drift limit', () => {
		const f = new EventFactory(T0 + 60_000);
		const theirs = delivery(f, 'T2', 1);
		const clock = new DeviceClock('T1', { now: () => T0 });
		clock.observe([theirs]);
		expect(compareHlc(clock.tick(), theirs.hlc)).toBeGreaterThan(0);
		expect(clock.driftWarnings).toEqual([]);
	});

	it('[S13] reports a device beyond the drift limit, its worst case once, and does not follow it', () => {
		const f = new EventFactory(T0 + 3_600_000);
		const ahead = [delivery(f, 'T3', 1), delivery(f, 'T3', 2)];
		const clock = new DeviceClock('T1', { now: () => T0 });
		clock.observe(ahead);
		expect(clock.driftWarnings).toEqual([
			{ device: 'T3', user: 'u1', eventId: ahead[1]!.id, aheadMs: ahead[1]!.hlc.wall - T0 }
		]);
		expect(clock.tick().wall).toBe(T0);
	});

	it('[S14] numbers documents one past the highest own number per type', () => {
		const f = new EventFactory(T0);
		const clock = new DeviceClock('T1', { now: () => T0 });
		expect(clock.nextNo('sales.delivery.posted')).toBe(1);
		clock.observe([delivery(f, 'T1', 7), delivery(f, 'T1', 3), delivery(f, 'T2', 40)]);
		expect(clock.nextNo('sales.delivery.posted')).toBe(8);
		expect(clock.nextNo('purchase.receipt.posted')).toBe(1);
	});
});
