import { type APIPromise, APIResource, openEnum, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import type { Untyped } from './shared.js';

/** `POST /v1/auth/login` answer (API reference, Overview): a JWT valid 24 h by default. */
export const LoginResultSchema = v.looseObject({
  access_token: v.string(),
  token_type: v.optional(openEnum(['bearer'])),
});
/** A login's result: `{ access_token, token_type: 'bearer' }`. */
export type LoginResult = v.InferOutput<typeof LoginResultSchema>;

const nonEmpty = (what: string) => v.pipe(v.string(), v.minLength(1, `must be a non-empty ${what}`));

/** Body of `auth.login`: a dashboard account's email and password. */
export const LoginBody = v.object({
  email: nonEmpty('string'),
  password: nonEmpty('string'),
});
/** Body of `auth.login`. */
export type LoginParams = v.InferInput<typeof LoginBody>;

/** Body of `auth.register`: undocumented, so any object is sent as given. */
export const RegisterBody = v.record(v.string(), v.unknown());
/** Body of `auth.register` (its fields are not documented; typically `email`, `password`). */
export type RegisterParams = v.InferInput<typeof RegisterBody>;

/** Rows of the auth endpoints (API reference, Overview: authentication). */
export const authRoutes = {
  login: route('POST /v1/auth/login', {
    summary: 'Log in with email and password; returns a JWT for the dashboard endpoints.',
    body: LoginBody,
    returns: LoginResultSchema,
    auth: 'none',
  }),
  register: route('POST /v1/auth/register', {
    summary: 'Register an account; also creates its workspace and API key.',
    body: RegisterBody,
    auth: 'none',
  }),
  me: route('GET /v1/auth/me', {
    summary: 'The account the JWT belongs to.',
    auth: 'jwt',
  }),
};

/** `auth.me`: the logged-in account. */
export class AuthMe extends APIResource {
  /** `GET /v1/auth/me` (JWT only). The response shape is not documented: returned as parsed. */
  retrieve(opts?: RequestOptions): APIPromise<Untyped> {
    return this._call(authRoutes.me, {}, opts);
  }
}

/** Login, registration and the current account. */
export class Auth extends APIResource {
  /** The logged-in account (JWT only). */
  readonly me: AuthMe = new AuthMe(this._client);

  /**
   * `POST /v1/auth/login` (no credential). Returns the token; to get a client that uses it, call
   * `Pikarc.login({ email, password })` instead. Not retried.
   */
  login(body: LoginParams, opts?: RequestOptions): APIPromise<LoginResult> {
    return this._call(authRoutes.login, { body }, opts);
  }

  /**
   * `POST /v1/auth/register` (no credential): creates the account, its workspace and its API key.
   * Body and response are not documented; both pass through as given. Not retried.
   */
  register(body: RegisterParams, opts?: RequestOptions): APIPromise<Untyped> {
    return this._call(authRoutes.register, { body }, opts);
  }
}
