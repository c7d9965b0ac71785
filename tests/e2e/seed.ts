/**
 * Other devices for the end-to-end tests, played from Node: each is a journal of its own (own device
 * code, in memory) that records while "offline", then connects to the relay with a stock y-websocket
 * provider and waits until the relay acknowledged everything it holds.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { DeviceClock } from '../../src/lib/sync/device-clock';
import { Journal, type RecordCommand } from '../../src/lib/sync/journal';
import { attachSavedTracking } from '../../src/lib/sync/relay-client';
import { ADMIN, COMPANY, PASSWORD } from './helpers';

async function token(baseURL: string): Promise<string> {
	const res = await fetch(`${baseURL}/api/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ company: COMPANY, username: ADMIN, password: PASSWORD })
	});
	const body = (await res.json()) as { token?: string };
	if (!body.token) throw new Error(`login failed: ${res.status}`);
	return body.token;
}

/** A device that records `commands` offline, then syncs them to the relay. */
export async function deviceRecordsThenSyncs(
	baseURL: string,
	device: string,
	commands: readonly RecordCommand[]
): Promise<void> {
	const journal = new Journal({ tenant: COMPANY, clock: new DeviceClock(device) });
	const r = await journal.recordMany(commands);
	if (!r.ok) throw new Error(`${device}: ${r.reason}`);
	const auth = await token(baseURL);
	const url = baseURL.replace(/^http/, 'ws') + '/sync';
	await Promise.all(
		journal.rooms().map(async (room) => {
			const provider = new WebsocketProvider(url, room, journal.doc(room)!, {
				params: { token: auth },
				WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
				disableBc: true,
				connect: false
			});
			const tracker = attachSavedTracking(provider);
			provider.connect();
			await tracker.whenSaved();
			tracker.destroy();
			provider.destroy();
		})
	);
	await journal.destroy();
}
