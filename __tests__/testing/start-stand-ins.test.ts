import { createServer, type Server } from "node:net";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { startStandIns } from "../../src/testing";

async function refusesConnections(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED",
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("startStandIns()", () => {
  test("one call: both stand-ins, and an env on which a ProviderFactory's roles reach them offline", async () => {
    const standIns = await startStandIns();
    try {
      expect(standIns.env).toEqual({
        OPENAI_BASE_URL: `${standIns.openai.url}/v1`,
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: standIns.bedrock.url,
        AWS_REGION: "us-east-1",
        OPENAI_API_KEY: "sk-offline-stand-in",
        AWS_ACCESS_KEY_ID: "AKIAOFFLINESTANDIN00",
        AWS_SECRET_ACCESS_KEY: "offline-stand-in-secret",
        USE_ONEPASSWORD: "false",
      });
      expect(standIns.openai.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(standIns.bedrock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const factory = new ProviderFactory({ env: standIns.env });
      const gpt = await factory.forRole(AgentRole.RAG).complete({ messages: [{ role: "user", content: "Hello from OpenAI" }] });
      const claude = await factory.forRole(AgentRole.DIRECT).complete({ messages: [{ role: "user", content: "Hello from Bedrock" }] });
      expect([gpt.content, claude.content]).toEqual(["Stand-in reply to: Hello from OpenAI", "Stand-in reply to: Hello from Bedrock"]);
      expect(standIns.openai.requests.map((request) => [request.operation, request.modelId])).toEqual([["chat.completions", "gpt-4-turbo"]]);
      expect(standIns.bedrock.requests.map((request) => [request.operation, request.modelId])).toEqual([["converse", "anthropic.claude-3-haiku-20240307-v1:0"]]);
      expect(factory.tracker.totals().calls).toBe(2);
    } finally {
      await standIns.close();
    }
    expect(await refusesConnections(standIns.openai.url)).toBe(true);
    expect(await refusesConnections(standIns.bedrock.url)).toBe(true);
  });

  test("each server's options are passed on; a server that cannot start is the error, and the other one is stopped", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const openaiPort = await freePort();
      await expect(startStandIns({ openai: { port: openaiPort }, bedrock: { port } })).rejects.toMatchObject({ code: "EADDRINUSE" });
      expect(await refusesConnections(`http://127.0.0.1:${openaiPort}`)).toBe(true);
      const standIns = await startStandIns({ openai: { apiKey: "sk-required" } });
      try {
        const factory = new ProviderFactory({ env: standIns.env });
        await expect(factory.forRole(AgentRole.RAG).complete({ messages: [{ role: "user", content: "hi" }] })).rejects.toMatchObject({ status: 401 });
      } finally {
        await standIns.close();
      }
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
