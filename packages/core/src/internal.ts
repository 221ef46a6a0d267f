/**
 * `@quiver/core/internal`: what vendor packages need to describe their endpoints, and users do not.
 * Not covered by semver for users: import from `@quiver/core` instead.
 *
 * @module @quiver/core/internal
 */
export {};
