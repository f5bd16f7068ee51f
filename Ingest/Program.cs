using Recommend.Ingest;
using Recommend.Ingest.Cli;

// One binary, two roles: the researchers' batch CLI when the first argument names a command (or
// asks for help), otherwise the ingest worker that the AppHost runs.
if (IngestCli.Handles(args))
{
    return await IngestCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestServices();

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
return 0;
