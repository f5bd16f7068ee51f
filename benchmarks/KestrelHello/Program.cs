// The plain Kestrel "hello" endpoint: no middleware, no telemetry, no body reading. The load
// script POSTs the same JSON body it sends the gateway, so the request on the wire is the same.
// POST /payload answers PayloadBytes bytes (the size of a cached recommendation, passed by the
// load script) so the cost of the answer's size can be told apart from the gateway's own work.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
var payload = Payload(app.Configuration.GetValue("PayloadBytes", 16 * 1024));
app.MapGet("/", () => "Hello, World!");
app.MapPost("/", () => "Hello, World!");
app.MapPost("/payload", () => Results.Bytes(payload, "application/json; charset=utf-8"));
await app.RunAsync();

static byte[] Payload(int size)
{
    // {"filler":"xxx...x"}: valid JSON of exactly the requested size.
    var bytes = new byte[Math.Max(size, 16)];
    "{\"filler\":\""u8.CopyTo(bytes);
    bytes.AsSpan(11, bytes.Length - 13).Fill((byte)'x');
    "\"}"u8.CopyTo(bytes.AsSpan(bytes.Length - 2));
    return bytes;
}
