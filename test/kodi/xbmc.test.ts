import { describe, expect, it } from 'vitest';
import { openInvocation } from '../../src/harness/invoke.js';
import { FakeClock } from '../../src/host/clock.js';
import { HostLog } from '../../src/host/log.js';
import { createTestHost, echoAddon } from '../helpers/hosts.js';

const kodiFor = (host: ReturnType<typeof createTestHost>) => openInvocation(host, 'plugin.test.echo');

describe('xbmc.Monitor', () => {
  it('waitForAbort returns false at its timeout', async () => {
    const clock = new FakeClock();
    const host = createTestHost({ addon: echoAddon, clock });
    const monitor = new (kodiFor(host).kodi.xbmc.Monitor)();
    const started = clock.now();
    expect(await clock.drive(monitor.waitForAbort(300))).toBe(false);
    expect(clock.now() - started).toBe(300_000);
  });

  it('waitForAbort returns true within 100 ms of an abort, with real timers', async () => {
    const host = createTestHost({ addon: echoAddon });
    const monitor = new (kodiFor(host).kodi.xbmc.Monitor)();
    const waiting = monitor.waitForAbort(3600);
    const abortedAt = performance.now();
    setTimeout(() => host.abort(), 20);
    expect(await waiting).toBe(true);
    expect(performance.now() - abortedAt).toBeLessThan(20 + 100);
    expect(monitor.abortRequested()).toBe(true);
  });

  it('waits forever when the timeout is zero or absent, until the abort', async () => {
    const clock = new FakeClock();
    const host = createTestHost({ addon: echoAddon, clock });
    const monitor = new (kodiFor(host).kodi.xbmc.Monitor)();
    let result: boolean | undefined;
    void monitor.waitForAbort(0).then((r) => (result = r));
    await clock.advance(30 * 24 * 3600_000);
    expect(result).toBeUndefined();
    host.abort();
    await clock.advance(0);
    expect(result).toBe(true);
  });

  it('delivers onSettingsChanged only inside waitForAbort, then keeps waiting', async () => {
    const clock = new FakeClock();
    const host = createTestHost({ addon: echoAddon, clock });
    const { kodi } = kodiFor(host);
    const calls: number[] = [];
    class Watcher extends kodi.xbmc.Monitor {
      override onSettingsChanged() {
        calls.push(clock.now());
      }
    }
    const monitor = new Watcher();
    host.settingsChanged('plugin.test.echo');
    expect(calls).toEqual([]); // queued, not delivered outside a wait point
    const start = clock.now();
    const waiting = monitor.waitForAbort(10);
    await clock.advance(0);
    expect(calls).toEqual([start]);
    await clock.advance(4000);
    host.settingsChanged('plugin.test.echo');
    await clock.advance(0);
    expect(calls).toEqual([start, start + 4000]);
    await clock.advance(6000);
    expect(await waiting).toBe(false);
  });

  it('delivers notifications with sender, method and data', async () => {
    const clock = new FakeClock();
    const host = createTestHost({ addon: echoAddon, clock });
    const { kodi } = kodiFor(host);
    const seen: string[] = [];
    class Watcher extends kodi.xbmc.Monitor {
      override onNotification(sender: string, method: string, data: string) {
        seen.push(`${sender} ${method} ${data}`);
      }
    }
    const monitor = new Watcher();
    const waiting = monitor.waitForAbort(1);
    host.notify('xbmc', 'Player.OnStop', '{}');
    await clock.drive(waiting);
    expect(seen).toEqual(['xbmc Player.OnStop {}']);
  });

  it('stops delivering to the monitors of an ended invocation', async () => {
    const host = createTestHost({ addon: echoAddon });
    const { kodi, invocation } = kodiFor(host);
    let calls = 0;
    class Watcher extends kodi.xbmc.Monitor {
      override onSettingsChanged() {
        calls++;
      }
    }
    const monitor = new Watcher();
    invocation.end();
    host.settingsChanged('plugin.test.echo');
    host.abort();
    await monitor.waitForAbort(1);
    expect(calls).toBe(0);
  });
});

describe('xbmc.log', () => {
  it('writes Kodi log lines and hides debug unless debug logging is on', () => {
    const lines: string[] = [];
    const host = createTestHost({ addon: echoAddon, debug: false });
    const quiet = new HostLog({
      clock: host.clock,
      sink: (l) => lines.push(l),
      threadId: 42,
    });
    quiet.write(0, 'hidden');
    quiet.write(2, 'careful');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} T:42 {6}warning <general>: careful$/);
    const { kodi } = kodiFor(host);
    kodi.xbmc.log('default level is debug');
    expect(host.log.records.map((r) => r.message)).not.toContain('default level is debug');
  });

  it('masks registered secrets at every level', () => {
    const host = createTestHost({ addon: echoAddon, debug: true });
    const { kodi } = kodiFor(host);
    kodi.shim.redact('s3cr3t-token-value');
    kodi.xbmc.log('token=s3cr3t-token-value!', kodi.xbmc.LOGDEBUG);
    kodi.xbmc.log('again s3cr3t-token-value', kodi.xbmc.LOGERROR);
    expect(host.log.records.map((r) => r.message)).toEqual(['token=***!', 'again ***']);
  });
});

describe('xbmc helpers', () => {
  it('records builtins and answers System.HasAddon', () => {
    const host = createTestHost({ addon: echoAddon });
    const { kodi, invocation } = kodiFor(host);
    kodi.xbmc.executebuiltin('Container.Refresh');
    expect(invocation.builtins).toEqual(['Container.Refresh']);
    expect(kodi.xbmc.getCondVisibility('System.HasAddon(plugin.test.echo)')).toBe(true);
    expect(kodi.xbmc.getCondVisibility('System.HasAddon(inputstream.adaptive)')).toBe(false);
  });

  it('Keyboard asks through the UI and reports confirmation', async () => {
    const host = createTestHost({ addon: echoAddon, answers: { input: ['hello', ''] } });
    const { kodi } = kodiFor(host);
    const kb = new kodi.xbmc.Keyboard('', 'Search');
    await kb.doModal();
    expect([kb.isConfirmed(), kb.getText()]).toEqual([true, 'hello']);
    const cancelled = new kodi.xbmc.Keyboard('old');
    await cancelled.doModal();
    expect([cancelled.isConfirmed(), cancelled.getText()]).toEqual([false, 'old']);
  });
});
