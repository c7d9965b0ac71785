/** Business dates are whole days since 1970-01-01 (UTC calendar), so they sort and subtract as integers. */
const MS_PER_DAY = 86_400_000;

export function dayFromIso(iso: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const ms = Date.UTC(y, mo - 1, d);
	const back = new Date(ms);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
	return ms / MS_PER_DAY;
}

export function isoFromDay(day: number): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The local calendar day of a wall-clock instant, given the device's UTC offset in minutes (China: +480). */
export function dayFromWall(wallMs: number, utcOffsetMinutes = 480): number {
	return Math.floor((wallMs + utcOffsetMinutes * 60_000) / MS_PER_DAY);
}

/** `yyyy-mm` of a day, the month key of partitions. */
export function monthOfDay(day: number): string {
	return isoFromDay(day).slice(0, 7);
}

export function addDays(day: number, n: number): number {
	return day + n;
}
