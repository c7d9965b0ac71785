/**
 * Demo mode: the seeded demo company (src/lib/demo) generated on this device into a journal of its own
 * (IndexedDB prefix `jxc-demo`), never connected to a relay. Generated once; later visits reopen it.
 */
import { dayFromIso } from '../domain/dates';
import type { AnyEvent } from '../domain/event';
import type { Journal } from '../sync/journal';

export const DEMO_TENANT = 'demo';
export const DEMO_PREFIX = 'jxc-demo';
const MARKER = 'jxc:demo';

export interface DemoInfo {
	/** The demo's last business day: its "today". */
	readonly today: number;
	/** The owner, as whom this device records in the demo. */
	readonly user: string;
	readonly displayName: string;
	readonly events: number;
}

export function storedDemo(): DemoInfo | null {
	try {
		const info = JSON.parse(localStorage.getItem(MARKER) ?? 'null') as DemoInfo | null;
		return info && typeof info.today === 'number' && typeof info.user === 'string' ? info : null;
	} catch {
		return null;
	}
}

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Generates the small demo (one year, two branches) into `journal`, reporting progress. */
export async function generateDemoInto(
	journal: Journal,
	onProgress: (phase: 'generating' | 'saving', count: number) => void
): Promise<DemoInfo> {
	// Loaded on first use only: the generator and its catalogue are not needed to open the app.
	const { generateDemo, PROFILES } = await import('../demo/generate');
	const profile = PROFILES.small;
	const events: AnyEvent[] = [];
	let user = '';
	let displayName = '';
	for (const e of generateDemo({ size: 'small' })) {
		events.push(e);
		if (!user && e.type === 'user.roles.set' && e.payload.roles.includes('owner')) {
			user = e.payload.user;
			displayName = e.payload.name ?? user;
		}
		if (events.length % 5000 === 0) {
			onProgress('generating', events.length);
			await nextFrame();
		}
	}
	onProgress('saving', events.length);
	await nextFrame();
	await journal.append(events);
	const info: DemoInfo = {
		today: dayFromIso(profile.start)! + profile.days - 1,
		user: user || 'demo',
		displayName: displayName || user || 'demo',
		events: events.length
	};
	try {
		localStorage.setItem(MARKER, JSON.stringify(info));
	} catch {
		// Regenerated next time.
	}
	return info;
}
