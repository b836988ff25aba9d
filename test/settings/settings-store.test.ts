import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/host/errors.js';
import { loadSettingsDefinitions } from '../../src/settings/index.js';
import {
  ADDON_PATH,
  DATA_FOLDER,
  settingsProcess,
  settingsVolume,
  USER_FILE,
} from '../helpers/settings-world.js';

const read = (fs: ReturnType<typeof settingsVolume>, path = USER_FILE) => fs.readFileSync(path, 'utf8') as string;

describe('a settings session', () => {
  it('reads nothing until first used, then serves defaults when there is no user file', () => {
    const fs = settingsVolume();
    const session = settingsProcess(fs).open();
    expect(fs.existsSync(DATA_FOLDER)).toBe(false);
    expect(session.getText('show_live')).toBe('true');
    expect(session.getBool('show_live')).toBe(true);
    expect(session.getInt('per_page')).toBe(25);
    expect(session.getNumber('ratio')).toBe(0.5);
    expect(session.getString('colour')).toBe('red');
    expect(session.getText('no_such_setting')).toBe('');
  });

  it('throws typed errors for an unknown id or the wrong type', () => {
    const session = settingsProcess(settingsVolume()).open();
    expect(() => session.getBool('nope')).toThrowError(expect.objectContaining({ code: ErrorCodes.SETTING_UNKNOWN }));
    expect(() => session.getInt('show_live')).toThrowError(expect.objectContaining({ code: ErrorCodes.SETTING_TYPE }));
    expect(() => session.getString('per_page')).toThrowError(expect.objectContaining({ code: ErrorCodes.SETTING_TYPE }));
    expect(() => session.getNumber('per_page')).toThrowError(expect.objectContaining({ code: ErrorCodes.SETTING_TYPE }));
  });

  it('validates typed setters against type and constraints, saving nothing when they fail', async () => {
    const fs = settingsVolume();
    const proc = settingsProcess(fs);
    const session = proc.open();
    await expect(session.setInt('per_page', 500)).rejects.toMatchObject({ code: ErrorCodes.SETTING_VALUE });
    await expect(session.setInt('quality', 3)).rejects.toMatchObject({ code: ErrorCodes.SETTING_VALUE });
    await expect(session.setString('colour', 'pink')).rejects.toMatchObject({ code: ErrorCodes.SETTING_VALUE });
    await expect(session.setBool('per_page', true)).rejects.toMatchObject({ code: ErrorCodes.SETTING_TYPE });
    await expect(session.setInt('per_page', 2.5)).rejects.toMatchObject({ code: ErrorCodes.SETTING_TYPE });
    await expect(session.setString('nope', 'x')).rejects.toMatchObject({ code: ErrorCodes.SETTING_UNKNOWN });
    expect(fs.existsSync(USER_FILE)).toBe(false);
    expect(proc.saved).toBe(0);
    await session.setInt('per_page', 50);
    await session.setNumber('ratio', 0.1);
    expect(session.getInt('per_page')).toBe(50);
    expect(read(fs)).toContain('    <setting id="per_page">50</setting>\n');
    expect(read(fs)).toContain('    <setting id="ratio">0.1</setting>\n');
    expect(proc.saved).toBe(2);
  });

  it('ignores, and logs without the value, a setSetting text that does not fit', async () => {
    const proc = settingsProcess(settingsVolume());
    const session = proc.open();
    await session.setText('show_live', '1');
    await session.setText('per_page', 'oauth:secretish');
    expect(session.getBool('show_live')).toBe(true);
    expect(session.getInt('per_page')).toBe(25);
    const lines = proc.log.records.map((r) => r.message);
    expect(lines.filter((l) => l.includes('ignored'))).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('secretish');
  });

  it('writes a change made while a save is being written (in the next save)', async () => {
    const fs = settingsVolume();
    const session = settingsProcess(fs).open();
    let during: Promise<void> | undefined;
    const rename = fs.promises.rename.bind(fs.promises);
    // The second change arrives at the worst moment: the first save has built its file and is renaming it.
    fs.promises.rename = (async (from: string, to: string) => {
      during ??= session.setInt('per_page', 40);
      return rename(from, to);
    }) as typeof fs.promises.rename;
    await session.setText('token', 'one');
    await during;
    const again = settingsProcess(fs).open();
    expect([again.getText('token'), again.getInt('per_page')]).toEqual(['one', 40]);
    expect([session.getText('token'), session.getInt('per_page')]).toEqual(['one', 40]);
  });

  it('creates the data folder on the first save and tells the host after every save', async () => {
    const fs = settingsVolume();
    const proc = settingsProcess(fs);
    const session = proc.open();
    await session.setText('token', 'abc');
    await session.setText('token', 'def');
    expect(fs.existsSync(USER_FILE)).toBe(true);
    expect(read(fs).split('\n')[1]).toBe('    <setting id="token">def</setting>');
    expect(proc.saved).toBe(2);
  });

  it('keeps ids it has no definition for, after the defined ones, and lets setSetting create one', async () => {
    const fs = settingsVolume(undefined, '<settings version="2">\n    <setting id="old_one">x</setting>\n    <setting id="token">t</setting>\n</settings>\n');
    const session = settingsProcess(fs).open();
    expect(session.getText('old_one')).toBe('x');
    expect(session.getString('old_one')).toBe('x');
    await session.setText('brand_new', 'y');
    const lines = read(fs).trimEnd().split('\n');
    expect(lines.slice(-3)).toEqual(['    <setting id="old_one">x</setting>', '    <setting id="brand_new" default="true">y</setting>', '</settings>']);
    expect(session.getSettings().get('brand_new')).toBe('y');
  });

  it('logs a stored value that does not fit, uses the default, and writes the stored text back unchanged', async () => {
    const fs = settingsVolume(undefined, '<settings version="2">\n    <setting id="per_page">oauth:notanumber</setting>\n</settings>\n');
    const proc = settingsProcess(fs);
    const session = proc.open();
    expect(session.getInt('per_page')).toBe(25);
    const warning = proc.log.records.find((r) => r.message.includes('"per_page"'))!;
    expect(warning.message).toMatch(/not a whole number; using the default/);
    expect(warning.message).not.toContain('notanumber');
    await session.setText('token', 'abc');
    expect(read(fs)).toContain('    <setting id="per_page">oauth:notanumber</setting>\n');
  });

  it('moves a corrupt user file aside before writing, and uses the defaults meanwhile', async () => {
    const broken = '<settings version="2">\n    <setting id="token">half-writ';
    const fs = settingsVolume(undefined, broken);
    const proc = settingsProcess(fs);
    const session = proc.open();
    expect(session.getBool('show_live')).toBe(true);
    const error = proc.log.records.find((r) => r.levelName === 'error')!;
    expect(error.message).toContain(USER_FILE);
    expect(error.message).toMatch(/line 2, column \d+/);
    await session.setText('token', 'fresh');
    const aside = fs.readdirSync(DATA_FOLDER).filter((n) => String(n).startsWith('settings.xml.corrupt-'));
    expect(aside).toEqual(['settings.xml.corrupt-20260101T000000Z']);
    expect(read(fs, `${DATA_FOLDER}/${aside[0]}`)).toBe(broken);
    expect(read(fs)).toContain('<setting id="token">fresh</setting>');
  });

  it('moves a corrupt file aside in the Kodi-compatible mode too', async () => {
    const fs = settingsVolume(undefined, 'not xml at all');
    const session = settingsProcess(fs).open({ writeMode: 'kodi' });
    await session.setText('token', 'x');
    expect(fs.readdirSync(DATA_FOLDER).map(String)).toContain('settings.xml.corrupt-20260101T000000Z');
  });

  it('still reads stored values as text when the add-on’s definitions are broken', () => {
    const fs = settingsVolume('<settings><setting id="a"', '<settings version="2">\n    <setting id="token">kept</setting>\n</settings>\n');
    const proc = settingsProcess(fs);
    const session = proc.open();
    expect(session.getText('token')).toBe('kept');
    expect(proc.log.records.some((r) => r.levelName === 'error' && r.message.includes('resources/settings.xml'))).toBe(true);
  });

  it('evaluates enable and visible conditions against its current values', async () => {
    const definitions = `<settings><category>
      <setting id="quality" type="enum" lvalues="1|2|3" default="0"/>
      <setting id="bandwidth" type="number" default="10" visible="eq(-1,2)" enable="!eq(-1,0)"/>
      <setting id="hidden" type="text" visible="false"/>
    </category></settings>`;
    const session = settingsProcess(settingsVolume(definitions)).open();
    expect([session.isVisible('bandwidth'), session.isEnabled('bandwidth')]).toEqual([false, false]);
    await session.setInt('quality', 2);
    expect([session.isVisible('bandwidth'), session.isEnabled('bandwidth')]).toEqual([true, true]);
    expect(session.isVisible('hidden')).toBe(false);
  });
});

describe('two processes saving the same add-on’s settings', () => {
  const race = async (writeMode?: 'merge' | 'kodi') => {
    const fs = settingsVolume();
    const service = settingsProcess(fs).open(writeMode ? { writeMode } : {});
    const plugin = settingsProcess(fs).open(writeMode ? { writeMode } : {});
    // Both load their copy before either saves, as a running service and a plugin invocation do.
    expect([service.getText('token'), plugin.getText('expiry')]).toEqual(['', '0']);
    await service.setText('token', 'rotated-by-service');
    await plugin.setText('per_page', '50');
    return read(fs);
  };

  it('lose the first write in the Kodi-compatible mode (the race that lost refresh tokens)', async () => {
    const file = await race('kodi');
    expect(file).toContain('<setting id="per_page">50</setting>');
    expect(file).not.toContain('rotated-by-service');
  });

  it('keep both writes by default: last writer wins per id, not per file', async () => {
    const file = await race();
    expect(file).toContain('<setting id="per_page">50</setting>');
    expect(file).toContain('<setting id="token">rotated-by-service</setting>');
  });

  it('show a copy, once it has saved, what the other process saved before it', async () => {
    const fs = settingsVolume();
    const a = settingsProcess(fs).open();
    const b = settingsProcess(fs).open();
    a.getText('token');
    b.getText('token');
    await a.setText('token', 'from-a');
    expect(b.getText('token')).toBe('');
    await b.setText('per_page', '40');
    expect(b.getText('token')).toBe('from-a');
  });

  it('let the later writer win for an id both changed', async () => {
    const fs = settingsVolume();
    const a = settingsProcess(fs).open();
    const b = settingsProcess(fs).open();
    a.getText('token');
    b.getText('token');
    await a.setText('token', 'from-a');
    await b.setText('token', 'from-b');
    expect(read(fs)).toContain('<setting id="token">from-b</setting>');
    expect(fs.existsSync(`${USER_FILE}.lock`)).toBe(false);
  });
});

describe('many processes saving at once', () => {
  it('keep every change when eight copies save different ids at the same moment', async () => {
    const definitions = `<settings>${Array.from({ length: 8 }, (_, i) => `<setting id="s${i}" type="text" default=""/>`).join('')}</settings>`;
    const fs = settingsVolume(definitions);
    const sessions = Array.from({ length: 8 }, () => settingsProcess(fs).open());
    for (const s of sessions) s.getText('s0');
    await Promise.all(sessions.map((s, i) => s.setText(`s${i}`, `value-${i}`)));
    const file = read(fs);
    for (let i = 0; i < 8; i++) expect(file).toContain(`<setting id="s${i}">value-${i}</setting>`);
  });
});

describe('the definitions cache', () => {
  it('is used while the definitions file is unchanged, and refreshed when it changes', () => {
    const fs = settingsVolume();
    fs.mkdirSync(DATA_FOLDER, { recursive: true });
    const options = { fs, file: `${ADDON_PATH}/resources/settings.xml`, cacheFile: `${DATA_FOLDER}/.settings-definitions.json` };
    const first = loadSettingsDefinitions(options);
    const second = loadSettingsDefinitions(options);
    expect([first.source, second.source]).toEqual(['parsed', 'cache']);
    expect(second.definitions).toEqual(first.definitions);
    fs.writeFileSync(options.file, `<settings><setting id="only" type="bool"/></settings>`);
    const third = loadSettingsDefinitions(options);
    expect(third.source).toBe('parsed');
    expect(third.definitions.settings.map((s) => s.id)).toEqual(['only']);
  });

  it('is ignored when it is damaged', () => {
    const fs = settingsVolume();
    fs.mkdirSync(DATA_FOLDER, { recursive: true });
    const options = { fs, file: `${ADDON_PATH}/resources/settings.xml`, cacheFile: `${DATA_FOLDER}/.settings-definitions.json` };
    loadSettingsDefinitions(options);
    fs.writeFileSync(options.cacheFile, '{"format":1,"sour');
    expect(loadSettingsDefinitions(options).source).toBe('parsed');
  });

  it('is not written into a data folder that does not exist yet', () => {
    const fs = settingsVolume();
    settingsProcess(fs).open().getText('token');
    expect(fs.existsSync(DATA_FOLDER)).toBe(false);
  });
});
