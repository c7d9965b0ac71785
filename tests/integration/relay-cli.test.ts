import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli';
import { CLOSE } from '../../server/protocol';
import {
	login,
	RawClient,
	ROOT,
	startRelay,
	tempDir,
	TEST_SCRYPT_LOG2N,
	type TestRelay
} from './relay-helpers';

const run = promisify(execFile);

describe('admin CLI against a live relay', () => {
	const dir = tempDir();
	let relay: TestRelay;
	const saved = { dataDir: process.env.JXC_DATA_DIR, log2n: process.env.JXC_SCRYPT_LOG2N };

	/** Runs one CLI command in this process (the relay keeps serving from the same data folder). */
	async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
		const lines: string[] = [];
		const code = await runCli(argv, (l) => lines.push(l));
		return { code, out: lines.join('\n') };
	}

	const me = (token: string) =>
		fetch(`${relay.http}/api/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

	beforeAll(async () => {
		// Access changes made by the CLI reach open sockets at the next re-check.
		relay = await startRelay({ dataDir: dir.path, patch: (c) => (c.recheckMs = 100) });
		process.env.JXC_DATA_DIR = dir.path;
		process.env.JXC_SCRYPT_LOG2N = String(TEST_SCRYPT_LOG2N);
	});
	afterAll(async () => {
		process.env.JXC_DATA_DIR = saved.dataDir;
		process.env.JXC_SCRYPT_LOG2N = saved.log2n;
		if (saved.dataDir === undefined) delete process.env.JXC_DATA_DIR;
		if (saved.log2n === undefined) delete process.env.JXC_SCRYPT_LOG2N;
		await relay.stop();
		dir.remove();
	});

	it('[R13] creates a company with its owner, adds users with scoped roles, lists them', async () => {
		expect(await cli('create-company', 'acme', '--owner', 'boss', '--password', 'boss password 1')).toEqual({
			code: 0,
			out: 'created company acme with owner boss'
		});
		const boss = await login(relay.http, 'acme', 'boss', 'boss password 1');
		expect(boss.status).toBe(200);
		expect(boss.body.rooms).toContainEqual({ pattern: 't/acme/master', access: 'write' });

		await cli(
			'add-user',
			'acme',
			'clerk',
			'--roles',
			'sales:B01',
			'--name',
			'Clerk Li',
			'--password',
			'clerk pw 1'
		);
		const clerk = await login(relay.http, 'acme', 'clerk', 'clerk pw 1');
		expect(clerk.body.rooms).toEqual([
			{ pattern: 't/acme/master', access: 'write' },
			{ pattern: 't/acme/finance/*', access: 'read' },
			{ pattern: 't/acme/b/B01/*', access: 'write' }
		]);

		// Without --password a password is generated and printed once.
		const temp = await cli('add-user', 'acme', 'temp', '--roles', 'finance');
		const generated = /password: (\S+)$/.exec(temp.out)![1]!;
		expect((await login(relay.http, 'acme', 'temp', generated)).status).toBe(200);

		// The real entry point, as an operator runs it.
		const { stdout } = await run(
			process.execPath,
			['--import', 'tsx', 'server/cli.ts', 'list-users', 'acme'],
			{
				cwd: ROOT,
				env: { ...process.env }
			}
		);
		expect(stdout).toMatch(/^clerk\tsales:B01\tactive\tClerk Li$/m);
		expect(stdout).toMatch(/^boss\towner\tactive\t/m);
	});

	it('[R11] set-roles narrows access, and open sockets lose what they may no longer open', async () => {
		const { body } = await login(relay.http, 'acme', 'clerk', 'clerk pw 1');
		const socket = await RawClient.open(`${relay.ws}/t/acme/b/B01/2026-06?token=${body.token}`);
		expect(await socket.until((m) => m.length > 0)).toBe(true);
		expect((await cli('set-roles', 'acme', 'clerk', 'sales:B02')).out).toBe('clerk: sales:B02');
		expect((await socket.waitClosed()).code).toBe(CLOSE.forbidden);
		const again = await login(relay.http, 'acme', 'clerk', 'clerk pw 1');
		expect(again.body.rooms).toContainEqual({ pattern: 't/acme/b/B02/*', access: 'write' });
		expect(again.body.rooms).not.toContainEqual({ pattern: 't/acme/b/B01/*', access: 'write' });
	});

	it('[R5] disable-user ends sessions and closes sockets; enable-user lets the user back in', async () => {
		const { body } = await login(relay.http, 'acme', 'clerk', 'clerk pw 1');
		const socket = await RawClient.open(`${relay.ws}/t/acme/master?token=${body.token}`);
		expect(await socket.until((m) => m.length > 0)).toBe(true);
		await cli('disable-user', 'acme', 'clerk');
		expect((await socket.waitClosed()).code).toBe(CLOSE.unauthorized);
		expect(await me(body.token!)).toBe(401);
		expect((await login(relay.http, 'acme', 'clerk', 'clerk pw 1')).status).toBe(401);
		await cli('enable-user', 'acme', 'clerk');
		expect((await login(relay.http, 'acme', 'clerk', 'clerk pw 1')).status).toBe(200);
	});

	it('[R4] reset-password ends every session and only the new password works', async () => {
		const { body } = await login(relay.http, 'acme', 'clerk', 'clerk pw 1');
		expect(await me(body.token!)).toBe(200);
		await cli('reset-password', 'acme', 'clerk', '--password', 'new clerk pw 2');
		expect(await me(body.token!)).toBe(401);
		expect((await login(relay.http, 'acme', 'clerk', 'clerk pw 1')).status).toBe(401);
		expect((await login(relay.http, 'acme', 'clerk', 'new clerk pw 2')).status).toBe(200);
	});

	it('refuses bad input with a message and changes nothing', async () => {
		await expect(cli('create-company', 'Not A Code')).rejects.toThrow(/invalid company code/);
		await expect(cli('set-roles', 'acme', 'nobody', 'sales')).rejects.toThrow(/no user nobody/);
		await expect(cli('add-user', 'acme', 'x1', '--roles', 'king')).rejects.toThrow();
		await expect(cli('frobnicate')).rejects.toThrow(/unknown command/);
		expect((await cli('list-companies')).out.split('\n').map((l) => l.split('\t')[0])).toEqual([
			'acme',
			'demo'
		]);
		expect((await cli('list-users', 'acme')).out).not.toMatch(/^x1\t/m);
	});
});
