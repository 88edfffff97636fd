import { createManualClock, createMemoryBackend, StageKitError } from '../../src/core/index.js';

// Names that objects inherit are no one's names: refused wherever user data becomes a key.

const RESERVED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

function backend() {
  return createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z') });
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; paths: string[] }> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StageKitError);
  const { code, fields = [] } = error as StageKitError;
  return { code, paths: fields.map((field) => `${field.path}: ${field.message}`) };
}

it.each(RESERVED)('refuses %s as a user id', (name) => {
  expect(() => backend().client({ user: { id: name } })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
});

it.each(RESERVED)('refuses %s as a call type, a call id, a role and a member', async (name) => {
  const client = backend().client({ user: { id: 'hana' } });
  expect(await refusal(client.call(name, 'x').getOrCreate())).toEqual({ code: 'INVALID_INPUT', paths: ['call.type: is a reserved name'] });
  expect(await refusal(client.call('default', name).getOrCreate())).toEqual({ code: 'INVALID_INPUT', paths: ['call.id: is a reserved name'] });
  const call = client.call('default', 'room');
  expect(await refusal(call.getOrCreate({ data: { members: [{ user_id: name }] } }))).toEqual({
    code: 'INVALID_INPUT',
    paths: ['input.data.members.0.user_id: is a reserved name'],
  });
  await call.getOrCreate();
  expect(await refusal(call.updateCallMembers({ update_members: [{ user_id: 'bob', role: name }] }))).toEqual({
    code: 'INVALID_INPUT',
    paths: ['input.update_members.0.role: is a reserved name'],
  });
  expect(await refusal(call.stage.grantAccess([name]))).toEqual({ code: 'INVALID_INPUT', paths: ['user_ids.0: is a reserved name'] });
});

it('gives a member called "custom" no more than a viewer holds', async () => {
  const memory = backend();
  const host = memory.client({ user: { id: 'hana' } }).call('livestream', 'show');
  await host.getOrCreate({ data: { members: [{ user_id: 'carl', custom: { role: 'admin' } }] } });
  await host.goLive();
  const custom = memory.client({ user: { id: 'custom' } }).call('livestream', 'show');
  await custom.join();
  expect(custom.getState().call?.own_capabilities).toEqual(['create-call', 'read-call', 'join-call', 'request-stage']);
});

describe('times', () => {
  it.each(['1', '2030-02-30T10:00:00Z', 'March 7, 2031', '2030-03-07T10:00:00', '2030-03-07', '2030-03-07T24:00:00Z', '2030-03-07 10:00:00Z'])(
    'refuses %j as starts_at',
    async (starts_at) => {
      const call = backend().client({ user: { id: 'hana' } }).call('livestream', 'timed');
      expect(await refusal(call.getOrCreate({ data: { starts_at } }))).toEqual({
        code: 'INVALID_INPUT',
        paths: ['input.data.starts_at: must be an ISO 8601 time with a time zone, such as 2030-01-01T18:00:00Z'],
      });
    },
  );

  it.each([
    ['2030-03-07T10:00:00Z', '2030-03-07T10:00:00.000Z'],
    ['2030-03-07T10:00Z', '2030-03-07T10:00:00.000Z'],
    ['2030-03-07T10:00:00.250+01:30', '2030-03-07T08:30:00.250Z'],
    ['2028-02-29T00:00:00-05:00', '2028-02-29T05:00:00.000Z'],
  ])('reads %j as %j', async (starts_at, expected) => {
    const call = backend().client({ user: { id: 'hana' } }).call('livestream', 'timed');
    await call.getOrCreate({ data: { starts_at } });
    expect(call.getState().call?.starts_at).toBe(expected);
  });

  it('takes a Date as it is', async () => {
    const call = backend().client({ user: { id: 'hana' } }).call('livestream', 'timed');
    await call.getOrCreate({ data: { starts_at: new Date(Date.UTC(2031, 0, 2)) } });
    expect(call.getState().call?.starts_at).toBe('2031-01-02T00:00:00.000Z');
  });
});
