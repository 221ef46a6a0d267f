import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { commaList, int, pageNumber, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { optBool, optNum, optStr, type Untyped } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas (snake_case, as on the wire)
// ---------------------------------------------------------------------------------------------

/** A Unibox thread (email or LinkedIn conversation). */
export const ThreadSchema = v.looseObject({
  id: v.string(),
  channel: v.optional(v.nullable(openEnum(['email', 'linkedin']))),
  status: v.optional(v.nullable(openEnum(['active', 'archived', 'draft', 'warmup']))),
  inbox_state: v.optional(
    v.nullable(
      openEnum([
        'draft',
        'needs_reply',
        'active_thread',
        'sent_one_off',
        'sent_campaign',
        'archived',
        'warmup',
        'empty',
      ]),
    ),
  ),
  participant_email: optStr,
  participant_name: optStr,
  unread_count: optNum,
  account_id: optStr,
  draft_subject: optStr,
  draft_body_text: optStr,
  draft_body_html: optStr,
  draft_cc: optStr,
  draft_bcc: optStr,
  draft_attachments: v.optional(v.nullable(v.array(v.unknown()))),
});
/** A Unibox thread. */
export type Thread = v.InferOutput<typeof ThreadSchema>;

/** A message of a thread. */
export const MessageSchema = v.looseObject({
  id: v.string(),
  conversation_id: optStr,
  direction: optStr,
  subject: optStr,
  body_text: optStr,
  sent_at: optStr,
});
/** A thread message. */
export type Message = v.InferOutput<typeof MessageSchema>;

/** `GET /api/threads/{id}`: the thread, every message and sender details (returned whole). */
export const ThreadDetailSchema = v.looseObject({
  thread: ThreadSchema,
  messages: v.optional(v.nullable(v.array(MessageSchema))),
  participantDetails: v.optional(
    v.nullable(v.looseObject({ company: optStr, position: optStr, headline: optStr })),
  ),
  senderDisconnected: optBool,
  senderAccount: v.optional(v.nullable(v.looseObject({ display_name: optStr, status: optStr }))),
});
/** A thread with its messages. */
export type ThreadDetail = v.InferOutput<typeof ThreadDetailSchema>;

/** An uploaded attachment: persist `bucket` + `path` (the `url` is a signed preview URL). */
export const AttachmentSchema = v.looseObject({
  name: optStr,
  bucket: optStr,
  path: optStr,
  mime_type: optStr,
  size: optNum,
  content_disposition: optStr,
  url: optStr,
});
/** A draft attachment. */
export type Attachment = v.InferOutput<typeof AttachmentSchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const ThreadListQuery = v.object({
  view: v.optional(commaList()),
  inbox_state: v.optional(commaList()),
  status: v.optional(commaList()),
  unread: v.optional(v.boolean()),
  bounced: v.optional(v.boolean()),
  channel: v.optional(v.string()),
  sender_id: v.optional(v.string()),
  campaign_id: v.optional(v.string()),
  participant_email: v.optional(v.string()),
  correspondence: v.optional(v.boolean()),
  exclude_thread_id: v.optional(v.string()),
  search: v.optional(v.string()),
  include: v.optional(v.string()),
  page: v.optional(int({ min: 1 })),
  limit: v.optional(int({ min: 1, max: 100 })),
});
/** Query of `threads.list`; `view`, `inbox_state` and `status` take arrays (sent comma-joined). */
export type ThreadListParams = v.InferInput<typeof ThreadListQuery>;

const AttachmentRef = v.looseObject({ bucket: v.optional(v.string()), path: v.optional(v.string()) });
/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const ThreadCreateBody = v.object({
  participant_email: v.optional(v.string()),
  account_id: v.optional(v.string()),
  participant_name: v.optional(v.string()),
  draft_subject: v.optional(v.string()),
  draft_body_text: v.optional(v.string()),
  draft_body_html: v.optional(v.string()),
  draft_cc: v.optional(v.string()),
  draft_bcc: v.optional(v.string()),
  draft_attachments: v.optional(v.array(AttachmentRef)),
});
/** Body of `threads.create` (a draft; nothing is sent). */
export type ThreadCreateParams = v.InferInput<typeof ThreadCreateBody>;

const nullableStr = v.optional(v.nullable(v.string()));
/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const ThreadUpdateBody = v.object({
  status: v.optional(v.picklist(['active', 'archived'], "must be 'active' or 'archived'")),
  unread_count: v.optional(int({ min: 0 })),
  account_id: nullableStr,
  participant_email: nullableStr,
  participant_name: nullableStr,
  draft_subject: nullableStr,
  draft_body_text: nullableStr,
  draft_body_html: nullableStr,
  draft_cc: nullableStr,
  draft_bcc: nullableStr,
  draft_attachments: v.optional(v.nullable(v.array(AttachmentRef))),
});
/** Body of `threads.update`. */
export type ThreadUpdateParams = v.InferInput<typeof ThreadUpdateBody>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const MessageListQuery = v.object({
  page: v.optional(int({ min: 1 })),
  limit: v.optional(int({ min: 1, max: 200 })),
});
/** Query of `threads.messages.list`: `page`, `limit` (1–200). */
export type MessageListParams = v.InferInput<typeof MessageListQuery>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const MessageCreateBody = v.object({
  body_text: v.pipe(v.string(), v.minLength(1, 'must be a non-empty string')),
  body_html: v.optional(v.string()),
  subject: v.optional(v.string()),
  account_id: v.optional(v.string()),
  threading_mode: v.optional(v.picklist(['new_thread', 'reply'], "must be 'new_thread' or 'reply'")),
  cc: v.optional(v.string()),
  bcc: v.optional(v.string()),
  attachments: v.optional(v.array(AttachmentRef)),
});
/** Body of `threads.messages.create`. */
export type MessageCreateParams = v.InferInput<typeof MessageCreateBody>;

/** The documented upload limit of `POST /api/threads/{id}/attachments`. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const AttachmentBody = v.object({
  file: v.pipe(
    v.custom<Blob>((x) => typeof Blob !== 'undefined' && x instanceof Blob, 'must be a Blob or File'),
    v.check((b) => b.size <= MAX_ATTACHMENT_BYTES, 'must be at most 10 MB'),
  ),
});
/** Body of `threads.attachments.create`: `{ file }` (a `Blob`/`File` of at most 10 MB). */
export type AttachmentCreateParams = v.InferInput<typeof AttachmentBody>;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of the Unibox. */
export const threadRoutes = {
  list: route('GET /api/threads', {
    summary: 'Unibox threads (page + limit; items under threads, else the first array).',
    query: ThreadListQuery,
    page: pageNumber({
      items: 'threads',
      firstArray: true,
      item: ThreadSchema,
      perPageParam: 'limit',
      total: 'total',
    }),
  }),
  create: route('POST /api/threads', {
    summary: 'Create a draft one-off email thread (does not send).',
    body: ThreadCreateBody,
    envelope: 'thread',
    returns: ThreadSchema,
  }),
  retrieve: route('GET /api/threads/{id}', {
    summary: 'A thread with every message (resets unread_count).',
    returns: ThreadDetailSchema,
  }),
  update: route('PATCH /api/threads/{id}', {
    summary: 'Archive/reactivate, unread count, draft fields.',
    body: ThreadUpdateBody,
    envelope: 'thread',
    returns: ThreadSchema,
  }),
  messagesList: route('GET /api/threads/{threadId}/messages', {
    summary: 'Thread messages, oldest first (does not mark read).',
    query: MessageListQuery,
    page: pageNumber({ items: 'messages', item: MessageSchema, perPageParam: 'limit', total: 'total' }),
  }),
  messagesCreate: route('POST /api/threads/{threadId}/messages', {
    summary: 'Send an email or LinkedIn message (never retried).',
    body: MessageCreateBody,
  }),
  attachmentsCreate: route('POST /api/threads/{threadId}/attachments', {
    summary: 'Upload a draft attachment (multipart, ≤ 10 MB).',
    body: AttachmentBody,
    multipart: true,
    envelope: 'attachment',
    returns: AttachmentSchema,
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** `/api/threads/{id}/messages`. */
export class ThreadMessages extends APIResource {
  /** Messages by `sent_at` ascending; does not mark the thread read. */
  list(threadId: string, query?: MessageListParams, opts?: RequestOptions): Paginator<Message> {
    return this._call(threadRoutes.messagesList, { threadId, query }, opts);
  }
  /**
   * Send a message. The response (`{ message, thread }`) is not documented in detail: untyped.
   * 422 means the thread cannot send. Never retried.
   */
  create(threadId: string, body: MessageCreateParams, opts?: RequestOptions): APIPromise<Untyped> {
    return this._call(threadRoutes.messagesCreate, { threadId, body }, opts);
  }
}

/** `/api/threads/{id}/attachments`. */
export class ThreadAttachments extends APIResource {
  /** Upload one file (≤ 10 MB, checked locally) to an email draft thread, as `multipart/form-data`. */
  create(threadId: string, body: AttachmentCreateParams, opts?: RequestOptions): APIPromise<Attachment> {
    return this._call(threadRoutes.attachmentsCreate, { threadId, body }, opts);
  }
}

/** The Unibox: `/api/threads`. */
export class Threads extends APIResource {
  /** Thread messages. */
  readonly messages: ThreadMessages = new ThreadMessages(this._client);
  /** Draft attachments. */
  readonly attachments: ThreadAttachments = new ThreadAttachments(this._client);

  /** Threads, page by page. */
  list(query?: ThreadListParams, opts?: RequestOptions): Paginator<Thread> {
    return this._call(threadRoutes.list, { query }, opts);
  }
  /** Create a draft (409 with `existing_thread(s)` for a duplicate recipient). Never retried. */
  create(body: ThreadCreateParams, opts?: RequestOptions): APIPromise<Thread> {
    return this._call(threadRoutes.create, { body }, opts);
  }
  /** A thread and all its messages. Side effect: resets `unread_count` (use `messages.list` to avoid it). */
  retrieve(id: string, opts?: RequestOptions): APIPromise<ThreadDetail> {
    return this._call(threadRoutes.retrieve, { id }, opts);
  }
  /** Update a thread. */
  update(id: string, body: ThreadUpdateParams, opts?: RequestOptions): APIPromise<Thread> {
    return this._call(threadRoutes.update, { id, body }, opts);
  }
}
