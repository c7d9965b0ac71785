/**
 * WAL checkpoints off the event loop. A checkpoint copies WAL pages into the database and fsyncs it; run
 * by SQLite inside a commit (auto-checkpoint) it stalls the relay for milliseconds to a hundred, which is
 * every fan-out's tail latency. A worker thread with its own connection does PASSIVE checkpoints (they
 * never block the writer) every `intervalMs`; the writer's auto-checkpoint stays as a far safety net.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS, evaluated in the worker: no loader or transpiler needed there.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 50');
const checkpoint = () => {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch {
		// busy: the next round will do it
	}
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
	clearInterval(timer);
	checkpoint();
	db.close();
	parentPort.postMessage('stopped');
});
`;

export class Checkpointer {
	#worker: Worker;
	#stopped: Promise<void> | null = null;

	constructor(file: string, intervalMs = 500) {
		const driver = createRequire(import.meta.url).resolve('better-sqlite3');
		this.#worker = new Worker(SOURCE, { eval: true, workerData: { file, intervalMs, driver } });
		this.#worker.unref();
		this.#worker.on('error', () => {
			// Checkpoints then fall back to SQLite's own auto-checkpoint; nothing is lost.
		});
	}

	stop(): Promise<void> {
		return (this.#stopped ??= new Promise<void>((resolve) => {
			const done = () => {
				void this.#worker.terminate().finally(resolve);
			};
			this.#worker.once('message', done);
			this.#worker.once('exit', () => resolve());
			this.#worker.postMessage('stop');
			setTimeout(done, 2000).unref();
		}));
	}
}
