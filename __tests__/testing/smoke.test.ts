import { ChatOpenAI } from "@langchain/openai";
import { ChatBedrockConverse } from "@langchain/aws";
import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { startOpenAIStandIn, startBedrockStandIn, openAIPromptTokens } from "../../src/testing";

it("smoke", async () => {
  const o = await startOpenAIStandIn();
  const b = await startBedrockStandIn();
  try {
    const chat = new ChatOpenAI({ model: "gpt-4o", apiKey: "sk-test", configuration: { baseURL: o.url + "/v1" } });
    const r = await chat.invoke("Hello there, what is up?");
    console.log(r.content, r.usage_metadata, r.response_metadata);
    let text = ""; let last;
    for await (const c of await chat.stream("Hello there, what is up?")) { text += c.content; if (c.usage_metadata) last = c.usage_metadata; }
    console.log(text, last, await openAIPromptTokens([{role:"user",content:"Hello there, what is up?"}], "gpt-4o"));
    const client = new BedrockRuntimeClient({ endpoint: b.url, region: "us-east-1", credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" } });
    const br = new ChatBedrockConverse({ model: "anthropic.claude-3-5-sonnet-20241022-v2:0", client, region: "us-east-1" });
    const r2 = await br.invoke("Hello Claude");
    console.log(r2.content, r2.usage_metadata);
    let t2 = ""; let u2;
    for await (const c of await br.stream("Hello Claude")) { t2 += c.content; if (c.usage_metadata) u2 = c.usage_metadata; }
    console.log(t2, u2, b.requests.map(r => [r.operation, r.modelId, r.headers.authorization]));
  } finally { await o.close(); await b.close(); }
});
