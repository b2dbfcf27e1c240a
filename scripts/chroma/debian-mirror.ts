import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

/** One `deb` entry of the machine's apt sources. */
export interface AptSource {
  /** Archive URI, e.g. `http://deb.debian.org/debian`. */
  uri: string;
  /** Suites (distributions), e.g. `bookworm`, `bookworm-updates`. */
  suites: string[];
  /** Components, e.g. `main`. */
  components: string[];
  /** Keyring file from `Signed-By` / `[signed-by=...]`, when it names a file. */
  signedBy?: string;
}

/** Parses deb822 `.sources` text (stanzas of `Field: value` lines) into its `deb` entries. */
export function parseDeb822Sources(text: string): AptSource[] {
  return text
    .split(/\n\s*\n/)
    .map((stanza) => {
      const fields = new Map<string, string>();
      for (const line of stanza.split("\n")) {
        const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
        if (match?.[1] !== undefined && match[2] !== undefined) fields.set(match[1].toLowerCase(), match[2].trim());
      }
      return fields;
    })
    .filter((fields) => (fields.get("types") ?? "").split(/\s+/).includes("deb") && fields.get("enabled") !== "no")
    .flatMap((fields): AptSource[] => {
      const uri = (fields.get("uris") ?? "").split(/\s+/)[0];
      if (!uri) return [];
      const signedBy = fields.get("signed-by");
      return [
        {
          uri,
          suites: (fields.get("suites") ?? "").split(/\s+/).filter(Boolean),
          components: (fields.get("components") ?? "").split(/\s+/).filter(Boolean),
          ...(signedBy?.startsWith("/") ? { signedBy } : {}),
        },
      ];
    });
}

/** Parses one-line-style `.list` text (`deb [options] uri suite components...`) into its entries. */
export function parseOneLineSources(text: string): AptSource[] {
  return text.split("\n").flatMap((rawLine): AptSource[] => {
    const line = rawLine.replace(/#.*/, "").trim();
    const match = /^deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!match?.[2] || !match[3]) return [];
    const signedBy = /(?:^|\s)signed-by=(\S+)/.exec(match[1] ?? "")?.[1];
    return [
      {
        uri: match[2],
        suites: [match[3]],
        components: (match[4] ?? "").split(/\s+/).filter(Boolean),
        ...(signedBy ? { signedBy } : {}),
      },
    ];
  });
}

/** Reads every apt source the machine uses (`sources.list` and `sources.list.d/*.{list,sources}`). */
export function readAptSources(etcApt = "/etc/apt"): AptSource[] {
  const files = [path.join(etcApt, "sources.list")];
  const partsDir = path.join(etcApt, "sources.list.d");
  if (existsSync(partsDir)) files.push(...readdirSync(partsDir).sort().map((name) => path.join(partsDir, name)));
  return files.flatMap((file) => {
    if (file.endsWith(".sources") && existsSync(file)) return parseDeb822Sources(readFileSync(file, "utf8"));
    if (file.endsWith(".list") && existsSync(file)) return parseOneLineSources(readFileSync(file, "utf8"));
    return [];
  });
}

/** The machine's Debian release codename (`VERSION_CODENAME` in /etc/os-release), e.g. `bookworm`. */
export function debianCodename(osRelease = "/etc/os-release"): string | undefined {
  if (!existsSync(osRelease)) return undefined;
  return /^VERSION_CODENAME=["']?([^"'\n]+)/m.exec(readFileSync(osRelease, "utf8"))?.[1];
}

/**
 * The machine's own Debian mirror: the source that serves the release itself (suite equal to the
 * codename, not `-security`/`-updates`) with the `main` component. Throws an Error saying what
 * was looked at, and then `advice`, when there is none.
 */
export function findDebianMirror(
  etcApt = "/etc/apt",
  osRelease = "/etc/os-release",
  advice = "The Chroma server needs glibc >= 2.38; on this machine, run it where glibc is new enough or set CHROMA_URL to a running server.",
): AptSource {
  const codename = debianCodename(osRelease);
  const sources = readAptSources(etcApt);
  const mirror = sources.find((s) => codename !== undefined && s.suites.includes(codename) && s.components.includes("main"));
  if (mirror) return mirror;
  throw new Error(
    `Could not find this machine's Debian mirror: no "deb" source for suite "${codename ?? "(no VERSION_CODENAME in " + osRelease + ")"}" ` +
      `with component "main" in ${etcApt}/sources.list or ${etcApt}/sources.list.d/. ${advice}`,
  );
}
