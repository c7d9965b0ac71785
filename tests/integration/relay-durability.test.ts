import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore, databasePath } from '../../server/store/sqlite';
import {
	adminToken,
	connectClient,
	freePort,
	journalEvent,
	spawnRelay,
	tempDir,
	waitFor,
	type ChildRelay,
	type Client
} from './relay-helpers';

const KILLS = Number(process.env.JXC_DURABILITY_KILLS ?? 20);
const CLIENTS = 20;
const ROOMS = ['t/demo/master', 't/demo/b/B01/2026-04', 't/demo/b/B02/2026-04', 't/demo/finance/2026-04'];
const SEED = Number(process.env.JXC_DURABILITY_SEED ?? 424242);

/** Events the test wrote (the relay also publishes its own role events into the master room). */
const ours = (journal: Y.Array<unknown> | Y.Array<unknown[]>) =>
	journal.toArray().filter((e) => (e as unknown[])[0] === 'test.appended');

function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** What the relay holds on disk, read straight from its database while it is down. */
function diskState(dataDir: string): Map<string, Y.Doc> {
	// As the relay opens it at start: updates left in its write-ahead files count as on disk.
	const store = new SqliteStore(databasePath(dataDir), 'normal', { updateLog: true });
	try {
		const docs = new Map<string, Y.Doc>();
		for (const room of ROOMS) {
			const doc = new Y.Doc();
			const stored = store.loadRoom(room);
			if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
			for (const u of stored.updates) Y.applyUpdate(doc, u.update);
			docs.set(room, doc);
		}
		return docs;
	} finally {
		store.close();
	}
}

describe('relay durability under SIGKILL', () => {
	const dir = tempDir();
	let child: ChildRelay | null = null;
	const clients: Client[] = [];
	afterAll(async () => {
		for (const c of clients) c.destroy();
		if (child && child.child.exitCode === null) {
			child.child.kill('SIGKILL');
			await child.exited;
		}
		dir.remove();
	});

	it(
		`[R26] every acknowledged or relayed update survives ${KILLS} kills, and all clients converge (seed ${SEED})`,
		async () => {
			const random = rng(SEED);
			// Each stock provider adds a process 'exit' listener.
			process.setMaxListeners(CLIENTS + 10);
			const port = await freePort();
			child = await spawnRelay(dir.path, port, { JXC_LOG_LEVEL: 'warn', JXC_COMPACT_EVERY: '200' });
			const token = await adminToken(child.http);
			for (let i = 0; i < CLIENTS; i++)
				clients.push(
					connectClient(child.ws, ROOMS[i % ROOMS.length]!, token, { track: true, maxBackoffTime: 200 })
				);
			let writing = true;
			const sent = new Array<number>(CLIENTS).fill(0);
			const writers = clients.map(async (c, i) => {
				while (writing) {
					c.journal.push([journalEvent('admin', sent[i]!++, { client: i })]);
					await new Promise((r) => setTimeout(r, 20 + random() * 60));
				}
			});

			let checkedClaims = 0;
			let checkedRelayed = 0;
			for (let k = 0; k < KILLS; k++) {
				await new Promise((r) => setTimeout(r, 150 + random() * 450));
				child.child.kill('SIGKILL');
				await child.exited;
				// Acks still in flight were sent after their commit, so everything a client holds as saved now
				// must be on disk.
				await new Promise((r) => setTimeout(r, 20));
				const disk = diskState(dir.path);
				for (const c of clients) {
					const claimed = c.tracker!.serverState().get(c.doc.clientID) ?? 0;
					const onDisk = Y.getState(disk.get(c.provider.roomname)!.store, c.doc.clientID);
					expect(
						onDisk,
						`kill ${k}: client ${c.doc.clientID} was told ${claimed} were saved`
					).toBeGreaterThanOrEqual(claimed);
					checkedClaims += claimed;
					// On disk before relayed: whatever this client received from other devices came through the
					// relay, so the disk must hold all of it.
					for (const [other, clock] of Y.decodeStateVector(Y.encodeStateVector(c.doc))) {
						if (other === c.doc.clientID) continue;
						const stored = Y.getState(disk.get(c.provider.roomname)!.store, other);
						expect(
							stored,
							`kill ${k}: client ${c.doc.clientID} received ${clock} items of ${other}`
						).toBeGreaterThanOrEqual(clock);
						checkedRelayed += clock;
					}
				}
				for (const d of disk.values()) d.destroy();
				child = await spawnRelay(dir.path, port, { JXC_LOG_LEVEL: 'warn', JXC_COMPACT_EVERY: '200' });
				if (process.env.JXC_DEBUG) console.log('kill', k, Date.now());
			}
			if (process.env.JXC_DEBUG) console.log('kills done', Date.now());
			writing = false;
			await Promise.all(writers);
			expect(checkedClaims).toBeGreaterThan(0);
			expect(checkedRelayed).toBeGreaterThan(0);

			// Everyone reconnects, pushes what the relay lost (if anything), and converges.
			if (process.env.JXC_DEBUG)
				setInterval(
					() =>
						console.log(
							clients.map((c) => `${c.provider.synced ? 's' : '-'}${c.tracker!.status.pending}`).join(' ')
						),
					2000
				).unref();
			await waitFor(() => clients.every((c) => c.tracker!.status.saved && c.provider.synced), {
				timeout: 60_000,
				what: 'every client saved'
			});
			const total = sent.reduce((a, b) => a + b, 0);
			await waitFor(
				() =>
					ROOMS.every((room) => {
						const inRoom = clients.filter((c) => c.provider.roomname === room);
						const expected = inRoom.reduce((n, c) => n + sent[clients.indexOf(c)]!, 0);
						return inRoom.every((c) => ours(c.journal).length === expected);
					}),
				{ timeout: 60_000, what: 'convergence' }
			);
			for (const room of ROOMS) {
				const inRoom = clients.filter((c) => c.provider.roomname === room);
				const first = JSON.stringify(inRoom[0]!.journal.toJSON());
				for (const c of inRoom) expect(JSON.stringify(c.journal.toJSON())).toBe(first);
			}
			child.child.kill('SIGTERM');
			expect(await child.exited).toBe('0');
			const disk = diskState(dir.path);
			expect([...disk.values()].reduce((n, d) => n + ours(d.getArray('j')).length, 0)).toBe(total);
		},
		KILLS * 3000 + 60_000
	);
});
