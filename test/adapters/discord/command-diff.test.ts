import { describe, expect, it } from 'vitest';
import { type CommandShape, diffCommands } from '../../../adapters/discord/command-diff.ts';

const search: CommandShape = {
  name: 'search',
  description: 'Find papers',
  options: [{ type: 3, name: 'query', description: 'q', required: true }],
};

describe('diffCommands', () => {
  it('sees no change when Discord omits the defaults we spelled out', () => {
    const registered = [
      {
        ...search,
        id: '1',
        application_id: '2',
        version: '3',
        type: 1,
        default_member_permissions: null,
        options: [{ type: 3, name: 'query', description: 'q', required: true }],
      },
    ];
    const wanted: CommandShape[] = [
      {
        ...search,
        options: [
          { type: 3, name: 'query', description: 'q', required: true, autocomplete: false },
        ],
      },
    ];
    expect(diffCommands(registered, wanted)).toEqual({ added: [], removed: [], updated: [] });
  });

  it('names commands added, removed and updated', () => {
    const registered: CommandShape[] = [search, { name: 'old', description: 'gone' }];
    const wanted: CommandShape[] = [
      { ...search, description: 'Find papers fast' },
      { name: 'help', description: 'Help' },
    ];
    expect(diffCommands(registered, wanted)).toEqual({
      added: ['help'],
      removed: ['old'],
      updated: ['search'],
    });
  });

  it('notices a changed option deep inside a subcommand', () => {
    const make = (max: number): CommandShape => ({
      name: 'daily',
      description: 'd',
      options: [
        {
          type: 1,
          name: 'subscribe',
          description: 's',
          options: [{ type: 3, name: 'time', description: 't', max_length: max }],
        },
      ],
    });
    expect(diffCommands([make(5)], [make(6)]).updated).toEqual(['daily']);
    expect(diffCommands([make(5)], [make(5)]).updated).toEqual([]);
  });

  it('ignores the order of channel types', () => {
    const make = (types: number[]): CommandShape => ({
      name: 'x',
      description: 'x',
      options: [{ type: 7, name: 'channel', description: 'c', channel_types: types }],
    });
    expect(diffCommands([make([5, 0])], [make([0, 5])]).updated).toEqual([]);
  });
});
