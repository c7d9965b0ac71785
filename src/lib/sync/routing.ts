/**
 * Which partition an event is written to (DESIGN §2; rule S5 in docs/SYNC.md).
 *
 * The catalogue says which kind of partition a type lives in; branch and finance partitions are monthly,
 * and the month is the one in which the event was RECORDED (its HLC wall clock in the device's time
 * zone), never its business date `at`: a receipt backdated to last month still lands in this month's
 * partition, which is already open and syncing. Derivation does not care where an event sits.
 */
import { CATALOGUE, type EventType } from '../domain/catalogue';
import { dayFromWall, monthOfDay } from '../domain/dates';
import type { EventFailure } from '../domain/event';
import { formatRoom, parseRoom, type RoomName } from '../domain/journal-format';

/** China Standard Time, the default time zone of a JXC device (minutes east of UTC). */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

export type RoomResult = { ok: true; room: string } | EventFailure;

/** `yyyy-mm` of the recording month of a wall-clock instant. */
export function recordingMonth(wallMs: number, utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): string {
	return monthOfDay(dayFromWall(wallMs, utcOffsetMinutes));
}

/**
 * [S5] The room of an event of `type` recorded at `wallMs` for `branch`. A branch event needs a branch
 * code that is valid in a room name; anything that would not make a parseable room is a failure.
 */
export function roomFor(
	tenant: string,
	target: { type: EventType; branch: string; wall: number },
	utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES
): RoomResult {
	const kind = CATALOGUE[target.type].partition;
	let name: RoomName;
	if (kind === 'master') name = { tenant, kind };
	else if (kind === 'finance') name = { tenant, kind, month: recordingMonth(target.wall, utcOffsetMinutes) };
	else {
		if (target.branch === '')
			return { ok: false, code: 'bad-envelope', path: 'branch', reason: `a ${target.type} needs a branch` };
		name = { tenant, kind, branch: target.branch, month: recordingMonth(target.wall, utcOffsetMinutes) };
	}
	const room = formatRoom(name);
	// Round-trip through the parser so a tenant or branch code that cannot name a room is caught here,
	// on the device, rather than refused later by the relay.
	if (!parseRoom(room))
		return { ok: false, code: 'bad-envelope', path: 'branch', reason: `no partition can be named "${room}"` };
	return { ok: true, room };
}

/** The partitions a device of `branch` works in at `wallMs`: master, its branch month, the finance month. */
export function liveRooms(
	tenant: string,
	branch: string,
	wallMs: number,
	utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES
): string[] {
	const month = recordingMonth(wallMs, utcOffsetMinutes);
	const rooms = [formatRoom({ tenant, kind: 'master' }), formatRoom({ tenant, kind: 'finance', month })];
	if (branch !== '') rooms.splice(1, 0, formatRoom({ tenant, kind: 'branch', branch, month }));
	return rooms;
}
