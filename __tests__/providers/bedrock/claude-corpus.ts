/**
 * Texts for the Claude token-count approximation test: English, code, JSON, emoji, CJK,
 * whitespace-heavy text, several languages and formats. Each is one sample; LONG_MESSAGE and
 * MULTI_MESSAGE_PROMPT are built from them.
 */
export const CLAUDE_CORPUS: Readonly<Record<string, string>> = {
  english: "The quarterly report shows that revenue grew by twelve percent, driven mostly by new customers in Europe. However, operating costs rose faster than expected, and the board asked the finance team to explain the gap before the next meeting. Please summarise the main risks in three bullet points.",
  typescript: "export async function fetchUsers(client: HttpClient, ids: string[]): Promise<User[]> {\n  const results: User[] = [];\n  for (const id of ids) {\n    const response = await client.get(`/api/v2/users/${encodeURIComponent(id)}`);\n    if (!response.ok) throw new Error(`HTTP ${response.status} for user ${id}`);\n    results.push((await response.json()) as User);\n  }\n  return results.filter((user) => user.active && user.roles.includes(\"admin\"));\n}",
  python: "def merge_intervals(intervals):\n    \"\"\"Merge overlapping [start, end] intervals.\"\"\"\n    intervals.sort(key=lambda x: x[0])\n    merged = []\n    for start, end in intervals:\n        if merged and start <= merged[-1][1]:\n            merged[-1][1] = max(merged[-1][1], end)\n        else:\n            merged.append([start, end])\n    return merged\n",
  json: "{\n  \"id\": \"ord_8f3a2c\",\n  \"customer\": {\n    \"name\": \"Ada Lovelace\",\n    \"email\": \"ada@example.com\",\n    \"tier\": \"gold\"\n  },\n  \"items\": [\n    {\n      \"sku\": \"KB-1042\",\n      \"qty\": 2,\n      \"price\": 49.99\n    },\n    {\n      \"sku\": \"MS-7\",\n      \"qty\": 1,\n      \"price\": 19.5\n    }\n  ],\n  \"shipping\": {\n    \"method\": \"express\",\n    \"address\": \"12 Rue de Rivoli, 75001 Paris\"\n  },\n  \"paid\": true,\n  \"createdAt\": \"2024-11-05T10:32:00Z\"\n}",
  emoji: "Great job team! 🎉🎉 The launch went live 🚀 and users love it ❤️👍. Next up: bug fixes 🐛🔧, docs 📚 and a party 🥳🍕🍻. Weather today: ☀️🌤️⛈️ 🌈",
  emojiSequences: "👋 Hi! ✅ Task done 📦 shipped 🇩🇪🇫🇷🇯🇵 flags 👨‍👩‍👧‍👦 family 🏳️‍🌈",
  chinese: "人工智能正在改变我们的工作方式。大型语言模型可以帮助开发者编写代码、回答问题并总结长篇文档。但是，我们仍然需要仔细检查它们的输出，因为模型有时会产生看似合理但实际上错误的答案。",
  chineseNews: "今天下午我们在会议室讨论了新产品的发布计划。市场部希望在十二月初上线，但是技术团队认为还需要两周时间进行测试。最后大家同意先发布测试版，收集用户反馈后再正式发布。",
  chineseTech: "在分布式系统中，保证数据一致性是一个非常重要的问题。常见的解决方案包括两阶段提交、分布式锁以及最终一致性模型。",
  japanese: "東京の天気は明日晴れる予定です。週末には桜が満開になるでしょう。日本語のテキストはトークン数が多くなる傾向があります。",
  japaneseMail: "お世話になっております。先日ご依頼いただいた見積書を添付いたしますので、ご確認のほどよろしくお願いいたします。",
  korean: "안녕하세요. 오늘 회의는 오후 세 시에 시작합니다. 자료를 미리 검토해 주시기 바랍니다.",
  koreanNews: "정부는 내년부터 청년층을 위한 주거 지원 정책을 확대하겠다고 발표했습니다.",
  whitespaceTable: "Name        Qty     Price\n----        ---     -----\nApple         3      1.20\nBanana       12      0.35\n\n\n\n        indented line\n\t\tTabbed\tcolumns\there\n                                        \n    end    ",
  whitespaceBlankLines: "\n\n\n    \n\t\t\t\n        x = 1\n\n\n\n\n            y = 2\n                                                                                     z",
  markdown: "## Installation\n\n1. Run `npm install @orchestratai/llm`\n2. Set `AWS_REGION=us-east-1`\n3. See [the docs](https://example.com/docs?ref=readme#setup) for details.\n\n| key | value |\n|-----|-------|\n| a   | 1     |\n",
  markdownTable: "| Model | Input $/1M | Output $/1M |\n|:------|-----------:|------------:|\n| Claude 3 Haiku | 0.25 | 1.25 |\n| Claude 3.5 Sonnet v2 | 3.00 | 15.00 |\n| Claude Sonnet 4.5 (global) | 3.00 | 15.00 |",
  numbers: "Order 4711 shipped on 2024-03-15 at 14:05:33 UTC, tracking 1Z999AA10123456784, total $1,234.56 (VAT 19%: $197.16). Call +49 30 1234567.",
  mixedSymbols: "Error: ECONNRESET at TLSSocket.onConnectEnd (node:_tls_wrap:1696:19) — retrying in 2s… (attempt 3/5) ✔ done. Übermäßig größere Straße, café naïve façade.",
  french: "Le conseil municipal a voté hier soir le nouveau budget, qui prévoit une hausse des dépenses pour les écoles et les transports publics. Les habitants pourront donner leur avis lors d'une réunion publique le mois prochain.",
  german: "Die Bundesregierung hat am Mittwoch ein umfangreiches Maßnahmenpaket zur Förderung erneuerbarer Energien beschlossen. Kritiker bemängeln jedoch, dass die Finanzierung langfristig nicht gesichert sei.",
  italian: "La riunione di domani è stata spostata alle dieci perché il direttore arriverà in ritardo. Portate i documenti aggiornati e le vostre proposte per il progetto.",
  russian: "Вчера вечером в центре города открылась новая библиотека. Читатели смогут бесплатно пользоваться компьютерами и посещать лекции.",
  sql: "SELECT c.id, c.name, SUM(o.total) AS revenue\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nWHERE o.created_at >= '2024-01-01'\nGROUP BY c.id, c.name\nHAVING SUM(o.total) > 1000\nORDER BY revenue DESC\nLIMIT 20;",
  html: "<div class=\"card\">\n  <h2 class=\"card-title\">Welcome back, {{user.name}}!</h2>\n  <p>You have <strong>3</strong> unread messages.</p>\n  <a href=\"/inbox?filter=unread\" class=\"btn btn-primary\">Open inbox</a>\n</div>",
  yaml: "services:\n  api:\n    image: orchestratai/api:1.4.2\n    ports:\n      - \"8080:8080\"\n    environment:\n      AWS_REGION: us-east-1\n      LOG_LEVEL: debug\n    depends_on:\n      - redis\n  redis:\n    image: redis:7-alpine",
  logs: "2024-11-25T10:01:02.345Z INFO  [worker-3] job=ingest id=9f1c2e7a took=1532ms rows=10422\n2024-11-25T10:01:04.001Z WARN  [worker-1] retrying request to https://api.example.com/v1/items (429 Too Many Requests)\n2024-11-25T10:01:05.777Z ERROR [worker-1] giving up after 5 attempts",
  email: "Hi Maria,\n\nThanks for sending the contract over. I've read through it and have two small questions about the payment terms in section 4. Could we jump on a quick call tomorrow afternoon?\n\nBest regards,\nTom",
  go: "func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {\n\tctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)\n\tdefer cancel()\n\tif err := s.db.PingContext(ctx); err != nil {\n\t\thttp.Error(w, \"database unavailable\", http.StatusServiceUnavailable)\n\t\treturn\n\t}\n\tw.WriteHeader(http.StatusOK)\n}",
  csv: "date,region,product,units,revenue\n2024-01-01,EMEA,Widget A,120,2400.00\n2024-01-01,APAC,Widget B,75,1875.50\n2024-01-02,AMER,Widget A,310,6200.00\n2024-01-02,EMEA,Gadget X,12,1199.88",
  bash: "#!/usr/bin/env bash\nset -euo pipefail\nfor f in \"$@\"; do\n  if [[ -f \"$f\" ]]; then\n    gzip -9 \"$f\" && echo \"compressed $f\"\n  else\n    echo \"skip: $f\" >&2\n  fi\ndone",
  stackTrace: "TypeError: Cannot read properties of undefined (reading 'map')\n    at renderList (/app/src/components/List.tsx:42:18)\n    at processChild (/app/node_modules/react-dom/cjs/react-dom-server.node.development.js:3353:14)\n    at resolve (/app/node_modules/react-dom/cjs/react-dom-server.node.development.js:3270:5)",
  minified: "function a(b,c){return b.reduce(function(d,e){return d+e*c},0)}var x=[1,2,3].map(function(y){return y*2});console.log(a(x,3));",
  url: "https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html?sc_channel=el&trk=abc-123#supported-models",
  base64: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  shortQuestion: "What is the capital of France?",
};

/** Short CJK passages, where a per-script factor is least reliable (the bound there is 20%). */
export const SHORT_CJK: Readonly<Record<string, string>> = {
  zh5: "机器学习模型的训练需要大量的数据和计算资源，因此很多公司选择使用云服务来降低成本。",
  zh7: "数据库连接失败，请检查网络设置和用户权限，然后重新启动服务。",
  ko5: "서울은 대한민국의 수도이며 인구가 천만 명에 가까운 대도시입니다.",
  zh3: "北京是中国的首都，也是一座历史悠久的文化名城。每年都有成千上万的游客来到这里参观故宫、长城和天坛。",
};

/** A long message (~25 kB): 40 paragraphs mixing prose with code, JSON and Chinese. */
export const LONG_MESSAGE = Array.from({ length: 40 }, (_, index) => {
  const insert = [CLAUDE_CORPUS.typescript, CLAUDE_CORPUS.json, CLAUDE_CORPUS.chinese][index % 3];
  return `Paragraph ${index + 1}: ${CLAUDE_CORPUS.english} ${insert}`;
}).join("\n\n");

/** A conversation: a system prompt and several user / assistant turns of mixed content. */
export const MULTI_MESSAGE_PROMPT = [
  { role: "system" as const, content: "You are a careful reviewer. Answer in English, briefly, and cite line numbers." },
  { role: "user" as const, content: `Please review this function:\n\n${CLAUDE_CORPUS.typescript}` },
  { role: "assistant" as const, content: "It fetches users one by one; requests could run in parallel with Promise.all, and errors lose the response body." },
  { role: "user" as const, content: `And this order record? ${CLAUDE_CORPUS.json}` },
  { role: "assistant" as const, content: "The record is consistent: two items, paid, express shipping to Paris." },
  { role: "user" as const, content: `最后，请把这段话翻译成英文：${CLAUDE_CORPUS.chinese}` },
];
