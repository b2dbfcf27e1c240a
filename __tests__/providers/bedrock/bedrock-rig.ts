import type { BedrockRuntimeClient, ServiceInputTypes, ServiceOutputTypes } from "@aws-sdk/client-bedrock-runtime";
import type { FinalizeRequestMiddleware } from "@smithy/types";
import { BedrockProvider, type BedrockProviderSettings } from "../../../src/providers/bedrock/bedrock-provider";

/** Variables of a fully configured test environment: region, keys, and no 1Password lookups. */
export const TEST_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIDSTANDINTEST",
  AWS_SECRET_ACCESS_KEY: "stand-in-secret-key",
  USE_ONEPASSWORD: "false",
};

/** Model ids the tests call (prices from shared/README.md, USD per 1M tokens). */
export const SONNET_35 = "anthropic.claude-3-5-sonnet-20241022-v2:0";
export const HAIKU_3 = "anthropic.claude-3-haiku-20240307-v1:0";
export const SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";

/** A BedrockProvider on its own client, pointed at a stand-in, with TEST_ENV and no retries unless given. */
export function providerFor(url: string, settings: Partial<BedrockProviderSettings> = {}): BedrockProvider {
  return new BedrockProvider({ model: SONNET_35, endpoint: url, env: { ...TEST_ENV }, maxRetries: 0, ...settings });
}

/** The credential scope of a signed request: `<access key id>/<date>/<region>/<service>/aws4_request`. */
export interface SignedScope {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Records the SigV4 credential scope of every request the client signs. The stand-in records the
 * Authorization header masked ("***"), so the tests read the scope where the real SDK put it: a
 * middleware right after the client's own signing step (the request still goes to the stand-in).
 */
export function recordSignedScopes(client: BedrockRuntimeClient): SignedScope[] {
  const scopes: SignedScope[] = [];
  const record: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
    const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
    const match = CREDENTIAL.exec(headers.authorization ?? "");
    if (match !== null) scopes.push({ accessKeyId: match[1] ?? "", region: match[2] ?? "", service: match[3] ?? "" });
    return next(args);
  };
  client.middlewareStack.addRelativeTo(record, { relation: "after", toMiddleware: "httpSigningMiddleware", name: "recordSignedScopes" });
  return scopes;
}

/** Text of every streamed chunk and the chunks themselves, or the error that ended the stream. */
export async function drain<T>(stream: AsyncIterable<T>): Promise<{ chunks: T[]; error?: unknown }> {
  const chunks: T[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}
