/** POST /users (invite a user). Kept apart from users.ts, which serves the reads. */
import { invalidInput } from '../errors';
import type { Route } from '../router';
import type { UserRec, UserRole } from '../state';
import { objectBody } from './params';

const ROLES = new Set(['admin', 'limited_user', 'observer', 'owner', 'read_only_user', 'restricted_access', 'read_only_limited_user', 'user']);

export function userWriteRoutes(route: Route): void {
  route('POST', '/users', ({ body, state, render }) => {
    const input = objectBody(body, 'user');
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    const email = typeof input.email === 'string' ? input.email.trim() : '';
    if (!name) throw invalidInput('user.name is required');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalidInput('user.email must be a valid email address');
    if (state.findUserByEmail(email)) throw invalidInput('Email has already been taken');
    const role = input.role ?? 'user';
    if (typeof role !== 'string' || !ROLES.has(role)) throw invalidInput(`user.role "${String(role)}" is not a valid role`);
    const user: UserRec = {
      id: state.newId(),
      name,
      email,
      time_zone: typeof input.time_zone === 'string' ? input.time_zone : 'Etc/UTC',
      // read_only_limited_user is a valid API role the seed never uses; the record type lists only the seeded ones.
      role: role as UserRole,
      color: typeof input.color === 'string' ? input.color : 'green',
      job_title: typeof input.job_title === 'string' ? input.job_title : '',
      description: '',
    };
    state.users.set(user.id, user);
    return { status: 201, body: { user: render.user(user) } };
  });
}
