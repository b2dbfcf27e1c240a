import type { VendorKit } from "../vendor-kit";
import { bedrockConnectionKey, createBedrockClient } from "./bedrock-client";
import { BedrockProvider } from "./bedrock-provider";

/** How the factory builds Bedrock providers: one per role, every role on one endpoint and region sharing one `BedrockRuntimeClient`. */
export const BEDROCK_KIT: VendorKit = {
  connectionKey: (env) => bedrockConnectionKey({ env }),
  chatProvider: (settings, shared) => new BedrockProvider({ ...settings, client: shared(() => createBedrockClient({ env: settings.env, maxRetries: settings.maxRetries })) }),
};
