using Recommend.Ingest;
using Recommend.Ingest.Cli;

// One binary, two roles: the researchers' batch CLI when the first argument names a command,
// otherwise the ingest worker that the AppHost runs.
if (args.Length > 0 && IngestCli.TryGetCommand(args[0], out var command))
{
    return await IngestCli.RunAsync(command, args[1..]);
}

if (args.Length > 0 && IngestCli.IsHelpRequest(args[0]))
{
    IngestCli.PrintUsage(Console.Out);
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestServices();

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
return 0;

