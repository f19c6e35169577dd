import type { Readable } from "node:stream";
import { RestError, type PipelinePolicy, type PipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";

/** A body this large is refused unless the connection says otherwise: far above any ARM or Resource Graph page tlsbot reads. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** The error code a refused body carries (`response-too-large` in scan errors). */
export const RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";

/**
 * The refusal: a RestError (RestError fixes its own prototype, so it cannot be subclassed) with code
 * RESPONSE_TOO_LARGE, which the retry policy does not retry.
 */
export function responseTooLarge(url: string, limit: number, size: number, declared: boolean): RestError {
  const where = url.replace(/\?.*$/, "");
  const what = declared ? `declared as ${size} bytes` : `exceeded ${limit} bytes`;
  return new RestError(`response body ${what} (limit ${limit}) from ${where}: not read`, { code: RESPONSE_TOO_LARGE });
}

/**
 * Caps every response body at `limit` bytes while it arrives, so a runaway page (a 50 MB list, a body that
 * never ends) costs at most `limit` bytes of memory instead of the whole body and its parse. The SDK's
 * HTTP client buffers a body whole before anyone sees it; this policy asks it for the stream instead,
 * counts the (decompressed) bytes as they come and, past the limit, aborts the request (which closes the
 * connection) and throws a RESPONSE_TOO_LARGE error, which the retry policy does not retry. Under the limit
 * the body is handed on as text, exactly as the client would have. A body cut off in transit is reported
 * as the client reports it (`Error reading response as text`, PARSE_ERROR), so `cutOffBodyRetry` still
 * retries it.
 */
export function responseSizeCap(limit: number = DEFAULT_MAX_RESPONSE_BYTES): PipelinePolicy {
  return {
    name: "tlsbotResponseSizeCap",
    async sendRequest(request, next) {
      // A caller that asked for a stream (none in tlsbot) reads it itself.
      if (request.streamResponseStatusCodes?.size) return next(request);
      const original = request.abortSignal;
      // Aborting this request's own signal is how the client closes the connection of a refused body.
      const stop = new AbortController();
      const forward = () => stop.abort();
      if (original?.aborted) stop.abort();
      original?.addEventListener("abort", forward);
      request.abortSignal = stop.signal;
      request.streamResponseStatusCodes = new Set([Number.POSITIVE_INFINITY]);
      try {
        const response = await next(request);
        return await readCapped(response, limit, stop, original);
      } finally {
        original?.removeEventListener("abort", forward);
        if (original) request.abortSignal = original;
        else delete request.abortSignal;
        delete request.streamResponseStatusCodes;
      }
    },
  };
}

async function readCapped(response: PipelineResponse, limit: number, stop: AbortController, original: PipelineRequest["abortSignal"]): Promise<PipelineResponse> {
  const stream = response.readableStreamBody as Readable | undefined;
  if (!stream) return response;
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    stop.abort();
    stream.destroy();
    throw responseTooLarge(response.request.url, limit, declared, true);
  }
  // Event-driven, as the SDK's own reader: cheaper per response than an async iterator.
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer | string) => {
      const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > limit) {
        chunks.length = 0;
        stream.removeAllListeners("data");
        stream.destroy();
        stop.abort();
        reject(responseTooLarge(response.request.url, limit, size, false));
        return;
      }
      chunks.push(buf);
    });
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", (err: Error) => {
      if (size > limit) return;
      // Reported as the client reports a body cut off in transit, so `cutOffBodyRetry` retries it.
      reject(original?.aborted ? err : new RestError(`Error reading response as text: ${err.message}`, { code: RestError.PARSE_ERROR, request: response.request }));
    });
  });
  delete response.readableStreamBody;
  response.bodyAsText = text;
  return response;
}
