/**
 * Reads an environment variable in Node, Bun and Deno. Deno without `--allow-env` throws on
 * `Deno.env.get`; that is treated as "not set" rather than a crash, so a client still works
 * when every setting is passed explicitly.
 */
export function readEnv(name: string): string | undefined {
  const g = globalThis as {
    Deno?: { env?: { get(name: string): string | undefined } };
    process?: { env?: Record<string, string | undefined> };
  };
  try {
    if (g.Deno?.env) return normalise(g.Deno.env.get(name));
    return normalise(g.process?.env?.[name]);
  } catch {
    return undefined;
  }
}

function normalise(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** `node/24.1.0`, `deno/2.1.0`, `bun/1.2.0`, `workerd`, `browser` or `unknown`: for the User-Agent. */
export function runtimeName(): string {
  const g = globalThis as {
    Deno?: { version?: { deno?: string } };
    Bun?: { version?: string };
    process?: { versions?: { node?: string } };
    navigator?: { userAgent?: string };
    document?: unknown;
  };
  if (g.Deno?.version?.deno) return `deno/${g.Deno.version.deno}`;
  if (g.Bun?.version) return `bun/${g.Bun.version}`;
  if (g.process?.versions?.node) return `node/${g.process.versions.node}`;
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (g.document !== undefined) return 'browser';
  return 'unknown';
}

/** True in a browser page (not in Deno, Bun, Node or a worker runtime). */
export function isBrowser(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown; Deno?: unknown };
  return typeof g.window !== 'undefined' && typeof g.document !== 'undefined' && g.Deno === undefined;
}
