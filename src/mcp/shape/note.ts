import { compact, idOf, type Raw, ref, time } from './common';

/** A note on an incident's timeline. */
export function shapeNote(raw: Raw) {
  return compact({ id: idOf(raw), content: String(raw.content ?? ''), created_at: time(raw.created_at), user: ref(raw.user) });
}
