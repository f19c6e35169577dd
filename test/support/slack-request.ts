import { createHmac } from "node:crypto";

/** A request body signed the way Slack signs it: v0=HMAC-SHA256(secret, "v0:{ts}:{body}"). */
export function signedSlackRequest(secret: string, body: string, contentType: string, timestamp = Math.floor(Date.now() / 1000)): RequestInit {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { method: "POST", body, headers: { "content-type": contentType, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature } };
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
