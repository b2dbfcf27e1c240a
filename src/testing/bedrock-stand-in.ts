import { sendAwsError } from "./aws-errors";
import { answerConverse, converseAnswer, type ConverseIds } from "./bedrock-converse";
import { answerCountTokens, countTokensProblem, DEFAULT_COUNT_TOKENS_MODELS } from "./bedrock-count-tokens";
import { answerConverseStream } from "./bedrock-event-stream";
import { arrayOf, isJsonObject, objectOf, type JsonObject } from "./json-values";
import { startStandIn, type IncomingCall } from "./stand-in-server";
import type { ScriptedError, StandIn, StandInOptions } from "./stand-in-types";

/** `/model/{modelId}/{operation}`, the model id URL-encoded (prefixed ids and ARNs contain ':' and '/'). */
const ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream|count-tokens)$/;
/** Authorization a signed AWS request carries: SigV4, or a Bedrock API key (Bearer). */
const SIGNED = /^(AWS4-HMAC-SHA256 |Bearer )/;
const FIRST_MESSAGE =
  "A conversation must start with a user message. Try again with a conversation that starts with a user message.";

function routeOf(path: string): { operation: string; modelId: string } | undefined {
  const match = ROUTE.exec(path);
  if (match === null) return undefined;
  const [, encodedId = "", operation = ""] = match;
  try {
    return { operation, modelId: decodeURIComponent(encodedId) };
  } catch {
    return { operation, modelId: encodedId };
  }
}

/** A request that passed the checks AWS makes before any model work. */
interface ValidRequest {
  operation: string;
  body: JsonObject;
}

/** The request, or the error AWS would send before any model work. */
function checkRequest(call: IncomingCall, options: StandInOptions): ValidRequest | { error: ScriptedError } {
  const route = routeOf(call.path);
  if (route === undefined || call.method !== "POST") {
    return { error: { status: 404, type: "UnknownOperationException", message: `The Bedrock stand-in has no operation ${call.method} ${call.path}.` } };
  }
  if (options.requireAuth !== false && !SIGNED.test(call.headers.authorization ?? "")) {
    return { error: { status: 403, type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" } };
  }
  const body = call.body;
  if (call.bodyIsInvalidJson || !isJsonObject(body)) {
    return { error: { status: 400, type: "SerializationException", message: "The request body is not valid JSON." } };
  }
  if (route.operation === "count-tokens") {
    const error = countTokensProblem(route.modelId, body, options.countTokensModels ?? DEFAULT_COUNT_TOKENS_MODELS);
    return error === undefined ? { operation: route.operation, body } : { error };
  }
  const first = arrayOf(body.messages)[0];
  if (objectOf(first).role !== "user") return { error: { status: 400, type: "ValidationException", message: FIRST_MESSAGE } };
  return { operation: route.operation, body };
}

/**
 * Starts a stand-in of Bedrock Runtime on 127.0.0.1 (port 0 = a free port): POST
 * /model/{id}/converse, /converse-stream (AWS event stream) and /count-tokens, over HTTP/2 (the AWS
 * SDK's default) and HTTP/1.1. Give the SDK `endpoint: url` through a `BedrockRuntimeClient` you build.
 */
export function startBedrockStandIn(options: StandInOptions = {}): Promise<StandIn> {
  let toolUses = 0;
  let answers = 0;
  const ids: ConverseIds = {
    toolUse: () => `tooluse_standin_${(toolUses += 1)}`,
    request: () => `00000000-0000-4000-8000-${(answers += 1).toString(16).padStart(12, "0")}`,
  };
  return startStandIn(options, {
    describe: (call) => routeOf(call.path) ?? { operation: "unknown" },
    check: (call) => checkRequest(call, options),
    sendError: sendAwsError,
    answer: async ({ operation, body }, script, exchange, startedAt) => {
      if (operation === "count-tokens") return answerCountTokens(body, script, exchange);
      const answer = converseAnswer(body, script, ids);
      if (operation === "converse") return answerConverse(answer, script, exchange, startedAt);
      await answerConverseStream(answer, script, exchange, startedAt);
    },
  });
}
