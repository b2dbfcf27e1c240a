import { ProviderError } from "../../../src/errors";
import { CountTokensUnsupportedError } from "../../../src/providers/bedrock/bedrock-errors";
import { foundationModelId } from "../../../src/providers/bedrock/bedrock-model-ids";
import { converseTokensInput } from "../../../src/providers/bedrock/bedrock-count-tokens";
import { toBaseMessages } from "../../../src/messages";
import { converseInputTokens } from "../../../src/testing";
import { useBedrockStandIn } from "../../helpers/stand-ins";
import { HAIKU_3, providerFor, SONNET_35, SONNET_45 } from "./bedrock-rig";

const server = useBedrockStandIn();

const conversation = [
  { role: "system" as const, content: "You answer questions about invoices." },
  { role: "user" as const, content: "How much is invoice 4711?" },
  { role: "assistant" as const, content: "Invoice 4711 is $1,234.56, due on 2024-12-01." },
  { role: "user" as const, content: "And with 19% VAT?" },
];

describe("countTokensExact: Bedrock's CountTokens through the AWS SDK", () => {
  it("returns the server's count: the input tokens a Converse call with the same messages bills", async () => {
    const provider = providerFor(server.url);
    const counted = await provider.countTokensExact({ messages: conversation });
    server.reply({ text: "$1,469.13." });
    const billed = (await provider.complete({ messages: conversation })).tokensInput;
    expect(counted).toBe(billed);
    const [countRequest, converseRequest] = server.requests;
    expect(countRequest).toMatchObject({ operation: "count-tokens", modelId: SONNET_35 });
    expect(converseRequest?.operation).toBe("converse");
    const body = converseRequest?.body as { messages: unknown; system: unknown };
    expect(counted).toBe(converseInputTokens({ messages: body.messages, system: body.system }));
    expect(countRequest?.body).toEqual({ input: { converse: converseTokensInput(toBaseMessages(conversation)) } });
  });

  it("returns exactly what Bedrock answers", async () => {
    server.reply({ usage: { inputTokens: 4242 } });
    expect(await providerFor(server.url).countTokensExact({ messages: conversation })).toBe(4242);
  });

  it.each([
    ["a us. profile", `us.${SONNET_35}`, SONNET_35],
    ["a global. profile", `global.${SONNET_45}`, SONNET_45],
    ["an inference-profile ARN", `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.${SONNET_35}`, SONNET_35],
  ])("maps %s to the bare foundation-model id CountTokens accepts", async (_, model, bare) => {
    server.reply({ usage: { inputTokens: 17 } });
    expect(await providerFor(server.url, { model }).countTokensExact({ messages: conversation })).toBe(17);
    expect(server.requests.map((request) => [request.operation, request.modelId])).toEqual([["count-tokens", bare]]);
  });

  it("raises CountTokensUnsupportedError, not retried, when Bedrock does not count the model", async () => {
    const failure = await providerFor(server.url, { model: `us.${HAIKU_3}`, maxRetries: 3 })
      .countTokensExact({ messages: conversation })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CountTokensUnsupportedError);
    expect(failure).toBeInstanceOf(ProviderError);
    const error = failure as CountTokensUnsupportedError;
    expect(error).toMatchObject({ provider: "bedrock", model: `us.${HAIKU_3}`, countModelId: HAIKU_3, status: 400, retryable: false, reason: "http" });
    expect(error.message).toBe(
      `Bedrock cannot count tokens for us.${HAIKU_3} (asked CountTokens for its foundation model ${HAIKU_3}): ` +
        "The provided model doesn't support counting tokens. CountTokens serves only some foundation models; " +
        "use countTokens() for a local approximation (exact: false).",
    );
    expect((error.cause as Error).name).toBe("ValidationException");
    expect(server.requests).toHaveLength(1);
  });

  it("names the model alone when it was asked by its bare id", async () => {
    const error = await providerFor(server.url, { model: HAIKU_3 }).countTokensExact({ messages: conversation }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CountTokensUnsupportedError);
    expect((error as Error).message).toMatch(new RegExp(`^Bedrock cannot count tokens for ${HAIKU_3.replace(/\./g, "\\.")}: The provided model`));
  });

  it("stops when the caller's signal fires, with a provider timeout also set", async () => {
    server.reply({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await providerFor(server.url, { timeoutMs: 5_000 })
      .countTokensExact({ messages: conversation, signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect((error as ProviderError).reason).toBe("aborted");
  });

  it("refuses an answer without a usable count (malformed, retryable)", async () => {
    server.reply({ usage: { inputTokens: -1 } });
    const error = await providerFor(server.url).countTokensExact({ messages: conversation }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ reason: "malformed", retryable: true });
    expect((error as Error).message).toBe(
      `Bedrock CountTokens for ${SONNET_35} answered without a token count (inputTokens: -1); retry, and report it if it persists.`,
    );
  });

  it("reports other failures as ProviderError: a timeout", async () => {
    server.reply({ hang: true });
    const error = await providerFor(server.url, { timeoutMs: 200 })
      .countTokensExact({ messages: conversation })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(CountTokensUnsupportedError);
    expect((error as ProviderError).reason).toBe("timeout");
  });

  it("reports other failures as ProviderError: a malformed answer", async () => {
    server.reply({ malformed: true });
    const error = await providerFor(server.url).countTokensExact({ messages: conversation }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain("Unexpected end of JSON input");
    expect(((error as ProviderError).cause as Error).name).toBe("SyntaxError");
  });

  // KNOWN BUG outside this directory (reported): the AWS SDK's deserialization error is a SyntaxError
  // carrying $metadata.httpStatusCode 200, and toProviderError (provider-error.ts) checks the status
  // before the body, so it says "failed with HTTP 200" (reason "http", not retryable). Flip to `it`
  // once reasonOf treats a status below 400 as no HTTP failure.
  it("names a malformed answer reason malformed (not 'HTTP 200')", async () => {
    server.reply({ malformed: true });
    const error = await providerFor(server.url).countTokensExact({ messages: conversation }).catch((caught: unknown) => caught);
    expect((error as ProviderError).reason).toBe("malformed");
  });

  it("retries a throttled CountTokens like any other request", async () => {
    server.reply({ error: { status: 429, type: "ThrottlingException", retryAfterSeconds: 0 } });
    server.reply({ usage: { inputTokens: 9 } });
    expect(await providerFor(server.url, { maxRetries: 1 }).countTokensExact({ messages: conversation })).toBe(9);
    expect(server.requests).toHaveLength(2);
  });
});

describe("foundationModelId", () => {
  it.each([
    [SONNET_35, SONNET_35],
    [`us.${SONNET_35}`, SONNET_35],
    [`apac.${SONNET_35}`, SONNET_35],
    [`us-gov.${SONNET_35}`, SONNET_35],
    [`global.${SONNET_45}`, SONNET_45],
    [`arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_35}`, SONNET_35],
    [`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`, HAIKU_3],
    ["arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3", "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3"],
  ])("%s → %s", (model, bare) => {
    expect(foundationModelId(model)).toBe(bare);
  });
});

describe("converseTokensInput", () => {
  it("lays the text out as Converse does: system apart, AI turns as assistant, the rest as user", () => {
    expect(converseTokensInput(toBaseMessages(conversation))).toEqual({
      system: [{ text: "You answer questions about invoices." }],
      messages: [
        { role: "user", content: [{ text: "How much is invoice 4711?" }] },
        { role: "assistant", content: [{ text: "Invoice 4711 is $1,234.56, due on 2024-12-01." }] },
        { role: "user", content: [{ text: "And with 19% VAT?" }] },
      ],
    });
    expect(converseTokensInput(toBaseMessages([{ role: "user", content: "Hi" }]))).toEqual({ messages: [{ role: "user", content: [{ text: "Hi" }] }] });
  });
});
