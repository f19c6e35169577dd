import { describe, expect, it } from "vitest";
import { redactDatabaseError, redactDatabaseUrl, redactSecrets } from "../../src/domain/redact.ts";

describe("redactDatabaseUrl", () => {
  const cases: Array<[string, string]> = [
    ["postgres://u:S3cretPw@db.internal:5432/tlsbot", "postgres://u:***@db.internal:5432/tlsbot"],
    ["postgresql://postgres@127.0.0.1:1/x?password=S3cretPw&sslpassword=S3cretSsl", "postgresql://postgres@127.0.0.1:1/x?password=***&sslpassword=***"],
    ["postgres://h/x?sslmode=verify-full&sslkey=/etc/tlsbot/key.pem&sslcert=/etc/tlsbot/cert.pem&sslrootcert=/etc/ca.pem", "postgres://h/x?sslmode=verify-full&sslkey=***&sslcert=***&sslrootcert=%2Fetc%2Fca.pem"],
    // Encoded: the password itself, the parameter name, and a value holding `&`.
    ["postgres://u:S3cret%21Pw%40x@h/x", "postgres://u:***@h/x"],
    ["postgres://h/x?pass%77ord=S3cretPw", "postgres://h/x?password=***"],
    ["postgres://h/x?PASSWORD=S3cret%26Pw&application_name=tlsbot", "postgres://h/x?PASSWORD=***&application_name=tlsbot"],
    // A raw `@` or `/` in the password: the URL parser and the patterns still find all of it.
    ["postgres://u:S3c@ret@h/x", "postgres://u:***@h/x"],
    ["postgres://u:5432/S3cret@h/x", "postgres://u:***@h/x"],
    ["postgres://tlsbot@db.internal:5432/tlsbot", "postgres://tlsbot@db.internal:5432/tlsbot"],
  ];
  for (const [url, want] of cases) {
    it(`masks ${url}`, () => {
      const out = redactDatabaseUrl(url);
      expect(out).toBe(want);
      expect(out).not.toMatch(/S3c/);
    });
  }

  it("gives nothing of a URL it cannot parse", () => {
    expect(redactDatabaseUrl("postgres://u:S3cret#Pw@h/x")).toBe("(unparseable database URL)");
  });
});

describe("redactDatabaseError", () => {
  it("masks the URL and its password wherever the driver echoed them, encoded or not", () => {
    const url = "postgres://u:S3cret%21Pw@127.0.0.1:1/x?sslpassword=K3yPass";
    const text = `could not connect with ${url}: password S3cret!Pw (S3cret%21Pw) rejected; sslpassword K3yPass`;
    const out = redactDatabaseError(text, url);
    expect(out).not.toMatch(/S3cret|K3yPass/);
    expect(out).toContain("could not connect with ***");
  });

  it("leaves a driver message without secrets alone", () => {
    expect(redactDatabaseError("connect ECONNREFUSED 127.0.0.1:1", "postgres://u:S3cretPw@127.0.0.1:1/x")).toBe("connect ECONNREFUSED 127.0.0.1:1");
  });
});

describe("redactSecrets", () => {
  it("masks bearer tokens, Slack tokens and secret-named pairs, and keeps the prose", () => {
    const text = [
      "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig",
      "bot xoxb-1234-5678-AbCdEf app xapp-1-A0-123-abc user xoxp-99-x",
      "password=hunter22 secret=s3 key=abc&next=1 client_secret=zz sslpassword=q",
      `{"clientSecret":"cs-value","appPassword":"ap-value","name":"tlsbot"}`,
      "a mysql://root:rootpw@h/db url",
    ].join("\n");
    const out = redactSecrets(text);
    for (const secret of ["eyJhbGciOiJSUzI1NiJ9", "1234-5678-AbCdEf", "1-A0-123-abc", "99-x", "hunter22", "=s3", "=abc", "zz", "=q", "cs-value", "ap-value", "rootpw"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("Authorization: ***");
    expect(out).toContain("xoxb-***");
    expect(out).toContain("next=1");
    expect(out).toContain(`"name":"tlsbot"`);
    expect(out).toContain("mysql://root:***@h/db");
  });

  it("changes nothing in ordinary messages", () => {
    for (const text of [
      "Could not open the database postgres://tlsbot@db.internal:5432/tlsbot: connect ECONNREFUSED 127.0.0.1:5432",
      "Azure refused access: AuthorizationFailed. The identity needs the Reader role on the scanned subscriptions.",
      "Unexpected token } in JSON at position 3",
      "Basic tier caches accept TLS 1.0 until 2025-03-01 (see https://learn.microsoft.com/azure/azure-cache-for-redis)",
    ]) expect(redactSecrets(text)).toBe(text);
  });
});
