import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';

/**
 * How responses are written. Every route declares its responses as zod schemas (for OpenAPI and for the types of
 * its handler); at start-up each one is turned into JSON Schema and compiled by fast-json-stringify into a writer
 * that knows the shape in advance, so a response costs one pass over the data that only copies the declared
 * properties — nothing undeclared (a password hash, a session) can leak into a body.
 *
 * Checking every response against its zod schema before writing it is a test of the code, not a service to
 * callers: tests and development do it (`validate`), production trusts the presenters the tests held to the
 * schemas, and saves the cost (ADR 0013).
 */

export interface ResponseSerializerOptions {
  /**
   * Parse each response with its zod schema first, and check that the compiled writer wrote the same; a
   * mismatch is a 500 naming the route.
   */
  validate: boolean;
}

/** A response that does not have the shape its route declares: a defect of the server, never of the caller. */
export class ResponseShapeError extends Error {
  constructor(method: string, url: string, cause: z.ZodError) {
    super(`The response of ${method} ${url} does not match its schema: ${z.prettifyError(cause)}`, { cause });
    this.name = 'ResponseShapeError';
  }
}

/** The compiled writer of a route's responses wrote something else than the schema let through. */
export class ResponseWriterError extends Error {
  constructor(method: string, url: string) {
    super(`The compiled writer of ${method} ${url} does not write what its schema lets through`);
    this.name = 'ResponseWriterError';
  }
}

type Writer = (data: unknown) => string;

/**
 * The JSON Schema fast-json-stringify writes from: the schema of what the handler returns (zod's output side).
 * Parts JSON Schema cannot say (a transform, a custom check) are left open, and written as JSON.stringify would.
 */
export function responseJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return withOpenObjects(
    z.toJSONSchema(schema, { target: 'draft-07', io: 'output', unrepresentable: 'any' }),
  );
}

/**
 * The writer copies declared properties only, so it needs no `additionalProperties: false`; left in, it would make
 * an object with one property too many match no branch of a nullable (`anyOf`) and fail the whole response.
 */
function withOpenObjects<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withOpenObjects) as T;
  if (node === null || typeof node !== 'object') return node;
  const open: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    open[key] = withOpenObjects(value);
  }
  return open as T;
}

/** One compiled writer per schema object: the problem responses are shared by every route. */
const writers = new WeakMap<z.ZodType, Writer>();

function writerFor(schema: z.ZodType): Writer {
  let writer = writers.get(schema);
  if (!writer) {
    writer = fastJson(responseJsonSchema(schema) as unknown as Parameters<typeof fastJson>[0]) as Writer;
    writers.set(schema, writer);
  }
  return writer;
}

function isZodSchema(schema: unknown): schema is z.ZodType {
  return schema instanceof z.ZodType;
}

export function responseSerializerCompiler(
  options: ResponseSerializerOptions,
): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url }) => {
    if (!isZodSchema(schema)) return (data) => JSON.stringify(data);
    const write = writerFor(schema);
    if (!options.validate) return write;
    return (data) => {
      const parsed = schema.safeParse(data);
      if (!parsed.success) throw new ResponseShapeError(method, url, parsed.error);
      const written = write(parsed.data);
      // The compiled writer must say exactly what the schema let through (a property it would drop or a value it
      // would coerce means the JSON Schema and the zod schema disagree).
      if (!isDeepStrictEqual(JSON.parse(written), JSON.parse(JSON.stringify(parsed.data)))) {
        throw new ResponseWriterError(method, url);
      }
      return written;
    };
  };
}
