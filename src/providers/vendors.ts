import type { ProviderName } from "../types";
import { OPENAI_TOKEN_COUNTS, OPENAI_VENDOR } from "./openai/openai-vendor";
import { BEDROCK_VENDOR } from "./bedrock/bedrock-vendor";
import { AZURE_VENDOR } from "./azure/azure-vendor";
import { APPROXIMATE_COUNT_MARGIN, type VendorDescriptor } from "./vendor";

/**
 * THE registry: every vendor the package serves, in the order unprefixed model ids are offered to
 * them. A vendor is a folder under src/providers/ with its descriptor (`<vendor>-vendor.ts`) and its
 * kit (`<vendor>-kit.ts`, what builds its providers), and one line here; the factory's kit table
 * (src/factory/vendor-kits.ts) is typed by these names, so it does not compile until the kit is there too.
 */
export const VENDORS = [OPENAI_VENDOR, BEDROCK_VENDOR, AZURE_VENDOR] as const;

/** The name of a vendor of the registry. */
export type VendorName = (typeof VENDORS)[number]["name"];

/** Where an unprefixed id that no vendor owns goes: OpenAI ("anything else OpenAI"). */
const UNOWNED_IDS_VENDOR: VendorDescriptor = OPENAI_VENDOR;

const BY_NAME = new Map<string, VendorDescriptor>(VENDORS.map((vendor) => [vendor.name, vendor]));
const BY_LS_PROVIDER = new Map<string, VendorDescriptor>(VENDORS.flatMap((vendor) => vendor.lsProviders.map((name) => [name, vendor] as const)));
const FORCED_VENDOR = new RegExp(`^(${VENDORS.map((vendor) => vendor.name).join("|")}):`);

/** Descriptors made for vendors outside the registry (a chat model of another package), by name; a few at most. */
const unlisted = new Map<string, VendorDescriptor>();
const MAX_UNLISTED = 100;

/**
 * What the package assumes of a vendor it does not know (a LangChain chat model of another package,
 * by its `ls_provider`): counts approximated with OpenAI's framing (`exact: false`, reserved with a
 * margin), its usage taken from LangChain's `usage_metadata`, its prices from the tables or from
 * genai-prices under its own name — else the call is unpriced.
 */
function unlistedVendor(name: string): VendorDescriptor {
  let vendor = unlisted.get(name);
  if (vendor === undefined) {
    if (unlisted.size >= MAX_UNLISTED) unlisted.clear();
    vendor = {
      name,
      label: name,
      lsProviders: [name],
      telemetryName: name,
      tokens: { ...OPENAI_TOKEN_COUNTS, exact: false, reservationMargin: APPROXIMATE_COUNT_MARGIN },
      errors: {},
      prices: { genaiPricesProvider: name },
    };
    unlisted.set(name, vendor);
  }
  return vendor;
}

/** The registry's vendor of this name, if it has one. */
export function listedVendor(name: string): VendorDescriptor | undefined {
  return BY_NAME.get(name);
}

/** The descriptor of a provider name: the registry's, or what is assumed of a vendor outside it. */
export function vendorOf(name: ProviderName): VendorDescriptor {
  return BY_NAME.get(name) ?? unlistedVendor(name);
}

/**
 * The provider name of a LangChain run: the vendor whose `ls_provider` it reported, else that
 * `ls_provider` itself (a vendor outside the registry is recorded under its own name, never as
 * another), else — a run that reported none — the vendor its model id routes to.
 */
export function providerOfRun(lsProvider: string | undefined, model: string): ProviderName {
  if (lsProvider === undefined) return parseModelId(model).provider;
  return BY_LS_PROVIDER.get(lsProvider)?.name ?? lsProvider;
}

/**
 * Splits a model id into the vendor that serves it and the bare id: `<vendor>:<id>` forces a vendor
 * (`openai:`, `bedrock:`, `azure:<deployment>`); otherwise the first vendor that owns the id (a
 * Bedrock id: `anthropic.…`, `us.anthropic.…`, an ARN) and anything else OpenAI. Surrounding
 * whitespace is ignored.
 */
export function parseModelId(id: string): { provider: VendorName; model: string } {
  const trimmed = id.trim();
  const forced = FORCED_VENDOR.exec(trimmed);
  if (forced !== null) return { provider: forced[1] as VendorName, model: trimmed.slice(forced[0].length).trim() };
  const owner = VENDORS.find((vendor: VendorDescriptor) => vendor.ownsModelId?.(trimmed) === true) ?? UNOWNED_IDS_VENDOR;
  return { provider: owner.name as VendorName, model: trimmed };
}
