import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIBRARY_EDITORS,
  loadLibraryEditors,
  mayEdit,
  notAllowedText,
  parseLibraryEditors,
} from '../../../adapters/library/editors.ts';
import { ConfigError } from '../../../adapters/shared/config.ts';

const member = { userId: 'U1', isAdmin: false };
const admin = { userId: 'U2', isAdmin: true };

describe('who may edit the library', () => {
  it('lets everyone add and only admins remove when SHAMMIE_LIBRARY_EDITORS is unset or empty', () => {
    for (const env of [{}, { SHAMMIE_LIBRARY_EDITORS: '' }, { SHAMMIE_LIBRARY_EDITORS: ' ; ' }]) {
      const editors = loadLibraryEditors(env);
      expect(editors).toEqual(DEFAULT_LIBRARY_EDITORS);
      expect(mayEdit(editors, 'add', member)).toBe(true);
      expect(mayEdit(editors, 'remove', member)).toBe(false);
      expect(mayEdit(editors, 'remove', admin)).toBe(true);
    }
  });

  it('reads admins and user ids together, and keeps the default of an action left out', () => {
    const editors = parseLibraryEditors(' Remove = admins, U1 ,123456789012345678 ');
    expect(editors.remove).toEqual({
      everyone: false,
      admins: true,
      users: ['U1', '123456789012345678'],
    });
    expect(editors.add).toEqual(DEFAULT_LIBRARY_EDITORS.add);
    expect(mayEdit(editors, 'remove', member)).toBe(true);
    expect(mayEdit(editors, 'remove', { userId: 'U9', isAdmin: false })).toBe(false);
  });

  it('can shut the chat out entirely, or open removal to everyone', () => {
    const closed = parseLibraryEditors('add=nobody;remove=nobody');
    expect(mayEdit(closed, 'add', admin)).toBe(false);
    expect(notAllowedText(closed, 'add')).toBe(
      'Nobody may add papers to the library from the chat here.',
    );
    const open = parseLibraryEditors('remove=everyone');
    expect(mayEdit(open, 'remove', member)).toBe(true);
    expect(notAllowedText(DEFAULT_LIBRARY_EDITORS, 'remove')).toBe(
      'Only admins and the people the operator named may remove papers from the library.',
    );
  });

  it('names every problem at once', () => {
    let failure: unknown;
    try {
      parseLibraryEditors('add=everyone,U1;delete=admins;remove;remove=U 1');
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([
      'SHAMMIE_LIBRARY_EDITORS: add=everyone and add=nobody take no other values',
      'SHAMMIE_LIBRARY_EDITORS: "delete" is not an action; write add=… or remove=…',
      'SHAMMIE_LIBRARY_EDITORS: remove needs a value, e.g. remove=admins',
      'SHAMMIE_LIBRARY_EDITORS: remove is given twice',
      'SHAMMIE_LIBRARY_EDITORS: remove= has 1 entry that is not a user id, admins, everyone or nobody',
    ]);
  });

  it('reads any text as rules or refuses it with a ConfigError, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          const editors = parseLibraryEditors(text);
          expect(typeof mayEdit(editors, 'remove', member)).toBe('boolean');
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
        }
      }),
    );
  });
});
