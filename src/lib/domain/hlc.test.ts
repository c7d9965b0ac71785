import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, HlcClock, MAX_COUNTER, parseHlc, type Hlc } from './hlc';

function manualClock(start: number) {
	let t = start;
	return { now: () => t, set: (v: number) => (t = v) };
}

describe('hybrid logical clock', () => {
	it('[J1] ticks strictly increase while the wall clock moves forward', () => {
		const c = manualClock(1000);
		const clock = new HlcClock('T1', { now: c.now });
		const a = clock.tick();
		c.set(1001);
		const b = clock.tick();
		expect(compareHlc(a, b)).toBeLessThan(0);
		expect(b).toEqual({ wall: 1001, counter: 0, device: 'T1' });
	});

	it('[J1] ticks strictly increase when the wall clock stutters or runs backwards', () => {
		const c = manualClock(5000);
		const clock = new HlcClock('T1', { now: c.now });
		const seen: Hlc[] = [clock.tick()];
		for (const t of [5000, 4000, 4999, 1, 5000, 5001, 0]) {
			c.set(t);
			seen.push(clock.tick());
		}
		for (let i = 1; i < seen.length; i++) expect(compareHlc(seen[i - 1]!, seen[i]!)).toBeLessThan(0);
		expect(seen[3]!.wall).toBe(5000); // never goes back to 4999
	});

	it('[J2] counter overflow borrows a millisecond instead of failing', () => {
		const clock = new HlcClock('T1', {
			now: () => 7,
			last: { wall: 7, counter: MAX_COUNTER - 1, device: 'T1' }
		});
		expect(clock.tick()).toEqual({ wall: 7, counter: MAX_COUNTER, device: 'T1' });
		expect(clock.tick()).toEqual({ wall: 8, counter: 0, device: 'T1' });
	});

	it('[J3] observing a remote timestamp makes the next tick sort after it', () => {
		const clock = new HlcClock('A', { now: () => 100 });
		expect(clock.observe({ wall: 150, counter: 3, device: 'B' })).toEqual({ ok: true });
		expect(compareHlc(clock.tick(), { wall: 150, counter: 3, device: 'B' })).toBeGreaterThan(0);
	});

	it('[J3] a remote clock beyond the drift limit is reported and not followed', () => {
		const clock = new HlcClock('A', { now: () => 100, maxDriftMs: 1000 });
		const r = clock.observe({ wall: 100 + 5000, counter: 0, device: 'B' });
		expect(r).toMatchObject({ ok: false, code: 'clock-drift' });
		expect(clock.tick().wall).toBe(100);
	});

	it('[J4] a restarted device resumes after its last timestamp even if its clock went back', () => {
		const clock = new HlcClock('A', { now: () => 10, last: { wall: 500, counter: 2, device: 'A' } });
		expect(clock.tick()).toEqual({ wall: 500, counter: 3, device: 'A' });
	});

	it('[J1] the string form sorts like the timestamps and parses back', () => {
		const hlc = fc.record({
			wall: fc.integer({ min: 0, max: 4e12 }),
			counter: fc.integer({ min: 0, max: MAX_COUNTER }),
			device: fc.stringMatching(/^[A-Z][0-9]{1,3}$/)
		});
		fc.assert(
			fc.property(hlc, hlc, (a, b) => {
				const sa = formatHlc(a);
				const sb = formatHlc(b);
				expect(parseHlc(sa)).toEqual(a);
				const byString = sa < sb ? -1 : sa > sb ? 1 : 0;
				expect(Math.sign(compareHlc(a, b))).toBe(byString);
			})
		);
	});

	it('[J1] the string form is base 36 padded to 9 and 4 digits, whatever the wall clock (ids are stable)', () => {
		const slow = (h: Hlc) =>
			`${h.wall.toString(36).padStart(9, '0')}-${h.counter.toString(36).padStart(4, '0')}-${h.device}`;
		const wall = fc.oneof(
			fc.integer({ min: 0, max: 36 ** 9 - 1 }),
			fc.constantFrom(0, 35, 36, 1295, 1296, 36 ** 9 - 1, 36 ** 9, 2 ** 53 - 1, -1, 1.5)
		);
		const counter = fc.oneof(
			fc.integer({ min: 0, max: MAX_COUNTER }),
			fc.constantFrom(36 ** 4 - 1, 36 ** 4, -2)
		);
		fc.assert(
			fc.property(wall, counter, fc.stringMatching(/^[A-Za-z0-9_]{1,16}$/), (w, c, device) => {
				const h = { wall: w, counter: c, device };
				expect(formatHlc(h)).toBe(slow(h));
			}),
			{ numRuns: 2000 }
		);
	});

	it('[J1] any interleaving of ticks and observations stays strictly increasing', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 20_000 }))
				),
				(steps) => {
					let t = 5000;
					const clock = new HlcClock('A', { now: () => t, maxDriftMs: 3000 });
					let prev = clock.tick();
					for (const [isObserve, phys, remote] of steps) {
						t = phys;
						if (isObserve) clock.observe({ wall: remote, counter: 0, device: 'B' });
						const next = clock.tick();
						expect(compareHlc(prev, next)).toBeLessThan(0);
						prev = next;
					}
				}
			)
		);
	});
});
