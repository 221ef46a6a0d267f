/** The version of `@quiver/push-security`, sent in the User-Agent (`quiver-push-security/<version>`). */
export const VERSION = '0.1.0';
