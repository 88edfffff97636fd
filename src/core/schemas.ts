import * as v from 'valibot';
import { CAPABILITIES } from './capabilities.js';
import { StageKitError } from './errors.js';
import { RESERVED_NAMES } from './own.js';
import { RECORDING_MODES, RECORDING_QUALITIES } from './settings.js';

// Inputs are checked here, at the engine's boundary, before anything changes.

const notReserved = v.check((value: string) => !RESERVED_NAMES.has(value), 'is a reserved name');
const name = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "-" or "_"'),
  notReserved,
);
const userId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_@.:-]{1,128}$/, 'must be 1 to 128 letters, digits or "_@.:-"'), notReserved);
/**
 * A record's keys, checked before the record is read: a key such as `__proto__` would otherwise
 * be dropped without a word, and a refused input must say what was wrong.
 */
const noReservedKeys = v.check(
  (value: unknown) => typeof value !== 'object' || value === null || !Object.keys(value).some((key) => RESERVED_NAMES.has(key)),
  'must not use a reserved name as a key',
);
/** Custom data travels with every call event to every watcher, so it stays small. */
export const MAX_CUSTOM_LENGTH = 16 * 1024;
/** A member's custom data rides in every view of the call, once per member: smaller still. */
export const MAX_MEMBER_CUSTOM_LENGTH = 1024;
const customOf = (max: number) =>
  v.pipe(
    v.unknown(),
    noReservedKeys,
    v.record(v.string(), v.unknown(), 'must be an object'),
    v.check((value) => jsonLength(value) <= max, `must be at most ${max} characters as JSON`),
  );
const custom = customOf(MAX_CUSTOM_LENGTH);

/** A list checked for its length before its items, so an oversized one costs one check, not one per item. */
const listOf = <T extends v.GenericSchema>(item: T, max: number, message: string) =>
  v.pipe(v.array(v.unknown(), message), v.maxLength(max, `must hold at most ${max} items`), v.array(item, message));

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    // Not serialisable (a cycle, a BigInt): it could not cross the wire either.
    return Infinity;
  }
}
const time = v.pipe(
  v.union([v.date(), v.string()], 'must be a Date or an ISO 8601 time'),
  v.check((value) => strictTime(value) !== null, 'must be an ISO 8601 time with a time zone, such as 2030-01-01T18:00:00Z'),
  v.transform((value) => new Date(strictTime(value)!).toISOString()),
);
const flag = v.optional(v.boolean('must be true or false'));

/** The largest room in which everyone is shown everyone: views stay small beyond it. */
export const MAX_LIST_ALL = 1_000;

const settingsOverride = v.strictObject({
  backstage: v.optional(
    v.strictObject({
      enabled: flag,
      join_ahead_time_seconds: v.optional(
        v.pipe(v.number('must be a number'), v.integer('must be a whole number of seconds'), v.minValue(0), v.maxValue(7 * 24 * 3600)),
      ),
    }),
  ),
  audio: v.optional(v.strictObject({ mic_default_on: flag })),
  video: v.optional(v.strictObject({ camera_default_on: flag })),
  stage: v.optional(
    v.strictObject({ max_pending_requests: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))) }),
  ),
  recording: v.optional(
    v.strictObject({
      mode: v.optional(v.picklist(RECORDING_MODES, `must be one of ${RECORDING_MODES.join(', ')}`)),
      quality: v.optional(v.picklist(RECORDING_QUALITIES, `must be one of ${RECORDING_QUALITIES.join(', ')}`)),
      audio_only: flag,
    }),
  ),
  audience: v.optional(
    v.strictObject({
      list_all_up_to: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0), v.maxValue(MAX_LIST_ALL))),
    }),
  ),
});

const memberInput = v.strictObject({
  user_id: userId,
  role: v.optional(name),
  custom: v.optional(customOf(MAX_MEMBER_CUSTOM_LENGTH)),
});

export const callKeySchema = v.strictObject({ type: name, id: name });

export const userSchema = v.strictObject({
  id: userId,
  role: v.optional(name),
  name: v.optional(v.pipe(v.string(), v.maxLength(200))),
  teams: v.optional(listOf(name, 100, 'must be a list of team names')),
});

export const callCreateDataSchema = v.strictObject({
  starts_at: v.optional(v.nullable(time)),
  created_by_id: v.optional(userId),
  custom: v.optional(custom),
  settings_override: v.optional(settingsOverride),
  members: v.optional(listOf(memberInput, 1000, 'must be a list of members')),
  team: v.optional(v.nullable(name)),
});

/** `ring` and `notify` tell the call's members (events `call.ring`, `call.notification`); there is no push service. */
export const getOrCreateSchema = v.optional(v.strictObject({ data: v.optional(callCreateDataSchema), ring: flag, notify: flag }), {});

export const joinSchema = v.optional(
  v.strictObject({ create: flag, data: v.optional(callCreateDataSchema) }),
  {},
);

export const updateCallSchema = v.pipe(
  v.strictObject({
    custom: v.optional(custom),
    settings_override: v.optional(settingsOverride),
    starts_at: v.optional(v.nullable(time)),
    team: v.optional(v.nullable(name)),
  }),
  v.check(
    (input) => input.custom !== undefined || input.settings_override !== undefined || input.starts_at !== undefined || input.team !== undefined,
    'must change custom, settings_override, starts_at or team',
  ),
);

export const updateCallMembersSchema = v.pipe(
  v.strictObject({
    update_members: v.optional(listOf(memberInput, 1000, 'must be a list of members')),
    remove_members: v.optional(listOf(userId, 1000, 'must be a list of user ids')),
  }),
  v.check(
    (input) => (input.update_members?.length ?? 0) + (input.remove_members?.length ?? 0) > 0,
    'must update or remove at least one member',
  ),
);

export const goLiveSchema = v.optional(
  v.strictObject({ start_hls: flag, start_recording: flag, start_transcription: flag, start_closed_caption: flag }),
  {},
);

export const stopLiveSchema = v.optional(
  v.strictObject({
    continue_hls: flag,
    continue_recording: flag,
    continue_transcription: flag,
    continue_closed_caption: flag,
  }),
  {},
);

/** Whom a moderation action is about, and why (shown to them). */
export const moderationSchema = v.strictObject({
  user_id: userId,
  reason: v.optional(v.pipe(v.string('must be text'), v.maxLength(200, 'must be at most 200 characters'))),
});
export type ModerationInput = v.InferInput<typeof moderationSchema>;
export type ModerationParsed = v.InferOutput<typeof moderationSchema>;
/** Whom an unblock lets back: no reason, since no one is told one. */
export const unblockSchema = v.strictObject({ user_id: userId });

export const featureSchema = v.picklist(['hls', 'recording', 'transcribing', 'captioning'], 'must be hls, recording, transcribing or captioning');

export const userIdsSchema = v.pipe(
  v.array(v.unknown(), 'must be a list of user ids'),
  v.minLength(1, 'must name at least one user'),
  v.maxLength(100_000, 'must name at most 100000 users'),
  v.array(userId, 'must be a list of user ids'),
);

export const onlyRequestedSchema = flag;

/** Most participants one page of an audience query returns. */
export const MAX_AUDIENCE_PAGE = 200;

export const audienceQuerySchema = v.strictObject({
  q: v.optional(v.pipe(v.string('must be text'), v.maxLength(100, 'must be at most 100 characters'))),
  after: v.optional(v.pipe(v.string('must be a cursor from an earlier page'), v.maxLength(400))),
  limit: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1), v.maxValue(MAX_AUDIENCE_PAGE))),
});
export type AudienceQueryInput = v.InferInput<typeof audienceQuerySchema>;

export const callTypePatchSchema = v.strictObject({
  settings: v.optional(settingsOverride),
  grants: v.optional(v.pipe(v.unknown(), noReservedKeys, v.record(name, v.array(v.picklist(CAPABILITIES, 'must be a known capability'))))),
});

export type CallCreateData = v.InferInput<typeof callCreateDataSchema>;
export type GetOrCreateInput = v.InferInput<typeof getOrCreateSchema>;
export type JoinInput = v.InferInput<typeof joinSchema>;
export type UpdateCallInput = v.InferInput<typeof updateCallSchema>;
export type UpdateCallMembersInput = v.InferInput<typeof updateCallMembersSchema>;
export type GoLiveInput = v.InferInput<typeof goLiveSchema>;
export type StopLiveInput = v.InferInput<typeof stopLiveSchema>;
export type CallTypePatchInput = v.InferInput<typeof callTypePatchSchema>;

export type CallCreateDataParsed = v.InferOutput<typeof callCreateDataSchema>;
export type GetOrCreateParsed = v.InferOutput<typeof getOrCreateSchema>;
export type UpdateCallParsed = v.InferOutput<typeof updateCallSchema>;
export type UpdateCallMembersParsed = v.InferOutput<typeof updateCallMembersSchema>;
export type GoLiveParsed = v.InferOutput<typeof goLiveSchema>;
export type StopLiveParsed = v.InferOutput<typeof stopLiveSchema>;

/** How many problems one refusal names. */
export const MAX_REPORTED_ISSUES = 20;

/** Parses `input`, or throws INVALID_INPUT naming each bad field (the first twenty) under `root`. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown, root: string): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  // The first few problems name what to fix; a thousand of them would only make the answer large.
  const fields = result.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const path = [root, v.getDotPath(issue)].filter(Boolean).join('.');
    // Valibot reports an unknown key of a strict object as "expected never".
    const message = issue.expected === 'never' ? 'is not a known field' : issue.message;
    return { path: path || 'input', message };
  });
  const more = result.issues.length - fields.length;
  const summary = fields.map((field) => `${field.path} ${field.message}`).join('; ') + (more > 0 ? `; and ${more} more` : '');
  throw new StageKitError('INVALID_INPUT', `invalid input: ${summary}`, { fields });
}

// Date and time with seconds optional, fractions optional, and a zone (Z or ±hh:mm) required, so
// the same text means the same instant on every server.
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant of a Date, or of a strict ISO 8601 string, in ms; null for anything else. `Date`'s
 * own parser is lenient ("1" is 2001, "2030-02-30" is March 2nd), so the text's fields must
 * survive the round trip unchanged.
 */
function strictTime(value: Date | string): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  const match = ISO_TIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '00', , zoneHours = '00', zoneMinutes = '00'] = match;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || Number(zoneHours) > 23 || Number(zoneMinutes) > 59) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  // The calendar date as written must exist: 2030-02-30 would otherwise roll into March.
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return ms;
}
