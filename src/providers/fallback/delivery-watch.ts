import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { CallbackManager, type Callbacks } from "@langchain/core/callbacks/manager";

/**
 * A callback handler added to one attempt of a fallback chain: it notes whether LangChain handed
 * any token of the attempt's answer to a consumer (a streaming handler, LangGraph's "messages"
 * stream) — an invoke that streams inside. Such an attempt is never fallen back from, whatever its
 * error: the consumer has seen part of its answer. Awaited, so it has noted the token before the
 * attempt's error reaches the chain.
 */
export class DeliveryWatch extends BaseCallbackHandler {
  name = "fallback_delivery_watch";
  override awaitHandlers = true;
  /** Whether a token of the attempt's answer was handed out. */
  delivered = false;

  /** A token was handed to the run's handlers. */
  override handleLLMNewToken(): void {
    this.delivered = true;
  }

  /** This handler added to `callbacks` (a list of handlers, a manager or none), which are left as they are. */
  addTo(callbacks: Callbacks | undefined): Callbacks {
    if (callbacks === undefined) return [this];
    if (callbacks instanceof CallbackManager) return callbacks.copy([this]);
    return [...callbacks, this];
  }
}
