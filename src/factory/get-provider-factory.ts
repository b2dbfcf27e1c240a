import { ProviderFactory } from "./provider-factory";

let processFactory: ProviderFactory | undefined;

/**
 * The process-wide {@link ProviderFactory} (on `process.env`, with its own `CostTracker`), created
 * at the first call. Use it where one tracker for the whole process is what you want.
 */
export function getProviderFactory(): ProviderFactory {
  return (processFactory ??= new ProviderFactory());
}
