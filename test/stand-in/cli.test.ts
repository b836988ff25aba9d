import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { parseStandInArgs, runStandIn } from '../../scripts/twitch-stand-in/cli.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) } };
}

describe('the stand-in command line', () => {
  it.each([
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535, not "abc"'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--client-id'], '--client-id needs a value'],
    [['--client-id', 'a b'], '--client-id must be 1 to 64 letters or digits'],
    [['--bogus'], 'unknown option --bogus'],
    [['extra'], 'unexpected argument "extra"'],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const { err, out, io: cli } = io();
    expect(await runStandIn(args, cli, new AbortController().signal)).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(message);
    expect(err[0]!.trim().split('\n')).toHaveLength(1);
    expect(out).toEqual([]);
  });

  it('registers the given Client-ID as public and a confidential one when asked', () => {
    const { options, clientId } = parseStandInArgs(['--client-id', 'myclient', '--confidential-client-id', 'secretclient', '--interval', '2']);
    expect(clientId).toBe('myclient');
    expect(options.clients).toEqual({ myclient: { confidential: false }, secretclient: { confidential: true } });
    expect(options.lifetimes?.pollIntervalSeconds).toBe(2);
  });

  it('prints the env lines to use, answers on them, and stops when told', async () => {
    const { out, io: cli } = io();
    const stop = new AbortController();
    const running = runStandIn(['--port', '0'], cli, stop.signal);
    while (!out.join('').includes('TWITCH_HELIX_URL=')) await new Promise((r) => setTimeout(r, 5));
    const text = out.join('');
    const oauthUrl = /^TWITCH_OAUTH_URL=(\S+)$/m.exec(text)?.[1];
    expect(oauthUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2$/);
    expect(text).toMatch(/^TWITCH_HELIX_URL=http:\/\/127\.0\.0\.1:\d+\/helix$/m);
    const agent = new Agent();
    const reply = await agent.request({ origin: new URL(oauthUrl!).origin, path: '/oauth2/validate', method: 'GET', headers: { authorization: 'OAuth nope' } });
    expect(reply.statusCode).toBe(401);
    expect(await reply.body.json()).toEqual({ status: 401, message: 'invalid access token' });
    await agent.close();
    stop.abort();
    expect(await running).toBe(0);
    expect(out.join('')).toContain('stopped');
  });
});
