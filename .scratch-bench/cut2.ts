import { startOpenAIStandIn } from "/work/main/src/testing/openai-stand-in";
import { ChatOpenAI } from "@langchain/openai";
import OpenAI from "openai";
(async () => {
  const s = await startOpenAIStandIn();
  s.reply({ text: "one two three four five six seven eight", cutAfterChunks: 3 });
  const client = new OpenAI({ apiKey: "x", baseURL: s.url + "/v1", maxRetries: 0 });
  try {
    const st = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }], stream: true });
    for await (const c of st) console.log("sdk", c.choices[0]?.delta);
    console.log("sdk ended cleanly");
  } catch (e) { console.log("sdk err", e); }
  s.reply({ text: "one two three four five six seven eight", cutAfterChunks: 3 });
  const m = new ChatOpenAI({ model: "gpt-4o", apiKey: "x", configuration: { baseURL: s.url + "/v1" }, maxRetries: 0 });
  try {
    for await (const c of await m.stream("hi")) console.log("lc", JSON.stringify(c.content));
    console.log("lc ended cleanly");
  } catch (e) { console.log("lc err", e); }
  await s.close();
})();
