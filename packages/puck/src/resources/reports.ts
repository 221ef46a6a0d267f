import {
  type APIPromise,
  APIResource,
  ConflictError,
  type RequestOptions,
  type WaitOptions,
} from '@quiver/core';
import { route, runWait, waitSettings } from '@quiver/core/internal';
import * as v from 'valibot';
import { SeveritySchema } from './shared.js';

/**
 * The report of a completed investigation (Puck's API reference, Reports). The element schemas of
 * `findings_summary` and `recommended_actions` are not documented, so they stay `unknown`.
 */
export const ReportSchema = v.looseObject({
  investigation_id: v.optional(v.string()),
  narrative: v.optional(v.string()),
  severity: v.optional(v.nullable(SeveritySchema)),
  findings_summary: v.optional(v.array(v.unknown())),
  recommended_actions: v.optional(v.array(v.unknown())),
  generated_at: v.optional(v.string()),
  model: v.optional(v.string()),
});
/** An investigation report: narrative, severity, findings summary, recommended actions. */
export type Report = v.InferOutput<typeof ReportSchema>;

/** Body of `report.regenerate`: not documented (maybe a model tier), passed through as-is. */
export type ReportRegenerateParams = Record<string, unknown>;

/** Options of `regenerateAndWait`: request options of each call plus the wait options. */
export type RegenerateAndWaitOptions = Omit<RequestOptions, 'timeout' | 'signal'> & WaitOptions;

/** The report endpoints. */
export const reportRoutes = {
  retrieve: route('GET /v1/investigations/{id}/report', {
    summary: 'The report of a completed investigation (409 until then).',
    returns: ReportSchema,
  }),
  // Starts LLM work: not retried.
  regenerate: route('POST /v1/investigations/{id}/report/regenerate', {
    summary: 'Re-run the narrative step of a report.',
  }),
};

/** `investigations.report`: read and regenerate the report of an investigation. */
export class Reports extends APIResource {
  /**
   * `GET /v1/investigations/{id}/report` (scope `reports:read`).
   *
   * @throws ConflictError (409) until the investigation is complete.
   * @throws NotFoundError (404) for an unknown investigation.
   */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Report> {
    return this._call(reportRoutes.retrieve, { id }, opts);
  }

  /**
   * `POST /v1/investigations/{id}/report/regenerate` → 202: re-runs only the narrative LLM step. The
   * new report replaces the old one once generated; watch `generated_at` (or use
   * `regenerateAndWait`). Not retried: it starts LLM work.
   */
  regenerate(id: string, body?: ReportRegenerateParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._call(reportRoutes.regenerate, { id, body }, opts);
  }

  /**
   * Reads the current report's `generated_at`, calls `regenerate`, then polls `retrieve` until
   * `generated_at` changes, and resolves with the new report.
   *
   * @throws ConflictError when the investigation is not complete yet (from the first read).
   * @throws WaitTimeoutError after `timeout` (default 10 minutes); `lastValue` is the last report read.
   */
  async regenerateAndWait(
    id: string,
    body?: ReportRegenerateParams,
    opts: RegenerateAndWaitOptions = {},
  ): Promise<Report> {
    const settings = waitSettings(opts);
    const request: RequestOptions = { maxRetries: opts.maxRetries, headers: opts.headers };
    return runWait(
      settings,
      opts.signal,
      () => `Regenerating the report of Puck investigation ${id}`,
      async (scope) => {
        const before = await scope.guard(this.retrieve(id, { ...request, signal: scope.signal }));
        scope.last = before;
        await scope.guard(this.regenerate(id, body, { ...request, signal: scope.signal }));
        for (;;) {
          await scope.sleep(false);
          try {
            const report = await scope.guard(this.retrieve(id, { ...request, signal: scope.signal }));
            scope.last = report;
            // A report that had no `generated_at` and now has one also counts as new.
            if (report.generated_at !== before.generated_at) return report;
          } catch (error) {
            // While the narrative is being rewritten the brain may answer 409 as it does before the
            // first report (Puck's API reference does not say): keep polling rather than fail.
            if (!(error instanceof ConflictError)) throw error;
          }
        }
      },
    );
  }
}
